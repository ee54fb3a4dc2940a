// `createHttpGuard`: the guard over HTTP. A node:http server passes every request through the edge, a
// list of named steps (`edge/`: health, wire checks, query-string credentials, mounts, the OAuth
// Protected Resource Metadata, metrics, readiness, the endpoint, authentication, the body limit, JSON
// parse), each of which goes on, answers, or refuses by name (`refusals.ts`); what passes them all goes
// to `/mcp` (Streamable HTTP) or `/rpc`. Each session runs its own relay (and, per session, backend
// processes). Shutdown stops accepting, lets in-flight calls finish up to `http.shutdown_grace_ms`, then
// ends every session.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GUARD_DEFAULTS } from '../../config/guard-normalize.ts';
import type { GuardConfig, GuardServer } from '../../config/guard-types.ts';
import { ApprovalDesk } from '../approvals/desk.ts';
import { bindPrincipal, type Principal } from '../auth/principal.ts';
import { canonicalResource, resourceMetadataUrl } from '../auth/prm.ts';
import { createBackend } from '../backend/index.ts';
import { BackendView, SharedBackend, type SharedBackendStats } from '../backend/shared.ts';
import type { AuditSink } from '../context.ts';
import { backendOptions, createGuard, type Guard, type GuardDeps } from '../guard.ts';
import { observeStore } from '../store/observe.ts';
import type { Store } from '../store/types.ts';
import { ConnectionCap } from './connection-cap.ts';
import type { HttpContext } from './context.ts';
import { edgeAuthStep } from './edge/auth.ts';
import { bodyLimit } from './edge/body-limit.ts';
import { jsonParse } from './edge/json-parse.ts';
import { metricsStep } from './edge/metrics.ts';
import { protectedResourceMetadataStep } from './edge/prm.ts';
import { queryCredentialCheck } from './edge/query-credential.ts';
import { ANSWERED, type EdgeRequest, type EdgeStep, runEdge } from './edge/step.ts';
import { wireChecks } from './edge/wire.ts';
import { EdgeAuth } from './edge-auth.ts';
import { sessionCap } from './fd-budget.ts';
import { type BackendStatus, createMetrics, type Metrics } from './metrics.ts';
import { refuse } from './refusals.ts';
import { handleRpc } from './rpc.ts';
import { sendJson, WireGuard } from './security.ts';
import { Sessions } from './sessions.ts';
import { handleMcp } from './streamable.ts';

/** The MCP endpoint's path. */
export const MCP_PATH = '/mcp';

/** What the HTTP guard needs besides the config. */
export interface HttpGuardDeps {
  store: Store;
  audit: AuditSink;
  /** The guard's environment (safe variables for backends). */
  env?: NodeJS.ProcessEnv;
  /** Diagnostics (default: lines to stderr). */
  log?: (line: string) => void;
  /** Backend restart and shutdown timings. */
  backend?: GuardDeps['backend'];
  /** Serve only this backend. */
  server?: string;
  /** This guard instance's writer id (see `GuardDeps.owner`). */
  owner?: string;
  /** The process's approval desk (waiting calls, webhooks), shared by every session (default: one of its own); closed with the server. */
  desk?: ApprovalDesk;
  /** Endpoints of their own under a path (the console): after the Host and Origin checks, never the agents' auth. */
  mounts?: HttpMount[];
}

/** Endpoints mounted under `prefix` (e.g. the console at `/console`), with their own authentication. */
export interface HttpMount {
  prefix: string;
  /** Exact paths outside the prefix it also serves (the OAuth issuer's metadata at the origin). */
  paths?: string[];
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Told the server's base URL once it listens. */
  listening?(base: string): void;
  /** Ends what the mount holds open (event streams) at shutdown. */
  close(): void;
}

/** A running (or ready to run) HTTP guard. */
export interface HttpGuard {
  /** Binds `http.host`:`http.port` (port 0 picks a free one); resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown (idempotent): stop accepting, drain, end every session and its backends. */
  close(): Promise<void>;
  /** Open sessions. */
  readonly sessions: Sessions;
  /** The node:http server. */
  readonly server: Server;
  readonly metrics: Metrics | undefined;
  /** What the guard holds for its sessions right now (for tests and diagnostics). */
  stats(): HttpGuardStats;
}

/**
 * Per-session state an HTTP guard holds. Once every session has ended, `sessions` and `guards` are 0
 * and every shared backend's counts are 0: a closed session leaves nothing behind.
 */
export interface HttpGuardStats {
  /** Entries in the session table. */
  sessions: number;
  /** Guards (relay, pipeline, backends or views) not yet shut down. */
  guards: number;
  /** Per shared backend (by server name): views attached and ids/tokens in flight. */
  shared: Record<string, SharedBackendStats>;
}

/** Builds the HTTP guard. Unusable settings (keys, OAuth config) throw here. */
export function createHttpGuard(config: GuardConfig, deps: HttpGuardDeps): HttpGuard {
  const http = config.http;
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wire = new WireGuard(http, http.host);
  const desk = deps.desk ?? new ApprovalDesk({ store: deps.store, config, audit: deps.audit, log });
  const guards = new Set<Guard>();
  const metrics = http.metrics.enabled
    ? createMetrics({
        agentLabels: http.metrics.agentLabels,
        token: http.metrics.token,
        store: deps.store,
        backends: () => backendStatus(),
        webhooks: () => desk.notifier.stats(),
        replica: config.replica,
      })
    : undefined;
  // Every store call of the guard (policies, edge auth, readiness) counts its failures in the metrics.
  const store = metrics ? observeStore(deps.store, (operation) => metrics.storeError(operation)) : deps.store;
  const audit = metrics ? metrics.audit(deps.audit) : deps.audit;
  /** Restarts of the per-session backends of sessions already closed, so the counter never goes down. */
  const retiredRestarts = new Map<string, number>();
  /**
   * One status per backend name, over every session and the shared backends: up when every instance
   * is up, restarts summed (a shared backend counted once, not once per session's view of it).
   */
  function backendStatus(): BackendStatus[] {
    const byName = new Map<string, BackendStatus>();
    const add = (name: string, up: boolean, restarts: number) => {
      const s = byName.get(name) ?? { name, up: true, restarts: retiredRestarts.get(name) ?? 0 };
      s.up &&= up;
      s.restarts += restarts;
      byName.set(name, s);
    };
    for (const g of guards)
      for (const b of g.backends.values())
        if (!(b instanceof BackendView)) add(b.name, b.state === 'up', b.restarts);
    for (const b of shared.values()) add(b.inner.name, b.inner.state === 'up', b.inner.restarts);
    return [...byName.values()];
  }
  const resource = canonicalResource(http, MCP_PATH);
  const oauth = config.auth.mode === 'oauth' ? config.auth : undefined;
  const edge = new EdgeAuth({
    auth: config.auth,
    store,
    failuresPerMinute: config.policies.requestsPerMinute,
    resource,
    resourceMetadataUrl: oauth ? resourceMetadataUrl(resource) : undefined,
  });
  // Sessions beyond what the descriptor limit can hold would fail to start their backends (EMFILE).
  const cap = sessionCap(config, deps.server);
  if (cap.lowered)
    log(
      `mcp-guard http: max_sessions ${http.maxSessions} lowered to ${cap.maxSessions}: the process may open ${cap.lowered.fdLimit} files (ulimit -n) and a session takes ${cap.lowered.perSession}`,
    );
  const sessions = new Sessions({
    maxSessions: cap.maxSessions,
    maxSessionsPerPrincipal: http.maxSessionsPerPrincipal,
    idleMs: http.sessionIdleSec * 1000,
    maxBackends: http.maxSessionBackends ?? GUARD_DEFAULTS.maxSessionBackends,
    log,
  });
  let closing: Promise<void> | undefined;
  /** Requests being handled, except the long-lived GET streams (they do not hold up a shutdown). */
  const inflight = new Set<ServerResponse>();
  /** A response's 'close' listener (one function for all of them). */
  function untrack(this: ServerResponse): void {
    inflight.delete(this);
  }

  const ctx: HttpContext = {
    config,
    sessions,
    log,
    closing: () => closing !== undefined,
    openGuard(transport, principal: Principal, options = {}) {
      const share = options.shared === true || http.backendMode === 'shared';
      const guard = createGuard(config, {
        makeBackend: share ? (server) => sharedBackend(server).view() : undefined,
        store,
        audit,
        clientTransport: transport,
        desk,
        env: deps.env,
        log,
        server: deps.server,
        backend: deps.backend,
        owner: deps.owner,
        session: (session) => {
          if (options.sessionId !== undefined) session.id = options.sessionId;
          bindPrincipal(session, principal);
        },
      });
      guards.add(guard);
      void guard.closed.then(() => {
        guards.delete(guard);
        for (const b of guard.backends.values())
          if (!(b instanceof BackendView))
            retiredRestarts.set(b.name, (retiredRestarts.get(b.name) ?? 0) + b.restarts);
      });
      return guard;
    },
  };

  /** Backends shared by sessions, launched on first use and stopped at shutdown. */
  const shared = new Map<string, SharedBackend>();
  function sharedBackend(server: GuardServer): SharedBackend {
    let backend = shared.get(server.name);
    if (!backend) {
      const options = backendOptions(config, log, deps.env ?? process.env, deps.backend);
      backend = new SharedBackend(createBackend(server, options));
      shared.set(server.name, backend);
    }
    return backend;
  }

  /**
   * The edge, in order: every request crosses these steps until one answers or refuses it; what passes
   * them all (an MCP or /rpc request, authenticated, its body parsed) goes to its endpoint.
   */
  const steps: EdgeStep[] = [
    {
      name: 'health',
      run: ({ path, res }) => (path === '/health' ? answer(res, 200, { status: 'ok' }) : undefined),
    },
    wireChecks(wire),
    queryCredentialCheck(),
    ...(deps.mounts?.length ? [mountsStep(deps.mounts)] : []),
    ...(oauth ? [protectedResourceMetadataStep(oauth, resource, MCP_PATH)] : []),
    ...(metrics ? [metricsStep(metrics)] : []),
    {
      name: 'ready',
      // Not async: every other request passes without a promise.
      run: ({ path, res }) => (path === '/ready' ? ready(res).then(() => ANSWERED) : undefined),
    },
    {
      name: 'endpoint',
      run({ path }) {
        if (path !== MCP_PATH && path !== '/rpc')
          return { refusal: 'noSuchEndpoint', message: `no such endpoint: ${path}` };
        if (closing) return { refusal: 'shuttingDown', message: 'the guard is shutting down' };
        return undefined;
      },
    },
    edgeAuthStep(edge, audit),
    bodyLimit(http.maxBodyBytes),
    jsonParse(config.limits.maxDepth),
  ];

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The endpoint named exactly (every MCP call) needs no URL parsing: no query, nothing to normalize.
    const url = req.url === MCP_PATH ? undefined : new URL(req.url ?? '/', 'http://mcp-guard.invalid');
    const r: EdgeRequest = { req, res, url, path: url === undefined ? MCP_PATH : url.pathname };
    if (!(await runEdge(steps, r))) return;
    if (r.path === '/rpc') await handleRpc(ctx, req, res, r.principal!, r.body);
    else await handleMcp(ctx, req, res, r.principal!, r.body);
  }

  /** Answers with a JSON document (a step that answered). */
  function answer(res: ServerResponse, status: number, value: unknown): typeof ANSWERED {
    sendJson(res, status, value);
    return ANSWERED;
  }

  async function ready(res: ServerResponse): Promise<void> {
    const problems: string[] = [];
    if (closing) problems.push('shutting down');
    // The store must answer, or the load balancer should send this replica nothing: what needs shared
    // state would be refused here (fail closed). Liveness (/health) stays 200: a restart would not help.
    try {
      await store.ping();
    } catch (error) {
      problems.push(`store: ${(error as Error).message}`);
    }
    // A guard that cannot write its audit log refuses calls: the load balancer should send them elsewhere.
    const auditProblem = await deps.audit.health?.();
    if (auditProblem) problems.push(auditProblem);
    for (const g of guards) {
      for (const b of g.backends.values()) if (b.state === 'down') problems.push(`backend ${b.name} is down`);
    }
    for (const b of shared.values())
      if (b.inner.state === 'down') problems.push(`shared backend ${b.inner.name} is down`);
    sendJson(res, problems.length ? 503 : 200, {
      status: problems.length ? 'unavailable' : 'ready',
      problems,
      sessions: sessions.size,
    });
  }

  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      // The whole request, body included, must arrive in time: a body trickled a byte at a time no
      // longer holds its connection (and a descriptor) for ever. Responses (SSE streams) are not bounded.
      requestTimeout: http.requestTimeoutMs,
      // How often Node looks for requests past those deadlines (its default, 30 s, would let one live 40 s).
      connectionsCheckingInterval: Math.min(1000, http.headersTimeoutMs),
    },
    (req, res) => {
      if (req.method !== 'GET') {
        inflight.add(res);
        res.on('close', untrack);
      }
      // Until its body is read, a request refused early (401, 403, 404 ...) closes its connection: a
      // client still sending (or trickling) a body gets its answer and no more of the guard's time.
      // At the MCP and /rpc endpoints the edge's refusals say so themselves (`runEdge`), so that their
      // answers are written with no header set beforehand (Node's fast path for `writeHead`).
      if (req.method === 'POST' && req.url !== MCP_PATH && req.url !== '/rpc')
        res.setHeader('connection', 'close');
      route(req, res).catch((error: Error) => {
        log(`mcp-guard http: ${req.method} ${req.url}: ${error.stack ?? error.message}`);
        // Whether its body was read is unknown here: the connection is not kept.
        refuse(res, { refusal: 'internal', message: 'internal error', headers: { connection: 'close' } });
      });
    },
  );
  // accept() can fail (EMFILE when out of descriptors): reported, never an unhandled 'error' that ends
  // every session. libuv sheds the pending connection and the server goes on accepting.
  server.on('error', (error: Error) => log(`mcp-guard http: ${error.message}`));
  const connections = new ConnectionCap(http.maxConnectionsPerAddress);
  server.on('connection', (socket) => connections.admit(socket));

  return {
    server,
    sessions,
    metrics,
    stats() {
      const byName: Record<string, SharedBackendStats> = {};
      for (const [name, b] of shared) byName[name] = b.stats;
      return { sessions: sessions.size, guards: guards.size, shared: byName };
    },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(http.port, http.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      wire.port = port;
      sessions.startSweeping();
      const host = http.host.includes(':') ? `[${http.host}]` : http.host;
      const base = `http://${host}:${port}`;
      for (const m of deps.mounts ?? []) m.listening?.(base);
      return base;
    },
    close() {
      closing ??= (async () => {
        // Calls waiting for approval answer -32004 now (retry later) instead of holding up the drain.
        desk.close();
        for (const m of deps.mounts ?? []) m.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = Date.now() + http.shutdownGraceMs;
        while (inflight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        await sessions.closeAll();
        await Promise.all([...shared.values()].map((b) => b.stop()));
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

/** The endpoints mounted under their prefixes (the console), each answering its own requests. */
function mountsStep(mounts: readonly HttpMount[]): EdgeStep {
  return {
    name: 'mounts',
    run({ path, url, req, res }) {
      if (url === undefined) return undefined;
      for (const m of mounts)
        if (path === m.prefix || path.startsWith(`${m.prefix}/`) || m.paths?.includes(path))
          return m.handle(req, res, url).then(() => ANSWERED);
      return undefined;
    },
  };
}
