import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  WireGuard,
  isLoopback,
  queryCredential,
  readBody,
  sendError,
  sendJson,
  splitHost,
  stripCredentialHeaders
} from "./chunk-QVKLAXUC.js";
import "./chunk-OE3GFNHV.js";
import "./chunk-W4ZHFN6Y.js";
import "./chunk-ZZFFYHML.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  WireGuard,
  isLoopback,
  queryCredential,
  readBody,
  sendError,
  sendJson,
  splitHost,
  stripCredentialHeaders
};
