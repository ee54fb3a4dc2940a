// One audit file per writer. Several guard processes on one store (the stdio guards of several
// clients, replicas on a shared volume) must not append to one file: each chains its records to the
// last one it wrote, so two chains interleaved in one file read as tampering. Each process takes the
// first free slot: the configured path, then `<stem>.2<ext>`, `<stem>.3<ext>` ... A slot is held by an
// exclusive SQLite lock on `<file>.lock` (Node has no flock; SQLite's locks are the operating system's,
// released the moment the holder dies), so a guard restarted after a crash takes a slot back at once,
// continues that file's chain, and records the outcome of the calls its predecessor left in flight.
import {
  chmodSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AuditLog, type AuditOptions } from './log.ts';
import type { AuditRecord } from './record.ts';

/** Writers (slots) tried before giving up. */
export const MAX_WRITERS = 64;
/** How much of a file's end is read for calls left in flight: far more than a request timeout's worth. */
const TAIL_BYTES = 16 * 1024 * 1024;

/** The file of slot `n` (1-based) of the log configured at `base`. */
export function slotPath(base: string, n: number): string {
  if (n === 1) return base;
  const ext = extname(base);
  return `${ext ? base.slice(0, -ext.length) : base}.${n}${ext}`;
}

/** Takes the writer lock of `path`, or undefined when another process holds it. */
export function lockWriter(path: string): DatabaseSync | undefined {
  const lock = `${path}.lock`;
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(lock, '', { flag: 'a', mode: 0o600 });
  chmodSync(lock, 0o600);
  const db = new DatabaseSync(lock, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    if (/locked|busy/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** An open writer: its log, its file, its id (replica and file, the owner of its spend reservations). */
export interface Writer {
  log: AuditLog;
  path: string;
  /**
   * `<replica>:<absolute file path>`: stable across restarts of the process that holds this slot, and
   * distinct for two configs whose logs share a store but not a folder.
   */
  id: string;
  /**
   * The `forward` records the previous holder of this slot left with no outcome: it stopped after
   * recording them. Their outcome is written by {@link recordUnfinished}, once the store has said which
   * of them were never sent.
   */
  unfinished: AuditRecord[];
  /**
   * The spend leases the previous holder's `forward` records name, each with what its calls spent (see
   * {@link LeaseSpend}): the takeover settles them to it once the store has released what was never sent.
   */
  leases: LeaseSpend[];
  /** Closes the log and gives the slot up. */
  close(): void;
}

/**
 * Opens the first free slot of the log configured at `base`. Refuses (AuditLogError) a slot whose file
 * is damaged, naming it and the command that repairs it, rather than skipping to another file.
 */
export async function openWriter(base: string, options: AuditOptions & { replica: string }): Promise<Writer> {
  // Not a file (a device such as /dev/stderr or /dev/full): nothing to lock, no slots beside it.
  if (existsSync(base) && !statSync(base).isFile()) {
    const log = await AuditLog.open(base, options);
    return {
      log,
      path: base,
      id: `${options.replica}:${resolve(base)}`,
      unfinished: [],
      leases: [],
      close: () => log.close(),
    };
  }
  for (let n = 1; n <= MAX_WRITERS; n++) {
    const path = slotPath(base, n);
    const lock = lockWriter(path);
    if (!lock) continue;
    let log: AuditLog;
    try {
      log = await AuditLog.open(path, options);
    } catch (error) {
      lock.close();
      throw error;
    }
    let tail: TailScan;
    try {
      // This slot's previous holder is gone: its calls with no outcome will never get one from it.
      tail = scanTail(path);
    } catch (error) {
      log.close();
      lock.close();
      throw error;
    }
    return {
      log,
      path,
      id: `${options.replica}:${resolve(path)}`,
      unfinished: tail.unfinished,
      leases: tail.leases,
      close() {
        try {
          log.close();
        } finally {
          lock.close();
        }
      },
    };
  }
  throw new Error(`${base}: all ${MAX_WRITERS} audit files are in use by other guard processes`);
}

/**
 * Writes the outcome of each call a crashed predecessor left in flight (`Writer.unfinished`). A call
 * whose spend reservation the store has just released (`released`: it was never marked forwarded, and
 * the guard marks it before sending) never reached its backend: an `error` record says so. Any other
 * may have run: `unknown`. Returns how many of each.
 */
export function recordUnfinished(
  log: Pick<AuditLog, 'append'>,
  unfinished: readonly AuditRecord[],
  released: ReadonlySet<string>,
): { unknown: number; unsent: number } {
  let unknown = 0;
  let unsent = 0;
  for (const r of unfinished) {
    const sent = r.reservation === undefined || !released.has(r.reservation);
    log.append({
      decision: sent ? 'unknown' : 'error',
      code: sent ? undefined : -32603,
      call: r.call,
      agent: r.agent,
      session: r.session,
      method: r.method,
      tool: r.tool,
      id: r.id,
      amount: r.amount,
      backend: r.backend,
      argsHash: r.argsHash,
      reason: sent
        ? `forwarded at ${r.time} (seq ${r.seq}); the guard stopped before the outcome was recorded: the backend may have run it`
        : `recorded at ${r.time} (seq ${r.seq}) but never sent: the guard stopped first; its spend reservation was released`,
    });
    if (sent) unknown++;
    else unsent++;
  }
  return { unknown, unsent };
}

/**
 * The `forward` records near the end of the file at `path` with no outcome after them (same `call`),
 * oldest first: calls still in flight, or left in flight by a guard that stopped.
 */
export function unfinishedCalls(path: string, tailBytes = TAIL_BYTES): AuditRecord[] {
  return scanTail(path, tailBytes).unfinished;
}

/** What one spend lease's calls spent, as the audit file tells (see policies/spend/lease.ts). */
export interface LeaseSpend {
  /** The lease's reservation id. */
  reservation: string;
  /** The amounts of its forwarded calls, less those given back (`released` on the outcome). */
  amount: number;
  /**
   * Every `forward` record of the lease is in the part of the file read: the whole file was read, or
   * the lease's first record there is more than LEASE_SPREAD_MS after the first record read (a lease's
   * calls are recorded within its one-second lifetime). When false the store keeps the lease as it is.
   */
  complete: boolean;
}

/** Longer than any lease's calls take to reach their `forward` records (leases hand out budget for 1 s). */
const LEASE_SPREAD_MS = 60_000;

interface TailScan {
  unfinished: AuditRecord[];
  leases: LeaseSpend[];
}

/** One pass over the end of the file: calls left without an outcome, and the spend of each lease. */
function scanTail(path: string, tailBytes = TAIL_BYTES): TailScan {
  const fd = openSync(path, 'r');
  let text: string;
  let truncated = false;
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    text = buf.toString('utf8');
    // Started mid-file: the first line is a fragment.
    if (start > 0) {
      text = text.slice(text.indexOf('\n') + 1);
      truncated = true;
    }
  } finally {
    closeSync(fd);
  }
  const open = new Map<string, AuditRecord>();
  /** Lease calls by `call`: their lease and amount (dropped when the outcome gave the amount back). */
  const leased = new Map<string, { lease: string; micros: number }>();
  const leases = new Map<string, { micros: number; first: number; last: number }>();
  const timeOf = (line: string) => Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? '');
  const lines = text.split('\n');
  const from = truncated ? timeOf(lines[0]) : undefined;
  let end = Number.NEGATIVE_INFINITY;
  for (let i = lines.length - 1; i >= 0 && !(end > 0); i--) end = timeOf(lines[i]);
  for (const line of lines) {
    if (!line.includes('"call"')) continue;
    let r: AuditRecord;
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof r.call !== 'string') continue;
    if (r.decision === 'forward') {
      open.set(r.call, r);
      if (r.lease === true && typeof r.reservation === 'string') {
        const micros = Math.round((typeof r.amount === 'number' ? r.amount : 0) * 1_000_000);
        leased.set(r.call, { lease: r.reservation, micros });
        const at = Date.parse(r.time);
        const lease = leases.get(r.reservation);
        if (lease) {
          lease.micros += micros;
          lease.last = at;
        } else leases.set(r.reservation, { micros, first: at, last: at });
      }
    } else {
      open.delete(r.call);
      const part = leased.get(r.call);
      const lease = part === undefined ? undefined : leases.get(part.lease);
      if (part !== undefined && lease !== undefined) {
        if (r.released === true) lease.micros -= part.micros;
        lease.last = Date.parse(r.time);
      }
      leased.delete(r.call);
    }
  }
  return {
    unfinished: [...open.values()],
    // Leases of runs long over were settled by their guard (a lease settles within a second of its last
    // call): only those with a record near the end of the file can have been left unsettled.
    leases: [...leases]
      .filter(([, l]) => !(end - l.last > LEASE_SPREAD_MS))
      .map(([reservation, l]) => ({
        reservation,
        amount: l.micros / 1_000_000,
        complete: !truncated || l.first - (from ?? Number.POSITIVE_INFINITY) > LEASE_SPREAD_MS,
      })),
  };
}
