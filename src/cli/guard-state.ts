// The state both `guard serve` and `guard serve-http` run with: the store and the audit log named by the
// config (audit default: `audit.jsonl` beside a SQLite store, or in `.mcp-guard/` beside the config with
// Redis). Loaded lazily so the scanner never loads node:sqlite or the Redis client. A Redis store that
// does not answer yet does not stop the guard: it starts, refuses what needs the store and reports not
// ready (fail closed) until Redis answers.
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

/** The audit log's default path: beside a SQLite store, else in `.mcp-guard/` beside the config file. */
export function defaultAuditPath(config: GuardConfig): string {
  const dir =
    config.store.type === 'sqlite' ? dirname(config.store.path) : join(dirname(config.file), '.mcp-guard');
  return join(dir, 'audit.jsonl');
}

/** Opens the store and the audit log of `config`; `log` gets the store's diagnostics. */
export async function openGuardState(config: GuardConfig, log?: (line: string) => void): Promise<GuardState> {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import('../guard/store/index.ts'),
    import('../guard/audit/index.ts'),
  ]);
  const auditPath = config.audit.path ?? defaultAuditPath(config);
  const store = await openStore(config.store, { requireReady: false, log });
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
