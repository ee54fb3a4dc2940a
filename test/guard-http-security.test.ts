// The HTTP guard's refusals, with raw fetch against a real `guard serve-http` process: every status
// code the wire promises (400, 401, 403, 404, 413, 429, 503), an attacker's Origin and Host, another
// principal's session id, a 10 MiB body, credentials in a query string, and brute force slowed down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

const ALICE = 'alice-http-key-0123456789';
const BOB = 'bob-http-key-0123456789';
const SERVERS = `
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`;

/** Opens a session with a raw initialize; returns the response (its session id in the header). */
async function initialize(url: string, key: string, extra: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: mcpHeaders({ 'x-api-key': key, ...extra }),
    body: initBody(),
  });
  await res.body?.cancel();
  return res;
}

describe('wire checks and sessions', () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${ALICE}
    bob: ${BOB}
http:
  allowed_origins: ["https://app.example.com"]
${SERVERS}`);
  let guard: HttpGuardProcess;
  let session: string;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(headers), body });
  const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

  before(async () => {
    guard = await startHttpGuard(g.config);
    const res = await initialize(guard.mcp, ALICE);
    assert.equal(res.status, 200);
    session = res.headers.get('mcp-session-id')!;
    assert.ok(session);
  });
  after(async () => {
    await guard?.stop();
  });

  test('the session works for its own principal', async () => {
    const res = await post(list, {
      'x-api-key': ALICE,
      'mcp-session-id': session,
      'mcp-protocol-version': '2025-06-18',
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /"echo"/);
  });

  test('401 without a credential or with a wrong one, with WWW-Authenticate: Bearer', async () => {
    const none = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() });
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const wrong = await post(initBody(), { authorization: 'Bearer not-a-key' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Bearer/);
    const basic = await post(initBody(), { authorization: 'Basic YWxpY2U6eA==' });
    assert.equal(basic.status, 401);
  });

  test('403 for another principal presenting the session id', async () => {
    const res = await post(list, {
      'x-api-key': BOB,
      'mcp-session-id': session,
      'mcp-protocol-version': '2025-06-18',
    });
    assert.equal(res.status, 403);
    const get = await fetch(guard.mcp, {
      headers: { accept: 'text/event-stream', 'x-api-key': BOB, 'mcp-session-id': session },
    });
    assert.equal(get.status, 403);
    const del = await fetch(guard.mcp, {
      method: 'DELETE',
      headers: { 'x-api-key': BOB, 'mcp-session-id': session },
    });
    assert.equal(del.status, 403);
    // The session survived the attempts.
    const mine = await post(list, { 'x-api-key': ALICE, 'mcp-session-id': session });
    assert.equal(mine.status, 200);
    await mine.body?.cancel();
  });

  test('403 for an attacker Origin; a listed Origin passes', async () => {
    const evil = await post(initBody(), { 'x-api-key': ALICE, origin: 'https://evil.example.com' });
    assert.equal(evil.status, 403);
    const ok = await post(list, {
      'x-api-key': ALICE,
      'mcp-session-id': session,
      origin: 'https://app.example.com',
    });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  });

  test('403 for a foreign Host while bound to loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        guard.mcp,
        {
          method: 'POST',
          headers: { ...mcpHeaders({ 'x-api-key': ALICE }), host: `rebind.evil.example:${guard.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(initBody());
    });
    assert.equal(status, 403);
  });

  test('404 for an unknown session id', async () => {
    const res = await post(list, { 'x-api-key': ALICE, 'mcp-session-id': 'no-such-session' });
    assert.equal(res.status, 404);
  });

  test('400 without a session id (not an initialize), for a bad MCP-Protocol-Version, for a batch', async () => {
    const missing = await post(list, { 'x-api-key': ALICE });
    assert.equal(missing.status, 400);
    const badVersion = await post(list, {
      'x-api-key': ALICE,
      'mcp-session-id': session,
      'mcp-protocol-version': '1999-01-01',
    });
    assert.equal(badVersion.status, 400);
    const batch = await post(`[${list},${list}]`, { 'x-api-key': ALICE, 'mcp-session-id': session });
    assert.equal(batch.status, 400);
    const parse = await post('{not json', { 'x-api-key': ALICE, 'mcp-session-id': session });
    assert.equal(parse.status, 400);
  });

  test('400 for a credential in the query string, even a valid one', async () => {
    const res = await fetch(`${guard.mcp}?access_token=${ALICE}`, {
      method: 'POST',
      headers: mcpHeaders(),
      body: initBody(),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /query string/);
  });

  test('413 for a 10 MiB body', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'x'.repeat(10 * 1024 * 1024) } },
    });
    const res = await post(big, { 'x-api-key': ALICE, 'mcp-session-id': session });
    assert.equal(res.status, 413);
    // Also without a Content-Length (chunked): the limit holds while streaming.
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
        c.close();
      },
    });
    const streamed = await fetch(guard.mcp, {
      method: 'POST',
      headers: mcpHeaders({ 'x-api-key': ALICE, 'mcp-session-id': session }),
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
  });

  test('the audit log names the agent and never holds a key', () => {
    const text = JSON.stringify(g.records());
    assert.match(text, /"agent":"alice"/);
    assert.doesNotMatch(text, new RegExp(`${ALICE}|${BOB}`));
    assert.doesNotMatch(text, new RegExp(session), 'the session id (a bearer-like secret) is not logged');
  });
});

describe('caps and brute force', () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${ALICE}
    bob: ${BOB}
http:
  max_sessions: 3
  max_sessions_per_principal: 2
policies:
  requests_per_minute: 4
${SERVERS}`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('429 beyond the per-principal cap, 503 beyond the total cap', async () => {
    assert.equal((await initialize(guard.mcp, ALICE)).status, 200);
    assert.equal((await initialize(guard.mcp, ALICE)).status, 200);
    const third = await initialize(guard.mcp, ALICE);
    assert.equal(third.status, 429);
    assert.equal((await initialize(guard.mcp, BOB)).status, 200);
    const full = await initialize(guard.mcp, BOB);
    assert.equal(full.status, 503);
  });
});

describe('brute force', () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${ALICE}
policies:
  requests_per_minute: 4
${SERVERS}`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('failed authentications from one address are slowed down (429, answered late), yet a good key still passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = Date.now();
      const res = await initialize(guard.mcp, `guess-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        assert.ok(Number(res.headers.get('retry-after')) >= 1);
        // Past the limit a failure is answered only after a delay: guessing goes no faster than that.
        assert.ok(Date.now() - started >= 900, `answered after ${Date.now() - started} ms`);
      }
    }
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.deepEqual(statuses.slice(4), [429, 429]);
    // Someone else's failures (on loopback: every local client's) never lock out a valid credential.
    const good = await fetch(`${guard.base}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ALICE },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    assert.equal(good.status, 200);
    assert.deepEqual(((await good.json()) as { result: unknown }).result, {});
    const denied = g.records().filter((r) => r.method === '(http)');
    assert.equal(denied.length, 6);
  });
});

describe('start-up safety', () => {
  test('binding a non-loopback address with auth none refuses to start', async () => {
    const g = guardDir(`
auth:
  mode: none
${SERVERS}`);
    await assert.rejects(startHttpGuard(g.config, ['--host', '0.0.0.0']), /refusing to listen on 0\.0\.0\.0/);
    const guard = await startHttpGuard(g.config, ['--host', '0.0.0.0', '--allow-unauthenticated']);
    assert.equal(await guard.stop(), 0);
  });
});
