import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  WireGuard,
  isLoopback,
  queryCredential,
  readBody,
  sendJson,
  splitHost,
  stripCredentialHeaders
} from "./chunk-QYMOTCHV.js";
import "./chunk-UAZV4FOR.js";
import "./chunk-3FEQ3C2E.js";
export {
  WireGuard,
  isLoopback,
  queryCredential,
  readBody,
  sendJson,
  splitHost,
  stripCredentialHeaders
};
