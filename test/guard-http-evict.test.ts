// Per-session backends are capped (`http.max_session_backends`): `guard serve-http` (a real process)
// with one backend process per session and a cap of two. A third session ends the least recently used
// idle one (its backend process stopped, its id answered 404 from then on, the log says so); with every
// session busy, a new one is refused (503) and nothing is ended.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  children,
  type HttpGuardProcess,
  initBody,
  mcpHeaders,
  startHttpGuard,
} from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

let guard: HttpGuardProcess;

before(async () => {
  const g = guardDir(`
auth:
  mode: none
http:
  max_session_backends: 2
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
`);
  guard = await startHttpGuard(g.config);
});

after(async () => {
  await guard?.stop();
});

async function open(): Promise<string> {
  const res = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() });
  assert.equal(res.status, 200);
  await res.text();
  return res.headers.get('mcp-session-id')!;
}

async function ping(session: string, id: number) {
  const res = await fetch(guard.mcp, {
    method: 'POST',
    headers: mcpHeaders({ 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' }),
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }),
  });
  await res.text();
  return res.status;
}

test('beyond the cap the least recently used idle session ends first, and the log says so', async () => {
  const first = await open();
  const second = await open();
  // The first is used again: the second is now the least recently used.
  assert.equal(await ping(first, 1), 200);
  assert.equal(children(guard.child.pid!).length, 2);
  const third = await open();
  assert.equal(await ping(second, 2), 404, 'the evicted session is gone');
  assert.equal(await ping(first, 3), 200);
  assert.equal(await ping(third, 4), 200);
  for (let i = 0; i < 100 && children(guard.child.pid!).length > 2; i++)
    await new Promise((r) => setTimeout(r, 50));
  assert.equal(children(guard.child.pid!).length, 2, 'its backend process was stopped');
  assert.match(
    guard.stderr(),
    /http\.max_session_backends \(2\) reached: ended the least recently used idle session \(addr:127\.0\.0\.1, idle \d+ s\)/,
  );
  assert.doesNotMatch(guard.stderr(), new RegExp(second), 'the session id is not logged');
});

test('with every session busy, a new one is refused and nothing is ended', async () => {
  const sessions = [await open(), await open()];
  // A request in flight makes a session busy: the wallet's slow payment holds one in each.
  const held = sessions.map((s, i) =>
    fetch(guard.mcp, {
      method: 'POST',
      headers: mcpHeaders({ 'mcp-session-id': s, 'mcp-protocol-version': '2025-06-18' }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 10 + i,
        method: 'tools/call',
        params: { name: 'slow_pay', arguments: { amount: 1, to: 'x', ms: 1500 } },
      }),
    }).then((r) => r.text()),
  );
  await new Promise((r) => setTimeout(r, 300));
  const refused = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() });
  assert.equal(refused.status, 503);
  assert.match(await refused.text(), /max_session_backends 2\), none idle/);
  await Promise.all(held);
  for (const s of sessions) assert.equal(await ping(s, 20), 200);
});
