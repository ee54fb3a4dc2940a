// The guard's own issuer's secrets, kept in the store so they survive a restart and are the same on
// every replica: the signing keys (generated on first start, rotated by `guard oauth rotate-keys`; a
// rotated key stays published until the tokens it signed have expired), the keys that sign the
// authorization server's cookies, and the secret of the sign-in pages' CSRF tokens. And the verifier's
// side: the published keys as a key resolver (reloaded when a token names a key it does not know yet),
// and the check that a token's grant still exists (revoked grants are deleted from the store).
import { randomBytes } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
} from 'jose';
import type { Store } from '../store/types.ts';

/** The record kind of the issuer's own models (`oauth:Grant`, `oauth:Session` ...) and of its secrets. */
export const RECORD_PREFIX = 'oauth:';
const KIND = `${RECORD_PREFIX}secrets`;
const ID = 'current';

/** One signing key as stored: the private JWK, when it was made, and when it stops being published. */
export interface StoredKey {
  jwk: JWK;
  createdAt: number;
  /** Set when a newer key replaced it: published (so its tokens verify) until then, never used to sign. */
  retireAt?: number;
}

/** What the store holds for the issuer. */
export interface IssuerSecrets {
  /** The signing keys, the current one first. */
  keys: StoredKey[];
  /** Sign the authorization server's cookies (interaction and sign-in session). */
  cookieKeys: string[];
  /** Keys the sign-in pages' CSRF tokens. */
  pageSecret: string;
}

/** A new signing key for `alg`, with its thumbprint as `kid`. */
async function newKey(alg: string, now: number): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg.startsWith('RS') || alg.startsWith('PS') ? { modulusLength: 3072 } : {}),
  });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  jwk.alg = alg;
  jwk.use = 'sig';
  return { jwk, createdAt: now };
}

/** Reads the issuer's secrets, if any. */
export async function readSecrets(store: Store, now = Date.now()): Promise<IssuerSecrets | undefined> {
  const r = await store.getRecord(KIND, ID, now);
  return r && (JSON.parse(r.value) as IssuerSecrets);
}

/**
 * The issuer's secrets, made on first start. Two replicas starting at once on one store both make a
 * set; the store keeps the first written (`ifAbsent`) and both use it.
 */
export async function loadSecrets(store: Store, alg: string, now = Date.now()): Promise<IssuerSecrets> {
  const known = await readSecrets(store, now);
  if (known) return known;
  const made: IssuerSecrets = {
    keys: [await newKey(alg, now)],
    cookieKeys: [randomBytes(32).toString('base64url')],
    pageSecret: randomBytes(32).toString('base64url'),
  };
  if (await store.putRecord(KIND, ID, { value: JSON.stringify(made) }, now, true)) return made;
  const winner = await readSecrets(store, now);
  if (!winner) throw new Error('the OAuth issuer secrets vanished from the store while being created');
  return winner;
}

/** What a rotation did. */
export interface Rotation {
  /** The new signing key's id. */
  current: string;
  /** Keys still published until their tokens expire (id and until when). */
  retiring: { kid: string; retireAt: number }[];
  /** Keys no longer published (their tokens have all expired). */
  dropped: string[];
}

/**
 * Makes a new signing key the current one. The previous one is published for `keepMs` more (the longest
 * an access token it signed can live, plus the clock tolerance), so its tokens verify until they expire;
 * keys whose time has passed are dropped. Guards pick the new key up at their next token request.
 */
export async function rotateKeys(
  store: Store,
  alg: string,
  keepMs: number,
  now = Date.now(),
): Promise<Rotation> {
  const secrets = await loadSecrets(store, alg, now);
  const fresh = await newKey(alg, now);
  const kept: StoredKey[] = [];
  const dropped: string[] = [];
  for (const k of secrets.keys) {
    const retireAt = k.retireAt ?? now + keepMs;
    if (retireAt <= now) dropped.push(String(k.jwk.kid));
    else kept.push({ ...k, retireAt });
  }
  const next: IssuerSecrets = { ...secrets, keys: [fresh, ...kept] };
  await store.putRecord(KIND, ID, { value: JSON.stringify(next) }, now);
  return {
    current: String(fresh.jwk.kid),
    retiring: kept.map((k) => ({ kid: String(k.jwk.kid), retireAt: k.retireAt! })),
    dropped,
  };
}

/** The keys to publish at `now` (private parts included: oidc-provider strips them for the JWKS). */
export function publishedKeys(secrets: IssuerSecrets, now = Date.now()): JWK[] {
  return secrets.keys.filter((k) => k.retireAt === undefined || k.retireAt > now).map((k) => k.jwk);
}

/** The public half of a JWK. */
export function publicJwk(jwk: JWK): JWK {
  const {
    d: _d,
    p: _p,
    q: _q,
    dp: _dp,
    dq: _dq,
    qi: _qi,
    oth: _oth,
    ...pub
  } = jwk as JWK & { oth?: unknown };
  return pub;
}

/** Reload the published keys at most this often when a token names an unknown key (requests wait for it). */
const RELOAD_COOLDOWN_MS = 1000;
/** And at least this often anyway (a retired key stops verifying). */
const RELOAD_EVERY_MS = 60_000;

/** How the resource server checks the guard's own tokens: the keys, and whether a grant still stands. */
export interface SelfIssuerChecks {
  getKey: JWTVerifyGetKey;
  /** Rejects when the token's grant has been revoked (deleted from the store). */
  live(claims: JWTPayload): Promise<void>;
}

/** One set of checks per store: every verifier of the process shares the cached keys. */
const checksByStore = new WeakMap<Store, SelfIssuerChecks>();

/** The checks for tokens the guard issued, over the store that holds its keys and grants. */
export function selfIssuerChecks(store: Store): SelfIssuerChecks {
  const known = checksByStore.get(store);
  if (known) return known;
  let resolver: JWTVerifyGetKey | undefined;
  let loadedAt = 0;
  let pending: Promise<void> | undefined;
  const load = async () => {
    const now = Date.now();
    const secrets = await readSecrets(store, now);
    resolver = createLocalJWKSet({ keys: secrets ? publishedKeys(secrets, now).map(publicJwk) : [] });
    loadedAt = now;
  };
  /**
   * Loads the keys again, at most once per cooldown: a request that comes sooner waits for the next
   * load instead of failing (a rotation just after a load must not cost its first tokens a 401), and
   * concurrent requests share one load.
   */
  const reload = (): Promise<void> => {
    pending ??= (async () => {
      const wait = loadedAt + RELOAD_COOLDOWN_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await load();
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  const checks: SelfIssuerChecks = {
    async getKey(header, token) {
      if (!resolver || Date.now() - loadedAt > RELOAD_EVERY_MS) await reload();
      try {
        return await resolver!(header, token);
      } catch (error) {
        // A key made by a rotation (on another replica, or by the CLI) since the last load.
        if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
        const asked = Date.now();
        await reload();
        // A load that had read the store before this request came may predate the key: once more.
        if (loadedAt < asked) await reload();
        return resolver!(header, token);
      }
    },
    async live(claims) {
      if (typeof claims.gid !== 'string') return;
      if (!(await store.getRecord(`${RECORD_PREFIX}Grant`, claims.gid, Date.now())))
        throw new Error('the grant behind this token has been revoked');
    },
  };
  checksByStore.set(store, checks);
  return checks;
}
