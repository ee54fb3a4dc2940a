// A closed HTTP session leaves nothing behind (issue 7: RSS must come back down after 1,000 concurrent
// sessions open and close). Many legacy-era sessions open at once on a shared backend, each makes a
// call, all are deleted; then the guard's own tables are empty again (session table, open guards, the
// shared backend's views and in-flight ids/tokens) and no listener, timer or handle was added for good.
// Counts, not timings or RSS: those are the benchmark's (bench/memory.ts).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { parseGuardConfig } from '../src/config/guard.ts';
import type { AuditSink } from '../src/guard/context.ts';
import { createHttpGuard, type HttpGuard } from '../src/guard/http/server.ts';
import { MemoryStore } from '../src/guard/store/memory.ts';
import { EVERYTHING, NODE } from './servers/harness.ts';

const KEY = 'memory-test-key-0123456789abcdef';
const SESSIONS = 60;

interface Reply {
  status: number;
  session?: string;
  body: string;
}

/** One HTTP request on its own connection (no keep-alive: the socket ends with the reply). */
function post(url: string, method: 'POST' | 'DELETE', session: string | undefined, payload?: unknown) {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'x-api-key': KEY,
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-06-18',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session !== undefined) headers['mcp-session-id'] = session;
  return new Promise<Reply>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => {
        const sid = res.headers['mcp-session-id'];
        resolve({
          status: res.statusCode ?? 0,
          session: typeof sid === 'string' ? sid : undefined,
          body: text,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** initialize, initialized, one tools/call; returns the session id. */
async function openAndCall(url: string, i: number): Promise<string> {
  const init = await post(url, 'POST', undefined, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'mem', version: '1' } },
  });
  assert.equal(init.status, 200, init.body);
  assert.ok(init.session);
  const n = await post(url, 'POST', init.session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  assert.equal(n.status, 202, n.body);
  const call = await post(url, 'POST', init.session, {
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: `m-${i}` } },
  });
  assert.equal(call.status, 200, call.body);
  assert.match(call.body, new RegExp(`m-${i}\\b`));
  return init.session;
}

/** Counts of what keeps the process busy or listening: process listeners and active handles by kind. */
function footprint(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of process.eventNames()) out[`process:${String(name)}`] = process.listenerCount(name);
  for (const kind of process.getActiveResourcesInfo())
    out[`active:${kind}`] = (out[`active:${kind}`] ?? 0) + 1;
  return out;
}

const audited: unknown[] = [];
const audit: AuditSink = { append: (entry) => audited.push(entry) };
let guard: HttpGuard;
let url: string;

before(async () => {
  const config = parseGuardConfig(
    `
auth:
  mode: api_key
  keys:
    mem: ${KEY}
http:
  port: 0
  backend_mode: shared
  max_sessions: ${SESSIONS * 2}
  max_sessions_per_principal: ${SESSIONS * 2}
servers:
  everything:
    command: ${JSON.stringify(NODE)}
    args: [${JSON.stringify(EVERYTHING)}, "stdio"]
`,
    'mcp-guard.yaml',
  );
  guard = createHttpGuard(config, { store: new MemoryStore(), audit, log: () => {} });
  url = `${await guard.listen()}/mcp`;
});

after(async () => {
  await guard?.close();
});

/**
 * Resolves once the server holds no client connection (the clients' sockets have closed), and the
 * zero-delay timers the SDK's request adapter sets when a connection closes have run.
 */
async function connectionsGone(): Promise<void> {
  for (;;) {
    const n = await new Promise<number>((r, j) => guard.server.getConnections((e, c) => (e ? j(e) : r(c))));
    if (n === 0) break;
    await delay(20);
  }
  await delay(50);
}

test('sessions opened and closed in bulk leave no session, guard, view, id, listener or timer behind', async () => {
  // One session first, so that the shared backend is up and one-time state (the backend, its
  // handshake, lazily built caches) is part of the baseline.
  const first = await openAndCall(url, -1);
  assert.equal((await post(url, 'DELETE', first)).status, 200);
  await connectionsGone();
  const baseline = footprint();
  assert.deepEqual(guard.stats(), {
    sessions: 0,
    guards: 0,
    shared: { everything: { views: 0, calls: 0, tokens: 0, serverCalls: 0 } },
  });
  for (let cycle = 1; cycle <= 2; cycle++) {
    const ids = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => openAndCall(url, i)));
    const open = guard.stats();
    assert.equal(open.sessions, SESSIONS);
    assert.equal(open.guards, SESSIONS);
    assert.equal(open.shared.everything.views, SESSIONS);
    const closed = await Promise.all(ids.map((id) => post(url, 'DELETE', id)));
    assert.deepEqual(
      closed.map((r) => r.status),
      ids.map(() => 200),
    );
    // DELETE answers once the session is ended; its guard finishes shutting down right after.
    for (let i = 0; i < 500 && guard.stats().guards > 0; i++) await delay(10);
    await connectionsGone();
    assert.deepEqual(guard.stats(), {
      sessions: 0,
      guards: 0,
      shared: { everything: { views: 0, calls: 0, tokens: 0, serverCalls: 0 } },
    });
    assert.deepEqual(footprint(), baseline, `cycle ${cycle}: listeners or handles left behind`);
  }
  // A closed session's id is gone for good.
  const again = await post(url, 'POST', first, { jsonrpc: '2.0', id: 9, method: 'ping' });
  assert.equal(again.status, 404);
});
