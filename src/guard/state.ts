// The state a running guard needs besides its config: the store and the audit log the config names.
// `auditPathFor` is the one place that decides the audit log's path, so `guard check` prints exactly
// what `guard serve` and `serve-http` open. The store and the log are loaded lazily so the scanner
// never loads node:sqlite or the Redis client. A Redis store that does not answer yet does not stop the
// guard: it starts, refuses what needs the store and reports not ready (fail closed) until Redis answers.
import { dirname, join, resolve } from 'node:path';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditLog } from './audit/index.ts';
import type { Store } from './store/types.ts';

/** An open store and audit log, and how to close both. */
export interface GuardState {
  store: Store;
  audit: AuditLog;
  /** The file this process writes: the configured one, or another slot of it (audit/writers.ts). */
  auditPath: string;
  /** `<replica>:<audit file>`: the owner of this guard's spend reservations (stable across restarts). */
  writer: string;
  /** What was taken over from a crashed predecessor on that file, for a start-up line ('' when nothing). */
  recovered: string;
  close(): Promise<void>;
}

/**
 * The audit log a guard with `config` writes: `audit.path` (or `audit_log`), else `audit.jsonl` beside a
 * SQLite store, or in `.mcp-guard/` beside the config file with Redis.
 */
export function auditPathFor(config: GuardConfig): string {
  if (config.audit.path !== undefined) return config.audit.path;
  const dir =
    config.store.type === 'sqlite' ? dirname(config.store.path) : resolve(dirname(config.file), '.mcp-guard');
  return join(dir, 'audit.jsonl');
}

/**
 * Opens the store and this process's audit file for `config`; `log` gets the store's diagnostics (Redis
 * going away). Each process writes its own file (the configured one, or `<stem>.2<ext>` ... when another
 * guard holds it); the guard that takes a file over gives back the spend its crashed predecessor
 * reserved for calls never forwarded, then records the outcome of the calls it left in flight: never
 * sent (their reservation was just released) or `unknown` (the backend may have run them).
 */
export async function openGuardState(config: GuardConfig, log?: (line: string) => void): Promise<GuardState> {
  const [{ openStore }, { openWriter, recordUnfinished }] = await Promise.all([
    import('./store/index.ts'),
    import('./audit/writers.ts'),
  ]);
  const store = await openStore(config.store, { requireReady: false, log });
  let writer: Awaited<ReturnType<typeof openWriter>>;
  try {
    writer = await openWriter(auditPathFor(config), {
      recordArguments: config.audit.recordArguments,
      redact: config.audit.redact,
      replica: config.replica,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // A store that does not answer yet (Redis): its reservations are released at the next start instead,
  // and the calls left in flight are recorded as `unknown` (which of them were sent cannot be told).
  const released = await store.releaseUnforwarded(writer.id).catch((error: Error) => {
    log?.(`mcp-guard: cannot release the spend of calls never forwarded yet: ${error.message}`);
    return [];
  });
  const unsent = new Set(released);
  // The predecessor's spend leases: each kept at what its forwarded calls spent (the rest given back).
  // One it settled itself before it stopped is settled to the same amount again, which changes nothing
  // (so nothing is said about them). A lease whose calls the file may not hold in full stays as the store
  // has it (the safe side).
  for (const lease of writer.leases) {
    if (!lease.complete || unsent.has(lease.reservation)) continue;
    try {
      await store.settle(lease.reservation, lease.amount);
    } catch (error) {
      log?.(`mcp-guard: cannot settle a spend lease of the previous run: ${(error as Error).message}`);
    }
  }
  const left = recordUnfinished(writer.log, writer.unfinished, unsent);
  const notes = [
    left.unknown ? `${left.unknown} call(s) forwarded before a crash recorded as unknown` : '',
    left.unsent ? `${left.unsent} call(s) recorded before a crash but never sent recorded as errors` : '',
    released.length ? `${released.length} spend reservation(s) of calls never forwarded released` : '',
  ].filter(Boolean);
  return {
    store,
    audit: writer.log,
    auditPath: writer.path,
    writer: writer.id,
    recovered: notes.join('; '),
    async close() {
      writer.close();
      await store.close();
    },
  };
}
