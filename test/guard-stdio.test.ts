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

test('progress notifications of the long-running tool reach the client', async () => {
  const progress: number[] = [];
  const result = await client.callTool(
    { name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 3 } },
    undefined,
    { onprogress: (p) => progress.push(p.progress) },
  );
  // The last progress notification and the result leave the server together; allow the notification
  // a moment to land (see the closing note: relay ordering of notifications vs responses to review).
  for (let i = 0; i < 20 && progress.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(progress, [1, 2, 3]);
  assert.match(JSON.stringify(result.content), /completed/i);
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
  const records = g.records();
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
