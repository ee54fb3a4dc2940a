import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  NdjsonTransport,
  RAW_MIN_BYTES
} from "./chunk-KV5JIFWX.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-3FEQ3C2E.js";
export {
  NdjsonTransport,
  RAW_MIN_BYTES
};
