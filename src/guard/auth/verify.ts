// Credential verification for the auth policy: API keys (SHA-256, constant-time), JWTs (jose,
// explicit algorithm allowlist, `exp` required) and OAuth access tokens (the HTTP edge's verifier, so
// stdio, /rpc and /mcp accept exactly the same tokens). Built once from the config; names the agent.
import { createPublicKey, hash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { GuardAuth } from '../../config/guard-types.ts';
import type { Store } from '../store/types.ts';
import { createOAuthVerifier } from './oauth.ts';

/** An HTTP-style `Bearer ` prefix, which the guard accepts wherever a credential goes. */
const BEARER = /^Bearer\s+/i;

/** Who a credential names, and (OAuth) the scopes its token grants. */
export interface Verified {
  agent: string;
  /** Only for `oauth`: the granted scopes, which `tool_scopes` are checked against. */
  scopes?: string[];
  /** The guard's own tokens: rejects once the token's grant is revoked (run again on a cached verification). */
  recheck?: () => Promise<void>;
}

/** Verifies a presented credential; resolves to who it names or rejects with a reason fit for the client. */
export type Verifier = (credential: string) => Promise<Verified>;

/**
 * The API key check, synchronous (a hash and constant-time compares, no I/O): returns who the key
 * names, or throws `invalid API key`. Throws at once when `keys` is empty.
 */
export function apiKeyVerifier(
  keys: Extract<GuardAuth, { mode: 'api_key' }>['keys'],
): (credential: string) => Verified {
  if (keys.length === 0) throw new Error('auth.keys: api_key mode needs at least one key');
  return (credential) => {
    // `Bearer <key>` is how HTTP sends it, so clients write it that way in `_meta.authorization` and
    // MCP_GUARD_API_KEY too: the scheme is not part of the key.
    const presented = credential.replace(BEARER, '');
    // The one-shot hash: no Hash object per call.
    const digest = hash('sha256', presented, 'buffer');
    let agent: string | undefined;
    // Compare against every key, without stopping early, so timing says nothing about which matched.
    for (const key of keys) {
      if (key.sha256.length === digest.length && timingSafeEqual(key.sha256, digest)) agent ??= key.agent;
    }
    if (agent === undefined) throw new Error('invalid API key');
    return { agent };
  };
}

/**
 * Builds the verifier for an auth config (`none` accepts nothing: the policy never calls it).
 * `resource` is the guard's canonical URL, the audience `oauth` tokens must name; `oauth` without it throws.
 * `store` holds the signing keys and grants of the guard's own issuer (`auth.oauth.issuer: self`).
 */
export function makeVerifier(auth: GuardAuth, resource?: string, store?: Store): Verifier {
  if (auth.mode === 'none') return async () => ({ agent: 'anonymous' });
  if (auth.mode === 'api_key') {
    const check = apiKeyVerifier(auth.keys);
    return async (credential) => check(credential);
  }
  if (auth.mode === 'oauth') {
    if (resource === undefined)
      throw new Error('auth.oauth: the guard needs its canonical URL (http.public_url)');
    const oauth = createOAuthVerifier(auth, resource, { store });
    return async (credential) => {
      const { agent, scopes, recheck } = await oauth.verify(credential);
      return recheck ? { agent, scopes, recheck } : { agent, scopes };
    };
  }
  if (auth.mode !== 'jwt') throw new Error(`auth.mode: unknown mode ${(auth as { mode: string }).mode}`);
  if (auth.algorithms.length === 0) throw new Error('auth.jwt.algorithms: list the accepted algorithms');
  if (auth.algorithms.some((a) => a.toLowerCase() === 'none'))
    throw new Error('auth.jwt.algorithms: none is refused');
  let key: Uint8Array | ReturnType<typeof createPublicKey> | JWTVerifyGetKey;
  if (auth.secret) key = auth.secret;
  else if (auth.publicKey) key = createPublicKey(auth.publicKey);
  else if (auth.jwksFile) key = createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, 'utf8')));
  else if (auth.jwksUrl) key = createRemoteJWKSet(new URL(auth.jwksUrl));
  else throw new Error('auth.jwt: a secret, a public key or a JWKS is required');
  const options = {
    algorithms: auth.algorithms,
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockToleranceSec,
    requiredClaims: ['exp'],
  };
  return async (credential) => {
    const token = credential.replace(BEARER, '');
    let payload: Record<string, unknown>;
    try {
      // jose picks the overload from the key's type; the union is narrowed here for the compiler.
      payload =
        typeof key === 'function'
          ? (await jwtVerify(token, key, options)).payload
          : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw new Error(`invalid token: ${(error as Error).message}`);
    }
    const agent = payload[auth.agentClaim];
    if (typeof agent !== 'string' || agent === '')
      throw new Error(`invalid token: no ${auth.agentClaim} claim`);
    return { agent };
  };
}
