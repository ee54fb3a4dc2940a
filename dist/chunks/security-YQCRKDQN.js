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
} from "./chunk-67UTSPHH.js";
import "./chunk-26F2K6XT.js";
import "./chunk-7WMYWOMW.js";
import "./chunk-ZZFFYHML.js";
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
