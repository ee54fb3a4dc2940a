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
} from "./chunk-ER4ENVQI.js";
import "./chunk-JHVHAKCZ.js";
import "./chunk-XSOO4F43.js";
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
