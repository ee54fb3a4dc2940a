// Session and process lifecycle of the HTTP guard: an idle session expires (404 afterwards, its
// backend stopped); SIGTERM lets an in-flight call finish (within http.shutdown_grace_ms) while new
// requests are refused, then exits 0 with no backend left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { children, httpClient, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

const config = (http: string) =>
  guardDir(`
auth:
  mode: none
http:
${http}
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);

test('an idle session expires: 404 afterwards and its backend is stopped', async () => {
  const g = config('  session_idle_sec: 1');
  const guard = await startHttpGuard(g.config);
  try {
    const res = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() });
    await res.body?.cancel();
    const id = res.headers.get('mcp-session-id')!;
    assert.equal(children(guard.child.pid!).length, 1);
    const list = () =>
      fetch(guard.mcp, {
        method: 'POST',
        headers: mcpHeaders({ 'mcp-session-id': id }),
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
    const alive = await list();
    assert.equal(alive.status, 200);
    await alive.body?.cancel();
    // Unused for longer than session_idle_sec (the sweep runs every quarter of it).
    await delay(1700);
    const expired = await list();
    const status = expired.status;
    assert.equal(status, 404);
    for (let i = 0; i < 50 && children(guard.child.pid!).length > 0; i++) await delay(50);
    assert.equal(children(guard.child.pid!).length, 0, 'the expired session backend stopped');
  } finally {
    await guard.stop();
  }
});

test('SIGTERM drains: the call in flight completes, new requests get 503, exit 0, no backend left', async () => {
  const g = config('  shutdown_grace_ms: 5000');
  const guard = await startHttpGuard(g.config);
  const { client, transport } = await httpClient(guard.mcp);
  await client.connect(transport);
  const backends = children(guard.child.pid!);
  assert.equal(backends.length, 1);
  const call = client.callTool({
    name: 'trigger-long-running-operation',
    arguments: { duration: 1, steps: 2 },
  });
  await delay(200);
  guard.child.kill('SIGTERM');
  await delay(100);
  const late = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() }).catch(
    () => undefined,
  );
  // Either refused with 503 or no longer accepted at all (the listener is closed).
  if (late) assert.equal(late.status, 503);
  const result = await call;
  assert.match(JSON.stringify(result.content), /completed/i);
  assert.equal(await guard.exited, 0);
  for (const pid of backends) assert.throws(() => process.kill(pid, 0));
  await client.close().catch(() => {});
});
