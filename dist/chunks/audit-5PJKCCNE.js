import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  AuditLog
} from "./chunk-5T5D3WER.js";
import {
  GENESIS,
  REDACTED,
  canonicalJson,
  hashArgs,
  recordHash,
  redact,
  verifyAuditLog
} from "./chunk-Z3H2VSPE.js";
import "./chunk-3FEQ3C2E.js";
export {
  AuditLog,
  GENESIS,
  REDACTED,
  canonicalJson,
  hashArgs,
  recordHash,
  redact,
  verifyAuditLog
};
