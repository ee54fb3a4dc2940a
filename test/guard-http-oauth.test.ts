// The HTTP guard as an OAuth 2.1 resource server, end to end: a local authorization server's JWKS on
// 127.0.0.1, `guard serve-http` with `auth.mode: oauth`. A missing or bad token gets 401 with
// `WWW-Authenticate: Bearer resource_metadata=...`, the Protected Resource Metadata is served at both
// well-known paths, a token for another audience is refused, a missing scope gets 403
// insufficient_scope, and a good token opens a session bound to its subject.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { startTestAuthServer, type TestAuthServer } from '../src/guard/auth/test-jwks.ts';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

/** A free loopback port (the canonical URL, the token audience, names it before the guard starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let as: TestAuthServer;
let guard: HttpGuardProcess;
let resource: string;

before(async () => {
  as = await startTestAuthServer();
  const port = await freePort();
  resource = `http://127.0.0.1:${port}/mcp`;
  const g = guardDir(`
auth:
  mode: oauth
  oauth:
    issuers: ["${as.issuer}"]
    jwks_url: "${as.jwksUrl}"
    scopes: ["mcp:use"]
http:
  port: ${port}
  public_url: "${resource}"
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  const started = await startHttpGuard(g.config, ['--port', String(port)]);
  guard = started;
});

after(async () => {
  await guard?.stop();
  await as?.close();
});

const post = (token?: string) =>
  fetch(resource, {
    method: 'POST',
    headers: mcpHeaders(token ? { authorization: `Bearer ${token}` } : {}),
    body: initBody(),
  });

test('401 without a token, with resource_metadata pointing at the path-aware metadata', async () => {
  const res = await post();
  assert.equal(res.status, 401);
  const challenge = res.headers.get('www-authenticate') ?? '';
  const prm = `${new URL(resource).origin}/.well-known/oauth-protected-resource/mcp`;
  assert.match(challenge, /^Bearer /);
  assert.ok(challenge.includes(`resource_metadata="${prm}"`), challenge);
});

test('the Protected Resource Metadata is served at both well-known paths, without auth', async () => {
  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    const res = await fetch(new URL(path, resource));
    assert.equal(res.status, 200, path);
    const doc = (await res.json()) as { resource: string; authorization_servers: string[] };
    assert.equal(doc.resource, resource);
    assert.deepEqual(doc.authorization_servers, [as.issuer]);
  }
});

test('a token for another audience is 401 invalid_token; one without the scope is 403 insufficient_scope', async () => {
  const wrongAudience = await post(await as.sign('https://other.example.com/mcp', { scope: 'mcp:use' }));
  assert.equal(wrongAudience.status, 401);
  assert.match(wrongAudience.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  const noScope = await post(await as.sign(resource, { scope: 'other' }));
  assert.equal(noScope.status, 403);
  assert.match(noScope.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
});

test('a good token opens a session bound to its subject; another subject cannot use it', async () => {
  const alice = await as.sign(resource, { scope: 'mcp:use' });
  const res = await post(alice);
  assert.equal(res.status, 200);
  await res.body?.cancel();
  const id = res.headers.get('mcp-session-id')!;
  const bob = await as.sign(resource, { scope: 'mcp:use', sub: 'bob' });
  const list = (token: string) =>
    fetch(resource, {
      method: 'POST',
      headers: mcpHeaders({ authorization: `Bearer ${token}`, 'mcp-session-id': id }),
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
  const other = await list(bob);
  assert.equal(other.status, 403);
  const mine = await list(alice);
  assert.equal(mine.status, 200);
  assert.match(await mine.text(), /"echo"/);
});
