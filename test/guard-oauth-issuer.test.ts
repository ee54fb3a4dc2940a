// The guard as its own OAuth 2.1 authorization server (`auth.oauth.issuer: self`), end to end with real
// parts: `guard serve-http` in front of server-everything, the MCP SDK client's own OAuth support
// (discovery from the 401, PKCE, the authorization pages driven in headless Chromium, token use,
// refresh rotation and reuse detection), revocation and introspection, the device flow (slow_down,
// a user's scopes, expiry), client credentials, a token for another audience, key rotation with
// `guard oauth rotate-keys`, and a restart in the middle (keys and refresh tokens in the SQLite store).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { readSecrets } from '../src/guard/oauth/keys.ts';
import { SqliteStore } from '../src/guard/store/sqlite.ts';
import { hashPassword } from '../src/guard/web/passwords.ts';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { haveChromium, launchChromium } from './helpers/browser.ts';
import { authorizeInBrowser, callbackServer, MemoryOAuth } from './helpers/oauth.ts';
import { CLI, guardDir, NODE, ROOT } from './servers/harness.ts';
import { freePort } from './servers/remote-http.ts';

const PASSWORD = 'correct horse battery staple';
const ROBOT_SECRET = 'robot-secret-0123456789abcdef0123456789';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
/** A JSON answer's members. */
const json = async (r: Response | Promise<Response>) => (await (await r).json()) as Record<string, unknown>;

describe('the guard as its own authorization server', {
  skip: haveChromium ? false : 'chromium is not installed (apt-get install chromium)',
}, () => {
  let g: ReturnType<typeof guardDir>;
  let guard: HttpGuardProcess;
  let port: number;
  let resource: string;
  let issuer: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let callback: Awaited<ReturnType<typeof callbackServer>>;
  let redirectUrl: string;
  const oauth = () => new MemoryOAuth(redirectUrl, { clientId: 'sdk-app' });
  let app: MemoryOAuth;
  /** Every token seen, to check that none reaches the audit log. */
  const seen: string[] = [];
  let device: OAuthTokens;
  let robotToken: string;

  const endpoint = (path: string) => `${issuer}/oauth/${path}`;
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(endpoint(path), { method: 'POST', body: form(fields), headers });
  const useToken = (token: string) =>
    fetch(resource, {
      method: 'POST',
      headers: mcpHeaders({ authorization: `Bearer ${token}` }),
      body: initBody(),
    }).then(async (r) => {
      await r.body?.cancel();
      return r;
    });
  const robot = (fields: Record<string, string>, secret = ROBOT_SECRET) =>
    postForm(
      'token',
      { grant_type: 'client_credentials', ...fields },
      {
        authorization: `Basic ${Buffer.from(`robot:${secret}`).toString('base64')}`,
      },
    );

  async function start(): Promise<void> {
    guard = await startHttpGuard(g.config, ['--port', String(port)]);
  }

  /** Signs in (when asked) and allows, in Chromium; the code the client's redirect URI receives. */
  const authorize = (url: URL, user?: string, opts: { wrongFirst?: boolean } = {}) =>
    authorizeInBrowser(page, url, redirectUrl, { user, password: PASSWORD, ...opts });

  before(async () => {
    const hash = await hashPassword(PASSWORD, { ln: 14, r: 8, p: 1 });
    const secretHash = createHash('sha256').update(ROBOT_SECRET).digest('hex');
    port = await freePort();
    resource = `http://127.0.0.1:${port}/mcp`;
    issuer = `http://127.0.0.1:${port}`;
    g = guardDir(`
auth:
  mode: oauth
  oauth:
    issuer: self
    scopes: [mcp:use]
    tool_scopes: {"get-env": [env:read]}
    device_poll_interval_sec: 1
    clients:
      - {client_id: sdk-app, client_name: SDK app, redirect_uris: ["http://127.0.0.1/callback"]}
      - {client_id: tv, grant_types: [device_code, refresh_token]}
      - {client_id: robot, client_secret_sha256: "${secretHash}", grant_types: [client_credentials], scopes: [mcp:use]}
console:
  users:
    - {name: alice, password_hash: "${hash}"}
    - {name: bob, password_hash: "${hash}", scopes: [mcp:use]}
http:
  public_url: "${resource}"
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
    callback = await callbackServer();
    redirectUrl = callback.redirectUrl;
    app = oauth();
    await start();
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await guard?.stop();
    await callback?.close();
  });

  test('the SDK client finds the issuer from the 401, signs in with PKCE in the browser, and calls a tool', async () => {
    const unauthorized = await fetch(resource, { method: 'POST', headers: mcpHeaders(), body: initBody() });
    assert.equal(unauthorized.status, 401);
    assert.match(
      unauthorized.headers.get('www-authenticate') ?? '',
      /resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
    );
    const prm = await json(fetch(`${issuer}/.well-known/oauth-protected-resource/mcp`));
    assert.deepEqual(prm.authorization_servers, [issuer]);
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const meta = await json(fetch(`${issuer}${path}`));
      assert.equal(meta.issuer, issuer, path);
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(meta.response_types_supported, ['code']);
      assert.ok((meta.scopes_supported as string[]).includes('env:read'), path);
      // Both switches off by default: no registration endpoint, no client ids as URLs.
      assert.equal(meta.registration_endpoint, undefined, path);
      assert.equal(meta.client_id_metadata_document_supported, undefined, path);
    }
    const register = await postForm('register', {});
    await register.body?.cancel();
    assert.equal(register.status, 404);

    const first = new StreamableHTTPClientTransport(new URL(resource), { authProvider: app });
    await assert.rejects(new Client({ name: 'e2e', version: '1' }).connect(first), /Unauthorized/);
    const url = app.authorizationUrl!;
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('resource'), resource);
    const code = await authorize(url, 'alice', { wrongFirst: true });
    await first.finishAuth(code);
    const tokens = app.tokens()!;
    seen.push(tokens.access_token, tokens.refresh_token!);
    const claims = decodeJwt(tokens.access_token);
    assert.equal(claims.aud, resource);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.sub, 'alice');
    assert.deepEqual(String(claims.scope).split(' ').sort(), ['env:read', 'mcp:use']);

    const client = new Client({ name: 'e2e', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource), { authProvider: app }));
    const echo = await client.callTool({ name: 'echo', arguments: { message: 'through the guard' } });
    assert.match(JSON.stringify(echo.content), /through the guard/);
    await client.close();
  });

  test('refresh rotates the refresh token; the used one coming back revokes the whole grant', async () => {
    const before = app.tokens()!;
    assert.equal(await auth(app, { serverUrl: resource }), 'AUTHORIZED');
    const fresh = app.tokens()!;
    seen.push(fresh.access_token, fresh.refresh_token!);
    assert.notEqual(fresh.refresh_token, before.refresh_token);
    assert.notEqual(fresh.access_token, before.access_token);
    assert.equal((await useToken(fresh.access_token)).status, 200);

    const reuse = await postForm('token', {
      grant_type: 'refresh_token',
      refresh_token: before.refresh_token!,
      client_id: 'sdk-app',
    });
    assert.equal(reuse.status, 400);
    assert.equal((await json(reuse)).error, 'invalid_grant');
    // The grant is gone: the newest access token (verified and cached a moment ago) and refresh token too.
    const refused = await useToken(fresh.access_token);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /invalid_token/);
    const newest = await postForm('token', {
      grant_type: 'refresh_token',
      refresh_token: fresh.refresh_token!,
      client_id: 'sdk-app',
    });
    assert.equal(newest.status, 400);
  });

  test('introspection tells a live refresh token; revoking it takes effect at the resource', async () => {
    app = oauth();
    const first = new StreamableHTTPClientTransport(new URL(resource), { authProvider: app });
    await assert.rejects(new Client({ name: 'e2e', version: '1' }).connect(first), /Unauthorized/);
    // Still signed in at the authorization server: straight to the consent (the old grant is revoked).
    await first.finishAuth(await authorize(app.authorizationUrl!));
    const tokens = app.tokens()!;
    seen.push(tokens.access_token, tokens.refresh_token!);
    assert.equal((await useToken(tokens.access_token)).status, 200);
    const introspect = () =>
      json(postForm('introspect', { token: tokens.refresh_token!, client_id: 'sdk-app' }));
    assert.equal((await introspect()).active, true);
    // Access tokens are self-contained JWTs: the library does not introspect them (the grant is revoked instead).
    const jwt = await json(postForm('introspect', { token: tokens.access_token, client_id: 'sdk-app' }));
    assert.equal(jwt.error, 'unsupported_token_type');

    const revoked = await postForm('revoke', {
      token: tokens.refresh_token!,
      token_type_hint: 'refresh_token',
      client_id: 'sdk-app',
    });
    assert.equal(revoked.status, 200);
    assert.equal((await introspect()).active, false);
    assert.equal((await useToken(tokens.access_token)).status, 401);
  });

  test('device flow: slow_down when polling too fast, approval in the browser, the user’s scopes only', async () => {
    const res = await postForm('device/auth', { client_id: 'tv', scope: 'mcp:use env:read' });
    assert.equal(res.status, 200);
    const da = (await res.json()) as Record<string, string | number>;
    assert.equal(da.interval, 1);
    const poll = () =>
      postForm('token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: String(da.device_code),
        client_id: 'tv',
      });
    assert.equal((await json(poll())).error, 'authorization_pending');
    assert.equal((await json(poll())).error, 'slow_down');
    const since = Date.now();

    // bob approves on another device (a fresh browser session).
    await browser.context.clearCookies();
    await page.goto(String(da.verification_uri));
    await page.fill('input[name=user_code]', String(da.user_code));
    await page.click('button[form="op.deviceInputForm"]');
    await page.click('button[form="op.deviceConfirmForm"]:not([name=abort])');
    await page.fill('input[name=user]', 'bob');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form button[type=submit]');
    await page.click('button[value=allow]');
    await page.waitForSelector('text=Device connected');

    // RFC 8628 §3.5: after slow_down the interval is 5 s longer (1 + 5) for this and later polls.
    await new Promise((r) => setTimeout(r, Math.max(0, 6_100 - (Date.now() - since))));
    const done = await poll();
    assert.equal(done.status, 200);
    device = (await done.json()) as OAuthTokens;
    seen.push(device.access_token, device.refresh_token!);
    const claims = decodeJwt(device.access_token);
    assert.equal(claims.sub, 'bob');
    assert.equal(claims.scope, 'mcp:use'); // bob may not grant env:read
    assert.equal((await useToken(device.access_token)).status, 200);
  });

  test('client credentials: a machine agent gets only its own scopes; another resource or secret is refused', async () => {
    const res = await robot({ scope: 'mcp:use env:read' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as OAuthTokens;
    robotToken = body.access_token;
    seen.push(robotToken);
    const claims = decodeJwt(robotToken);
    assert.equal(claims.sub, 'robot');
    assert.equal(claims.aud, resource);
    assert.equal(claims.scope, 'mcp:use');
    assert.equal(body.refresh_token, undefined);
    assert.equal((await useToken(robotToken)).status, 200);
    assert.equal((await robot({}, 'wrong-secret')).status, 401);
    const other = await robot({ resource: 'https://other.example.com/mcp' });
    assert.equal((await json(other)).error, 'invalid_target');
  });

  test('a token signed with the guard’s own key for another audience is refused', async () => {
    const store = await SqliteStore.open(g.db);
    const secrets = (await readSecrets(store))!;
    await store.close();
    const jwk = secrets.keys[0].jwk;
    const key = await importJWK(jwk, 'ES256');
    const mint = (aud: string) =>
      new SignJWT({ scope: 'mcp:use' })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
        .setIssuer(issuer)
        .setSubject('mallory')
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    const refused = await useToken(await mint('https://other.example.com/mcp'));
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /audience/);
  });

  test('rotate-keys: the old key keeps verifying its tokens, new tokens use the new key, an unknown key is refused', async () => {
    const oldKid = decodeProtectedHeader(robotToken).kid;
    const rotated = spawnSync(NODE, [CLI, 'guard', 'oauth', 'rotate-keys', '--config', g.config], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(rotated.status, 0, rotated.stderr);
    const newKid = /new signing key: (\S+)/.exec(rotated.stdout)?.[1];
    assert.ok(newKid && newKid !== oldKid, rotated.stdout);
    assert.match(rotated.stdout, new RegExp(`still published until .*: ${oldKid}`));

    assert.equal((await useToken(robotToken)).status, 200);
    const next = ((await (await robot({ scope: 'mcp:use' })).json()) as OAuthTokens).access_token;
    seen.push(next);
    assert.equal(decodeProtectedHeader(next).kid, newKid);
    assert.equal((await useToken(next)).status, 200);
    const jwks = (await (await fetch(endpoint('jwks'))).json()) as { keys: { kid: string; d?: string }[] };
    assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [newKid, oldKid].sort());
    assert.ok(
      jwks.keys.every((k) => k.d === undefined),
      'no private key is published',
    );

    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ scope: 'mcp:use' })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-a-key-of-the-guard' })
      .setIssuer(issuer)
      .setSubject('mallory')
      .setAudience(resource)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    assert.equal((await useToken(forged)).status, 401);
  });

  test('a restart in the middle: tokens still verify and refresh tokens still refresh', async () => {
    await guard.stop();
    await start();
    assert.equal((await useToken(device.access_token)).status, 200);
    assert.equal((await useToken(robotToken)).status, 200);
    const refreshed = await postForm('token', {
      grant_type: 'refresh_token',
      refresh_token: device.refresh_token!,
      client_id: 'tv',
    });
    assert.equal(refreshed.status, 200);
    const tokens = (await refreshed.json()) as OAuthTokens;
    seen.push(tokens.access_token, tokens.refresh_token!);
    assert.equal((await useToken(tokens.access_token)).status, 200);
  });

  test('the audit log records sign-ins, tokens, refreshes, revocations and the device approval, never a token', async () => {
    const text = readFileSync(g.audit, 'utf8');
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method?: string; decision: string; reason?: string; by?: string });
    const has = (method: string, decision: string, reason: RegExp) =>
      assert.ok(
        records.some((r) => r.method === method && r.decision === decision && reason.test(r.reason ?? '')),
        `${method} ${decision} ${reason}`,
      );
    has('oauth/signin', 'deny', /wrong user name or password/);
    has('oauth/signin', 'allow', /signed in/);
    has('oauth/token', 'allow', /token issued \(authorization_code\) for client sdk-app/);
    has('oauth/token', 'allow', /token refreshed for client sdk-app/);
    has('oauth/token', 'deny', /invalid_grant/);
    has('oauth/revoke', 'deny', /a used refresh token came back/);
    has('oauth/revoke', 'allow', /on request/);
    has('oauth/device', 'allow', /device approved for client tv/);
    has('oauth/token', 'allow', /token issued \(client_credentials\) for client robot/);
    for (const token of seen) assert.ok(!text.includes(token), 'a token reached the audit log');
  });
});

test('device codes expire as RFC 8628 says: expired_token once their time is up', async () => {
  const port = await freePort();
  const g = guardDir(`
auth:
  mode: oauth
  oauth:
    issuer: self
    device_code_ttl_sec: 2
    device_poll_interval_sec: 1
    clients: [{client_id: tv, grant_types: [device_code]}]
console:
  users: [{name: alice, password_hash: "${await hashPassword(PASSWORD, { ln: 14, r: 8, p: 1 })}"}]
http:
  public_url: "http://127.0.0.1:${port}/mcp"
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  const guard = await startHttpGuard(g.config, ['--port', String(port)]);
  try {
    const base = `http://127.0.0.1:${port}/oauth`;
    const da = await json(fetch(`${base}/device/auth`, { method: 'POST', body: form({ client_id: 'tv' }) }));
    assert.equal(da.expires_in, 2);
    const poll = () =>
      json(
        fetch(`${base}/token`, {
          method: 'POST',
          body: form({
            grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
            device_code: String(da.device_code),
            client_id: 'tv',
          }),
        }),
      );
    assert.equal((await poll()).error, 'authorization_pending');
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal((await poll()).error, 'expired_token');
  } finally {
    await guard.stop();
  }
});
