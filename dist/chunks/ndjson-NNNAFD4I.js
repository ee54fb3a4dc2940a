import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  NdjsonTransport
} from "./chunk-7NDUA5L5.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-3FEQ3C2E.js";
export {
  NdjsonTransport
};
