// How the admin commands (`guard approvals`, `guard pins`) reach the guard's store: `--db PATH` (a
// SQLite file) or the `store` section of `--config FILE` (SQLite or Redis: the same config works from
// any machine that reaches the Redis), opened lazily so the scanner never loads node:sqlite or ioredis.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
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

/** Runs `fn` with an open store, turning store refusals (unknown or ambiguous id ...) into usage errors. */
export async function withStore<T>(opts: StoreOpts, fn: (store: Store) => Promise<T>): Promise<T> {
  if (!opts.config === !opts.db) throw new UsageError('give either --config FILE or --db PATH');
  const config =
    opts.db !== undefined
      ? { type: 'sqlite' as const, path: opts.db }
      : (await loadGuardConfig(opts.config!)).store;
  // Opening would create an empty database, and a mistyped path would then look like an empty queue.
  if (config.type === 'sqlite' && !existsSync(config.path))
    throw new UsageError(
      opts.db !== undefined
        ? `--db ${opts.db}: no such database (the guard creates it on its first run; check the path, or give --config FILE)`
        : `${config.path}: no database yet (the store of ${opts.config}); the guard creates it on its first run`,
    );
  const { openStore, StoreError, StoreUnavailableError } = await import('../guard/store/index.ts');
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw new UsageError(error.message);
    throw error;
  }
  try {
    return await fn(store);
  } catch (error) {
    if (error instanceof StoreError || error instanceof StoreUnavailableError)
      throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}
