// OAuth 2.0 Protected Resource Metadata (RFC 9728) for the guard: the document that tells an MCP
// client which authorization server(s) issue tokens for this guard and which scopes exist, where that
// document lives (path-aware well-known URL), and the guard's canonical resource URL (the audience).
import type { GuardHttp } from '../../config/guard-types.ts';
import type { OAuthAuth } from './oauth.ts';

/** The well-known path prefix of RFC 9728 §3. */
export const PRM_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** The metadata document (RFC 9728 §2); only the members the guard can state truthfully. */
export interface ProtectedResourceMetadata {
  /** The guard's canonical URL: what tokens must carry as audience. */
  resource: string;
  /** Issuer identifiers of the accepted authorization servers. */
  authorization_servers: string[];
  scopes_supported: string[];
  /** Tokens are accepted only in the `Authorization` header (never in a query string or body). */
  bearer_methods_supported: ['header'];
  resource_name: string;
  /** Signing algorithms accepted for access tokens (RFC 9728 names this for signed requests; informative). */
  resource_signing_alg_values_supported?: string[];
}

/**
 * The metadata for `auth.mode: oauth`. `scopes_supported` is `scopes_supported` from the config, or
 * else every scope the config requires (global and per tool), so a client knows what to ask for.
 */
export function protectedResourceMetadata(auth: OAuthAuth, resource: string): ProtectedResourceMetadata {
  const scopes =
    auth.scopesSupported.length > 0
      ? auth.scopesSupported
      : [...new Set([...auth.scopes, ...Object.values(auth.toolScopes).flat()])];
  return {
    resource,
    // The guard's own issuer is its canonical URL's origin; its metadata is served there.
    authorization_servers: auth.self ? [issuerFor(resource)] : [...auth.issuers],
    scopes_supported: scopes,
    bearer_methods_supported: ['header'],
    resource_name: 'mcp-guard',
  };
}

/**
 * The paths the HTTP server serves the metadata at: the plain well-known path and the path-aware
 * variant for the MCP endpoint (`/mcp` -> `/.well-known/oauth-protected-resource/mcp`), which is the one
 * RFC 9728 §3.1 derives from a resource URL with a path. A root MCP path gives only the plain one.
 */
export function prmPaths(mcpPath: string): string[] {
  const path = `/${mcpPath.replace(/^\/+|\/+$/g, '')}`;
  return path === '/' ? [PRM_WELL_KNOWN] : [PRM_WELL_KNOWN, `${PRM_WELL_KNOWN}${path}`];
}

/**
 * The metadata URL for a resource URL (RFC 9728 §3.1: the well-known segment goes between the host
 * and the path): `https://h/mcp` -> `https://h/.well-known/oauth-protected-resource/mcp`. This is the
 * `resource_metadata` of the `WWW-Authenticate` challenge.
 */
export function resourceMetadataUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${PRM_WELL_KNOWN}${path}`;
}

/**
 * The guard's canonical URL: `http.public_url` when set (what clients see behind a proxy), else
 * `http://<host>:<port><mcpPath>`. Used as the OAuth audience and the metadata's `resource`.
 */
export function canonicalResource(
  http: Pick<GuardHttp, 'host' | 'port' | 'publicUrl'>,
  mcpPath = '/mcp',
): string {
  if (http.publicUrl) return http.publicUrl;
  const host = http.host.includes(':') && !http.host.startsWith('[') ? `[${http.host}]` : http.host;
  return `http://${host}:${http.port}${mcpPath}`;
}

/**
 * The issuer identifier of the guard's own authorization server (`auth.oauth.issuer: self`): the origin
 * of its canonical URL (`https://mcp.example.com/mcp` -> `https://mcp.example.com`), whose well-known
 * paths serve the metadata (RFC 8414, OpenID discovery). Tokens carry it as `iss`.
 */
export function issuerFor(resource: string): string {
  return new URL(resource).origin;
}
