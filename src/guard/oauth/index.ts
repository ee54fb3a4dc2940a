// The guard's own authorization server (`auth.oauth.issuer: self`), mounted on the HTTP guard: the
// oidc-provider app under /oauth and at the origin's two metadata locations (RFC 8414 and OpenID
// discovery), the sign-in, consent and device pages, slow_down for devices that poll too fast
// (RFC 8628, which the library leaves to its host), and the audit records of what it does. Its keys,
// grants, codes, sessions and refresh tokens are in the store; a key rotation made elsewhere (the CLI,
// another replica) is picked up at the next request, which reads the issuer's secrets once.
import { createHash } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { GuardConfig, SelfIssuer } from '../../config/guard-types.ts';
import { loadAssets, sendAsset } from '../console/assets.ts';
import type { AuditSink } from '../context.ts';
import type { OAuthAuth } from '../http/oauth.ts';
import { canonicalResource, issuerFor } from '../http/prm.ts';
import type { HttpMount } from '../http/server.ts';
import type { Store } from '../store/types.ts';
import { SECURITY_HEADERS } from '../web/http.ts';
import { SignIn, signInRecord } from '../web/signin.ts';
import { UserDirectory } from '../web/users.ts';
import { type IssuerSecrets, loadSecrets, publishedKeys, RECORD_PREFIX, readSecrets } from './keys.ts';
import { ASSETS_PATH, IssuerPages } from './pages.ts';
import { clientScopes, createProvider, OAUTH_PATH } from './provider.ts';

/** The metadata locations at the origin (the issuer has no path). */
export const METADATA_PATHS = [
  '/.well-known/oauth-authorization-server',
  '/.well-known/openid-configuration',
];

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval. */
const SLOW_DOWN_STEP_SEC = 5;

/** What the issuer needs besides the config. */
export interface IssuerDeps {
  store: Store;
  audit: AuditSink;
  log?: (line: string) => void;
}

/** The issuer's `auth`: oauth with `self`. */
type SelfAuth = OAuthAuth & { self: SelfIssuer };

/** True when the config asks for the guard's own issuer. */
export function hasSelfIssuer(config: GuardConfig): boolean {
  return config.auth.mode === 'oauth' && config.auth.self !== undefined;
}

/** Which keys are published, and which signs: when this changes the provider is rebuilt. */
function keysFingerprint(secrets: IssuerSecrets, now: number): string {
  return publishedKeys(secrets, now)
    .map((k) => k.kid)
    .join(',');
}

/** Builds the issuer's mount (loading or making its secrets in the store). Throws on unusable settings. */
export async function createIssuer(config: GuardConfig, deps: IssuerDeps): Promise<HttpMount> {
  if (config.auth.mode !== 'oauth' || !config.auth.self) throw new Error('auth.oauth.issuer is not self');
  const auth = config.auth as SelfAuth;
  const self = auth.self;
  const resource = canonicalResource(config.http, '/mcp');
  const issuer = issuerFor(resource);
  const publicUrl = new URL(issuer);
  const alg = auth.algorithms[0];
  const audit = deps.audit;
  const users = new UserDirectory(config.console.users);
  let pages: IssuerPages;
  const signin = new SignIn({
    users,
    store: deps.store,
    attemptsPerMinute: config.console.loginAttemptsPerMinute,
    basePath: OAUTH_PATH,
    render: (title, body) => pages.render(title, body),
    onAttempt: (e) => audit.append(signInRecord('oauth/signin', e)),
  });
  let secrets = await loadSecrets(deps.store, alg);
  const assets = loadAssets();
  pages = new IssuerPages({
    assets,
    pageSecret: secrets.pageSecret,
    signin,
    users: config.console.users,
    scopes: auth.scopesSupported,
    clientScopes: clientScopes(self, auth.scopesSupported),
    resource,
    onDeviceApproved: (user, client, scope) =>
      audit.append({
        decision: 'allow',
        method: 'oauth/device',
        session: '-',
        by: user || undefined,
        agent: user || undefined,
        reason: `device approved for client ${client}${scope ? `, scope ${scope}` : ''}`,
        latencyMs: 0,
      }),
  });

  const build = (s: IssuerSecrets) => {
    const provider = createProvider({
      auth,
      issuer,
      resource,
      store: deps.store,
      secrets: s,
      users,
      pages: pages.sources(),
    });
    provider.use(devicePolling(deps.store, self.devicePollIntervalSec));
    recordEvents(provider, audit);
    return { provider, callback: provider.callback(), fingerprint: keysFingerprint(s, Date.now()) };
  };
  let current = build(secrets);

  /** The provider for this request: rebuilt when the published keys changed (a rotation, a key retired). */
  async function fresh() {
    const now = Date.now();
    const stored = await readSecrets(deps.store, now);
    if (stored && keysFingerprint(stored, now) !== current.fingerprint) {
      secrets = stored;
      current = build(secrets);
    }
    return current;
  }

  return {
    prefix: OAUTH_PATH,
    paths: METADATA_PATHS,
    async handle(req, res, url) {
      const path = url.pathname;
      if (path.startsWith(`${ASSETS_PATH}/`)) {
        const a = assets.get(path.slice(ASSETS_PATH.length + 1));
        if (!a || !sendAsset(res, a, req.method)) res.writeHead(404, SECURITY_HEADERS).end();
        return;
      }
      // The library sees the request as it reached the public URL (scheme and host), and the socket's
      // address as the client's: a forwarded-for header from the client is not believed.
      req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
      req.headers['x-forwarded-host'] = publicUrl.host;
      delete req.headers['x-forwarded-for'];
      const { provider, callback } = await fresh();
      if (path.startsWith(`${OAUTH_PATH}/interaction/`))
        return pages.interaction(provider, req, res, path.slice(`${OAUTH_PATH}/interaction`.length));
      await callback(req, res);
    },
    close() {},
  };
}

/**
 * RFC 8628 §3.5 on top of the library: the device authorization answer names the polling `interval`,
 * and a device that polls again sooner gets `slow_down` (instead of `authorization_pending`) with 5 s
 * more to wait from then on. Only a pending answer is turned into slow_down: tokens once issued are
 * always delivered. The last poll of each device code is kept in the store (shared by replicas).
 */
function devicePolling(store: Store, intervalSec: number) {
  const kind = `${RECORD_PREFIX}DevicePoll`;
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const route = ctx.oidc?.route;
    if (route === 'device_authorization' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).interval = intervalSec;
      return;
    }
    if (route !== 'token' || ctx.oidc.params?.grant_type !== DEVICE_GRANT) return;
    const body = ctx.body as { error?: string } | undefined;
    if (body?.error !== 'authorization_pending') return;
    const id = createHash('sha256').update(String(ctx.oidc.params.device_code)).digest('base64url');
    const now = Date.now();
    const seen = await store.getRecord(kind, id, now);
    const state = seen ? (JSON.parse(seen.value) as { last: number; interval: number }) : undefined;
    let interval = state?.interval ?? intervalSec;
    const tooSoon = state !== undefined && now - state.last < interval * 1000;
    if (tooSoon) interval += SLOW_DOWN_STEP_SEC;
    await store.putRecord(
      kind,
      id,
      { value: JSON.stringify({ last: now, interval }), expiresAt: now + 3_600_000 },
      now,
    );
    if (tooSoon) {
      const e = new errors.SlowDown();
      ctx.body = { error: e.error, error_description: e.error_description };
    }
  };
}

/**
 * Audit records of the issuer: tokens issued, refreshed and revoked, refresh token reuse, clients
 * registered. Never a token (nor a registered client's secret).
 */
function recordEvents(provider: Provider, audit: AuditSink): void {
  const record = (decision: string, method: string, agent: string | undefined, reason: string) =>
    audit.append({ decision, method, session: '-', agent, reason, latencyMs: 0 });
  provider.on(
    'registration_create.success',
    (_ctx: KoaContextWithOIDC, client: Provider['Client']['prototype']) =>
      record(
        'allow',
        'oauth/register',
        client.clientId,
        `client ${client.clientId} registered (RFC 7591)${client.clientName ? `: ${client.clientName}` : ''}, redirect URIs ${(client.redirectUris ?? []).join(' ') || 'none'}`,
      ),
  );
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const grantType = String(ctx.oidc.params?.grant_type ?? '');
    const client = ctx.oidc.client?.clientId ?? '';
    const account = ctx.oidc.entities.AccessToken?.accountId;
    const scope = (ctx.body as { scope?: string } | undefined)?.scope;
    const what =
      grantType === 'refresh_token'
        ? 'token refreshed'
        : `token issued (${grantType.replace(/^urn:.*:/, '')})`;
    record(
      'allow',
      'oauth/token',
      account ?? client,
      `${what} for client ${client}${scope ? `, scope ${scope}` : ''}`,
    );
  });
  provider.on(
    'grant.error',
    (ctx: KoaContextWithOIDC, error: { error?: string; error_description?: string }) => {
      // A device waiting for its user polls: that is not worth a record each time.
      if (error.error === 'authorization_pending' || error.error === 'slow_down') return;
      const client = ctx.oidc.client?.clientId ?? String(ctx.oidc.params?.client_id ?? '');
      record(
        'deny',
        'oauth/token',
        client || undefined,
        `${error.error}: ${error.error_description ?? ''} (client ${client})`,
      );
    },
  );
  provider.on('grant.revoked', (ctx: KoaContextWithOIDC) => {
    const client = ctx.oidc.client?.clientId ?? '';
    const why = ctx.oidc.route === 'revocation' ? 'on request (RFC 7009)' : 'a used refresh token came back';
    record(
      ctx.oidc.route === 'revocation' ? 'allow' : 'deny',
      'oauth/revoke',
      client || undefined,
      `grant revoked ${why}, client ${client}`,
    );
  });
}
