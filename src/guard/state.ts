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
  auditPath: string;
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

/** Opens the store and the audit log of `config`; `log` gets the store's diagnostics (Redis going away). */
export async function openGuardState(config: GuardConfig, log?: (line: string) => void): Promise<GuardState> {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import('./store/index.ts'),
    import('./audit/index.ts'),
  ]);
  const auditPath = auditPathFor(config);
  const store = await openStore(config.store, { requireReady: false, log });
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
