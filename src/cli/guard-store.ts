// How the admin commands (`guard approvals`, `guard pins`) reach the guard's store: `--db PATH` or the
// `store` section of `--config FILE`, opened lazily so the scanner never loads node:sqlite.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import type { Store } from '../guard/store/types.ts';
import { UsageError } from './main.ts';

/** The options `storeOptions` adds. */
export interface StoreOpts {
  config?: string;
  db?: string;
}

/** Adds `--config` and `--db` to an admin command. */
export const storeOptions = (cmd: Command): Command =>
  cmd
    .option('-c, --config <file>', 'guard config whose store section names the database')
    .option('--db <path>', 'the store database');

/** Runs `fn` with an open store, turning store refusals (unknown or ambiguous id ...) into usage errors. */
export async function withStore<T>(opts: StoreOpts, fn: (store: Store) => Promise<T>): Promise<T> {
  if (!opts.config === !opts.db) throw new UsageError('give either --config FILE or --db PATH');
  const path = opts.db ?? (await loadGuardConfig(opts.config!)).store.path;
  // Opening would create an empty database, and a mistyped path would then look like an empty queue.
  if (!existsSync(path))
    throw new UsageError(
      opts.db !== undefined
        ? `--db ${opts.db}: no such database (the guard creates it on its first run; check the path, or give --config FILE)`
        : `${path}: no database yet (the store of ${opts.config}); the guard creates it on its first run`,
    );
  const { openStore, StoreError } = await import('../guard/store/index.ts');
  const store = await openStore({ type: 'sqlite', path });
  try {
    return await fn(store);
  } catch (error) {
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}
