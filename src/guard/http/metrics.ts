// Prometheus metrics for the guard (`/metrics`), built on prom-client with a registry of its own (the
// global one would mix in whatever else shares the process). Counters are fed from the audit stream:
// every decision the pipeline records passes through `audit(sink)` on its way to the log, so metrics
// and audit never disagree. Gauges (approvals pending, backend health) are read at scrape time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebhookStats } from '../approvals/notify.ts';
import type { AuditEntry } from '../audit/index.ts';
import type { AuditSink } from '../context.ts';
import { CODES } from '../errors.ts';
import type { Store } from '../store/types.ts';

/** One backend's health as the server reports it at scrape time. */
export interface BackendStatus {
  name: string;
  up: boolean;
  /** Restarts since the guard started. */
  restarts: number;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Label request series with the agent id (`http.metrics.agent_labels`); off by default (cardinality). */
  agentLabels: boolean;
  /** When set, `/metrics` wants `Authorization: Bearer <token>` (`http.metrics.token`). */
  token?: string;
  /** Source of `mcp_guard_approvals_pending`. */
  store?: Pick<Store, 'listApprovals'>;
  /** Source of `mcp_guard_backend_up` and `mcp_guard_backend_restarts_total`. */
  backends?: () => BackendStatus[] | Promise<BackendStatus[]>;
  /** Source of `mcp_guard_webhook_deliveries_total` and `mcp_guard_webhook_failures_total`. */
  webhooks?: () => WebhookStats[];
  /**
   * This guard's replica id (the config's `replica`): every series carries it as the `replica` label,
   * so a dashboard over several replicas behind a load balancer tells them apart.
   */
  replica?: string;
}

/** The guard's metrics. */
export interface Metrics {
  registry: Registry;
  /** Wraps an audit sink: each entry updates the counters, then goes to `sink` (if any) unchanged. */
  audit(sink?: AuditSink): AuditSink;
  /** Counts a failed store call (`mcp_guard_store_errors_total`): pass it to `observeStore`. */
  storeError(operation: string): void;
  /** Serves `/metrics` (Prometheus text); 401 without the right bearer token when one is configured. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * Methods that get their own label value; anything else a client sends is counted as `other`, so a
 * client cannot grow the series count by inventing method names.
 */
const KNOWN_METHODS = new Set([
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'tasks/get',
  'tasks/list',
  'tasks/result',
  'tasks/cancel',
  'server/discover',
  'subscriptions/listen',
]);
const DECISIONS = new Set(['allow', 'deny', 'error', 'held']);

/** Latency buckets in seconds: a proxy hop is milliseconds, a tool call can take minutes. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Builds the metrics registry and its collectors. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.replica !== undefined) registry.setDefaultLabels({ replica: options.replica });
  const agentLabel = options.agentLabels ? (['agent'] as const) : ([] as const);
  const requests = new Counter({
    name: 'mcp_guard_requests_total',
    help: 'Client requests decided by the guard, by method and decision (allow, deny, error, held).',
    labelNames: ['method', 'decision', ...agentLabel],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'mcp_guard_request_duration_seconds',
    help: 'Time from receiving a request to answering it (policies plus backend), in seconds.',
    labelNames: ['method', ...agentLabel],
    buckets: BUCKETS,
    registers: [registry],
  });
  const spend = new Counter({
    name: 'mcp_guard_spend_total',
    help: 'Amount spent by allowed spend tool calls (in the spend tools currency, USD by default).',
    labelNames: [...agentLabel],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'mcp_guard_rate_limited_total',
    help: 'Requests refused by a rate limit (JSON-RPC error -32029).',
    labelNames: [...agentLabel],
    registers: [registry],
  });
  const authFailed = new Counter({
    name: 'mcp_guard_auth_failed_total',
    help: 'Requests refused for a missing or invalid credential (JSON-RPC error -32001).',
    labelNames: [...agentLabel],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'mcp_guard_store_errors_total',
    help: 'Store calls that failed (state store unreachable or timed out), by operation; each refused what needed it.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const store = options.store;
  new Gauge({
    name: 'mcp_guard_approvals_pending',
    help: 'Held calls waiting for a human decision.',
    registers: [registry],
    async collect() {
      // An unreachable store leaves the gauge out of this scrape rather than failing the whole scrape.
      if (store)
        this.set((await store.listApprovals('pending').catch(() => undefined))?.length ?? Number.NaN);
    },
  });
  // prom-client collects every metric of a scrape concurrently, so each collector asks on its own.
  const backends = async () => (options.backends ? await options.backends() : []);
  new Gauge({
    name: 'mcp_guard_backend_up',
    help: 'Whether a backend is running and connected (1) or not (0).',
    labelNames: ['backend'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const b of await backends()) this.set({ backend: b.name }, b.up ? 1 : 0);
    },
  });
  new Counter({
    name: 'mcp_guard_backend_restarts_total',
    help: 'Backend restarts since the guard started.',
    labelNames: ['backend'],
    registers: [registry],
    async collect() {
      // The server keeps the count; mirror it (it only grows, so the series stays a valid counter).
      this.reset();
      for (const b of await backends()) this.inc({ backend: b.name }, b.restarts);
    },
  });

  const webhooks = options.webhooks;
  new Counter({
    name: 'mcp_guard_webhook_deliveries_total',
    help: 'Approval webhooks delivered (a 2xx answer), by format.',
    labelNames: ['format'],
    registers: [registry],
    collect() {
      this.reset();
      for (const w of webhooks?.() ?? []) this.inc({ format: w.format }, w.delivered);
    },
  });
  new Counter({
    name: 'mcp_guard_webhook_failures_total',
    help: 'Approval webhooks given up after their retries (or dropped when too many were pending), by format.',
    labelNames: ['format'],
    registers: [registry],
    collect() {
      this.reset();
      for (const w of webhooks?.() ?? []) this.inc({ format: w.format }, w.failed);
    },
  });

  function observe(entry: AuditEntry): void {
    // A forwarded call's write-ahead record, or a waiting call's held record: its outcome record counts
    // the request, once.
    if (entry.decision === 'forward' || entry.waiting === true) return;
    const method = entry.method !== undefined && KNOWN_METHODS.has(entry.method) ? entry.method : 'other';
    const decision = DECISIONS.has(entry.decision) ? entry.decision : 'other';
    const who = options.agentLabels ? { agent: entry.agent ?? 'unknown' } : {};
    requests.inc({ method, decision, ...who });
    if (typeof entry.latencyMs === 'number' && Number.isFinite(entry.latencyMs) && entry.latencyMs >= 0)
      latency.observe({ method, ...who }, entry.latencyMs / 1000);
    if (decision === 'allow' && typeof entry.amount === 'number' && entry.amount > 0)
      spend.inc(who, entry.amount);
    if (entry.code === CODES.rateLimited) rateLimited.inc(who);
    if (entry.code === CODES.unauthenticated) authFailed.inc(who);
  }

  const wanted = options.token ? digest(`Bearer ${options.token}`) : undefined;

  return {
    registry,
    storeError(operation) {
      storeErrors.inc({ operation });
    },
    audit(sink) {
      const safeObserve = (record: AuditEntry) => {
        try {
          observe(record);
        } catch {
          // Metrics must never cost an audit record (or a request): a bad label value is dropped.
        }
      };
      const wrapped: AuditSink = {
        append(record) {
          safeObserve(record);
          return sink?.append(record);
        },
      };
      const health = sink?.health?.bind(sink);
      if (health) wrapped.health = health;
      // Keep the log's batched writes (one write per tick) when it has them.
      const batched = sink?.appendBatched?.bind(sink);
      if (batched) {
        wrapped.appendBatched = (record) => {
          safeObserve(record);
          return batched(record);
        };
      }
      return wrapped;
    },
    async handler(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (wanted) {
        // Compare digests of equal length in constant time, so timing says nothing about the token.
        const given = digest(req.headers.authorization ?? '');
        if (!timingSafeEqual(given, wanted)) {
          res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
          return;
        }
      }
      try {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (error) {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`metrics failed: ${(error as Error).message}\n`);
      }
    },
  };
}
