import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  AuditLog
} from "./chunk-AFSMA25Q.js";
import {
  GENESIS,
  REDACTED,
  canonicalJson,
  hashArgs,
  recordHash,
  redact,
  verifyAuditLog
} from "./chunk-3A7AZ5BI.js";
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
