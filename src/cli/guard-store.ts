// How the admin commands (`guard approvals`, `guard pins`) reach the guard's store: `--db PATH` (a
// SQLite file) or the `store` section of `--config FILE` (SQLite or Redis: the same config works from
// any machine that reaches the Redis), opened lazily so the scanner never loads node:sqlite or ioredis.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditSink } from '../guard/context.ts';
import type { Store } from '../guard/store/types.ts';
import { UsageError } from './errors.ts';

/** The options `storeOptions` adds. */
export interface StoreOpts {
  config?: string;
  db?: string;
}

/** Adds `--config` and `--db` to an admin command. */
export const storeOptions = (cmd: Command): Command =>
  cmd
    .option('-c, --config <file>', 'guard config whose store section names the store (SQLite or Redis)')
    .option('--db <path>', 'a SQLite store database');

/** What `withStore` hands over: the store, and with `--config` the config and this process's audit log. */
export interface AdminState {
  store: Store;
  /** Absent with `--db` (no config, so no audit log to write to). */
  config?: GuardConfig;
  audit?: AuditSink;
}

/**
 * Runs `fn` with an open store, turning store refusals (unknown or ambiguous id ...) into usage errors.
 * With `withAudit` and `--config`, the guard's audit log is opened too (this process's own file of it,
 * as a guard's: the decisions made here are in the log beside the guard's records).
 */
export async function withStore<T>(
  opts: StoreOpts,
  fn: (store: Store, state: AdminState) => Promise<T>,
  withAudit = false,
): Promise<T> {
  if (!opts.config === !opts.db) throw new UsageError('give either --config FILE or --db PATH');
  const guardConfig = opts.config !== undefined ? await loadGuardConfig(opts.config) : undefined;
  const config = guardConfig === undefined ? { type: 'sqlite' as const, path: opts.db! } : guardConfig.store;
  // Opening would create an empty database, and a mistyped path would then look like an empty queue.
  if (config.type === 'sqlite' && !existsSync(config.path))
    throw new UsageError(
      opts.db !== undefined
        ? `--db ${opts.db}: no such database (the guard creates it on its first run; check the path, or give --config FILE)`
        : `${config.path}: no database yet (the store of ${opts.config}); the guard creates it on its first run`,
    );
  const { openStore, StoreError, StoreUnavailableError } = await import('../guard/store/index.ts');
  let state: AdminState & { close(): Promise<void> };
  try {
    if (withAudit && guardConfig !== undefined) {
      const { openGuardState } = await import('../guard/state.ts');
      const opened = await openGuardState(guardConfig, (line) => process.stderr.write(`${line}\n`));
      if (opened.recovered) process.stderr.write(`mcp-guard: ${opened.recovered}\n`);
      state = { store: opened.store, config: guardConfig, audit: opened.audit, close: () => opened.close() };
    } else {
      const store = await openStore(config);
      state = { store, config: guardConfig, close: () => store.close() };
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw new UsageError(error.message);
    throw error;
  }
  try {
    return await fn(state.store, state);
  } catch (error) {
    if (error instanceof StoreError || error instanceof StoreUnavailableError)
      throw new UsageError(error.message);
    throw error;
  } finally {
    await state.close();
  }
}
