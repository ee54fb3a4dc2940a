import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  RECORD_PREFIX,
  loadSecrets,
  publicJwk,
  publishedKeys,
  readSecrets,
  rotateKeys,
  selfIssuerChecks
} from "./chunk-JW5THHOE.js";
import "./chunk-RDICAMBL.js";
import "./chunk-3FEQ3C2E.js";
export {
  RECORD_PREFIX,
  loadSecrets,
  publicJwk,
  publishedKeys,
  readSecrets,
  rotateKeys,
  selfIssuerChecks
};
