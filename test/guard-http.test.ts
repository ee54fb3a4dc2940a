// The HTTP guard end to end: `guard serve-http` (a real process) in front of server-everything over
// stdio, driven by the SDK 1.x Streamable HTTP client: list, call, progress, sampling and elicitation
// round trips, the session ended with DELETE (its backend process stopped), and /rpc with curl-style
// plain JSON-RPC. Credentials are API keys in headers; the backend never sees them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type HttpGuardProcess, httpClient, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

/** Process ids of the guard's children (one backend process per session). */
function children(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const KEY = 'alice-http-key-0123456789';
const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${KEY}
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
policies:
  tool_denylist: ["get-env"]
`);

let guard: HttpGuardProcess;
let client: Client;
let transport: StreamableHTTPClientTransport;
const sampled: unknown[] = [];

before(async () => {
  guard = await startHttpGuard(g.config);
  const c = await httpClient(guard.mcp, {
    headers: { authorization: `Bearer ${KEY}` },
    capabilities: { sampling: {}, elicitation: { form: {} } },
  });
  client = c.client;
  transport = c.transport;
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    sampled.push(request.params);
    return { model: 'test-model', role: 'assistant', content: { type: 'text', text: 'sampled over http' } };
  });
  client.setRequestHandler(ElicitRequestSchema, async () => ({
    action: 'accept',
    content: {
      color: 'blue',
      name: 'Ada',
      check: true,
      email: 'ada@example.com',
      homepage: 'https://example.com',
      birthdate: '2000-01-01',
      integer: 3,
      number: 1.5,
      untitledSingleSelectEnum: 'option1',
      titledSingleSelectEnum: 'value1',
      legacyTitledEnum: 'option1',
      untitledMultipleSelectEnum: ['option1'],
      titledMultipleSelectEnum: ['value1'],
    },
  }));
  await client.connect(transport);
});

after(async () => {
  await client?.close().catch(() => {});
  await guard?.stop();
});

test('initialize opens a session with a long random id; the backend names itself', () => {
  assert.match(client.getServerVersion()?.name ?? '', /everything/i);
  assert.match(transport.sessionId ?? '', /^[A-Za-z0-9_-]{43}$/);
});

test('tools/list and tools/call through the pipeline (deny list applies)', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  assert.ok(names.includes('echo'));
  assert.ok(!names.includes('get-env'));
  const echo = await client.callTool({ name: 'echo', arguments: { message: 'hello over http' } });
  assert.match(JSON.stringify(echo.content), /hello over http/);
  await assert.rejects(
    client.callTool({ name: 'get-env', arguments: {} }),
    (e: { code?: number }) => e.code === -32003,
  );
  const records = g.records();
  assert.ok(records.some((r) => r.decision === 'allow' && r.tool === 'echo' && r.agent === 'alice'));
  assert.doesNotMatch(JSON.stringify(records), new RegExp(KEY));
});

test('progress notifications reach the client on the call stream', async () => {
  const progress: number[] = [];
  const result = await client.callTool(
    { name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 } },
    undefined,
    { onprogress: (p) => progress.push(p.progress), resetTimeoutOnProgress: true },
  );
  assert.match(JSON.stringify(result.content), /completed/i);
  assert.ok(progress.length >= 2, `progress seen: ${JSON.stringify(progress)}`);
  assert.deepEqual(progress.slice(0, 2), [1, 2]);
});

test('sampling: the server asks the client through the guard and gets its answer back', async () => {
  const result = await client.callTool({
    name: 'trigger-sampling-request',
    arguments: { prompt: 'hi', maxTokens: 20 },
  });
  assert.equal(sampled.length, 1);
  assert.match(JSON.stringify(result.content), /sampled over http/);
});

test('elicitation: the server asks the client through the guard and gets its answer back', async () => {
  const result = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
  assert.match(JSON.stringify(result.content), /Ada/);
});

test('/rpc: plain JSON-RPC in, response out, same pipeline; X-MCP-Session names the session', async () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${guard.base}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
      body: JSON.stringify(body),
    });
  const listed = await post({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
  assert.equal(listed.status, 200);
  const list = (await listed.json()) as { id: number; result: { tools: { name: string }[] } };
  assert.equal(list.id, 7);
  assert.ok(list.result.tools.some((t) => t.name === 'get-sum'));
  assert.ok(!list.result.tools.some((t) => t.name === 'get-env'));
  const sum = (await (
    await post(
      {
        jsonrpc: '2.0',
        id: 'a',
        method: 'tools/call',
        params: { name: 'get-sum', arguments: { a: 20, b: 22 } },
      },
      { 'x-mcp-session': 'two' },
    )
  ).json()) as { result: { content: unknown } };
  assert.match(JSON.stringify(sum.result.content), /42/);
  const denied = (await (
    await post({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'get-env', arguments: {} } })
  ).json()) as { error: { code: number } };
  assert.equal(denied.error.code, -32003);
  const note = await post({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
  assert.equal(note.status, 202);
  const unauth = await fetch(`${guard.base}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  assert.equal(unauth.status, 401);
});

test('/health and /ready answer; /ready reports the open sessions', async () => {
  const health = await fetch(`${guard.base}/health`);
  assert.equal(health.status, 200);
  const ready = await fetch(`${guard.base}/ready`);
  assert.equal(ready.status, 200);
  const body = (await ready.json()) as { status: string; sessions: number };
  assert.equal(body.status, 'ready');
  assert.ok(body.sessions >= 1);
});

test('DELETE ends the session: later use is 404 and its backend process is gone', async () => {
  const { client: c2, transport: t2 } = await httpClient(guard.mcp, { headers: { 'x-api-key': KEY } });
  await c2.connect(t2);
  const id = t2.sessionId!;
  await c2.listTools();
  const before = (await (await fetch(`${guard.base}/ready`)).json()) as { sessions: number };
  const backends = children(guard.child.pid!).length;
  await t2.terminateSession();
  for (let i = 0; i < 100 && children(guard.child.pid!).length !== backends - 1; i++) await delay(50);
  assert.equal(children(guard.child.pid!).length, backends - 1, 'the session backend process stopped');
  const after = (await (await fetch(`${guard.base}/ready`)).json()) as { sessions: number };
  assert.equal(after.sessions, before.sessions - 1);
  const again = await fetch(guard.mcp, {
    method: 'POST',
    headers: mcpHeaders({ 'x-api-key': KEY, 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' }),
    body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
  });
  assert.equal(again.status, 404);
  await c2.close();
});

test('/metrics: Prometheus text counting what happened above', async () => {
  const res = await fetch(`${guard.base}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  // Every series carries the replica label, by default the host name.
  const replica = `replica="${hostname()}"`;
  const value = (series: string) => {
    const labelled = series.includes('{') ? series.replace('}', `,${replica}}`) : `${series}{${replica}}`;
    const line = text.split('\n').find((l) => l.startsWith(`${labelled} `));
    return line === undefined ? undefined : Number(line.slice(labelled.length + 1));
  };
  // get-env was refused twice: once over /mcp, once over /rpc.
  assert.equal(value('mcp_guard_requests_total{method="tools/call",decision="deny"}'), 2);
  // The unauthenticated /rpc request was refused at the edge and counted.
  assert.equal(value('mcp_guard_auth_failed_total'), 1);
  assert.ok((value('mcp_guard_requests_total{method="tools/call",decision="allow"}') ?? 0) >= 5);
});

test('SIGTERM shuts down in order: exit code 0, no backend left behind', async () => {
  const pids = children(guard.child.pid!);
  assert.ok(pids.length >= 1, 'backends run as children of the guard');
  await client.close();
  assert.equal(await guard.stop(), 0);
  for (const pid of pids) {
    assert.throws(() => process.kill(pid, 0), 'backend process is gone');
  }
});
