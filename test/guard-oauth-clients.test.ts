// The guard's own authorization server with clients it does not list: the MCP SDK client registering
// itself (RFC 7591, `dynamic_registration: true`) and naming itself by the URL of its client ID
// metadata document (`client_id_metadata_documents`, served over real TLS on loopback), each through
// the sign-in and consent pages in Chromium to a tool call; a document outside the configured prefixes
// is never fetched. And the pages' defences, from an attacker's side: PKCE required and S256 only,
// forms without the CSRF token or from another origin refused, sign-in rate limited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { hashPassword } from '../src/guard/web/passwords.ts';
import { type HttpGuardProcess, startHttpGuard } from './guard-http-harness.ts';
import { haveChromium, launchChromium } from './helpers/browser.ts';
import { authorizeInBrowser, callbackServer, MemoryOAuth } from './helpers/oauth.ts';
import { guardDir } from './servers/harness.ts';
import { freePort } from './servers/remote-http.ts';

const PASSWORD = 'correct horse battery staple';
/** A PKCE challenge (any S256-shaped value: these requests never reach the token endpoint). */
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/** Cookies kept across fetches, as a browser would (name=value of each set-cookie). */
class Jar {
  readonly #cookies = new Map<string, string>();
  keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
  get header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('the own issuer with registered and self-described clients, and its pages under attack', {
  skip: haveChromium ? false : 'chromium is not installed (apt-get install chromium)',
}, () => {
  let tls: string;
  let documents: HttpsServer;
  /** Paths the document server was asked for. */
  const fetched: string[] = [];
  let docsBase: string;
  let guard: HttpGuardProcess;
  let audit: string;
  let issuer: string;
  let resource: string;
  let callback: Awaited<ReturnType<typeof callbackServer>>;
  let redirectUrl: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  /** Connects the SDK client through the whole flow (the pages in Chromium) and calls a tool. */
  async function signInAndCall(app: MemoryOAuth, user?: string): Promise<void> {
    const first = new StreamableHTTPClientTransport(new URL(resource), { authProvider: app });
    await assert.rejects(new Client({ name: 'e2e', version: '1' }).connect(first), /Unauthorized/);
    const code = await authorizeInBrowser(page, app.authorizationUrl!, redirectUrl, {
      user,
      password: PASSWORD,
    });
    await first.finishAuth(code);
    const client = new Client({ name: 'e2e', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource), { authProvider: app }));
    const echo = await client.callTool({ name: 'echo', arguments: { message: 'a new client' } });
    assert.match(JSON.stringify(echo.content), /a new client/);
    await client.close();
  }

  /** The start of an authorization request for the configured public client. */
  const authorizeUrl = (extra: Record<string, string>) =>
    `${issuer}/oauth/authorize?${new URLSearchParams({
      client_id: 'sdk-app',
      response_type: 'code',
      redirect_uri: redirectUrl,
      scope: 'mcp:use',
      state: 'st',
      resource,
      ...extra,
    })}`;

  before(async () => {
    // A certificate for 127.0.0.1, trusted by the guard through NODE_EXTRA_CA_CERTS.
    tls = mkdtempSync(join(tmpdir(), 'mcp-guard-cimd-'));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(tls, 'key.pem'),
      '-out',
      join(tls, 'cert.pem'),
    ]);
    callback = await callbackServer();
    redirectUrl = callback.redirectUrl;
    documents = createHttpsServer(
      { key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) },
      (req, res) => {
        fetched.push(req.url ?? '');
        const id = `${docsBase}${req.url}`;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            client_id: id,
            client_name: 'Notes app',
            redirect_uris: [redirectUrl],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'none',
          }),
        );
      },
    );
    await new Promise<void>((r) => documents.listen(0, '127.0.0.1', r));
    docsBase = `https://127.0.0.1:${(documents.address() as AddressInfo).port}`;

    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    resource = `${issuer}/mcp`;
    const hash = await hashPassword(PASSWORD, { ln: 14, r: 8, p: 1 });
    const g = guardDir(`
auth:
  mode: oauth
  oauth:
    issuer: self
    scopes: [mcp:use]
    dynamic_registration: true
    client_id_metadata_documents: ["${docsBase}/apps/", "*"]
    clients:
      - {client_id: sdk-app, redirect_uris: ["http://127.0.0.1/callback"]}
console:
  login_attempts_per_minute: 2
  users:
    - {name: alice, password_hash: "${hash}"}
http:
  public_url: "${resource}"
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
    audit = g.audit;
    guard = await startHttpGuard(g.config, ['--port', String(port)], {
      NODE_EXTRA_CA_CERTS: join(tls, 'cert.pem'),
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await guard?.stop();
    await callback?.close();
    await new Promise((r) => documents?.close(r));
    if (tls) rmSync(tls, { recursive: true, force: true });
  });

  test('the metadata announces registration and client ID metadata documents', async () => {
    const meta = (await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(meta.registration_endpoint, `${issuer}/oauth/register`);
    assert.equal(meta.client_id_metadata_document_supported, true);
  });

  test('the SDK client registers itself (RFC 7591), signs in, consents and calls a tool', async () => {
    const app = new MemoryOAuth(redirectUrl);
    await signInAndCall(app, 'alice');
    const registered = app.clientInformation()!.client_id;
    assert.ok(registered && registered !== 'sdk-app', registered);
    assert.equal(decodeJwt(app.tokens()!.access_token).client_id, registered);
    const records = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(
      records.some(
        (r) =>
          r.method === 'oauth/register' &&
          r.decision === 'allow' &&
          r.reason.startsWith(
            `client ${registered} registered (RFC 7591): e2e, redirect URIs ${redirectUrl}`,
          ),
      ),
      'the registration is in the audit log',
    );
  });

  test('the SDK client names itself by its metadata document URL; the consent page shows its host', async () => {
    const url = `${docsBase}/apps/notes.json`;
    const app = new MemoryOAuth(redirectUrl, { clientMetadataUrl: url });
    const first = new StreamableHTTPClientTransport(new URL(resource), { authProvider: app });
    await assert.rejects(new Client({ name: 'e2e', version: '1' }).connect(first), /Unauthorized/);
    assert.equal(app.authorizationUrl!.searchParams.get('client_id'), url);
    // Still signed in from the registration above: straight to the consent.
    await page.goto(app.authorizationUrl!.href);
    await page.waitForSelector('button[value=allow]');
    assert.equal(await page.textContent('h1'), `Authorize Notes app (${new URL(docsBase).host})`);
    await signInAndCall(app);
    assert.equal(decodeJwt(app.tokens()!.access_token).client_id, url);
    assert.ok(fetched.includes('/apps/notes.json'), fetched.join(' '));
  });

  test('under *, a document on a loopback address outside the listed prefixes is refused unfetched (SSRF)', async () => {
    const res = await fetch(
      authorizeUrl({
        client_id: `${docsBase}/elsewhere/app.json`,
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    assert.equal(res.status, 400);
    assert.match(await res.text(), /invalid_client/);
    assert.ok(!fetched.some((p) => p.startsWith('/elsewhere')), fetched.join(' '));
  });

  test('PKCE is required, and only with S256', async () => {
    const cases: Record<string, string>[] = [
      {},
      { code_challenge: CHALLENGE, code_challenge_method: 'plain' },
    ];
    for (const extra of cases) {
      const res = await fetch(authorizeUrl(extra), { redirect: 'manual' });
      await res.body?.cancel();
      assert.equal(res.status, 303, JSON.stringify(extra));
      const back = new URL(res.headers.get('location') ?? '');
      assert.equal(back.origin + back.pathname, redirectUrl);
      assert.equal(back.searchParams.get('error'), 'invalid_request', JSON.stringify(extra));
      assert.match(back.searchParams.get('error_description') ?? '', /PKCE|code_challenge/);
    }
  });

  test('the sign-in form is refused without its CSRF token or from another origin, then rate limited', async () => {
    const jar = new Jar();
    let res = jar.keep(
      await fetch(authorizeUrl({ code_challenge: CHALLENGE, code_challenge_method: 'S256' }), {
        redirect: 'manual',
      }),
    );
    await res.body?.cancel();
    const interaction = new URL(res.headers.get('location') ?? '', issuer).href;
    assert.match(interaction, /\/oauth\/interaction\/[\w-]+$/);
    res = jar.keep(await fetch(interaction, { headers: { cookie: jar.header } }));
    const form = await res.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(csrf, form);
    const login = (fields: Record<string, string>, origin = issuer) =>
      fetch(`${interaction}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const right = { user: 'alice', password: PASSWORD };
    const noToken = await login(right);
    assert.equal(noToken.status, 403);
    assert.match(await noToken.text(), /CSRF/);
    const elsewhere = await login({ ...right, csrf }, 'https://evil.example');
    assert.equal(elsewhere.status, 403);
    await elsewhere.body?.cancel();

    // login_attempts_per_minute: 2 wrong passwords from this address; the one over that blocks the
    // address, and then even the right password waits.
    for (let i = 0; i < 3; i++) {
      const wrong = await login({ user: 'alice', password: 'guess', csrf });
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /Wrong user name or password/);
    }
    const limited = await login({ ...right, csrf });
    assert.equal(limited.status, 429);
    assert.match(await limited.text(), /Too many failed sign-ins/);
  });
});
