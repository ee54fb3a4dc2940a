// A remote (url) backend end to end: the stdio guard (`mcp-guard guard serve`, a real process) in front
// of server-everything running in its own Streamable HTTP mode on 127.0.0.1, driven by the SDK client.
// A small recording proxy between the guard and the server shows what goes over the wire: the headers
// from the guard config (with `${VAR}` resolved) and never the client's credential. A second guard,
// straight to the server, sees the server killed mid-call (-32603 naming the backend) and recovers
// once it is back on the same port.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, guardDir } from './servers/harness.ts';
import { everythingHttp as everything, freePort, recordingProxy } from './servers/remote-http.ts';

const KEY = 'alice-secret-key-0123456789';

let serverPort: number;
let server: ChildProcess;
let recorder: Awaited<ReturnType<typeof recordingProxy>>;
let client: Client;
let closeClient: () => Promise<void>;
let guardStderr: () => string;
const sampled: unknown[] = [];

before(async () => {
  serverPort = await freePort();
  server = await everything(serverPort);
  recorder = await recordingProxy(serverPort);
  // A ${VAR} reference, resolved by the guard's loader from its environment.
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
  const c = await connect(g.config, {
    env: { MCP_GUARD_API_KEY: KEY, TENANT_ID: 'acme' },
    capabilities: { sampling: {} },
  });
  client = c.client;
  guardStderr = c.stderr;
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
    sampled.push(req.params);
    return {
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: 'sampled by the test client' },
    };
  });
  await client.connect(c.transport);
  closeClient = () => client.close();
});

after(async () => {
  await closeClient?.().catch(() => {});
  recorder?.proxy.closeAllConnections();
  recorder?.proxy.close();
  server?.kill('SIGKILL');
});

test('initialize and tools/list reach the remote server', async () => {
  assert.match(client.getServerVersion()?.name ?? '', /everything/i);
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  assert.ok(names.includes('echo'), guardStderr());
  assert.ok(names.includes('trigger-sampling-request'));
});

test('echo, with the client credential in _meta stripped before the remote server', async () => {
  const echo = await client.callTool({
    name: 'echo',
    arguments: { message: 'over http' },
    _meta: { api_key: KEY },
  });
  assert.match(JSON.stringify(echo.content), /over http/);
  const call = recorder.seen.find((r) => r.body.includes('over http'));
  assert.ok(call, 'the call went through the proxy');
  assert.doesNotMatch(
    JSON.stringify(recorder.seen),
    new RegExp(KEY),
    'no credential of the client on the wire',
  );
});

test('the remote server gets the configured headers, ${VAR} resolved, on every request', () => {
  assert.ok(recorder.seen.length >= 3);
  for (const r of recorder.seen) {
    assert.equal(r.headers['x-tenant'], 'acme', `${r.method} ${r.body}`);
    assert.equal(r.headers.authorization, 'Bearer server-side-key');
    assert.equal(r.headers['x-api-key'], undefined);
  }
  const later = recorder.seen.filter((r) => r.headers['mcp-session-id'] !== undefined);
  assert.ok(later.length >= 2, 'requests after initialize carry the session id');
  assert.ok(later.every((r) => typeof r.headers['mcp-protocol-version'] === 'string'));
});

test('progress notifications from the remote server reach the client', async () => {
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

test('a sampling request from the remote server is answered by the client', async () => {
  const result = await client.callTool({
    name: 'trigger-sampling-request',
    arguments: { prompt: 'hi', maxTokens: 20 },
  });
  assert.equal(sampled.length, 1);
  assert.match(JSON.stringify(result.content), /sampled by the test client/);
});

test('closing the guard ends the remote session with DELETE', async () => {
  const sessions = new Set(recorder.seen.map((r) => r.headers['mcp-session-id']).filter(Boolean));
  await closeClient();
  const deadline = Date.now() + 10_000;
  while (!recorder.seen.some((r) => r.method === 'DELETE') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const del = recorder.seen.find((r) => r.method === 'DELETE');
  assert.ok(del, `a DELETE reached the server; guard stderr:\n${guardStderr()}`);
  assert.ok(sessions.has(del.headers['mcp-session-id']));
  assert.equal(del.headers['x-tenant'], 'acme');
});

test('the remote server going away mid-call gives -32603 naming it; the guard recovers when it is back', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    url: "http://127.0.0.1:${serverPort}/mcp"
`);
  const c = await connect(g.config);
  const direct = c.client;
  await direct.connect(c.transport);
  try {
    let progressed!: () => void;
    const started = new Promise<void>((r) => {
      progressed = r;
    });
    const long = direct.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 20, steps: 20 } },
      undefined,
      { onprogress: () => progressed(), timeout: 30_000 },
    );
    await started;
    server.kill('SIGKILL');
    await assert.rejects(long, (e: { code?: number; message?: string }) => {
      assert.equal(e.code, -32603);
      assert.match(e.message ?? '', /backend everything connection lost/);
      return true;
    });
    // While it is away, calls fail fast with the same code.
    await assert.rejects(
      direct.callTool({ name: 'echo', arguments: { message: 'x' } }),
      (e: { code?: number }) => {
        assert.equal(e.code, -32603);
        return true;
      },
    );
    server = await everything(serverPort);
    const deadline = Date.now() + 20_000;
    let echoed: string | undefined;
    while (echoed === undefined) {
      try {
        const r = await direct.callTool({ name: 'echo', arguments: { message: 'back again' } });
        echoed = JSON.stringify(r.content);
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no recovery: ${(error as Error).message}\n${c.stderr()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.match(echoed, /back again/);
    assert.match(c.stderr(), /re-initialized/);
  } finally {
    await direct.close();
  }
});
