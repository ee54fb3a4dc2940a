// The guard over stdio in front of the reference server (server-everything, pinned), driven by the
// official SDK client: tools, progress, sampling and elicitation from server to client, cancellation,
// tools/list filtering, and an orderly shutdown that leaves no backend behind.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, guardDir } from './servers/harness.ts';

const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
policies:
  tool_denylist: ["get-env", "gzip-*"]
`);

let client: Client;
let stderr: () => string;
let transport: Awaited<ReturnType<typeof connect>>['transport'];
const sampled: unknown[] = [];

before(async () => {
  const c = await connect(g.config, { capabilities: { sampling: {}, elicitation: { form: {} } } });
  client = c.client;
  stderr = c.stderr;
  transport = c.transport;
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    sampled.push(request.params);
    return {
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: 'sampled by the test client' },
    };
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
  await client?.close();
});

test('initialize passes through: the backend names itself', () => {
  assert.match(client.getServerVersion()?.name ?? '', /everything/i);
});

test('tools/list is relayed and filtered by the deny list', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  assert.ok(names.includes('echo'));
  assert.ok(names.includes('get-sum'));
  assert.ok(!names.includes('get-env'), 'denied tool is not listed');
  assert.ok(!names.some((n) => n.startsWith('gzip-')));
});

test('tools/call echo and get-sum', async () => {
  const echo = await client.callTool({ name: 'echo', arguments: { message: 'hello guard' } });
  assert.match(JSON.stringify(echo.content), /hello guard/);
  const sum = await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } });
  assert.match(JSON.stringify(sum.content), /42/);
});

test('a denied tool is -32003 and audited', async () => {
  await assert.rejects(
    client.callTool({ name: 'get-env', arguments: {} }),
    (e: { code?: number }) => e.code === -32003,
  );
  const denied = g.records().filter((r) => r.decision === 'deny' && r.tool === 'get-env');
  assert.equal(denied.length, 1);
  assert.equal(denied[0].code, -32003);
});

test('progress notifications of the long-running tool reach the client, before the result', async () => {
  // Watch the wire under the SDK client: the guard must deliver every progress notification, in order,
  // ahead of the response. (What the SDK's onprogress then sees is the client's business: it drops a
  // notification it processes after the response, modelcontextprotocol/typescript-sdk#2580.)
  const wire: Array<{ progress?: number; response?: boolean }> = [];
  const inner = transport.onmessage!;
  transport.onmessage = (message) => {
    const m = message as { method?: string; params?: { progress?: number }; result?: unknown };
    if (m.method === 'notifications/progress') wire.push({ progress: m.params?.progress });
    else if (m.result !== undefined && JSON.stringify(m.result).includes('Long running')) {
      wire.push({ response: true });
    }
    inner(message);
  };
  const progress: number[] = [];
  try {
    const result = await client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    assert.match(JSON.stringify(result.content), /completed/i);
  } finally {
    transport.onmessage = inner;
  }
  assert.deepEqual(wire, [{ progress: 1 }, { progress: 2 }, { progress: 3 }, { response: true }]);
  assert.deepEqual(progress.slice(0, 2), [1, 2]);
});

test('a sampling request from the server is answered by the client through the guard', async () => {
  const result = await client.callTool({
    name: 'trigger-sampling-request',
    arguments: { prompt: 'hi', maxTokens: 20 },
  });
  assert.equal(sampled.length, 1);
  assert.match(JSON.stringify(result.content), /sampled by the test client/);
});

test('an elicitation from the server is answered by the client through the guard', async () => {
  const result = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
  assert.match(JSON.stringify(result.content), /accept/);
  assert.match(JSON.stringify(result.content), /Ada/);
});

test('cancellation: an aborted call rejects and the session goes on', async () => {
  const controller = new AbortController();
  const pending = client.callTool(
    { name: 'trigger-long-running-operation', arguments: { duration: 10, steps: 10 } },
    undefined,
    { signal: controller.signal },
  );
  setTimeout(() => controller.abort('test cancels'), 300);
  await assert.rejects(pending);
  const echo = await client.callTool({ name: 'echo', arguments: { message: 'still here' } });
  assert.match(JSON.stringify(echo.content), /still here/);
});

test('every decision is audited in a hash chain; stderr has the backend lines prefixed', () => {
  const records = g.allRecords();
  assert.ok(records.length >= 6);
  records.forEach((r, i) => {
    assert.equal(r.seq, i + 1);
    if (i > 0) assert.equal(r.prev, records[i - 1].hash);
  });
  assert.ok(
    records.some((r) => r.method === 'initialize' && r.decision === 'allow' && r.backend === 'everything'),
  );
  assert.match(stderr(), /mcp-guard: guarding everything/);
});
