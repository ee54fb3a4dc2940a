// The state both `guard serve` and `guard serve-http` run with: the store and the audit log named by the
// config (audit default: `audit.jsonl` beside the store). Loaded lazily so the scanner never loads
// node:sqlite.
import { dirname, join } from 'node:path';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditLog } from '../guard/audit/index.ts';
import type { Store } from '../guard/store/types.ts';

/** An open store and audit log, and how to close both. */
export interface GuardState {
  store: Store;
  audit: AuditLog;
  auditPath: string;
  close(): Promise<void>;
}

/** Opens the store and the audit log of `config`. */
export async function openGuardState(config: GuardConfig): Promise<GuardState> {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import('../guard/store/index.ts'),
    import('../guard/audit/index.ts'),
  ]);
  const auditPath = config.audit.path ?? join(dirname(config.store.path), 'audit.jsonl');
  const store = await openStore(config.store);
  const audit = await AuditLog.open(auditPath, {
    recordArguments: config.audit.recordArguments,
    redact: config.audit.redact,
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
