// Authentication at the HTTP edge: the credential comes in `Authorization: Bearer` (an API key or a
// JWT) or `X-API-Key`, is checked with the same verifier the stdio guard uses, and names the
// principal a session is bound to. Failed attempts are counted per client address in the store, so
// guessing keys is slowed down (past the limit a failure waits a second for its 429); a valid credential
// always passes, whatever else came from its address. A verified JWT
// (jwt and oauth modes) is remembered briefly, so a client's calls do not each pay a signature check.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { decodeJwt } from 'jose';
import type { GuardAuth } from '../../config/guard-types.ts';
import { OAuthError, type OAuthErrorCode, wwwAuthenticate } from '../auth/oauth.ts';
import type { Principal } from '../auth/principal.ts';
import { apiKeyVerifier, makeVerifier, type Verified, type Verifier } from '../auth/verify.ts';
import type { Store } from '../store/types.ts';

/** A refusal at the edge, with its HTTP status and headers. */
export interface EdgeRefusal {
  status: 401 | 403 | 429 | 503;
  message: string;
  headers: Record<string, string>;
}

/** Options of the edge authenticator. */
export interface EdgeAuthOptions {
  auth: GuardAuth;
  store: Store;
  /** Failed authentications per minute per address before 429 (default 10). */
  failuresPerMinute?: number;
  /** The guard's canonical URL: the audience OAuth tokens must name. */
  resource?: string;
  /** `resource_metadata` URL for the `WWW-Authenticate` challenge (OAuth mode). */
  resourceMetadataUrl?: string;
  now?: () => number;
  /** The credential verifier (default: built from `auth` by the auth policy's `makeVerifier`). */
  verify?: Verifier;
  /** The delay before a 429 for a failure past the limit (default {@link FAILURE_DELAY_MS}). */
  failureDelayMs?: number;
}

/**
 * How long a verified token is accepted again without a new signature check: never past its `exp`,
 * and at most this long, which bounds how late a key removed from the JWKS (or a changed secret)
 * takes effect. A signature check costs about 50 to 80 µs, a good share of a call through the guard.
 */
export const TOKEN_CACHE_MS = 30_000;
/** Tokens remembered at most (the oldest is forgotten first). */
export const TOKEN_CACHE_MAX = 1024;
/** How long a failed authentication past the limit waits before its 429. */
export const FAILURE_DELAY_MS = 1000;
/** Addresses remembered as over the failure limit, at most. */
const BLOCKED_MAX = 10_000;

/** The client address of a request (the socket's; proxies' headers are not trusted). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** Reads the presented credential: `Authorization: Bearer X` or `X-API-Key: X`. */
export function presentedCredential(req: IncomingMessage): { credential?: string; malformed?: string } {
  const authz = req.headers.authorization;
  if (authz !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authz);
    if (!m) return { malformed: 'Authorization must be "Bearer <token>"' };
    return { credential: m[1] };
  }
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key !== '') return { credential: key };
  return {};
}

/** Authenticates HTTP requests at the edge. */
export class EdgeAuth {
  readonly #o: EdgeAuthOptions;
  readonly #verify: Verifier;
  readonly #now: () => number;
  /** Address -> time until which its failures are answered late with 429 (over the failure limit). */
  readonly #blocked = new Map<string, number>();
  /** SHA-256 of a verified token -> what it names, until when (jwt and oauth modes only). */
  readonly #tokens = new Map<string, { verified: Verified; until: number }>();
  readonly #cacheTokens: boolean;
  /** The synchronous API key check (api_key mode). */
  readonly #apiKey: ((credential: string) => Verified) | undefined;
  /** Per connection: the API key it presented last and the principal it names (api_key mode). */
  readonly #byConnection = new WeakMap<Socket, { credential: Buffer; principal: Principal }>();

  constructor(options: EdgeAuthOptions) {
    this.#o = options;
    this.#verify = options.verify ?? makeVerifier(options.auth, options.resource, options.store);
    this.#now = options.now ?? Date.now;
    this.#cacheTokens = options.auth.mode === 'jwt' || options.auth.mode === 'oauth';
    // API keys are checked synchronously (unless a verifier was given).
    this.#apiKey =
      options.auth.mode === 'api_key' && options.verify === undefined
        ? apiKeyVerifier(options.auth.keys)
        : undefined;
  }

  /** The `WWW-Authenticate` value for a 401 (RFC 6750; RFC 9728 `resource_metadata` in OAuth mode). */
  challenge(error?: OAuthErrorCode, description?: string, scope?: string[]): string {
    return wwwAuthenticate({ resourceMetadataUrl: this.#o.resourceMetadataUrl, error, description, scope });
  }

  /**
   * Authenticates one request: the principal, or the refusal to send. The credential is always checked:
   * a valid one passes whatever others sent from the same address (on loopback that is every local
   * client), and only failures are slowed down.
   */
  authenticate(req: IncomingMessage): Principal | EdgeRefusal | Promise<Principal | EdgeRefusal> {
    const address = clientAddress(req);
    if (this.#o.auth.mode === 'none') return { id: `addr:${address}`, address };
    const { credential, malformed } = presentedCredential(req);
    if (credential === undefined) {
      const reason = malformed ?? 'no credential: send Authorization: Bearer <token> or X-API-Key';
      return malformed ? this.#fail(address, reason) : this.#unauthorized(reason);
    }
    return this.#apiKey ? this.#checkKey(req, credential, address) : this.#check(credential, address);
  }

  /**
   * An API key, with no promise: the key a connection presented last, presented again, is compared
   * (constant time) with it instead of hashed and compared with every configured key. Keys never
   * change while the guard runs, so a key verified once stays valid.
   */
  #checkKey(req: IncomingMessage, credential: string, address: string): Principal | Promise<EdgeRefusal> {
    const known = this.#byConnection.get(req.socket);
    if (known !== undefined) {
      const presented = Buffer.from(credential);
      if (presented.length === known.credential.length && timingSafeEqual(presented, known.credential))
        return known.principal;
    }
    let agent: string;
    try {
      agent = this.#apiKey!(credential).agent;
    } catch (error) {
      return this.#fail(address, (error as Error).message);
    }
    const principal: Principal = { id: `agent:${agent}`, agent, scopes: undefined, address };
    this.#byConnection.set(req.socket, { credential: Buffer.from(credential), principal });
    return principal;
  }

  async #check(credential: string, address: string): Promise<Principal | EdgeRefusal> {
    const now = this.#now();
    try {
      const { agent, scopes } = this.#cacheTokens
        ? await this.#verifyToken(credential, now)
        : await this.#verify(credential);
      return { id: `agent:${agent}`, agent, scopes, address };
    } catch (error) {
      if (error instanceof OAuthError && error.status === 503) {
        // Not the client's fault: no challenge, not counted as a failed authentication.
        return { status: 503, message: error.description, headers: { 'retry-after': '5' } };
      }
      if (error instanceof OAuthError && error.status === 403) {
        return {
          status: 403,
          message: error.description,
          headers: { 'www-authenticate': this.challenge(error.error, error.description, error.scope) },
        };
      }
      return this.#fail(address, (error as Error).message);
    }
  }

  /** Verifies a token, or accepts it again when it was verified recently and has not expired. */
  async #verifyToken(token: string, now: number): Promise<Verified> {
    // Keyed by digest: the table never holds a usable credential.
    const key = createHash('sha256').update(token).digest('base64');
    const known = this.#tokens.get(key);
    if (known !== undefined) {
      if (known.until > now) {
        // The signature is not checked again, but a revocation of the guard's own token counts at once.
        if (known.verified.recheck) {
          try {
            await known.verified.recheck();
          } catch (error) {
            this.#tokens.delete(key);
            throw error;
          }
        }
        return known.verified;
      }
      this.#tokens.delete(key);
    }
    const verified = await this.#verify(token);
    let exp: unknown;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      return verified; // not a JWT the cache can bound (an opaque token): verified every time
    }
    if (typeof exp !== 'number') return verified;
    const until = Math.min(exp * 1000, now + TOKEN_CACHE_MS);
    if (until <= now) return verified;
    if (this.#tokens.size >= TOKEN_CACHE_MAX) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
    this.#tokens.set(key, { verified, until });
    return verified;
  }

  #unauthorized(message: string, error?: OAuthErrorCode): EdgeRefusal {
    return {
      status: 401,
      message: `unauthenticated: ${message}`,
      headers: { 'www-authenticate': this.challenge(error, error ? message : undefined) },
    };
  }

  /**
   * A failed authentication: counted per address in the store; past the limit it is answered with 429
   * only after {@link FAILURE_DELAY_MS}, so guessing from one address goes no faster than that per
   * connection (and connections per address are capped).
   */
  async #fail(address: string, reason: string): Promise<EdgeRefusal> {
    const now = this.#now();
    const until = this.#blocked.get(address);
    if (until !== undefined && until > now) return this.#slowDown(until - now);
    if (until !== undefined) this.#blocked.delete(address);
    const limit = this.#o.failuresPerMinute ?? 10;
    // Counting needs the store; when it is unavailable the credential is still refused, uncounted.
    const { allowed, retryAfterMs } = await this.#o.store
      .hit(`auth-fail:${address}`, limit, now)
      .catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!allowed) {
      if (this.#blocked.size >= BLOCKED_MAX) this.#forgetExpired(now);
      this.#blocked.set(address, now + Math.max(retryAfterMs, 1000));
      return this.#slowDown(retryAfterMs);
    }
    return this.#unauthorized(reason, 'invalid_token');
  }

  async #slowDown(retryAfterMs: number): Promise<EdgeRefusal> {
    await new Promise((resolve) => setTimeout(resolve, this.#o.failureDelayMs ?? FAILURE_DELAY_MS));
    return {
      status: 429,
      message: 'too many failed authentications; slow down',
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    };
  }

  #forgetExpired(now: number): void {
    for (const [address, until] of this.#blocked) if (until <= now) this.#blocked.delete(address);
    // Still full (a flood from many addresses): the oldest entries go; their next failure counts again.
    for (const address of this.#blocked.keys()) {
      if (this.#blocked.size < BLOCKED_MAX) break;
      this.#blocked.delete(address);
    }
  }
}

/** Who is calling (defined with the rest of authentication, in `auth/`). */
export type { Principal } from '../auth/principal.ts';
