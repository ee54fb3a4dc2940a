import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  NdjsonTransport,
  RAW_MIN_BYTES
} from "./chunk-6PXYHE46.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-3FEQ3C2E.js";
export {
  NdjsonTransport,
  RAW_MIN_BYTES
};
