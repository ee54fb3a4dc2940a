// The HTTP guard in front of a REMOTE backend: `guard serve-http` (a real process) whose only server is
// server-everything in its own Streamable HTTP mode (`servers.x.url`), driven by the SDK 1.x Streamable
// HTTP client. A recording proxy between the guard and the server shows what goes over the wire: the
// `headers` of the guard config on every request, never the client's `Authorization` or `X-API-Key`.
// Then `/metrics` after the remote server, and separately a stdio backend process, was killed and came
// back: restarts counted (and still counted once the session is over), up back to 1.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type HttpGuardProcess, httpClient, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';
import { everythingHttp, freePort, type RecordingProxy, recordingProxy } from './servers/remote-http.ts';

const KEY = 'alice-http-remote-key-0123456789';
const OTHER = 'x-api-key-of-the-client-987654321';

let serverPort: number;
let server: ChildProcess;
let recorder: RecordingProxy;
let guard: HttpGuardProcess;
let client: Client;
const sampled: unknown[] = [];

before(async () => {
  serverPort = await freePort();
  server = await everythingHttp(serverPort);
  recorder = await recordingProxy(serverPort);
  const tenant = '${TENANT_ID}';
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${KEY}
servers:
  everything:
    url: "http://127.0.0.1:${recorder.port}/mcp"
    headers:
      X-Tenant: "${tenant}"
      Authorization: "Bearer server-side-key"
`);
  guard = await startHttpGuard(g.config, [], { TENANT_ID: 'acme' });
  // Both credential headers: the guard authenticates with one and must forward neither.
  const c = await httpClient(guard.mcp, {
    headers: { authorization: `Bearer ${KEY}`, 'x-api-key': OTHER },
    capabilities: { sampling: {} },
  });
  client = c.client;
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    sampled.push(request.params);
    return { model: 'test-model', role: 'assistant', content: { type: 'text', text: 'sampled remotely' } };
  });
  await client.connect(c.transport);
});

after(async () => {
  await client?.close().catch(() => {});
  await guard?.stop();
  recorder?.proxy.closeAllConnections();
  recorder?.proxy.close();
  server?.kill('SIGKILL');
});

test('tools/list and a call reach the remote server through the HTTP guard', async () => {
  assert.match(client.getServerVersion()?.name ?? '', /everything/i);
  const { tools } = await client.listTools();
  assert.ok(
    tools.some((t) => t.name === 'echo'),
    guard.stderr(),
  );
  const echo = await client.callTool({ name: 'echo', arguments: { message: 'via http twice' } });
  assert.match(JSON.stringify(echo.content), /via http twice/);
  assert.ok(recorder.seen.some((r) => r.body.includes('via http twice')));
});

test('progress from the remote server streams to the HTTP client', async () => {
  const progress: number[] = [];
  const result = await client.callTool(
    { name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 } },
    undefined,
    { onprogress: (p) => progress.push(p.progress) },
  );
  assert.match(JSON.stringify(result.content), /completed/i);
  // The SDK client may drop the last one when it lands with the result (typescript-sdk#2580).
  assert.deepEqual(progress.slice(0, 2), [1, 2]);
});

test('a sampling request from the remote server is answered by the HTTP client', async () => {
  const result = await client.callTool({
    name: 'trigger-sampling-request',
    arguments: { prompt: 'hi', maxTokens: 20 },
  });
  assert.equal(sampled.length, 1);
  assert.match(JSON.stringify(result.content), /sampled remotely/);
});

test("the remote server gets the config's headers and never the client's credentials", () => {
  assert.ok(recorder.seen.length >= 4);
  const wire = JSON.stringify(recorder.seen);
  assert.doesNotMatch(wire, new RegExp(KEY), "the client's Authorization never reaches the server");
  assert.doesNotMatch(wire, new RegExp(OTHER), "the client's X-API-Key never reaches the server");
  for (const r of recorder.seen) {
    assert.equal(r.headers['x-tenant'], 'acme', `${r.method} ${r.body}`);
    assert.equal(r.headers.authorization, 'Bearer server-side-key');
    assert.equal(r.headers['x-api-key'], undefined);
  }
});

/** The value of one series in the Prometheus text of `base`/metrics (its replica label aside), or undefined. */
async function scrape(series: string, base = guard.base): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text
    .split('\n')
    .map((l) => l.replace(/,replica="[^"]*"|\{replica="[^"]*"\}/, ''))
    .find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics counts a remote backend reconnect and shows it up again', async () => {
  assert.equal(await scrape('mcp_guard_backend_up{backend="everything"}'), 1);
  assert.equal(await scrape('mcp_guard_backend_restarts_total{backend="everything"}'), 0);
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  // The guard notices at the next request; the call fails while the server is away.
  await assert.rejects(client.callTool({ name: 'echo', arguments: { message: 'lost' } }));
  server = await everythingHttp(serverPort);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await client.callTool({ name: 'echo', arguments: { message: 'back' } });
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`no recovery: ${(error as Error).message}\n${guard.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.ok(((await scrape('mcp_guard_backend_restarts_total{backend="everything"}')) ?? 0) >= 1);
  assert.equal(await scrape('mcp_guard_backend_up{backend="everything"}'), 1);
});

test('/metrics counts a stdio backend process restart, also after its session ended', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  local:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  const local = await startHttpGuard(g.config);
  const c = await httpClient(local.mcp);
  try {
    await c.client.connect(c.transport);
    await c.client.listTools();
    const series = (m: string) => `${m}{backend="local"}`;
    assert.equal(await scrape(series('mcp_guard_backend_up'), local.base), 1);
    assert.equal(await scrape(series('mcp_guard_backend_restarts_total'), local.base), 0);
    const [pid] = execFileSync('pgrep', ['-P', String(local.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while ((await scrape(series('mcp_guard_backend_restarts_total'), local.base)) !== 1) {
      assert.ok(Date.now() < deadline, `no restart counted:\n${local.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    while ((await scrape(series('mcp_guard_backend_up'), local.base)) !== 1) {
      assert.ok(Date.now() < deadline, `not up again:\n${local.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const { tools } = await c.client.listTools();
    assert.ok(tools.some((t) => t.name === 'echo'));
    // The session ends (DELETE) and its backend stops; the count it made stays.
    await c.transport.terminateSession();
    await c.client.close();
    assert.equal(await scrape(series('mcp_guard_backend_restarts_total'), local.base), 1);
  } finally {
    await c.client.close().catch(() => {});
    await local.stop();
  }
});
