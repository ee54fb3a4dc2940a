// The oidc-provider instance of the guard's own issuer (`auth.oauth.issuer: self`): which features are
// on (authorization code with PKCE S256 only, refresh tokens rotated on every use, the device flow,
// client credentials, introspection, revocation; dynamic registration and client ID metadata documents
// behind their switches), where its endpoints live (under /oauth), the clients of the config, the one
// resource (the guard's canonical URL: access tokens are JWTs with it as audience), the scopes a client
// may get, and the store adapter.
// The protocol is the library's; this module only configures it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  AsymmetricSigningAlgorithm,
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
} from 'oidc-provider';
import Provider, { errors } from 'oidc-provider';
import type { OAuthClient, SelfIssuer } from '../../config/guard-types.ts';
import type { OAuthAuth } from '../http/oauth.ts';
import type { Store } from '../store/types.ts';
import type { UserDirectory } from '../web/users.ts';
import { storeAdapter } from './adapter.ts';
import { type IssuerSecrets, publishedKeys } from './keys.ts';

/** Where the authorization server's endpoints live under the guard's origin. */
export const OAUTH_PATH = '/oauth';

/** The endpoints, all under {@link OAUTH_PATH} (the metadata stays at the origin's well-known paths). */
export const OAUTH_ROUTES = {
  authorization: `${OAUTH_PATH}/authorize`,
  token: `${OAUTH_PATH}/token`,
  jwks: `${OAUTH_PATH}/jwks`,
  revocation: `${OAUTH_PATH}/revoke`,
  introspection: `${OAUTH_PATH}/introspect`,
  registration: `${OAUTH_PATH}/register`,
  device_authorization: `${OAUTH_PATH}/device/auth`,
  code_verification: `${OAUTH_PATH}/device`,
  end_session: `${OAUTH_PATH}/session/end`,
  userinfo: `${OAUTH_PATH}/me`,
  pushed_authorization_request: `${OAUTH_PATH}/par`,
  backchannel_authentication: `${OAUTH_PATH}/backchannel`,
  challenge: `${OAUTH_PATH}/challenge`,
  credential: `${OAUTH_PATH}/credential`,
};

/** Lifetimes (seconds) of what the config does not set. */
const TTL = { authorizationCode: 60, interaction: 600, session: 8 * 3600 };

/** What the provider is built from. */
export interface ProviderOptions {
  auth: OAuthAuth & { self: SelfIssuer };
  /** The issuer identifier: the origin of the guard's canonical URL. */
  issuer: string;
  /** The guard's canonical URL: the one resource, the audience of every access token. */
  resource: string;
  store: Store;
  secrets: IssuerSecrets;
  users: UserDirectory;
  /** The pages the library renders itself (the device flow's, errors), in the guard's shell. */
  pages: Pick<
    NonNullable<Configuration['features']>['deviceFlow'] & object,
    'userCodeInputSource' | 'userCodeConfirmSource' | 'successSource'
  > & { renderError: NonNullable<Configuration['renderError']> };
}

/** A loopback http URI or a private-use scheme: the redirect of a native app (any port on loopback). */
function nativeRedirect(uri: string): boolean {
  const u = URL.parse(uri);
  if (!u) return false;
  if (u.protocol === 'http:') return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  return u.protocol !== 'https:';
}

/**
 * The scopes a client may get: a configured client's own list, else every scope the guard knows (a
 * registered client; its user's list still applies at the consent). Kept here rather than in the
 * client's `scope` metadata, which the library applies to its requests only (not to the resource's).
 */
export function clientScopes(self: SelfIssuer, known: readonly string[]): (clientId: string) => string[] {
  const own = new Map(self.clients.map((c) => [c.clientId, c.scopes ?? [...known]]));
  return (clientId) => own.get(clientId) ?? [...known];
}

/**
 * Whether a client id URL is under one of the configured prefixes of client ID metadata documents:
 * the same origin (scheme, host and port: `https://app.example.com` never matches
 * `https://app.example.com.evil.example`) and a path that starts with the prefix's.
 */
export function underPrefix(prefixes: readonly string[], id: string): boolean {
  const u = URL.parse(id);
  if (!u) return false;
  return prefixes.some((p) => {
    const want = p === '*' ? undefined : URL.parse(p);
    return want ? want.origin === u.origin && u.pathname.startsWith(want.pathname) : false;
  });
}

/**
 * The client ID metadata documents feature: off without prefixes; `*` lets any https URL in, through
 * the library's fetch that refuses private, loopback and other special-use addresses (SSRF). A prefix
 * the operator wrote is trusted as written: its documents are fetched wherever its host is, an
 * internal one included (an intranet app), since the operator named it.
 */
function metadataDocuments(prefixes: readonly string[]) {
  const any = prefixes.includes('*');
  const named = prefixes.filter((p) => p !== '*');
  return {
    feature: {
      enabled: prefixes.length > 0,
      ack: 'draft-02',
      allowFetch: (_ctx: unknown, id: string) => any || underPrefix(named, id),
    },
    fetch: (url: string | URL | Request, init?: RequestInit) => {
      const href = url instanceof Request ? url.url : String(url);
      if (init && underPrefix(named, href)) delete (init as { dispatcher?: unknown }).dispatcher;
      return globalThis.fetch(url, init);
    },
  };
}

/** A configured client as oidc-provider's client metadata. */
function clientMetadata(c: OAuthClient): ClientMetadata {
  const meta: ClientMetadata = {
    client_id: c.clientId,
    client_name: c.clientName ?? c.clientId,
    grant_types: c.grantTypes,
    redirect_uris: c.redirectUris,
    response_types: c.grantTypes.includes('authorization_code') ? ['code'] : [],
    // Loopback redirects on any port (RFC 8252) are the native apps' rule in oidc-provider.
    application_type: c.redirectUris.length > 0 && c.redirectUris.every(nativeRedirect) ? 'native' : 'web',
    token_endpoint_auth_method: c.secretSha256 ? 'client_secret_basic' : 'none',
  };
  // The config holds only the secret's SHA-256; compareClientSecret below hashes what clients send.
  if (c.secretSha256) meta.client_secret = c.secretSha256.toString('hex');
  return meta;
}

/** Builds the provider. Throws on a configuration oidc-provider refuses (at start-up). */
export function createProvider(o: ProviderOptions): Provider {
  const { self } = o.auth;
  const scopes = o.auth.scopesSupported;
  const alg = o.auth.algorithms[0];
  const staticSecrets = new Map(
    self.clients.filter((c) => c.secretSha256).map((c) => [c.clientId, c.secretSha256!] as const),
  );
  const allowed = clientScopes(self, scopes);
  const documents = metadataDocuments(self.clientIdMetadataDocuments);

  const provider = new Provider(o.issuer, {
    adapter: storeAdapter(o.store, { registeredClients: self.dynamicRegistration }),
    clients: self.clients.map(clientMetadata),
    jwks: { keys: publishedKeys(o.secrets) as never },
    cookies: {
      keys: o.secrets.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    clockTolerance: o.auth.clockToleranceSec,
    // The guard's keys are of one algorithm: ID tokens (should a client ask for openid) use it too.
    clientDefaults: { id_token_signed_response_alg: alg as AsymmetricSigningAlgorithm },
    findAccount: (_ctx, id) => (o.users.get(id) ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
    claims: { openid: ['sub'] },
    // The resource's scopes are listed too: the library checks a registering client's `scope` metadata
    // (the SDK sends the resource's) against this list, and publishes it as scopes_supported.
    scopes: [...new Set(['openid', 'offline_access', ...scopes])],
    routes: OAUTH_ROUTES,
    // OAuth 2.1: the authorization code only (no implicit, no hybrid).
    responseTypes: ['code'],
    interactions: { url: (_ctx, interaction) => `${OAUTH_PATH}/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    // The library's fetch (documents of clients) is this one: see metadataDocuments.
    fetch: documents.fetch,
    // Browser clients come only from the origins the HTTP edge lets through (http.allowed_origins).
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      registration: { enabled: self.dynamicRegistration, initialAccessToken: false },
      clientIdMetadataDocument: documents.feature,
      deviceFlow: {
        enabled: true,
        userCodeInputSource: o.pages.userCodeInputSource,
        userCodeConfirmSource: o.pages.userCodeConfirmSource,
        successSource: o.pages.successSource,
      },
      resourceIndicators: {
        enabled: true,
        // Every token is for the guard: a client that names no resource gets it.
        defaultResource: () => o.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          if (indicator !== o.resource)
            throw new errors.InvalidTarget(`the only resource here is ${o.resource}`);
          return {
            scope: allowed(client.clientId).join(' '),
            audience: o.resource,
            accessTokenTTL: self.accessTokenTtlSec,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: alg as AsymmetricSigningAlgorithm } },
          };
        },
      },
    },
    // The grant a token comes from, so the resource server can refuse it once the grant is revoked.
    extraTokenClaims: (_ctx, token) =>
      'grantId' in token && typeof token.grantId === 'string' ? { gid: token.grantId } : undefined,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: self.accessTokenTtlSec,
      ClientCredentials: self.accessTokenTtlSec,
      AuthorizationCode: TTL.authorizationCode,
      DeviceCode: self.deviceCodeTtlSec,
      Interaction: TTL.interaction,
      Session: TTL.session,
      Grant: self.refreshTokenTtlSec,
      // A rotated token keeps the lifetime left of the one it replaces: rotation never extends a sign-in.
      RefreshToken: (ctx: KoaContextWithOIDC) =>
        ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? self.refreshTokenTtlSec,
    },
    renderError: o.pages.renderError,
    loadExistingGrant: async (ctx) => {
      // A client already consented to by this user skips the consent page (its grant is reused).
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
  });
  // Behind the guard's edge: the request is presented with the public URL's scheme and host.
  provider.proxy = true;
  const compare = provider.Client.prototype.compareClientSecret;
  provider.Client.prototype.compareClientSecret = function (
    this: { clientId: string; clientSecret: string },
    actual: string,
  ) {
    const want = staticSecrets.get(this.clientId);
    // A dynamically registered client keeps the secret oidc-provider gave it.
    if (!want) return compare.call(this, actual);
    const got = createHash('sha256').update(String(actual), 'utf8').digest();
    return timingSafeEqual(got, want);
  };
  return provider;
}
