// Fuzzing `guard serve-http`: generated HTTP requests (method, path, the headers the guard reads, a
// credential that is valid, wrong or absent, a session id that is live or made up, and a body that is
// a JSON-RPC message with odd params, deep nesting, a batch, or garbage) against one guard process.
// Every request gets an HTTP answer with a status the wire documents, never a 500 or a dropped
// connection; after each batch the guard still serves a real call. A failure prints the seed and the
// batch (deep nesting and long strings as short tokens).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from '../guard-http-harness.ts';
import { guardDir } from '../servers/harness.ts';
import { fuzzParameters, SEED } from './settings.ts';
import { expand, jsonValue, oddKey, oddString } from './values.ts';

const KEY = 'fuzz-http-key-0123456789abcdef';
/** Statuses the HTTP guard documents (docs/guard-http.md); 500 is not among them. */
const DOCUMENTED = new Set([200, 202, 400, 401, 403, 404, 405, 406, 413, 415, 429, 502, 503]);

const g = guardDir(`
auth:
  mode: api_key
  keys: { fuzzer: ${KEY} }
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
policies:
  spend:
    tools: [{ name: pay, amount: amount }]
  max_spend_per_session: 1000000
http:
  backend_mode: shared
  max_sessions_per_principal: 1000
  max_body_bytes: 65536
limits:
  request_timeout_ms: 4000
`);
let guard: HttpGuardProcess;
let session = '';
before(async () => {
  guard = await startHttpGuard(g.config);
  const res = await fetch(guard.mcp, {
    method: 'POST',
    headers: mcpHeaders({ 'x-api-key': KEY }),
    body: initBody(),
  });
  session = res.headers.get('mcp-session-id') ?? '';
  await res.body?.cancel();
  assert.ok(session);
});
after(async () => {
  await guard?.stop();
});

const METHODS = [
  'tools/call',
  'tools/list',
  'ping',
  'initialize',
  'notifications/initialized',
  'resources/read',
  'x/y',
  '',
];
const message = fc.oneof(
  fc
    .record(
      {
        jsonrpc: fc.oneof(fc.constant('2.0'), oddString),
        id: fc.oneof(fc.integer(), oddString, fc.constant(null)),
        method: fc.oneof(fc.constantFrom(...METHODS), oddString),
        params: fc.oneof(
          fc.record(
            {
              name: fc.oneof(fc.constantFrom('pay', 'balance'), oddString),
              arguments: fc.oneof(fc.dictionary(oddKey, jsonValue, { maxKeys: 3 }), jsonValue),
              _meta: fc.oneof(
                fc.constant({ 'io.modelcontextprotocol/protocolVersion': '2026-07-28' }),
                fc.dictionary(oddKey, jsonValue, { maxKeys: 2 }),
                jsonValue,
              ),
              protocolVersion: fc.constantFrom('2025-06-18', '2026-07-28', 'x'),
            },
            { requiredKeys: [] },
          ),
          jsonValue,
        ),
      },
      { requiredKeys: ['jsonrpc'] },
    )
    .map((m) => JSON.stringify(m)),
  jsonValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.constant('{"jsonrpc":"2.0","id":1,"method":"ping","pad":"__PAD_70000__"}'),
);
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT'),
  path: fc.constantFrom('/mcp', '/mcp', '/rpc', '/rpc', '/mcp?x=1', '/health', '/ready', '/nope'),
  key: fc.constantFrom(KEY, KEY, 'wrong-key', undefined),
  session: fc.option(fc.constantFrom('live', 'made-up'), { nil: undefined }),
  contentType: fc.constantFrom(
    'application/json',
    'text/plain',
    'application/json; charset=utf-8',
    undefined,
  ),
  accept: fc.constantFrom(
    'application/json, text/event-stream',
    'application/json',
    'text/event-stream',
    '*/*',
    undefined,
  ),
  version: fc.option(fc.constantFrom('2025-06-18', '2026-07-28', '2099-01-01', 'garbage'), {
    nil: undefined,
  }),
  mcpMethod: fc.option(fc.oneof(fc.constantFrom(...METHODS), oddString), { nil: undefined }),
  mcpName: fc.option(fc.oneof(fc.constantFrom('pay', '=?base64?cGF5?=', '=?base64?!!?='), oddString), {
    nil: undefined,
  }),
  body: message,
});
/** Header values must be Latin-1 without control characters for fetch to send them at all. */
const headerSafe = (v: string) => /^[\x20-\x7e]*$/.test(v);

test('fuzz: HTTP requests into serve-http: every one answered with a documented status, the guard lives', {
  timeout: 180_000,
}, async (t) => {
  t.diagnostic(`seed ${SEED}`);
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 6 }), async (batch) => {
      assert.equal(guard.child.exitCode, null, 'the guard exited');
      for (const r of batch) {
        const headers: Record<string, string> = {};
        if (r.key) headers['x-api-key'] = r.key;
        if (r.session) headers['mcp-session-id'] = r.session === 'live' ? session : 'made-up-session';
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.accept) headers.accept = r.accept;
        if (r.version) headers['mcp-protocol-version'] = r.version;
        if (r.mcpMethod !== undefined && headerSafe(r.mcpMethod)) headers['mcp-method'] = r.mcpMethod;
        if (r.mcpName !== undefined && headerSafe(r.mcpName)) headers['mcp-name'] = r.mcpName;
        const hasBody = r.method === 'POST' || r.method === 'PUT';
        const res = await fetch(`${guard.base}${r.path}`, {
          method: r.method,
          headers,
          body: hasBody ? expand(r.body).replaceAll(`"id":1,`, `"id":${++n},`) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        assert.ok(DOCUMENTED.has(res.status), `${r.method} ${r.path}: status ${res.status}`);
        // An SSE stream (a GET on the live session) stays open by design: read no further.
        if ((res.headers.get('content-type') ?? '').includes('text/event-stream') && r.method === 'GET')
          await res.body?.cancel();
        else await res.arrayBuffer();
      }
      const ok = await fetch(`${guard.base}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'probe',
          method: 'tools/call',
          params: { name: 'balance', arguments: {} },
        }),
      });
      assert.equal(ok.status, 200);
      assert.ok(((await ok.json()) as { result?: unknown }).result);
      assert.doesNotMatch(guard.stderr(), /internal error|Unhandled/);
    }),
    fuzzParameters(30, { endOnFailure: true }),
  );
});
