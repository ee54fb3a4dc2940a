// /metrics after a known sequence of audit entries: the Prometheus text served over a real HTTP
// server is parsed line by line and the counts checked; agent labels only when configured; the
// optional token; entries still reach the real audit log underneath.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditLog } from '../audit/index.ts';
import { MemoryStore } from '../store/memory.ts';
import { observeStore } from '../store/observe.ts';
import { StoreError, StoreUnavailableError } from '../store/types.ts';
import { type BackendStatus, createMetrics, type Metrics } from './metrics.ts';

/** Prometheus text -> `name{k="v",...}` (labels sorted) -> value. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, k, v]) => `${k}="${v}"`)
      .sort();
    out.set(labels.length > 0 ? `${m[1]}{${labels.join(',')}}` : m[1], Number(m[3]));
  }
  return out;
}

async function serve(metrics: Metrics): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => void metrics.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}

async function scrape(metrics: Metrics, init?: RequestInit): Promise<Response> {
  const { url, server } = await serve(metrics);
  try {
    const res = await fetch(url, init);
    await res.clone().text();
    return res;
  } finally {
    server.close();
  }
}

/** The known sequence: what a small session of calls, refusals and a backend failure writes. */
const ENTRIES = [
  { decision: 'allow', agent: 'alice', method: 'initialize', latencyMs: 3 },
  { decision: 'allow', agent: 'alice', method: 'tools/list', latencyMs: 4 },
  { decision: 'allow', agent: 'alice', method: 'tools/call', tool: 'pay', amount: 2.5, latencyMs: 30 },
  { decision: 'allow', agent: 'bob', method: 'tools/call', tool: 'pay', amount: 1.25, latencyMs: 700 },
  {
    decision: 'deny',
    agent: 'bob',
    method: 'tools/call',
    tool: 'pay',
    amount: 99,
    code: -32002,
    latencyMs: 1,
  },
  { decision: 'deny', agent: 'bob', method: 'tools/call', tool: 'echo', code: -32029, latencyMs: 1 },
  { decision: 'deny', agent: 'bob', method: 'tools/call', tool: 'echo', code: -32029, latencyMs: 1 },
  { decision: 'deny', method: 'initialize', code: -32001, latencyMs: 2 },
  { decision: 'error', agent: 'alice', method: 'tools/call', tool: 'echo', code: -32603, latencyMs: 5 },
  { decision: 'held', agent: 'alice', method: 'tools/call', tool: 'pay', amount: 50, code: -32004 },
  // A call waiting for its decision (approvals.mode: wait): counted once, by its outcome record.
  {
    decision: 'held',
    agent: 'alice',
    method: 'tools/call',
    tool: 'pay',
    amount: 5,
    code: -32004,
    waiting: true,
  },
  { decision: 'allow', agent: 'alice', method: 'made/up/method', latencyMs: 1 },
];

async function fixture(agentLabels: boolean, token?: string) {
  const store = new MemoryStore();
  const now = Date.now();
  for (const tool of ['pay', 'wire']) {
    await store.requestApproval({ agent: 'alice', tool, argsHash: tool, summary: tool, ttlSec: 60, now });
  }
  let backends: BackendStatus[] = [
    { name: 'wallet', up: true, restarts: 0 },
    { name: 'files', up: false, restarts: 3 },
  ];
  const metrics = createMetrics({ agentLabels, token, store, backends: () => backends });
  return { metrics, store, setBackends: (b: BackendStatus[]) => (backends = b) };
}

test('counts by method and decision, latency, spend, rate-limited and auth failures', async () => {
  const { metrics, setBackends } = await fixture(false);
  const sink = metrics.audit();
  for (const entry of ENTRIES) sink.append(entry);
  const res = await scrape(metrics);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  const m = parse(await res.text());
  assert.equal(m.get('mcp_guard_requests_total{decision="allow",method="initialize"}'), 1);
  assert.equal(m.get('mcp_guard_requests_total{decision="deny",method="initialize"}'), 1);
  assert.equal(m.get('mcp_guard_requests_total{decision="allow",method="tools/call"}'), 2);
  assert.equal(m.get('mcp_guard_requests_total{decision="deny",method="tools/call"}'), 3);
  assert.equal(m.get('mcp_guard_requests_total{decision="error",method="tools/call"}'), 1);
  assert.equal(m.get('mcp_guard_requests_total{decision="held",method="tools/call"}'), 1);
  // Invented method names collapse into one series.
  assert.equal(m.get('mcp_guard_requests_total{decision="allow",method="other"}'), 1);
  assert.equal(m.get('mcp_guard_rate_limited_total'), 2);
  assert.equal(m.get('mcp_guard_auth_failed_total'), 1);
  // Only allowed calls count as spent: not the denied 99 nor the held 50.
  assert.equal(m.get('mcp_guard_spend_total'), 3.75);
  // Latency: 6 tools/call entries with a latency (the held one has none), one of them above 0.5 s.
  assert.equal(m.get('mcp_guard_request_duration_seconds_count{method="tools/call"}'), 6);
  assert.equal(m.get('mcp_guard_request_duration_seconds_bucket{le="0.5",method="tools/call"}'), 5);
  assert.equal(m.get('mcp_guard_request_duration_seconds_bucket{le="1",method="tools/call"}'), 6);
  assert.ok(
    Math.abs((m.get('mcp_guard_request_duration_seconds_sum{method="tools/call"}') ?? 0) - 0.738) < 1e-9,
  );
  assert.equal(m.get('mcp_guard_approvals_pending'), 2);
  assert.equal(m.get('mcp_guard_backend_up{backend="wallet"}'), 1);
  assert.equal(m.get('mcp_guard_backend_up{backend="files"}'), 0);
  assert.equal(m.get('mcp_guard_backend_restarts_total{backend="files"}'), 3);
  assert.equal(m.get('mcp_guard_backend_restarts_total{backend="wallet"}'), 0);
  // No agent label anywhere unless configured.
  assert.ok(![...m.keys()].some((k) => k.includes('agent=')));

  // Gauges are read at scrape time: a restart and a decided approval show on the next scrape.
  setBackends([{ name: 'files', up: true, restarts: 4 }]);
  const again = parse(await (await scrape(metrics)).text());
  assert.equal(again.get('mcp_guard_backend_up{backend="files"}'), 1);
  assert.equal(again.get('mcp_guard_backend_restarts_total{backend="files"}'), 4);
  assert.equal(again.has('mcp_guard_backend_up{backend="wallet"}'), false);
  assert.equal(again.get('mcp_guard_requests_total{decision="allow",method="tools/call"}'), 2);
});

test('agent labels when configured (unknown for unauthenticated requests)', async () => {
  const { metrics } = await fixture(true);
  const sink = metrics.audit();
  for (const entry of ENTRIES) sink.append(entry);
  const m = parse(await (await scrape(metrics)).text());
  assert.equal(m.get('mcp_guard_requests_total{agent="bob",decision="deny",method="tools/call"}'), 3);
  assert.equal(m.get('mcp_guard_requests_total{agent="alice",decision="allow",method="tools/call"}'), 1);
  assert.equal(m.get('mcp_guard_requests_total{agent="unknown",decision="deny",method="initialize"}'), 1);
  assert.equal(m.get('mcp_guard_spend_total{agent="alice"}'), 2.5);
  assert.equal(m.get('mcp_guard_spend_total{agent="bob"}'), 1.25);
  assert.equal(m.get('mcp_guard_rate_limited_total{agent="bob"}'), 2);
  assert.equal(m.get('mcp_guard_auth_failed_total{agent="unknown"}'), 1);
});

test('entries still reach the audit log underneath, unchanged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-metrics-'));
  try {
    const log = await AuditLog.open(join(dir, 'audit.jsonl'));
    const { metrics } = await fixture(false);
    const sink = metrics.audit(log);
    const written = sink.append(ENTRIES[2]) as { seq: number; tool: string };
    assert.equal(written.seq, 1);
    sink.append(ENTRIES[7]);
    log.close();
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((r) => [r.decision, r.method, r.code]),
      [
        ['allow', 'tools/call', undefined],
        ['deny', 'initialize', -32001],
      ],
    );
    const m = parse(await (await scrape(metrics)).text());
    assert.equal(m.get('mcp_guard_auth_failed_total'), 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the audit log's batched writes stay available through the metrics sink, and are counted", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-metrics-'));
  try {
    const log = await AuditLog.open(join(dir, 'audit.jsonl'));
    const { metrics } = await fixture(false);
    const sink = metrics.audit(log);
    assert.equal(typeof sink.appendBatched, 'function');
    await Promise.all([sink.appendBatched!(ENTRIES[2]), sink.appendBatched!(ENTRIES[7])]);
    log.close();
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 2);
    const m = parse(await (await scrape(metrics)).text());
    assert.equal(m.get('mcp_guard_auth_failed_total'), 1);
    assert.equal(metrics.audit().appendBatched, undefined, 'no batching when there is no log underneath');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a configured token protects /metrics', async () => {
  const { metrics } = await fixture(false, 'scrape-secret-123');
  metrics.audit().append(ENTRIES[0]);
  assert.equal((await scrape(metrics)).status, 401);
  assert.equal((await scrape(metrics, { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await scrape(metrics, { headers: { authorization: 'scrape-secret-123' } })).status, 401);
  const ok = await scrape(metrics, { headers: { authorization: 'Bearer scrape-secret-123' } });
  assert.equal(ok.status, 200);
  assert.equal(
    parse(await ok.text()).get('mcp_guard_requests_total{decision="allow",method="initialize"}'),
    1,
  );
  assert.equal((await scrape(metrics, { method: 'POST' })).status, 405);
});

test('registries are separate: two guards in one process do not share counts', async () => {
  const a = await fixture(false);
  const b = await fixture(false);
  a.metrics.audit().append(ENTRIES[0]);
  const mb = parse(await (await scrape(b.metrics)).text());
  assert.equal(mb.has('mcp_guard_requests_total{decision="allow",method="initialize"}'), false);
  const ma = parse(await (await scrape(a.metrics)).text());
  assert.equal(ma.get('mcp_guard_requests_total{decision="allow",method="initialize"}'), 1);
});

test('store errors are counted by operation; human refusals and bad arguments are not', async () => {
  const { metrics, store } = await fixture(false);
  const failing = Object.assign(store, {
    reserve: async () => {
      throw new StoreUnavailableError('the state store (redis redis://r:6379) is unavailable: ECONNREFUSED');
    },
  });
  const observed = observeStore(failing, (operation) => metrics.storeError(operation));
  for (let i = 0; i < 2; i++)
    await assert.rejects(
      observed.reserve({ agent: 'a', session: 's', amount: 1, now: 0 }),
      StoreUnavailableError,
    );
  await assert.rejects(observed.resolveApprovalId('zz'), StoreError);
  await assert.rejects(observed.take('k', 0, 1, 0), RangeError);
  // answers pass through unchanged, bound to the store itself (private fields work)
  assert.equal((await observed.hit('k', 1, 0)).allowed, true);
  const m = parse(await (await scrape(metrics)).text());
  assert.equal(m.get('mcp_guard_store_errors_total{operation="reserve"}'), 2);
  assert.equal(m.has('mcp_guard_store_errors_total{operation="resolveApprovalId"}'), false);
  assert.equal(m.has('mcp_guard_store_errors_total{operation="take"}'), false);
});

test('every series carries the replica label when the guard has a replica id', async () => {
  const metrics = createMetrics({ agentLabels: false, replica: 'guard-b', store: new MemoryStore() });
  metrics.audit().append(ENTRIES[0]);
  metrics.storeError('ping');
  const m = parse(await (await scrape(metrics)).text());
  assert.equal(m.get('mcp_guard_requests_total{decision="allow",method="initialize",replica="guard-b"}'), 1);
  assert.equal(m.get('mcp_guard_store_errors_total{operation="ping",replica="guard-b"}'), 1);
  assert.equal(m.get('mcp_guard_approvals_pending{replica="guard-b"}'), 0);
});
