// The guard's tamper-evident audit log: writer, verifier and record helpers. (writers.ts and repair.ts,
// which hold SQLite locks, are imported directly by the CLI, so the library never loads node:sqlite.)
export { type AuditEntry, AuditLog, AuditLogError, type AuditOptions } from './log.ts';
export {
  type AuditRecord,
  canonicalJson,
  GENESIS,
  hashArgs,
  REDACTED,
  recordHash,
  redact,
} from './record.ts';
export { type RepairResult, repairAuditLog } from './repair.ts';
export { type VerifyResult, verifyAuditLog } from './verify.ts';
export { openWriter, recordUnfinished, slotPath, unfinishedCalls, type Writer } from './writers.ts';
