// The guard's tamper-evident audit log: writer, verifier and record helpers.
export { type AuditEntry, AuditLog, type AuditOptions } from './log.ts';
export {
  type AuditRecord,
  canonicalJson,
  GENESIS,
  hashArgs,
  REDACTED,
  recordHash,
  redact,
} from './record.ts';
export { type VerifyResult, verifyAuditLog } from './verify.ts';
