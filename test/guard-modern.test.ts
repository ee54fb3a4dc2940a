// The modern protocol era (2026-07-28) through `mcp-guard guard serve` over stdio: an SDK 2.x client
// (`@modelcontextprotocol/client`) in front of an SDK 2.x server (test/servers/modern.ts): pinned and
// negotiated `server/discover`, stateless `tools/call` carrying the `_meta` envelope, an
// `input_required` result and the client's retry with `inputResponses` (MRTR), tool policy and auth
// from `_meta` of any request (no `initialize` in this era). The guard never speaks for the backend:
// a negotiating client in front of a legacy-only backend ends up on a legacy version.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, guardDir, NODE, ROOT, rawGuard } from './servers/harness.ts';

const MODERN = join(ROOT, 'test/servers/modern.ts');
const KEY = 'alice-modern-key-0123456789abcdef';
const BOB = 'bob-modern-key-0123456789abcdef';
const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';

/** A guard dir in front of the modern server; `received()` reads what the server got (its log sits in the wallet-log slot). */
function modernDir(auth: string) {
  return guardDir(`
${auth}
servers:
  modern:
    command: "{{NODE}}"
    args: ["${MODERN}"]
    env:
      MODERN_LOG: "{{WALLET_LOG}}"
policies:
  tool_denylist: ["drop"]
`);
}

/** The SDK 2.x client launched on the guard over stdio. */
function modernClient(
  config: string,
  mode: 'auto' | { pin: string },
  env: Record<string, string> = {},
): { client: Client; transport: StdioClientTransport; elicited: unknown[] } {
  const transport = new StdioClientTransport({
    command: NODE,
    args: [CLI, 'guard', 'serve', '--config', config],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
    cwd: ROOT,
  });
  const client = new Client(
    { name: 'modern-e2e', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode } },
  );
  const elicited: unknown[] = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    elicited.push(request.params);
    return { action: 'accept', content: { confirm: true } };
  });
  return { client, transport, elicited };
}

function text(result: { content?: unknown }): string {
  return JSON.stringify(result.content);
}

test('SDK 2.x client pinned to 2026-07-28: discover, stateless calls, MRTR, tool policy', async () => {
  const g = modernDir(`auth:\n  mode: api_key\n  keys:\n    alice: "${KEY}"`);
  const { client, transport, elicited } = modernClient(
    g.config,
    { pin: '2026-07-28' },
    { MCP_GUARD_API_KEY: KEY },
  );
  try {
    await client.connect(transport);
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.equal(client.getServerVersion()?.name, 'test-modern');

    const echo = await client.callTool({ name: 'echo', arguments: { message: 'modern hello' } });
    assert.match(text(echo), /echo: modern hello/);

    // The server answers input_required; the client fulfils the elicitation and retries.
    const confirmed = await client.callTool({ name: 'confirm', arguments: { action: 'deploy' } });
    assert.match(text(confirmed), /confirmed: deploy/);
    assert.equal(elicited.length, 1);
    assert.match(JSON.stringify(elicited[0]), /Really deploy\?/);

    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['confirm', 'echo'], 'the denied tool is filtered out of tools/list');
    await assert.rejects(
      client.callTool({ name: 'drop', arguments: {} }),
      /-32003|denied|not allowed|blocked/i,
    );
  } finally {
    await client.close();
  }

  const received = g.received();
  const methods = received.map((m) => m.method);
  assert.ok(!methods.includes('initialize'), 'no initialize in the modern era');
  const calls = received.filter((m) => m.method === 'tools/call') as {
    params: { name: string; inputResponses?: unknown; _meta?: Record<string, unknown> };
  }[];
  assert.deepEqual(
    calls.map((c) => c.params.name),
    ['echo', 'confirm', 'confirm'],
    'the denied call never reached the backend',
  );
  for (const c of calls)
    assert.equal(c.params._meta?.[VERSION_KEY], '2026-07-28', 'the envelope passes untouched');
  assert.equal(calls[1].params.inputResponses, undefined);
  assert.deepEqual(calls[2].params.inputResponses, {
    confirm: { action: 'accept', content: { confirm: true } },
  });

  const records = g.records();
  const toolRecords = records.filter((r) => r.method === 'tools/call');
  assert.deepEqual(
    toolRecords.map((r) => [r.tool, r.decision, r.agent]),
    [
      ['echo', 'allow', 'alice'],
      ['confirm', 'allow', 'alice'],
      ['confirm', 'allow', 'alice'],
      ['drop', 'deny', 'alice'],
    ],
  );
});

test('negotiation (auto) through the guard: modern backend gives 2026-07-28, legacy backend a legacy version', async () => {
  const modern = modernDir('auth:\n  mode: none');
  const a = modernClient(modern.config, 'auto');
  try {
    await a.client.connect(a.transport);
    assert.equal(a.client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.match(text(await a.client.callTool({ name: 'echo', arguments: { message: 'x' } })), /echo: x/);
  } finally {
    await a.client.close();
  }

  // server-everything is built on SDK 1.x: it answers server/discover with -32601 and the client falls
  // back to initialize. The guard relays both; it never claims a version for the backend.
  const legacy = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  const b = modernClient(legacy.config, 'auto');
  try {
    await b.client.connect(b.transport);
    const version = b.client.getNegotiatedProtocolVersion() ?? '';
    assert.ok(version < '2026-07-28' && version >= '2024-11-05', `legacy version negotiated, got ${version}`);
    assert.match(text(await b.client.callTool({ name: 'echo', arguments: { message: 'y' } })), /Echo: y/);
  } finally {
    await b.client.close();
  }
  const discover = legacy.records().find((r) => r.method === 'server/discover');
  assert.equal(discover?.code, -32601, 'the legacy backend itself refused server/discover');
});

test('raw lines, modern era: auth from _meta of any request, credentials stripped, MRTR retry', async () => {
  const g = modernDir(`auth:\n  mode: api_key\n  keys:\n    alice: "${KEY}"\n    bob: "${BOB}"`);
  const guard = rawGuard(g.config);
  const envelope = {
    [VERSION_KEY]: '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  };
  const call = (id: number, name: string, args: object, extra: object = {}, meta: object = {}) =>
    guard.send({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args, ...extra, _meta: { ...envelope, ...meta } },
    });
  try {
    // No credential: refused, nothing reaches the backend.
    guard.send({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope } });
    assert.equal(((await guard.response(1)).error as { code: number }).code, -32001);

    // The first authenticated request is a stateless tools/call (no initialize, no discover).
    call(2, 'echo', { message: 'first' }, {}, { api_key: KEY });
    assert.match(JSON.stringify(await guard.response(2)), /echo: first/);

    // Later requests ride on the authenticated connection; a wrong or foreign key still refuses.
    guard.send({ jsonrpc: '2.0', id: 3, method: 'server/discover', params: { _meta: envelope } });
    const discovered = (await guard.response(3)).result as { supportedVersions: string[] };
    assert.deepEqual(discovered.supportedVersions, ['2026-07-28']);
    call(4, 'echo', { message: 'wrong' }, {}, { api_key: 'not-a-key' });
    assert.equal(((await guard.response(4)).error as { code: number }).code, -32001);
    call(5, 'echo', { message: 'bob' }, {}, { token: BOB });
    assert.equal(((await guard.response(5)).error as { code: number }).code, -32001);

    // MRTR: input_required, then the retry under a new id with inputResponses.
    call(6, 'confirm', { action: 'ship' });
    const first = (await guard.response(6)).result as { resultType: string; inputRequests: object };
    assert.equal(first.resultType, 'input_required');
    assert.ok('confirm' in first.inputRequests);
    call(
      7,
      'confirm',
      { action: 'ship' },
      { inputResponses: { confirm: { action: 'accept', content: { confirm: true } } } },
    );
    assert.match(JSON.stringify(await guard.response(7)), /confirmed: ship/);
  } finally {
    guard.child.stdin.end();
    await guard.exited;
  }
  const received = g.received();
  assert.deepEqual(
    received.map((m) => [m.id, m.method]),
    [
      [2, 'tools/call'],
      [3, 'server/discover'],
      [6, 'tools/call'],
      [7, 'tools/call'],
    ],
    'refused requests never reached the backend',
  );
  for (const m of received) {
    const meta = (m.params as { _meta: Record<string, unknown> })._meta;
    assert.equal(meta[VERSION_KEY], '2026-07-28');
    assert.ok(!('api_key' in meta) && !('token' in meta), 'credentials are stripped');
  }
  assert.ok(!JSON.stringify(received).includes(KEY));
  const denied = g.records().filter((r) => r.decision === 'deny');
  assert.deepEqual(
    denied.map((r) => [r.id, r.code]),
    [
      [1, -32001],
      [4, -32001],
      [5, -32001],
    ],
  );
});
