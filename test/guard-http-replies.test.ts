// How `guard serve-http` answers legacy-era POSTs on /mcp, seen on the wire: a quick call comes back
// as one application/json body; a call that streams progress first comes back as the SDK's SSE stream;
// anything the guard's own path does not take (an extra member, an unsupported protocol version, a
// client that accepts only JSON) still gets the SDK's answer.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir, ROOT } from './servers/harness.ts';

const KEY = 'replies-http-key-0123456789';
const config = (server: string) =>
  guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${KEY}
servers:
  ${server}
`);
// The bench's echo server never speaks unasked, so its answers are deterministic; server-everything
// streams progress and runs long operations.
const echoDir = config(
  `echo: { command: "{{NODE}}", args: [${JSON.stringify(join(ROOT, 'bench', 'servers', 'echo.ts'))}] }`,
);
const everythingDir = config('everything: { command: "{{NODE}}", args: ["{{EVERYTHING}}", "stdio"] }');

/** A guard with one open session, and a POST on that session. */
interface Open {
  guard: HttpGuardProcess;
  session: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

async function open(configFile: string): Promise<Open> {
  const guard = await startHttpGuard(configFile);
  const init = await fetch(guard.mcp, {
    method: 'POST',
    headers: mcpHeaders({ 'x-api-key': KEY }),
    body: initBody(),
  });
  assert.equal(init.status, 200);
  const session = init.headers.get('mcp-session-id') ?? '';
  assert.ok(session);
  await init.text();
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(guard.mcp, {
      method: 'POST',
      headers: mcpHeaders({
        'x-api-key': KEY,
        'mcp-session-id': session,
        'mcp-protocol-version': '2025-06-18',
        ...headers,
      }),
      body: JSON.stringify(body),
    });
  const note = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  assert.equal(note.status, 202);
  return { guard, session, post };
}

let echo: Open;
let everything: Open;

before(async () => {
  [echo, everything] = await Promise.all([open(echoDir.config), open(everythingDir.config)]);
});

after(async () => {
  await Promise.all([echo?.guard.stop(), everything?.guard.stop()]);
  for (const d of [echoDir, everythingDir]) rmSync(d.dir, { recursive: true, force: true });
});

test('a quick call is answered as one JSON body with the session id', async () => {
  for (const id of ['call-1', 2]) {
    const res = await echo.post({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: `hello ${id}` } },
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('mcp-session-id'), echo.session);
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(text)));
    const body = JSON.parse(text) as { id: string; result: { content: { text: string }[] } };
    assert.equal(body.id, id);
    assert.equal(body.result.content[0].text, `hello ${id}`);
  }
});

test('a call that reports progress first is streamed as SSE: progress events, then the response', async () => {
  const res = await everything.post({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: {
      name: 'trigger-long-running-operation',
      arguments: { duration: 0.3, steps: 3 },
      _meta: { progressToken: 'tok-1' },
    },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
  assert.equal(res.headers.get('mcp-session-id'), everything.session);
  const events = (await res.text())
    .split('\n\n')
    .filter((e) => e.startsWith('event: message\ndata: '))
    .map((e) => JSON.parse(e.slice('event: message\ndata: '.length)) as Record<string, unknown>);
  const progress = events.filter((e) => e.method === 'notifications/progress');
  assert.ok(progress.length >= 2, `progress events: ${JSON.stringify(events)}`);
  assert.equal((progress[0].params as { progressToken: string }).progressToken, 'tok-1');
  const last = events.at(-1) as { id: number; result: unknown };
  assert.equal(last.id, 7, 'the response is the last event');
  assert.ok(last.result);
});

test('unusual requests still get the SDK transport answers', async () => {
  const { post } = echo;
  const extra = await post({ jsonrpc: '2.0', id: 3, method: 'tools/list', extra: true });
  assert.equal(extra.status, 400, 'a member the schema does not allow');
  assert.equal(((await extra.json()) as { error: { code: number } }).error.code, -32700);
  const version = await post(
    { jsonrpc: '2.0', id: 4, method: 'tools/list' },
    { 'mcp-protocol-version': '1999-01-01' },
  );
  assert.equal(version.status, 400, 'an unsupported protocol version');
  assert.match(await version.text(), /Unsupported protocol version/);
  const jsonOnly = await post(
    { jsonrpc: '2.0', id: 5, method: 'tools/list' },
    { accept: 'application/json' },
  );
  assert.equal(jsonOnly.status, 406, 'a client that does not accept SSE');
  await jsonOnly.text();
  // A request the guard's own path would take, but with _meta the SDK's schema refuses.
  const badMeta = await post({
    jsonrpc: '2.0',
    id: 6,
    method: 'tools/list',
    params: { _meta: { progressToken: { not: 'a token' } } },
  });
  assert.equal(badMeta.status, 400);
  await badMeta.text();
  // And the session still works afterwards, on the guard's own path.
  const ok = await post({ jsonrpc: '2.0', id: 8, method: 'tools/list' });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'application/json');
  assert.equal(((await ok.json()) as { id: number }).id, 8);
});

test('DELETE ends a call still waiting: its reply ends as an empty SSE stream', async () => {
  const { post, guard, session } = everything;
  const pending = post({
    jsonrpc: '2.0',
    id: 'long',
    method: 'tools/call',
    params: { name: 'trigger-long-running-operation', arguments: { duration: 5, steps: 1 } },
  });
  await new Promise((r) => setTimeout(r, 300));
  const del = await fetch(guard.mcp, {
    method: 'DELETE',
    headers: { 'x-api-key': KEY, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
  });
  assert.equal(del.status, 200);
  const res = await pending;
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(await res.text(), '');
});
