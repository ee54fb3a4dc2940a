// `startGuard`: the guard in a few lines, over stdio or HTTP, with the defaults `mcp-guard guard serve`
// and `serve-http` use (the config's SQLite store and audit log, periodic eviction). The CLI commands
// are this function plus signals and messages; a program embedding the guard calls it directly.
import type { Readable, Writable } from 'node:stream';
import type { GuardConfig } from '../config/guard-types.ts';
import type { AuditSink } from './context.ts';
import type { Guard } from './guard.ts';
import { closeSpendLeases } from './policies/spend/lease.ts';
import { auditPathFor, openGuardState } from './state.ts';
import type { Store } from './store/types.ts';

/** How to run the guard. Every field is optional. */
export interface StartGuardOptions {
  /** `stdio` (default): speak MCP on `input`/`output`. `http`: listen on `http.host`:`http.port`. */
  transport?: 'stdio' | 'http';
  /** stdio: where client messages come from (default `process.stdin`). */
  input?: Readable;
  /** stdio: where answers go (default `process.stdout`, which then must carry nothing else). */
  output?: Writable;
  /** http: the address to bind instead of `http.host` (default `127.0.0.1`). */
  host?: string;
  /** http: the port instead of `http.port` (default 8080; 0 picks a free one, see `url`). */
  port?: number;
  /** http: allow a non-loopback address with `auth.mode: none` (refused otherwise). */
  allowUnauthenticated?: boolean;
  /** Serve only this backend of the config. */
  server?: string;
  /**
   * Shared state (rate windows, spend, approvals, pins). Default: the config's SQLite store, opened
   * here and closed by `close()`. One you pass is yours to close.
   */
  store?: Store;
  /** Where decisions are recorded. Default: the config's audit log, opened here and closed by `close()`. */
  audit?: AuditSink;
  /** The environment credentials (`MCP_GUARD_*`) and the backends' safe variables come from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Diagnostics (default: lines to stderr). */
  log?: (line: string) => void;
}

/** A running guard. */
export interface RunningGuard {
  /** http: the Streamable HTTP endpoint, e.g. `http://127.0.0.1:8080/mcp`. */
  readonly url?: string;
  /** The audit log written, when the guard opened its own. */
  readonly auditPath?: string;
  /** The backends' names. */
  readonly servers: string[];
  /** stdio: resolves once the client has gone (end of input) and everything is shut down. */
  readonly closed: Promise<void>;
  /** Stops: answers or drains what is in flight, stops the backends, closes what was opened here. Idempotent. */
  close(): Promise<void>;
}

/** Thrown when the guard cannot start with what it was given (unknown server, refused address, port in use). */
export class GuardStartError extends Error {
  override name = 'GuardStartError';
}

/**
 * Starts a guard for `config` (from `loadGuardConfig`). Resolves once the backends are up and the guard
 * reads from its client (stdio) or listens (http).
 */
export async function startGuard(
  config: GuardConfig,
  options: StartGuardOptions = {},
): Promise<RunningGuard> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const http = options.transport === 'http';
  if (options.transport !== undefined && !http && options.transport !== 'stdio')
    throw new GuardStartError(`transport: expected stdio or http, got ${JSON.stringify(options.transport)}`);
  if (http) await checkAddress(config, options);
  // Loaded lazily: node:sqlite and the runtime stay out of the scanner's way.
  const own =
    options.store === undefined || options.audit === undefined
      ? await openGuardState(config, log)
      : undefined;
  const store = options.store ?? own!.store;
  const audit = options.audit ?? own!.audit;
  if (own?.recovered) log(`mcp-guard: after a crash: ${own.recovered}`);
  const { startEviction } = await import('./store/evict.ts');
  const evict = startEviction(store, {
    onerror: (e) => log(`mcp-guard: store eviction failed: ${e.message}`),
  });
  const release = async () => {
    evict.stop();
    // Spend budget this process leased and did not use goes back before the store closes.
    await closeSpendLeases(store);
    await own?.close();
  };
  const base = { auditPath: options.audit === undefined ? own?.auditPath : undefined };
  try {
    // The writer id owns spend reservations only when this guard writes its own log.
    const owner = options.audit === undefined ? own?.writer : undefined;
    const parts = { store, audit, log, release, owner };
    const started = http ? await startHttp(config, options, parts) : await startStdio(config, options, parts);
    return { ...base, ...started };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The refusal `serve-http` makes: no public address without authentication unless asked for. */
async function checkAddress(config: GuardConfig, options: StartGuardOptions): Promise<void> {
  if (options.host !== undefined) config.http.host = options.host;
  if (options.port !== undefined) {
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
      throw new GuardStartError(`port: expected a port number from 0 to 65535, got ${options.port}`);
    config.http.port = options.port;
  }
  const { isLoopback } = await import('./http/security.ts');
  if (config.auth.mode === 'none' && !isLoopback(config.http.host) && !options.allowUnauthenticated) {
    throw new GuardStartError(
      `refusing to listen on ${config.http.host} with auth.mode none: anyone who can reach it could use the backends. ` +
        'Configure auth (api_key, jwt or oauth), bind 127.0.0.1, or pass --allow-unauthenticated.',
    );
  }
}

type Started = Omit<RunningGuard, 'auditPath'>;

/** What both transports run with: the state, the log, and `release`, which closes what `startGuard` opened. */
interface Parts {
  store: Store;
  audit: AuditSink;
  log: (line: string) => void;
  release: () => Promise<void>;
  /** This guard's writer id (see `GuardDeps.owner`), when it opened its own audit log. */
  owner?: string;
}

async function startStdio(config: GuardConfig, options: StartGuardOptions, parts: Parts): Promise<Started> {
  const { store, audit, log, release, owner } = parts;
  const [{ createGuard }, { NdjsonTransport }] = await Promise.all([
    import('./guard.ts'),
    import('./transport/ndjson.ts'),
  ]);
  const input = options.input ?? process.stdin;
  const clientTransport = new NdjsonTransport(input, options.output ?? process.stdout, {
    maxMessageBytes: config.limits.maxMessageBytes,
    maxDepth: config.limits.maxDepth,
    // What the backends said goes to the client as they wrote it when nothing in it changed.
    sendRaw: true,
  });
  let guard: Guard;
  try {
    guard = createGuard(config, {
      store,
      audit,
      clientTransport,
      server: options.server,
      log,
      env: options.env,
      owner,
    });
  } catch (error) {
    throw new GuardStartError((error as Error).message);
  }
  const closed = guard.closed.then(release).then(() => {
    // Our own stdin would otherwise keep the process alive after the client went away.
    if (input === process.stdin) process.stdin.destroy();
  });
  try {
    await guard.start();
  } catch (error) {
    // A backend that cannot be spawned (no such program, no file descriptors): said in one line.
    await guard.close();
    throw new GuardStartError((error as Error).message);
  }
  return {
    servers: [...guard.backends.keys()],
    closed,
    async close() {
      await guard.close();
      await closed;
    },
  };
}

async function startHttp(config: GuardConfig, options: StartGuardOptions, parts: Parts): Promise<Started> {
  const { store, audit, log, release, owner } = parts;
  const [{ createHttpGuard }, { ApprovalDesk }] = await Promise.all([
    import('./http/server.ts'),
    import('./approvals/desk.ts'),
  ]);
  // One desk for every session and the console: a click in the browser wakes the call waiting anywhere.
  const desk = new ApprovalDesk({ store, config, audit, log });
  let guard: ReturnType<typeof createHttpGuard>;
  try {
    const mounts = config.console.enabled ? [await consoleMount(config, { store, audit, log, desk })] : [];
    if (config.auth.mode === 'oauth' && config.auth.self) {
      // The guard's own authorization server (`auth.oauth.issuer: self`): keys made or read from the store.
      const { createIssuer } = await import('./oauth/index.ts');
      mounts.push(await createIssuer(config, { store, audit, log }));
    }
    guard = createHttpGuard(config, {
      store,
      audit,
      log,
      server: options.server,
      env: options.env,
      desk,
      mounts,
      owner,
    });
  } catch (error) {
    desk.close();
    throw new GuardStartError((error as Error).message);
  }
  let base: string;
  try {
    base = await guard.listen();
  } catch (error) {
    await guard.close();
    throw new GuardStartError(
      `cannot listen on ${config.http.host}:${config.http.port}: ${(error as Error).message}`,
    );
  }
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const origin = config.http.publicUrl ? new URL(config.http.publicUrl).origin : base;
  if (config.console.enabled) log(`mcp-guard: console on ${origin}/console`);
  if (config.auth.mode === 'oauth' && config.auth.self)
    log(
      `mcp-guard: OAuth authorization server on ${origin} (metadata: ${origin}/.well-known/oauth-authorization-server)`,
    );
  return {
    url: `${base}/mcp`,
    servers: options.server !== undefined ? [options.server] : Object.keys(config.servers),
    closed,
    close() {
      closing ??= guard
        .close()
        // Webhooks still being delivered get a moment, not their whole retry schedule.
        .then(() => Promise.race([desk.notifier.idle(), new Promise((r) => setTimeout(r, 2000).unref())]))
        .then(release)
        .then(() => resolveClosed());
      return closing;
    },
  };
}

/** The console (`console.enabled`), mounted under `/console` of the HTTP server. */
async function consoleMount(
  config: GuardConfig,
  parts: Pick<Parts, 'store' | 'audit' | 'log'> & { desk: import('./approvals/desk.ts').ApprovalDesk },
) {
  const [{ createConsole }, { canonicalResource }, { isLoopback }] = await Promise.all([
    import('./console/index.ts'),
    import('./auth/prm.ts'),
    import('./http/security.ts'),
  ]);
  if (!isLoopback(config.http.host) && !config.http.publicUrl?.startsWith('https:'))
    parts.log(
      'mcp-guard: warning: the console is served over plain HTTP on a non-loopback address; put it behind TLS and set http.public_url to its https URL',
    );
  return createConsole(config, {
    store: parts.store,
    audit: parts.audit,
    desk: parts.desk,
    // Decisions go to the audit sink the guard writes; the console reads the file the config names.
    auditPath: auditPathFor(config),
    resource: canonicalResource(config.http, '/mcp'),
  });
}
