// Authentication at the HTTP edge: the credential comes in `Authorization: Bearer` (an API key or a
// JWT) or `X-API-Key`, is checked with the same verifier the stdio guard uses, and names the
// principal a session is bound to. Failed attempts are counted per client address in the store, so
// guessing keys is slowed down (429 once over the limit, for the rest of the window).
import type { IncomingMessage } from 'node:http';
import type { GuardAuth } from '../../config/guard-types.ts';
import { makeVerifier, type Verifier } from '../policies/auth/verify.ts';
import type { Store } from '../store/types.ts';
import { OAuthError, type OAuthErrorCode, wwwAuthenticate } from './oauth.ts';

/** Who is calling: `id` keys sessions and caps; `agent` is the authenticated agent (absent without auth). */
export interface Principal {
  id: string;
  agent?: string;
  /** OAuth: the scopes the token grants (checked against `tool_scopes` per call). */
  scopes?: string[];
  /** The client's address, under which failures are counted. */
  address: string;
}

/** A refusal at the edge, with its HTTP status and headers. */
export interface EdgeRefusal {
  status: 401 | 403 | 429;
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
}

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
  /** Address -> time until which it is refused outright (over the failure limit). */
  readonly #blocked = new Map<string, number>();

  constructor(options: EdgeAuthOptions) {
    this.#o = options;
    this.#verify = makeVerifier(options.auth, options.resource);
    this.#now = options.now ?? Date.now;
  }

  /** The `WWW-Authenticate` value for a 401 (RFC 6750; RFC 9728 `resource_metadata` in OAuth mode). */
  challenge(error?: OAuthErrorCode, description?: string, scope?: string[]): string {
    return wwwAuthenticate({ resourceMetadataUrl: this.#o.resourceMetadataUrl, error, description, scope });
  }

  /** Authenticates one request: the principal, or the refusal to send. */
  async authenticate(req: IncomingMessage): Promise<Principal | EdgeRefusal> {
    const address = clientAddress(req);
    if (this.#o.auth.mode === 'none') return { id: `addr:${address}`, address };
    const now = this.#now();
    const until = this.#blocked.get(address);
    if (until !== undefined) {
      if (until > now) return this.#slowDown(until - now);
      this.#blocked.delete(address);
    }
    const { credential, malformed } = presentedCredential(req);
    if (credential === undefined) {
      const reason = malformed ?? 'no credential: send Authorization: Bearer <token> or X-API-Key';
      return malformed ? this.#fail(address, reason) : this.#unauthorized(reason);
    }
    try {
      const { agent, scopes } = await this.#verify(credential);
      return { id: `agent:${agent}`, agent, scopes, address };
    } catch (error) {
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

  #unauthorized(message: string, error?: OAuthErrorCode): EdgeRefusal {
    return {
      status: 401,
      message: `unauthenticated: ${message}`,
      headers: { 'www-authenticate': this.challenge(error, error ? message : undefined) },
    };
  }

  #slowDown(retryAfterMs: number): EdgeRefusal {
    return {
      status: 429,
      message: 'too many failed authentications; slow down',
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    };
  }

  async #fail(address: string, reason: string): Promise<EdgeRefusal> {
    const limit = this.#o.failuresPerMinute ?? 10;
    const now = this.#now();
    const { allowed, retryAfterMs } = await this.#o.store.hit(`auth-fail:${address}`, limit, now);
    if (!allowed) {
      this.#blocked.set(address, now + Math.max(retryAfterMs, 1000));
      return this.#slowDown(retryAfterMs);
    }
    return this.#unauthorized(reason, 'invalid_token');
  }
}
