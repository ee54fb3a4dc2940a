// The guard as an OAuth 2.1 resource server: verifies access tokens issued by the configured
// authorization server(s) through their JWKS, works out the scopes a request needs, and builds the
// `WWW-Authenticate` challenge (RFC 6750 + RFC 9728) the HTTP server sends with a 401 or 403.
// The HTTP edge and the pipeline's auth policy share one verifier so both accept exactly the same tokens.
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import picomatch from 'picomatch';
import type { GuardAuth } from '../../config/guard-types.ts';
import { selfIssuerChecks } from '../oauth/keys.ts';
import { type Store, StoreUnavailableError } from '../store/types.ts';
import { issuerFor } from './prm.ts';

/** The `auth` config of `mode: oauth`. */
export type OAuthAuth = Extract<GuardAuth, { mode: 'oauth' }>;

/** Who a valid access token names, what it may do, and the claims it carried. */
export interface OAuthPrincipal {
  /** The agent id: the configured `agent_claim` (default `sub`). */
  agent: string;
  /** Granted scopes, from `scope` (space-separated, RFC 9068) or `scp` (string or array). */
  scopes: string[];
  claims: JWTPayload;
  /**
   * The guard's own tokens: checks again that the token's grant still stands (a cached verification
   * must not outlive a revocation). Rejects with {@link OAuthError}.
   */
  recheck?: () => Promise<void>;
}

/** Verifies bearer access tokens; built once per guard (the JWKS is fetched lazily and cached). */
export interface OAuthVerifier {
  /**
   * Verifies a token (with or without a `Bearer ` prefix): signature against the JWKS, `exp`, `iss` in
   * the configured issuers, `aud` equal to the guard's canonical URL, and the globally required
   * scopes. Rejects with {@link OAuthError} (401 invalid_token, 403 insufficient_scope).
   */
  verify(token: string): Promise<OAuthPrincipal>;
}

/** The OAuth error codes of RFC 6750 §3.1 the guard answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'temporarily_unavailable';

/**
 * A refused token. `status` is the HTTP status to answer with; `error` and `description` go into the
 * `WWW-Authenticate` header (see {@link wwwAuthenticate}); `scope` lists the scopes needed (403).
 */
export class OAuthError extends Error {
  readonly status: 401 | 403 | 503;
  readonly error: OAuthErrorCode;
  readonly description: string;
  readonly scope: string[] | undefined;
  constructor(status: 401 | 403 | 503, error: OAuthErrorCode, description: string, scope?: string[]) {
    super(description);
    this.name = 'OAuthError';
    this.status = status;
    this.error = error;
    this.description = description;
    this.scope = scope;
  }
}

/** Algorithms an authorization server may sign with when the config lists none. */
export const DEFAULT_OAUTH_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

/** Extra knobs for tests and embedding; the config supplies everything else. */
export interface OAuthVerifierOptions {
  /** Key resolver to use instead of fetching `jwks_url` (e.g. `createLocalJWKSet`). */
  getKey?: JWTVerifyGetKey;
  /** `issuer: self`: the store that holds the guard's signing keys and grants (required then). */
  store?: Store;
}

/**
 * Builds the verifier for `auth.mode: oauth`. `resource` is the guard's canonical URL (`http.public_url`):
 * a token is accepted only when its audience names it (RFC 8707), so a token minted for another service
 * cannot be replayed here. Unsafe algorithm lists (`none`, any HS*) and a missing issuer or JWKS URL
 * throw here, at start-up.
 */
export function createOAuthVerifier(
  auth: OAuthAuth,
  resource: string,
  options: OAuthVerifierOptions = {},
): OAuthVerifier {
  const algorithms = auth.algorithms.length > 0 ? auth.algorithms : DEFAULT_OAUTH_ALGORITHMS;
  for (const alg of algorithms) {
    // No shared secret exists between a resource server and an authorization server; accepting HS*
    // would let anyone who knows a public key (published in the JWKS) mint tokens.
    if (/^none$/i.test(alg) || /^HS/i.test(alg))
      throw new Error(`auth.oauth.algorithms: ${alg} is refused (use an asymmetric algorithm such as RS256)`);
  }
  if (resource === '') throw new Error('auth.oauth: the guard needs a canonical URL (http.public_url)');
  let getKey = options.getKey;
  let issuers = auth.issuers;
  let live: ((claims: JWTPayload) => Promise<void>) | undefined;
  if (auth.self) {
    // The guard's own tokens: its issuer, its keys from the store, and the grant checked on every use.
    issuers = [issuerFor(resource)];
    if (options.store) {
      const checks = selfIssuerChecks(options.store);
      getKey ??= checks.getKey;
      live = checks.live;
    } else if (getKey === undefined)
      throw new Error('auth.oauth.issuer self: the verifier needs the store that holds the keys');
  }
  if (issuers.length === 0) throw new Error('auth.oauth.issuers: list at least one issuer');
  if (getKey === undefined) {
    if (!auth.jwksUrl) throw new Error('auth.oauth.jwks_url: the authorization server JWKS URL is required');
    const cacheMs = Math.max(0, auth.jwksCacheSec) * 1000;
    getKey = createRemoteJWKSet(new URL(auth.jwksUrl), {
      timeoutDuration: auth.jwksTimeoutMs,
      cacheMaxAge: cacheMs,
      // A token with an unknown `kid` refetches the JWKS (key rotation), but not more often than this.
      cooldownDuration: Math.min(30_000, cacheMs),
    });
  }
  const key = getKey;
  const verifyOptions = {
    algorithms,
    issuer: issuers,
    audience: resource,
    clockTolerance: auth.clockToleranceSec,
    requiredClaims: ['exp'],
  };
  const global = [...new Set(auth.scopes)];
  /** The grant behind one of the guard's own tokens still stands (it is deleted when revoked). */
  const stillGranted = async (claims: JWTPayload) => {
    try {
      await live!(claims);
    } catch (error) {
      if (error instanceof StoreUnavailableError)
        throw new OAuthError(503, 'temporarily_unavailable', 'the state store is unavailable');
      throw new OAuthError(401, 'invalid_token', (error as Error).message);
    }
  };

  return {
    async verify(token) {
      const jwt = token.replace(/^Bearer\s+/i, '').trim();
      if (jwt === '') throw new OAuthError(401, 'invalid_token', 'no access token');
      let claims: JWTPayload;
      try {
        claims = (await jwtVerify(jwt, key, verifyOptions)).payload;
      } catch (error) {
        // The authorization server's keys could not be fetched: the token was not judged, so the client
        // must not be told to get a new one (a 401 would send it back to the authorization server).
        if (keysUnavailable(error))
          throw new OAuthError(503, 'temporarily_unavailable', describeJoseError(error));
        if (error instanceof StoreUnavailableError)
          throw new OAuthError(503, 'temporarily_unavailable', 'the state store is unavailable');
        throw new OAuthError(401, 'invalid_token', describeJoseError(error));
      }
      const agent = claims[auth.agentClaim];
      if (typeof agent !== 'string' || agent === '')
        throw new OAuthError(401, 'invalid_token', `the token has no ${auth.agentClaim} claim`);
      const scopes = tokenScopes(claims);
      const missing = missingScopes(scopes, global);
      if (missing.length > 0)
        throw new OAuthError(403, 'insufficient_scope', `missing scope: ${missing.join(' ')}`, global);
      if (!live) return { agent, scopes, claims };
      await stillGranted(claims);
      return { agent, scopes, claims, recheck: () => stillGranted(claims) };
    },
  };
}

/** Whether verification failed because the JWKS could not be fetched (timeout, network, a non-200 answer). */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout) return true;
  // jose reports a failed JWKS request as a plain JOSEError, and lets a network error through unwrapped.
  if (error instanceof joseErrors.JOSEError) return /JSON Web Key Set HTTP response/.test(error.message);
  return error instanceof TypeError && /fetch failed/.test(error.message);
}

/** A client-safe reason for a jose failure; never echoes the token itself. */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token was not issued for this resource (audience)';
    if (error.claim === 'iss') return 'the token was not issued by an accepted authorization server';
    return `invalid ${error.claim} claim: ${error.reason}`;
  }
  if (error instanceof joseErrors.JWKSTimeout) return "timed out fetching the authorization server's keys";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the authorization server matches';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'signing algorithm not accepted';
  if (error instanceof joseErrors.JOSEError) return `invalid token (${error.code})`;
  if (keysUnavailable(error)) return "cannot reach the authorization server's keys";
  return `invalid token: ${(error as Error).message}`;
}

/** The scopes a token grants: `scope` (space-separated) and/or `scp` (array or space-separated). */
export function tokenScopes(claims: JWTPayload): string[] {
  const out = new Set<string>();
  for (const value of [claims.scope, claims.scp]) {
    const list = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
    for (const s of list) if (typeof s === 'string' && s !== '') out.add(s);
  }
  return [...out];
}

/**
 * The scopes a request needs: the global `scopes`, plus, for `tools/call` of `tool`, those of every
 * `tool_scopes` glob that matches the tool name. Deduplicated, in config order.
 */
export function requiredScopes(auth: OAuthAuth, tool?: string): string[] {
  const out = new Set(auth.scopes);
  if (tool !== undefined) {
    for (const [glob, scopes] of Object.entries(auth.toolScopes)) {
      if (picomatch.isMatch(tool, glob, { dot: true })) for (const s of scopes) out.add(s);
    }
  }
  return [...out];
}

/** The scopes of `need` that `have` lacks (empty when every one is granted). */
export function missingScopes(have: readonly string[], need: readonly string[]): string[] {
  const granted = new Set(have);
  return need.filter((s) => !granted.has(s));
}

/** What goes into a `WWW-Authenticate: Bearer ...` challenge. */
export interface ChallengeOptions {
  /** The Protected Resource Metadata URL (RFC 9728 §5.1), so clients can discover the authorization server. */
  resourceMetadataUrl?: string;
  error?: OAuthErrorCode;
  description?: string;
  /** Scopes the client should request (403 insufficient_scope, or a hint with 401). */
  scope?: readonly string[];
}

/**
 * The value of a `WWW-Authenticate` header: `Bearer resource_metadata="...", error="...",
 * error_description="...", scope="..."`. Values are reduced to the characters RFC 6750 allows in
 * quoted strings, so nothing a client sent can break the header.
 */
export function wwwAuthenticate(options: ChallengeOptions): string {
  const params: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.push(`${name}="${quotable(value)}"`);
  };
  add('resource_metadata', options.resourceMetadataUrl);
  add('error', options.error);
  add('error_description', options.description);
  if (options.scope && options.scope.length > 0) add('scope', options.scope.join(' '));
  return params.length > 0 ? `Bearer ${params.join(', ')}` : 'Bearer';
}

/** Printable ASCII without `"` and `\` (RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E); others become `?`. */
function quotable(value: string): string {
  return value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '?');
}
