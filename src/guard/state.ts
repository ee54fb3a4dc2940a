// The state a running guard needs besides its config: the store and the audit log the config names.
// `auditPathFor` is the one place that decides the audit log's path, so `guard check` prints exactly
// what `guard serve` and `serve-http` open. The store and the log are loaded lazily so the scanner
// never loads node:sqlite.
import { dirname, join } from 'node:path';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditLog } from './audit/index.ts';
import type { Store } from './store/types.ts';

/** An open store and audit log, and how to close both. */
export interface GuardState {
  store: Store;
  audit: AuditLog;
  auditPath: string;
  close(): Promise<void>;
}

/** The audit log a guard with `config` writes: `audit.path` (or `audit_log`), else `audit.jsonl` beside the store. */
export function auditPathFor(config: GuardConfig): string {
  return config.audit.path ?? join(dirname(config.store.path), 'audit.jsonl');
}

/** Opens the store and the audit log of `config`. */
export async function openGuardState(config: GuardConfig): Promise<GuardState> {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import('./store/index.ts'),
    import('./audit/index.ts'),
  ]);
  const auditPath = auditPathFor(config);
  const store = await openStore(config.store);
  const audit = await AuditLog.open(auditPath, {
    recordArguments: config.audit.recordArguments,
    redact: config.audit.redact,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  return {
    store,
    audit,
    auditPath,
    async close() {
      audit.close();
      await store.close();
    },
  };
}
