// The modern protocol era (2026-07-28) over HTTP: an SDK 2.x client pinned to it drives `guard
// serve-http` statelessly (server/discover, calls carrying the `_meta` envelope, an `input_required`
// result and its MRTR retry, tool policy), two principals share one backend process (ids rewritten),
// `Mcp-Method` / `Mcp-Name` headers that disagree with the body get 400, and closing the response
// stream cancels the call at the backend.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { children, type HttpGuardProcess, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir, ROOT } from './servers/harness.ts';

const MODERN = join(ROOT, 'test/servers/modern.ts');
const ALICE = 'alice-modern-key-0123456789abcdef';
const BOB = 'bob-modern-key-0123456789abcdef';
const VERSION = '2026-07-28';
const META = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
};

function modernClient(url: string, key: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { 'x-api-key': key } },
  });
  const client = new Client(
    { name: 'modern-http', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: VERSION } } },
  );
  const elicited: unknown[] = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    elicited.push(request.params);
    return { action: 'accept', content: { confirm: true } };
  });
  return { client, transport, elicited };
}

describe('modern era in front of a modern backend', () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: "${ALICE}"
    bob: "${BOB}"
servers:
  modern:
    command: "{{NODE}}"
    args: ["${MODERN}"]
    env:
      MODERN_LOG: "{{WALLET_LOG}}"
policies:
  tool_denylist: ["drop"]
`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('SDK 2.x client pinned to 2026-07-28: discover, stateless calls, MRTR, tool policy', async () => {
    const { client, transport, elicited } = modernClient(guard.mcp, ALICE);
    await client.connect(transport);
    assert.equal(client.getNegotiatedProtocolVersion(), VERSION);
    assert.equal(client.getServerVersion()?.name, 'test-modern');
    assert.equal(transport.sessionId, undefined, 'no session in the modern era');
    const echo = await client.callTool({ name: 'echo', arguments: { message: 'modern over http' } });
    assert.match(JSON.stringify(echo.content), /echo: modern over http/);
    const confirmed = await client.callTool({ name: 'confirm', arguments: { action: 'deploy' } });
    assert.match(JSON.stringify(confirmed.content), /confirmed: deploy/);
    assert.equal(elicited.length, 1);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['confirm', 'echo']);
    await assert.rejects(
      client.callTool({ name: 'drop', arguments: {} }),
      (e: { code?: number }) => e.code === -32003,
    );
    await client.close();
    // The backend saw neither the key nor an initialize.
    const received = JSON.stringify(g.received());
    assert.doesNotMatch(received, new RegExp(ALICE));
    assert.doesNotMatch(received, /"method":"initialize"/);
  });

  test('two principals, concurrent calls with the same ids: one shared backend, answers not crossed', async () => {
    const post = (key: string, message: string) =>
      fetch(guard.mcp, {
        method: 'POST',
        headers: mcpHeaders({
          'x-api-key': key,
          'mcp-protocol-version': VERSION,
          'mcp-method': 'tools/call',
          'mcp-name': 'echo',
        }),
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'echo', arguments: { message }, _meta: META },
        }),
      }).then((r) => r.text());
    const answers = await Promise.all([
      post(ALICE, 'from alice'),
      post(BOB, 'from bob'),
      post(ALICE, 'alice again'),
    ]);
    assert.match(answers[0], /echo: from alice/);
    assert.match(answers[1], /echo: from bob/);
    assert.match(answers[2], /echo: alice again/);
    for (const a of answers) assert.match(a, /"id":1/);
    assert.equal(children(guard.child.pid!).length, 1, 'one backend process for every modern caller');
    const agents = new Set(
      g
        .records()
        .filter((r) => r.tool === 'echo')
        .map((r) => r.agent),
    );
    assert.deepEqual([...agents].sort(), ['alice', 'bob']);
  });

  test('400 when Mcp-Method or Mcp-Name disagree with the body, or are missing', async () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'x' }, _meta: META },
    });
    const base = { 'x-api-key': ALICE, 'mcp-protocol-version': VERSION };
    const cases: Record<string, string>[] = [
      { ...base, 'mcp-method': 'tools/list', 'mcp-name': 'echo' },
      { ...base, 'mcp-method': 'tools/call', 'mcp-name': 'drop' },
      { ...base, 'mcp-name': 'echo' },
      { ...base, 'mcp-method': 'tools/call' },
      { 'x-api-key': ALICE, 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
      { ...base, 'mcp-protocol-version': '2026-09-01', 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
    ];
    for (const headers of cases) {
      const res = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(headers), body });
      assert.equal(res.status, 400, JSON.stringify(headers));
    }
    // A base64 sentinel that decodes to the body's name passes.
    const ok = await fetch(guard.mcp, {
      method: 'POST',
      headers: mcpHeaders({
        ...base,
        'mcp-method': 'tools/call',
        'mcp-name': `=?base64?${Buffer.from('echo').toString('base64')}?=`,
      }),
      body,
    });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /echo: x/);
  });
});

describe('modern era: closing the stream cancels the call', () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('an aborted long call is cancelled at the backend, and the next call works', async () => {
    const controller = new AbortController();
    const pending = fetch(guard.mcp, {
      method: 'POST',
      signal: controller.signal,
      headers: mcpHeaders({
        'mcp-protocol-version': VERSION,
        'mcp-method': 'tools/call',
        'mcp-name': 'trigger-long-running-operation',
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: {
          name: 'trigger-long-running-operation',
          arguments: { duration: 5, steps: 5 },
          _meta: { ...META, progressToken: 'p1' },
        },
      }),
    });
    const res = await pending;
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /notifications\/progress/, 'progress streams before the answer');
    assert.match(first, /"progressToken":"p1"/, 'the client token is restored');
    controller.abort();
    let record: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !record; i++) {
      await delay(50);
      record = g.records().find((r) => r.tool === 'trigger-long-running-operation');
    }
    assert.equal(record?.code, -32800, 'audited as cancelled by the client');
    assert.match(String(record?.reason), /cancelled/);
    const next = await fetch(guard.mcp, {
      method: 'POST',
      headers: mcpHeaders({
        'mcp-protocol-version': VERSION,
        'mcp-method': 'tools/call',
        'mcp-name': 'get-sum',
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get-sum', arguments: { a: 1, b: 2 }, _meta: META },
      }),
    });
    assert.match(await next.text(), /The sum of 1 and 2 is 3/);
  });
});
