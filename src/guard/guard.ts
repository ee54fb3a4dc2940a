// `createGuard`: the programmatic entry of the runtime. Launches the configured backends, joins them
// to a client transport through the relay and the policy pipeline, and shuts everything down in
// order (pending requests answered, backends stopped with their process groups).
import type { GuardConfig } from '../config/guard-types.ts';
import { ApprovalDesk } from './approvals/desk.ts';
import { type BackendOptions, createBackend } from './backend/index.ts';
import type { Backend } from './backend/types.ts';
import type { AuditSink, SessionState } from './context.ts';
import { buildPipeline } from './pipeline.ts';
import { closeSessionLeases } from './policies/spend/lease.ts';
import { Relay } from './relay.ts';
import { makeRouter } from './router.ts';
import type { Store } from './store/types.ts';
import type { MessageTransport } from './transport/types.ts';

/** What `createGuard` needs besides the config. */
export interface GuardDeps {
  store: Store;
  audit: AuditSink;
  /** The client side, e.g. an `NdjsonTransport` over the process's stdin/stdout. */
  clientTransport: MessageTransport;
  /** Serve only this backend (`--server NAME`). */
  server?: string;
  /** The guard's environment (credentials from MCP_GUARD_*, safe variables for backends). */
  env?: NodeJS.ProcessEnv;
  /** Diagnostics (default: lines to stderr). */
  log?: (line: string) => void;
  /** Restart and shutdown timings. */
  backend?: Pick<BackendOptions, 'initialBackoffMs' | 'maxBackoffMs' | 'shutdownGraceMs' | 'stableAfterMs'>;
  /**
   * Called with the relay's session before anything runs: the HTTP server records there who
   * authenticated at the edge (agent, peer, token scopes), since its requests carry no credential.
   */
  session?: (session: SessionState) => void;
  /** Supplies a backend instead of launching one (HTTP: views of a backend shared by sessions). */
  makeBackend?: (server: GuardConfig['servers'][string]) => Backend | undefined;
  /**
   * This guard instance's writer id (its audit file's, stable across restarts): spend reservations
   * carry it, so the next start releases those whose calls were never forwarded.
   */
  owner?: string;
  /** The process's approval desk, shared by sessions (default: one of this guard's own). */
  desk?: ApprovalDesk;
}

/** The options every backend of `config` is built with. */
export function backendOptions(
  config: GuardConfig,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
  timings: GuardDeps['backend'] = {},
): BackendOptions {
  return {
    maxMessageBytes: config.limits.maxMessageBytes,
    maxDepth: config.limits.maxDepth,
    log,
    parentEnv: env,
    ...timings,
  };
}

/** A running guard. */
export interface Guard {
  /** Starts the backends, then reads from the client. */
  start(): Promise<void>;
  /** Orderly shutdown; resolves when every backend has stopped. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the guard has shut down (the client went away, or `close` was called). */
  readonly closed: Promise<void>;
  /** The supervised backends, by name. */
  readonly backends: ReadonlyMap<string, Backend>;
}

/**
 * Creates a guard for `config` from parts you supply (store, audit sink, client transport); `startGuard`
 * is the same with defaults. Config problems (unknown server, unusable routes or keys) throw here.
 */
export function createGuard(config: GuardConfig, deps: GuardDeps): Guard {
  const missing = (['store', 'audit', 'clientTransport'] as const).filter((k) => !deps?.[k]);
  if (missing.length > 0)
    throw new TypeError(
      `createGuard: deps.${missing.join(', deps.')} missing; startGuard(config) opens the config's store and audit log and serves stdio or HTTP for you`,
    );
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = deps.env ?? process.env;
  let names = Object.keys(config.servers);
  if (deps.server !== undefined) {
    if (!config.servers[deps.server]) {
      throw new Error(
        `--server ${deps.server}: no such server in ${config.file} (have: ${names.join(', ')})`,
      );
    }
    names = [deps.server];
  }
  if (names.length === 0) throw new Error(`${config.file}: no servers to guard`);
  const backends = new Map<string, Backend>();
  for (const name of names) {
    const server = config.servers[name];
    // A `url` server is reached over Streamable HTTP with only its own configured headers.
    backends.set(
      name,
      deps.makeBackend?.(server) ?? createBackend(server, backendOptions(config, log, env, deps.backend)),
    );
  }
  // Several backends are aggregated (docs/guard-multi.md): routes are then optional.
  const router = makeRouter(deps.server === undefined ? config.routes : [], names, {
    aggregate: names.length > 1,
  });
  const relay = new Relay({ config, client: deps.clientTransport, backends, audit: deps.audit, log, router });
  deps.session?.(relay.session);
  const desk = deps.desk ?? new ApprovalDesk({ store: deps.store, config, log });
  relay.pipeline = buildPipeline(config, {
    desk,
    store: deps.store,
    audit: deps.audit,
    router,
    forward: relay.forward,
    resolve: relay.aggregator?.resolve,
    env,
    owner: deps.owner,
    log,
  });

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Calls still waiting for approval answer -32004 (their approvals stay pending for a retry).
      if (!deps.desk) desk.close();
      await relay.close();
      // The session's unused spend budget goes back now (the store may be closed next).
      await closeSessionLeases(deps.store, relay.session.id);
      await Promise.all([...backends.values()].map((b) => b.stop()));
      await deps.clientTransport.close().catch(() => {});
      resolveClosed();
    })();
    return closing;
  };
  deps.clientTransport.onclose = () => void close();
  // End of input (stdio): the requests already read are answered before the guard shuts down.
  deps.clientTransport.onend = () => void relay.drain().then(close);
  deps.clientTransport.onerror = (error) => log(`guard: client stream error: ${error.message}`);

  return {
    backends,
    closed,
    close,
    async start() {
      await Promise.all([...backends.values()].map((b) => b.start()));
      await deps.clientTransport.start();
    },
  };
}
