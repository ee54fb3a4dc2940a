// oidc-provider's storage adapter over the guard's `Store` records: every model (grants, codes,
// sessions, interactions, refresh tokens, device codes, registered clients) is a record of kind
// `oauth:<Model>`, with its expiry, the session's uid or the device code's user code as its lookup,
// and its grant id as its group (so revoking a grant deletes all its tokens at once). On SQLite the
// state survives a restart; on Redis every replica sees it.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { RecordWrite, Store } from '../store/types.ts';
import { RECORD_PREFIX } from './keys.ts';

/** The models whose records belong to a grant (oidc-provider's `revokeByGrantId` targets). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/**
 * Records are kept this much longer than oidc-provider's expiry: the library checks expiry itself, and
 * an expired device code must still be found to answer `expired_token` (RFC 8628) rather than unknown.
 */
const GRACE_SEC = 600;

/** Options of the adapter. */
export interface StoreAdapterOptions {
  /** Dynamic registration is on: registered clients are read back. Off: the store's are ignored. */
  registeredClients: boolean;
  now?: () => number;
}

/** The adapter factory oidc-provider's `adapter` option takes. */
export function storeAdapter(store: Store, options: StoreAdapterOptions): (model: string) => Adapter {
  const now = options.now ?? Date.now;
  return (model) => {
    const kind = `${RECORD_PREFIX}${model}`;
    const read = (r: { value: string; consumedAt?: number } | undefined): AdapterPayload | undefined => {
      if (!r) return undefined;
      const payload = JSON.parse(r.value) as AdapterPayload;
      // oidc-provider wants a truthy `consumed`; seconds, as its own adapter writes.
      if (r.consumedAt !== undefined) payload.consumed = Math.floor(r.consumedAt / 1000);
      return payload;
    };
    // A client registered while registration was on must not keep working after it is switched off.
    const ignored = model === 'Client' && !options.registeredClients;
    return {
      async upsert(id, payload, expiresIn) {
        const write: RecordWrite = { value: JSON.stringify(payload) };
        if (typeof expiresIn === 'number') write.expiresAt = now() + (expiresIn + GRACE_SEC) * 1000;
        if (model === 'Session' && typeof payload.uid === 'string') write.lookup = payload.uid;
        if (typeof payload.userCode === 'string') write.lookup = payload.userCode;
        if (GRANTABLE.has(model) && typeof payload.grantId === 'string') write.group = payload.grantId;
        await store.putRecord(kind, id, write, now());
      },
      async find(id) {
        return ignored ? undefined : read(await store.getRecord(kind, id, now()));
      },
      async findByUid(uid) {
        return read(await store.findRecord(kind, uid, now()));
      },
      async findByUserCode(userCode) {
        return read(await store.findRecord(kind, userCode, now()));
      },
      async consume(id) {
        await store.consumeRecord(kind, id, now());
      },
      async destroy(id) {
        await store.deleteRecord(kind, id);
      },
      async revokeByGrantId(grantId) {
        await store.deleteRecordGroup(kind, grantId);
      },
    };
  };
}
