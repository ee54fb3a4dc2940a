// Opens the configured store. `node:sqlite` is imported lazily so that code paths which never touch
// the store (the scanner, on Node 20/22) never load it.
import type { GuardConfig } from '../../config/guard.ts';
import type { Store } from './types.ts';

export type { Approval, Store } from './types.ts';
export { StoreError } from './types.ts';

/** Opens (creating if needed) the store described by a config's `store` section. */
export async function openStore(config: GuardConfig['store']): Promise<Store> {
  const { SqliteStore } = await import('./sqlite.ts');
  return SqliteStore.open(config.path);
}
