// Opens the configured store. `node:sqlite` and the Redis client are imported lazily, so code paths
// that never touch the store (the scanner) never load them, and a SQLite guard never loads ioredis.
import { redisAddress } from '../../config/guard-store.ts';
import type { GuardConfig } from '../../config/guard-types.ts';
import type { Store } from './types.ts';

export type { Approval, Store } from './types.ts';
export { StoreError, StoreUnavailableError } from './types.ts';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * Redis only: refuse to open when it does not answer within the connect timeout (default true, as
   * the admin CLI wants). A guard server passes false: it starts, refuses what needs the store and
   * reports not ready until Redis answers.
   */
  requireReady?: boolean;
  /** Diagnostics (Redis: a line when it goes away and when it is back). */
  log?: (line: string) => void;
}

/** Opens (creating if needed) the store described by a config's `store` section. */
export async function openStore(
  config: GuardConfig['store'],
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (config.type === 'redis') {
    const { RedisStore } = await import('./redis.ts');
    return RedisStore.open(config, options);
  }
  const { SqliteStore } = await import('./sqlite.ts');
  return SqliteStore.open(config.path);
}

/** Where the store keeps its state, for humans: `sqlite /path/state.db` or `redis redis://host:6379`. */
export function describeStore(config: GuardConfig['store']): string {
  if (config.type === 'sqlite') return `sqlite ${config.path}`;
  return `redis ${redisAddress(config)} (keys ${config.keyPrefix}*)`;
}
