// `guard audit repair`: a log whose last write was interrupted (a crash mid-write, a full disk) ends
// in a torn line, and the guard refuses to chain onto it. Repair sets the torn bytes aside in a file of
// their own, cuts the log back to its last whole record, and appends a `repair` record (with the torn
// bytes' hash) so the chain itself says what was done. Anything but a torn last line is left alone.
import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { AuditLog } from './log.ts';
import { lockWriter } from './writers.ts';

/** What `repairAuditLog` did. */
export interface RepairResult {
  /** Where the torn bytes were put. */
  aside: string;
  bytes: number;
  /** The `repair` record's seq. */
  seq: number;
}

/** Repairs a torn last line; throws a message for a human when there is nothing (safe) to repair. */
export async function repairAuditLog(path: string, now = new Date()): Promise<RepairResult> {
  const lock = lockWriter(path);
  if (!lock) throw new Error(`${path}: a guard is writing this log; stop it first`);
  try {
    const buf = readFileSync(path);
    const cut = buf.lastIndexOf(0x0a) + 1;
    const torn = buf.subarray(cut);
    if (torn.length === 0)
      throw new Error(
        `${path}: the last line is whole; nothing to repair (see \`mcp-guard guard audit verify\`)`,
      );
    const aside = `${path}.torn-${now.toISOString().replace(/[:.]/g, '-')}`;
    writeFileSync(aside, torn, { mode: 0o600, flag: 'wx' });
    truncateSync(path, cut);
    const log = await AuditLog.open(path);
    try {
      const record = log.append({
        decision: 'repair',
        reason: `a torn last line (${torn.length} bytes, an interrupted write) was set aside in ${aside}`,
        tornSha256: createHash('sha256').update(torn).digest('hex'),
      } as never);
      return { aside, bytes: torn.length, seq: record.seq };
    } finally {
      log.close();
    }
  } finally {
    lock.close();
  }
}
