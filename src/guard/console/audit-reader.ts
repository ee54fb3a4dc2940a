// Reads the audit log for the console a page at a time, from the end of the file backwards, so a
// large log is never loaded whole: a page of matching records and the byte offset to continue from.
// A record is addressed by the byte offset of its line. A last line still being written (no newline
// yet) is left for the next read.
import { open } from 'node:fs/promises';
import type { AuditRecord } from '../audit/index.ts';

/** Which records a page shows. Times are milliseconds since the epoch. */
export interface AuditFilter {
  agent?: string;
  tool?: string;
  decision?: string;
  from?: number;
  to?: number;
}

/** One record and where its line starts. */
export interface AuditEntryAt {
  at: number;
  record: AuditRecord;
}

/** A page, newest first; `older` continues backwards from there (absent at the start of the file). */
export interface AuditPage {
  records: AuditEntryAt[];
  older?: number;
  /** Lines that are not JSON records (shown as such, not hidden). */
  unreadable: number;
}

const CHUNK = 64 * 1024;
/** A page stops after looking at this many lines, so a rare filter on a huge log still answers quickly. */
const SCAN_MAX = 200_000;

function matches(r: AuditRecord, f: AuditFilter): boolean {
  if (f.agent && r.agent !== f.agent) return false;
  if (f.tool && r.tool !== f.tool) return false;
  if (f.decision && r.decision !== f.decision) return false;
  const t = Date.parse(r.time);
  if (f.from !== undefined && !(t >= f.from)) return false;
  if (f.to !== undefined && !(t <= f.to)) return false;
  return true;
}

/** Reads up to `limit` matching records ending before byte `before` (default: the end). */
export async function readAuditPage(
  path: string,
  options: { before?: number; limit?: number; filter?: AuditFilter } = {},
): Promise<AuditPage> {
  const limit = options.limit ?? 50;
  const filter = options.filter ?? {};
  const file = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!file) return { records: [], unreadable: 0 };
  try {
    const size = (await file.stat()).size;
    let end = Math.min(options.before ?? size, size);
    const records: AuditEntryAt[] = [];
    let unreadable = 0;
    let scanned = 0;
    // Bytes after `end` that belong to a line not yet complete (its start is in an earlier chunk).
    let tail = Buffer.alloc(0);
    let first = options.before === undefined;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      await file.read(chunk, 0, chunk.length, start);
      let buf = Buffer.concat([chunk, tail]);
      if (first) {
        // From the end of the file: drop a last line without its newline (still being written).
        const lastNl = buf.lastIndexOf(0x0a);
        buf = lastNl < 0 ? Buffer.alloc(0) : buf.subarray(0, lastNl + 1);
        if (lastNl < 0 && start > 0) {
          end = start;
          tail = Buffer.alloc(0);
          continue;
        }
        first = false;
      }
      // Lines wholly inside `buf`: everything after its first newline (or all of it at the file's start).
      const firstNl = start === 0 ? -1 : buf.indexOf(0x0a);
      const whole = buf.subarray(firstNl + 1);
      const wholeStart = start + firstNl + 1;
      const lines = whole.toString('utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      // Offsets of each line, computed on bytes (UTF-8 lines may hold multi-byte characters).
      const offsets: number[] = [];
      let pos = 0;
      for (const line of lines) {
        offsets.push(wholeStart + pos);
        pos += Buffer.byteLength(line) + 1;
      }
      for (let i = lines.length - 1; i >= 0; i--) {
        if (++scanned > SCAN_MAX || records.length >= limit)
          return { records, older: offsets[i] + Buffer.byteLength(lines[i]) + 1, unreadable };
        let record: AuditRecord;
        try {
          record = JSON.parse(lines[i]);
        } catch {
          unreadable++;
          continue;
        }
        if (filter.from !== undefined && Date.parse(record.time) < filter.from)
          return { records, unreadable }; // the log is in time order: nothing older can match
        if (matches(record, filter)) records.push({ at: offsets[i], record });
      }
      if (start === 0) break;
      tail = buf.subarray(0, firstNl + 1);
      end = start;
    }
    return { records, unreadable };
  } finally {
    await file.close();
  }
}

/** The record whose line starts at byte `at`, if there is one. */
export async function readAuditRecord(path: string, at: number): Promise<AuditRecord | undefined> {
  if (!Number.isSafeInteger(at) || at < 0) return undefined;
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return undefined;
  try {
    if (at > 0) {
      const before = Buffer.alloc(1);
      await file.read(before, 0, 1, at - 1);
      if (before[0] !== 0x0a) return undefined; // not the start of a line
    }
    const buf = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await file.read(buf, 0, buf.length, at);
    const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
    if (nl < 0) return undefined;
    return JSON.parse(buf.subarray(0, nl).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}
