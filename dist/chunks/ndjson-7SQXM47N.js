import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  NdjsonTransport
} from "./chunk-R6GF4WLT.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-3FEQ3C2E.js";
export {
  NdjsonTransport
};
