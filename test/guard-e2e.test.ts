// The guard end to end, one suite over both transports (`guard serve` over stdio, `guard serve-http`
// over Streamable HTTP), each a real process in front of the reference server (server-everything,
// pinned) and driven by the official SDK client through one harness: tools/list filtering, calls, a
// denied tool, progress, sampling and elicitation from server to client, cancellation, the audit chain
// (never holding the client's credential). Then what only HTTP has: the session id, /rpc, /health and
// /ready, DELETE (its backend process stopped), /metrics, and SIGTERM leaving no backend behind.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type GuardSession, guardSession, TRANSPORTS } from './guard-e2e-harness.ts';
import { children, httpClient, mcpHeaders } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

const KEY = 'alice-e2e-key-0123456789';
/** What the test client answers to the server's elicitation (every field server-everything asks for). */
const ELICITED = {
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
};

for (const over of TRANSPORTS) {
  describe(`the guard over ${over}`, () => {
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
  tool_denylist: ["get-env", "gzip-*"]
`);
    let s: GuardSession;
    const sampled: unknown[] = [];

    before(async () => {
      s = await guardSession(over, g.config, {
        key: KEY,
        capabilities: { sampling: {}, elicitation: { form: {} } },
        setup(client) {
          client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
            sampled.push(request.params);
            return {
              model: 'test-model',
              role: 'assistant',
              content: { type: 'text', text: `sampled by the test client over ${over}` },
            };
          });
          client.setRequestHandler(ElicitRequestSchema, async () => ({
            action: 'accept',
            content: ELICITED,
          }));
        },
      });
    });

    after(async () => {
      await s?.close();
    });

    test('initialize passes through: the backend names itself', () => {
      assert.match(s.client.getServerVersion()?.name ?? '', /everything/i);
      if (over === 'http') {
        // A legacy session id: long, random, visible ASCII.
        assert.match((s.transport as StreamableHTTPClientTransport).sessionId ?? '', /^[A-Za-z0-9_-]{43}$/);
      }
    });

    test('tools/list is relayed and filtered by the deny list', async () => {
      const { tools } = await s.client.listTools();
      const names = tools.map((t) => t.name);
      assert.ok(names.includes('echo'));
      assert.ok(names.includes('get-sum'));
      assert.ok(!names.includes('get-env'), 'denied tool is not listed');
      assert.ok(!names.some((n) => n.startsWith('gzip-')));
    });

    test('tools/call echo and get-sum', async () => {
      const echo = await s.client.callTool({ name: 'echo', arguments: { message: `hello over ${over}` } });
      assert.match(JSON.stringify(echo.content), new RegExp(`hello over ${over}`));
      const sum = await s.client.callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } });
      assert.match(JSON.stringify(sum.content), /42/);
    });

    test('a denied tool is -32003 and audited', async () => {
      await assert.rejects(
        s.client.callTool({ name: 'get-env', arguments: {} }),
        (e: { code?: number }) => e.code === -32003,
      );
      const denied = g.records().filter((r) => r.decision === 'deny' && r.tool === 'get-env');
      assert.equal(denied.length, 1);
      assert.equal(denied[0].code, -32003);
    });

    test('progress notifications of the long-running tool reach the client, before the result', async () => {
      // Watch the wire under the SDK client: the guard must deliver every progress notification, in
      // order, ahead of the response. (What the SDK's onprogress then sees is the client's business: it
      // drops a notification it processes after the response, modelcontextprotocol/typescript-sdk#2580.)
      const wire: Array<{ progress?: number; response?: boolean }> = [];
      const inner = s.transport.onmessage!;
      s.transport.onmessage = (message, extra) => {
        const m = message as { method?: string; params?: { progress?: number }; result?: unknown };
        if (m.method === 'notifications/progress') wire.push({ progress: m.params?.progress });
        else if (m.result !== undefined && JSON.stringify(m.result).includes('Long running')) {
          wire.push({ response: true });
        }
        inner(message, extra);
      };
      const progress: number[] = [];
      try {
        const result = await s.client.callTool(
          { name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 } },
          undefined,
          { onprogress: (p) => progress.push(p.progress), resetTimeoutOnProgress: true },
        );
        assert.match(JSON.stringify(result.content), /completed/i);
      } finally {
        s.transport.onmessage = inner;
      }
      assert.deepEqual(wire, [{ progress: 1 }, { progress: 2 }, { progress: 3 }, { response: true }]);
      assert.deepEqual(progress.slice(0, 2), [1, 2]);
    });

    test('a sampling request from the server is answered by the client through the guard', async () => {
      const result = await s.client.callTool({
        name: 'trigger-sampling-request',
        arguments: { prompt: 'hi', maxTokens: 20 },
      });
      assert.equal(sampled.length, 1);
      assert.match(JSON.stringify(result.content), new RegExp(`sampled by the test client over ${over}`));
    });

    test('an elicitation from the server is answered by the client through the guard', async () => {
      const result = await s.client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
      assert.match(JSON.stringify(result.content), /accept/);
      assert.match(JSON.stringify(result.content), /Ada/);
    });

    test('cancellation: an aborted call rejects and the session goes on', async () => {
      const controller = new AbortController();
      const pending = s.client.callTool(
        { name: 'trigger-long-running-operation', arguments: { duration: 10, steps: 10 } },
        undefined,
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort('test cancels'), 300);
      await assert.rejects(pending);
      const echo = await s.client.callTool({ name: 'echo', arguments: { message: 'still here' } });
      assert.match(JSON.stringify(echo.content), /still here/);
    });

    test("every decision is audited in a hash chain, under the agent, never with the client's key", () => {
      const records = g.allRecords();
      assert.ok(records.length >= 6);
      records.forEach((r, i) => {
        assert.equal(r.seq, i + 1);
        if (i > 0) assert.equal(r.prev, records[i - 1].hash);
      });
      assert.ok(
        records.some(
          (r) => r.method === 'initialize' && r.decision === 'allow' && r.backend === 'everything',
        ),
      );
      assert.ok(records.some((r) => r.decision === 'allow' && r.tool === 'echo' && r.agent === 'alice'));
      assert.doesNotMatch(JSON.stringify(records), new RegExp(KEY));
      if (over === 'stdio') assert.match(s.stderr(), /mcp-guard: guarding everything/);
    });

    if (over !== 'http') return;

    test('/rpc: plain JSON-RPC in, response out, same pipeline; X-MCP-Session names the session', async () => {
      const base = s.http!.base;
      const post = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${base}/rpc`, {
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
        await post({
          jsonrpc: '2.0',
          id: 9,
          method: 'tools/call',
          params: { name: 'get-env', arguments: {} },
        })
      ).json()) as { error: { code: number } };
      assert.equal(denied.error.code, -32003);
      const note = await post({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
      assert.equal(note.status, 202);
      const unauth = await fetch(`${base}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      assert.equal(unauth.status, 401);
      const get = await fetch(`${base}/rpc`, { headers: { 'x-api-key': KEY } });
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      assert.equal(((await get.json()) as { error: { code: number } }).error.code, -32600);
    });

    test('/health and /ready answer; /ready reports the open sessions', async () => {
      const health = await fetch(`${s.http!.base}/health`);
      assert.equal(health.status, 200);
      const ready = await fetch(`${s.http!.base}/ready`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { status: string; sessions: number };
      assert.equal(body.status, 'ready');
      assert.ok(body.sessions >= 1);
    });

    test('DELETE ends the session: later use is 404 and its backend process is gone', async () => {
      const guard = s.http!;
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
      const res = await fetch(`${s.http!.base}/metrics`);
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
      const guard = s.http!;
      const pids = children(guard.child.pid!);
      assert.ok(pids.length >= 1, 'backends run as children of the guard');
      await s.client.close();
      assert.equal(await guard.stop(), 0);
      for (const pid of pids) {
        assert.throws(() => process.kill(pid, 0), 'backend process is gone');
      }
    });
  });
}
