// The state both `guard serve` and `guard serve-http` run with: the store and this process's audit
// file, named by the config (audit default: `audit.jsonl` beside the store). Each process writes its own
// file (audit/writers.ts): the configured one, or `<stem>.2<ext>` ... when another guard holds it. At
// start-up the guard takes over what a crashed predecessor on that file left: calls forwarded with no
// outcome get an `unknown` record, and spend reserved for calls never forwarded is given back.
// Loaded lazily so the scanner never loads node:sqlite.
import { dirname, join } from 'node:path';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditLog } from '../guard/audit/index.ts';
import type { Store } from '../guard/store/types.ts';

/** An open store and audit log, and how to close both. */
export interface GuardState {
  store: Store;
  audit: AuditLog;
  /** The file this process writes (the configured path, or another slot of it). */
  auditPath: string;
  /** `<replica>:<audit file name>`: the owner of this guard's spend reservations. */
  writer: string;
  /** What was taken over from a crashed predecessor, for the start-up line (empty when nothing). */
  recovered: string;
  close(): Promise<void>;
}

/** Opens the store and this process's audit file for `config`. */
export async function openGuardState(config: GuardConfig): Promise<GuardState> {
  const [{ openStore }, { openWriter }] = await Promise.all([
    import('../guard/store/index.ts'),
    import('../guard/audit/writers.ts'),
  ]);
  const base = config.audit.path ?? join(dirname(config.store.path), 'audit.jsonl');
  const store = await openStore(config.store);
  let writer: Awaited<ReturnType<typeof openWriter>>;
  try {
    writer = await openWriter(base, {
      recordArguments: config.audit.recordArguments,
      redact: config.audit.redact,
      replica: config.replica,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  let released = 0;
  try {
    released = await store.releaseUnforwarded(writer.id);
  } catch (error) {
    writer.close();
    await store.close();
    throw error;
  }
  const notes = [
    writer.recovered ? `${writer.recovered} call(s) forwarded before a crash recorded as unknown` : '',
    released ? `${released} spend reservation(s) of calls never forwarded released` : '',
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
