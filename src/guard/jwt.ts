// Minting tokens for `auth.mode: jwt` with a shared secret: what `mcp-guard guard token` prints and
// what programs call as `createJwt` (the original mcp-guard's `create_jwt(secret, agent_id,
// ttl_seconds)`). The same rules as the guard's loader: HS256/384/512 only, a secret of at least 32
// bytes, `exp` always set, so every token minted here is one the guard accepts.
import { SignJWT } from 'jose';
import { MIN_HS_SECRET_BYTES } from '../config/guard-normalize.ts';

/** What `createJwt` needs. */
export interface CreateJwtOptions {
  /** The shared secret (`auth.jwt_secret`), at least 32 bytes. */
  secret: string | Uint8Array;
  /** The agent the token names (its `sub` claim, or the claim set as `auth.jwt.agent_claim`). */
  agentId: string;
  /** Lifetime in seconds; default 3600. */
  ttlSeconds?: number;
  /** `iss` claim (to match `auth.jwt.issuer`). */
  issuer?: string;
  /** `aud` claim (to match `auth.jwt.audience`). */
  audience?: string | string[];
  /** Default `HS256`. */
  algorithm?: 'HS256' | 'HS384' | 'HS512';
  /** The claim naming the agent; default `sub`. */
  agentClaim?: string;
}

/** Refused input to `createJwt` (short secret, empty agent, bad lifetime or algorithm). */
export class JwtOptionsError extends Error {
  override name = 'JwtOptionsError';
}

/** Mints a signed JWT for `agentId`, valid from now for `ttlSeconds`. */
export async function createJwt(options: CreateJwtOptions): Promise<string> {
  const secret =
    typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  if (!(secret instanceof Uint8Array) || secret.length < MIN_HS_SECRET_BYTES)
    throw new JwtOptionsError(
      `secret: ${secret?.length ?? 0} bytes; use at least ${MIN_HS_SECRET_BYTES} (the guard refuses shorter ones; try: openssl rand -base64 48)`,
    );
  if (typeof options.agentId !== 'string' || options.agentId.trim() === '')
    throw new JwtOptionsError('agentId: give the agent the token is for');
  const ttl = options.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new JwtOptionsError('ttlSeconds: expected a positive integer');
  const algorithm = options.algorithm ?? 'HS256';
  if (!/^HS(256|384|512)$/.test(algorithm))
    throw new JwtOptionsError('algorithm: expected HS256, HS384 or HS512');
  const claim = options.agentClaim ?? 'sub';
  let jwt = new SignJWT(claim === 'sub' ? {} : { [claim]: options.agentId })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttl);
  if (claim === 'sub') jwt = jwt.setSubject(options.agentId);
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secret);
}
