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
} from "./chunk-4HIVLIKG.js";
import "./chunk-PTOY7E6B.js";
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
