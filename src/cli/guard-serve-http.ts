// `mcp-guard guard serve-http`: the guard over HTTP (Streamable HTTP on /mcp, plain JSON-RPC on /rpc,
// health, readiness, metrics). Binds loopback unless told otherwise, and refuses to listen elsewhere
// without authentication unless that is asked for explicitly. SIGTERM/SIGINT shut down gracefully.
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import { startEviction } from '../guard/store/evict.ts';
import { openGuardState } from './guard-state.ts';
import { UsageError } from './main.ts';

/** Options of `guard serve-http`. */
interface ServeHttpOptions {
  config: string;
  host?: string;
  port?: string;
  server?: string;
  allowUnauthenticated?: boolean;
}

/** Runs the HTTP guard until a signal arrives. */
export async function serveHttp(opts: ServeHttpOptions): Promise<void> {
  const config = await loadGuardConfig(opts.config);
  const [{ createHttpGuard }, { isLoopback }] = await Promise.all([
    import('../guard/http/server.ts'),
    import('../guard/http/security.ts'),
  ]);
  if (opts.host !== undefined) config.http.host = opts.host;
  if (opts.port !== undefined) {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: expected a port number from 0 to 65535, got "${opts.port}"`);
    config.http.port = port;
  }
  if (config.auth.mode === 'none' && !isLoopback(config.http.host) && !opts.allowUnauthenticated) {
    throw new UsageError(
      `refusing to listen on ${config.http.host} with auth.mode none: anyone who can reach it could use the backends. ` +
        'Configure auth (api_key, jwt or oauth), bind 127.0.0.1, or pass --allow-unauthenticated.',
    );
  }
  const state = await openGuardState(config);
  const { store, audit, auditPath } = state;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let guard: ReturnType<typeof createHttpGuard>;
  const { ApprovalDesk } = await import('../guard/approvals/desk.ts');
  const desk = new ApprovalDesk({ store, config, audit, log });
  try {
    const mounts = [];
    if (config.console.enabled) {
      const [{ createConsole }, { canonicalResource }] = await Promise.all([
        import('../guard/console/index.ts'),
        import('../guard/http/prm.ts'),
      ]);
      mounts.push(
        createConsole(config, {
          store,
          audit,
          auditPath,
          desk,
          resource: canonicalResource(config.http, '/mcp'),
          log,
        }),
      );
      if (!isLoopback(config.http.host) && !config.http.publicUrl?.startsWith('https:'))
        log(
          'mcp-guard: warning: the console is served over plain HTTP on a non-loopback address; put it behind TLS and set http.public_url to its https URL',
        );
    }
    guard = createHttpGuard(config, { store, audit, log, server: opts.server, desk, mounts });
  } catch (error) {
    desk.close();
    await state.close();
    throw new UsageError((error as Error).message);
  }
  let url: string;
  try {
    url = await guard.listen();
  } catch (error) {
    await state.close();
    throw new UsageError(
      `cannot listen on ${config.http.host}:${config.http.port}: ${(error as Error).message}`,
    );
  }
  const evict = startEviction(store, {
    onerror: (e) => log(`mcp-guard: store eviction failed: ${e.message}`),
  });
  // The signal handlers go in before "listening" is announced: a supervisor (or a test) may send SIGTERM
  // the moment it reads that line, and a signal with no handler kills the process on the spot.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`mcp-guard: ${signal}, draining (up to ${config.http.shutdownGraceMs} ms) and shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  log(`mcp-guard: listening on ${url}/mcp (auth: ${config.auth.mode}, audit: ${auditPath})`);
  if (config.console.enabled)
    log(
      `mcp-guard: console on ${config.http.publicUrl ? new URL(config.http.publicUrl).origin : url}/console`,
    );
  await stopped;
  evict.stop();
  await guard.close();
  // Webhooks still being delivered get a moment, not their whole retry schedule.
  await Promise.race([desk.notifier.idle(), new Promise((r) => setTimeout(r, 2000).unref())]);
  await state.close();
}

/** Adds `serve-http` under `guard`. */
export function registerServeHttpCommand(guard: Command): void {
  guard
    .command('serve-http')
    .description('Run the guard as an HTTP server (Streamable HTTP on /mcp, JSON-RPC on /rpc)')
    .requiredOption('-c, --config <file>', 'guard config (mcp-guard.yaml)')
    .option('--host <host>', 'address to bind (default: http.host, else 127.0.0.1)')
    .option('--port <port>', 'port to bind (default: http.port, else 8080; 0 picks a free one)')
    .option('--server <name>', 'serve only this backend')
    .option('--allow-unauthenticated', 'allow binding a non-loopback address with auth.mode none')
    .addHelpText(
      'after',
      `
Endpoints: /mcp (Streamable HTTP), /rpc (one JSON-RPC message per POST), /health, /ready, /metrics,
/console (with console.enabled; docs/guard-console.md).
Credentials: Authorization: Bearer <api key or token>, or X-API-Key. Never in the query string.
See docs/guard-http.md.`,
    )
    .action(async (opts: ServeHttpOptions) => {
      await serveHttp(opts);
    });
}
