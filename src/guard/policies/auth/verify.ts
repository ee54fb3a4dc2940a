// Credential verification for the auth policy: API keys (SHA-256, constant-time) and JWTs (jose,
// explicit algorithm allowlist, `exp` required). Built once from the config; returns the agent id.
import { createHash, createPublicKey, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { GuardAuth } from '../../../config/guard-types.ts';

/** Verifies a presented credential; resolves to the agent id or rejects with a reason fit for the client. */
export type Verifier = (credential: string) => Promise<string>;

/** Builds the verifier for an auth config (`none` accepts nothing: the policy never calls it). */
export function makeVerifier(auth: GuardAuth): Verifier {
  if (auth.mode === 'none') return async () => 'anonymous';
  if (auth.mode === 'api_key') {
    const keys = auth.keys;
    if (keys.length === 0) throw new Error('auth.keys: api_key mode needs at least one key');
    return async (credential) => {
      const digest = createHash('sha256').update(credential, 'utf8').digest();
      let agent: string | undefined;
      // Compare against every key, without stopping early, so timing says nothing about which matched.
      for (const key of keys) {
        if (key.sha256.length === digest.length && timingSafeEqual(key.sha256, digest)) agent ??= key.agent;
      }
      if (agent === undefined) throw new Error('invalid API key');
      return agent;
    };
  }
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
    const token = credential.replace(/^Bearer\s+/i, '');
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
    return agent;
  };
}
