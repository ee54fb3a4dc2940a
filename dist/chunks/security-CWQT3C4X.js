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
} from "./chunk-JEJ5TL53.js";
import "./chunk-A3EN2S4S.js";
import "./chunk-IZ36T4J7.js";
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
