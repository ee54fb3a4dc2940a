// Checks an audit log's hash chain and reports the first record that breaks it: an edited field
// changes the record's hash, a deleted or reordered line breaks `seq` and `prev`. The file is read as
// a stream, line by line, so a large log is never held in memory whole.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type AuditRecord, GENESIS, recordHash } from './record.ts';

/** What `verifyAuditLog` found. */
export interface VerifyResult {
  ok: boolean;
  /** Records checked before the first break (all of them when ok). */
  records: number;
  /** 1-based line of the first broken record, its seq (when readable) and why. */
  firstBroken?: { line: number; seq?: number; reason: string };
  /**
   * Calls forwarded to a backend with no outcome recorded after them (in flight, or left so by a guard
   * that stopped and has not restarted on this file), among the records checked.
   */
  unfinished?: { line: number; seq: number; tool?: string; id?: AuditRecord['id'] }[];
  /** Calls whose outcome is recorded as `unknown` (the guard stopped after forwarding them). */
  unknown?: number;
}

/** Verifies the chain of the log at `path`. */
export async function verifyAuditLog(path: string): Promise<VerifyResult> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let prev = GENESIS;
  let expectedSeq = 1;
  let i = 0;
  const open = new Map<string, { line: number; seq: number; tool?: string; id?: AuditRecord['id'] }>();
  let unknown = 0;
  const calls = (): Pick<VerifyResult, 'unfinished' | 'unknown'> => ({
    ...(open.size > 0 ? { unfinished: [...open.values()] } : {}),
    ...(unknown > 0 ? { unknown } : {}),
  });
  try {
    for await (const line of lines) {
      const broken = (reason: string, seq?: number): VerifyResult => ({
        ok: false,
        records: i,
        firstBroken: { line: i + 1, ...(seq !== undefined ? { seq } : {}), reason },
        ...calls(),
      });
      let record: AuditRecord;
      try {
        record = JSON.parse(line);
      } catch {
        return broken('not a JSON record');
      }
      if (!record || typeof record !== 'object') return broken('not a JSON record');
      const seq = Number.isInteger(record.seq) ? record.seq : undefined;
      if (recordHash(record) !== record.hash) return broken('content does not match its hash (edited)', seq);
      if (record.seq !== expectedSeq)
        return broken(
          `seq ${record.seq} where ${expectedSeq} was expected (a record is missing or moved)`,
          seq,
        );
      if (record.prev !== prev) return broken('prev does not match the previous record (chain broken)', seq);
      prev = record.hash;
      expectedSeq++;
      i++;
      if (typeof record.call === 'string') {
        if (record.decision === 'forward')
          open.set(record.call, { line: i, seq: record.seq, tool: record.tool, id: record.id });
        else {
          open.delete(record.call);
          if (record.decision === 'unknown') unknown++;
        }
      }
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return { ok: true, records: i, ...calls() };
}
