// The guard config's `auth.oauth` (mode oauth): the resource server of an external authorization server
// (`issuers`, `jwks_url`) or of the guard's own (`issuer: self`, its `clients`), and the original
// mcp-guard's `mode: oauth2` with `client_id`, read as the guard's own issuer with one public client.
// Split from guard-normalize.ts; every refusal names its key, so the loader can point at its line.
import type { JsonPath } from './document.ts';
import { ASYMMETRIC, type Fail, GUARD_DEFAULTS, HS, positive } from './guard-normalize.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import { type GuardAuth, OAUTH_GRANT_TYPES, type OAuthClient, type SelfIssuer } from './guard-types.ts';

type RawAuth = NonNullable<RawGuardConfig['auth']>;
type RawOAuth = NonNullable<RawAuth['oauth']>;

/** Defaults of the guard's own issuer, documented in docs/guard-config.md and docs/guard-oauth.md. */
export const SELF_ISSUER_DEFAULTS = {
  accessTokenTtlSec: 600,
  refreshTokenTtlSec: 14 * 24 * 3600,
  deviceCodeTtlSec: 600,
  devicePollIntervalSec: 5,
  algorithms: ['ES256'],
} as const;

/** The device grant's URN; `device_code` is accepted for it in the config. */
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

/** The redirect URIs the client of a migrated `mode: oauth2` gets (any port: loopback, RFC 8252). */
const LEGACY_REDIRECTS = ['http://127.0.0.1/callback', 'http://localhost/callback'];

/** Keys of `auth.oauth` that only the guard's own issuer reads. */
const SELF_ONLY = [
  'clients',
  'dynamic_registration',
  'client_id_metadata_documents',
  'access_token_ttl_sec',
  'refresh_token_ttl_sec',
  'device_code_ttl_sec',
  'device_poll_interval_sec',
] as const;

/** `auth` with `mode: oauth` (or the original's `oauth2`). */
export function normalizeOAuth(a: RawAuth, raw: RawGuardConfig, fail: Fail, legacy = false): GuardAuth {
  const at = (...k: (string | number)[]): JsonPath => ['auth', 'oauth', ...k];
  let o: RawOAuth | undefined = a.oauth;
  if (legacy) {
    if (a.client_id === undefined && o?.clients === undefined)
      fail(['auth', 'client_id'], "mode oauth2 needs client_id (the one client of the guard's own issuer)");
    if (o?.issuers !== undefined || o?.jwks_url !== undefined)
      fail(['auth', 'mode'], "mode oauth2 is the guard's own issuer; for an external one write mode: oauth");
    o = { ...o, issuer: 'self' };
    if (a.client_id !== undefined) {
      if (o.clients !== undefined)
        fail(['auth', 'client_id'], 'give client_id or auth.oauth.clients, not both');
      o.clients = [
        {
          client_id: a.client_id,
          grant_types: ['authorization_code', 'refresh_token', 'device_code'],
          redirect_uris: LEGACY_REDIRECTS,
        },
      ];
    }
  } else if (a.client_id !== undefined)
    fail(['auth', 'client_id'], 'client_id belongs to the original mode oauth2; write auth.oauth.clients');
  if (!o) return fail(['auth', 'mode'], 'mode oauth needs auth.oauth: issuers and jwks_url, or issuer: self');
  if (o.issuer !== undefined && o.issuer !== 'self' && fail.known(at('issuer')))
    fail(at('issuer'), 'the only value is self (the guard issues tokens); an external one goes in issuers');
  const self = o.issuer !== undefined;
  if (self) {
    for (const k of ['issuers', 'jwks_url'] as const)
      if (o[k] !== undefined)
        fail(at(k), 'not with issuer: self (the guard is the issuer and keeps its keys)');
  } else {
    for (const k of SELF_ONLY) if (o[k] !== undefined) fail(at(k), 'only with issuer: self');
    if (o.issuers === undefined || o.jwks_url === undefined)
      fail(
        at(o.issuers === undefined ? 'issuers' : 'jwks_url'),
        'required with an external authorization server (issuers and jwks_url), or write issuer: self',
      );
  }
  const issuers = o.issuers === undefined ? [] : typeof o.issuers === 'string' ? [o.issuers] : o.issuers;
  if (!self && issuers.length === 0) fail(at('issuers'), 'empty list: no token could be accepted');
  issuers.forEach((iss, i) => {
    fail.unit(() => {
      // A single issuer written as a string sits at `issuers`, not `issuers[0]`.
      const path = typeof o.issuers === 'string' ? at('issuers') : at('issuers', i);
      if (!URL.canParse(iss) && fail.known(path))
        fail(at('issuers', i), `"${iss}" is not a URL (the authorization server's issuer)`);
    }, undefined);
  });
  const jwksUrl = o.jwks_url ?? '';
  if (!self && jwksUrl.trim() === '') fail(at('jwks_url'), 'empty value; set the variable or remove the key');
  if (
    !self &&
    fail.known(at('jwks_url')) &&
    (!URL.canParse(jwksUrl) || !/^https?:$/.test(new URL(jwksUrl).protocol))
  )
    fail(at('jwks_url'), 'expected an http(s) URL');
  const algorithms = o.algorithms ?? [
    ...(self ? SELF_ISSUER_DEFAULTS.algorithms : GUARD_DEFAULTS.oauthAlgorithms),
  ];
  if (algorithms.length === 0) fail(at('algorithms'), 'empty list: no token could be accepted');
  algorithms.forEach((alg, i) => {
    fail.unit(() => {
      if (!fail.known(at('algorithms', i))) return;
      if (alg.toLowerCase() === 'none')
        fail(at('algorithms', i), 'unsigned tokens (alg none) are never accepted');
      if (HS.test(alg))
        fail(
          at('algorithms', i),
          `${alg} needs a secret shared with the authorization server; use RS/ES/EdDSA`,
        );
      if (!ASYMMETRIC.test(alg)) fail(at('algorithms', i), `unknown algorithm "${alg}"`);
      if (self && i === 0 && !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(alg))
        fail(
          at('algorithms', i),
          `the guard signs with the first algorithm; ${alg} is not one it can sign with`,
        );
    }, undefined);
  });
  const scopes = o.scopes ?? [];
  const toolScopes = o.tool_scopes ?? {};
  const named = new Set([...scopes, ...Object.values(toolScopes).flat()]);
  const scopesSupported = o.scopes_supported ?? [...named];
  const out: GuardAuth = {
    mode: 'oauth',
    issuers,
    jwksUrl,
    algorithms,
    scopes,
    toolScopes,
    scopesSupported,
    clockToleranceSec: o.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: o.agent_claim ?? GUARD_DEFAULTS.agentClaim,
    jwksTimeoutMs: positive(o.jwks_timeout_ms, at('jwks_timeout_ms'), fail) ?? GUARD_DEFAULTS.jwksTimeoutMs,
    jwksCacheSec: o.jwks_cache_sec ?? GUARD_DEFAULTS.jwksCacheSec,
  };
  if (self) out.self = normalizeSelfIssuer(o, raw, scopesSupported, fail, legacy ? a.client_id : undefined);
  if (self && legacy && a.client_id !== undefined)
    out.self!.migrated =
      `mode oauth2 with client_id ${a.client_id}: the guard's own issuer (issuer: self) with one public client ` +
      `(PKCE to ${LEGACY_REDIRECTS.join(' or ')} on any port, the device flow, refresh tokens); ` +
      'list auth.oauth.clients to choose other redirect URIs or grants';
  return out;
}

/** `issuer: self`: the clients, the registration switch and the token lifetimes. */
function normalizeSelfIssuer(
  o: RawOAuth,
  raw: RawGuardConfig,
  known: string[],
  fail: Fail,
  /** The original's `client_id`, when `o.clients` was made from it. */
  legacyClient?: string,
): SelfIssuer {
  const at = (...k: (string | number)[]): JsonPath => ['auth', 'oauth', ...k];
  const ids = new Set<string>();
  const clients: OAuthClient[] = [];
  (o.clients ?? []).forEach((c, i) => {
    fail.unit(() => {
      const here = (...k: string[]) => at('clients', i, ...k);
      if (!/^[\x21-\x7e]{1,200}$/.test(c.client_id))
        fail(here('client_id'), 'a client id is 1 to 200 printable characters without spaces');
      if (ids.has(c.client_id)) fail(here('client_id'), `client "${c.client_id}" appears twice`);
      ids.add(c.client_id);
      clients.push(normalizeClient(c, here, known, fail));
    }, undefined);
  });
  const dynamicRegistration = o.dynamic_registration ?? false;
  const clientIdMetadataDocuments = o.client_id_metadata_documents ?? [];
  clientIdMetadataDocuments.forEach((prefix, i) => {
    fail.unit(() => {
      const path = at('client_id_metadata_documents', i);
      if (prefix === '*' || !fail.known(path)) return;
      const u = URL.parse(prefix);
      if (u?.protocol !== 'https:' || u.hash !== '' || u.search !== '' || u.username !== '')
        fail(
          path,
          "expected an https URL prefix (e.g. https://app.example.com/), or * for any https URL; the client id is the document's URL",
        );
    }, undefined);
  });
  const open = dynamicRegistration || clientIdMetadataDocuments.length > 0;
  if (clients.length === 0 && (o.clients ?? []).length === 0 && !open)
    fail(
      at('clients'),
      'no clients: list them (client_id, redirect_uris, grant_types), or set dynamic_registration: true or client_id_metadata_documents',
    );
  const people = clients.some((c) => c.grantTypes.some((g) => g !== 'client_credentials')) || open;
  if (people && (raw.console?.users ?? []).length === 0) {
    const users = 'add console.users (name and password_hash, `mcp-guard guard console hash-password`)';
    // The original's file has no auth.oauth.clients to point at: say what its client_id became.
    if (legacyClient !== undefined)
      fail(
        ['auth', 'client_id'],
        `mode oauth2 is read as the guard's own authorization server with one public client, ${legacyClient}; a person signs in to authorize it: ${users}`,
      );
    fail(at('clients'), `people sign in to authorize these clients: ${users}`);
  }
  const accessTokenTtlSec =
    positive(o.access_token_ttl_sec, at('access_token_ttl_sec'), fail) ??
    SELF_ISSUER_DEFAULTS.accessTokenTtlSec;
  if (accessTokenTtlSec > 86_400)
    fail(at('access_token_ttl_sec'), 'at most 86400 (a day); refresh tokens are for longer');
  const refreshTokenTtlSec =
    positive(o.refresh_token_ttl_sec, at('refresh_token_ttl_sec'), fail) ??
    SELF_ISSUER_DEFAULTS.refreshTokenTtlSec;
  if (refreshTokenTtlSec < accessTokenTtlSec)
    fail(at('refresh_token_ttl_sec'), `shorter than access_token_ttl_sec (${accessTokenTtlSec})`);
  const deviceCodeTtlSec =
    positive(o.device_code_ttl_sec, at('device_code_ttl_sec'), fail) ?? SELF_ISSUER_DEFAULTS.deviceCodeTtlSec;
  const devicePollIntervalSec =
    positive(o.device_poll_interval_sec, at('device_poll_interval_sec'), fail) ??
    SELF_ISSUER_DEFAULTS.devicePollIntervalSec;
  if (devicePollIntervalSec >= deviceCodeTtlSec)
    fail(at('device_poll_interval_sec'), `not shorter than device_code_ttl_sec (${deviceCodeTtlSec})`);
  return {
    clients,
    dynamicRegistration,
    clientIdMetadataDocuments,
    accessTokenTtlSec,
    refreshTokenTtlSec,
    deviceCodeTtlSec,
    devicePollIntervalSec,
  };
}

function normalizeClient(
  c: NonNullable<RawOAuth['clients']>[number],
  here: (...k: string[]) => JsonPath,
  known: string[],
  fail: Fail,
): OAuthClient {
  const redirectUris = c.redirect_uris ?? [];
  redirectUris.forEach((uri, j) => {
    const path = [...here('redirect_uris'), j];
    if (!fail.known(path)) return;
    const u = URL.parse(uri);
    if (u?.hash !== '' || uri.includes('#')) fail(path, 'expected an absolute URI without a fragment');
    if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
      fail(path, 'http only to a loopback address (127.0.0.1, localhost, [::1]); use https');
    if (/^(javascript|data|vbscript|file):$/.test(u.protocol))
      fail(path, `the ${u.protocol} scheme is refused`);
  });
  const secret = c.client_secret_sha256;
  if (
    secret !== undefined &&
    fail.known(here('client_secret_sha256')) &&
    !/^[0-9a-fA-F]{64}$/.test(secret.trim())
  )
    fail(
      here('client_secret_sha256'),
      'expected 64 hex digits: sha256 of the secret (printf %s "$SECRET" | sha256sum)',
    );
  const confidential = secret !== undefined;
  const grantTypes = (
    c.grant_types ??
    (redirectUris.length > 0
      ? ['authorization_code', 'refresh_token']
      : confidential
        ? ['client_credentials']
        : [DEVICE_CODE, 'refresh_token'])
  ).map((g) => (g === 'device_code' ? DEVICE_CODE : g));
  grantTypes.forEach((g, j) => {
    if (!(OAUTH_GRANT_TYPES as readonly string[]).includes(g))
      fail(
        [...here('grant_types'), j],
        `unknown grant type "${g}"; expected ${OAUTH_GRANT_TYPES.join(', ')} (or device_code)`,
      );
  });
  if (grantTypes.length === 0) fail(here('grant_types'), 'empty list: the client could get no token');
  if (grantTypes.includes('authorization_code') && redirectUris.length === 0)
    fail(here('redirect_uris'), 'authorization_code needs at least one redirect URI');
  if (grantTypes.includes('client_credentials') && !confidential)
    fail(here('grant_types'), 'client_credentials is for confidential clients: give client_secret_sha256');
  if (
    grantTypes.includes('refresh_token') &&
    !grantTypes.includes('authorization_code') &&
    !grantTypes.includes(DEVICE_CODE)
  )
    fail(here('grant_types'), 'refresh_token comes with authorization_code or device_code');
  (c.scopes ?? []).forEach((s, j) => {
    if (known.length > 0 && !known.includes(s))
      fail(
        [...here('scopes'), j],
        `unknown scope "${s}"; the guard knows ${known.join(', ')} (scopes_supported)`,
      );
  });
  const out: OAuthClient = { clientId: c.client_id, redirectUris, grantTypes };
  if (c.client_name !== undefined) out.clientName = c.client_name;
  if (c.scopes !== undefined) out.scopes = c.scopes;
  if (secret !== undefined) out.secretSha256 = Buffer.from(secret.trim(), 'hex');
  return out;
}
