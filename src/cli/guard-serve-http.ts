// `mcp-guard guard serve-http`: the guard over HTTP (Streamable HTTP on /mcp, plain JSON-RPC on /rpc,
// health, readiness, metrics). Binds loopback unless told otherwise, and refuses to listen elsewhere
// without authentication unless that is asked for explicitly. SIGTERM/SIGINT shut down gracefully.
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import type { RunningGuard } from '../guard/start.ts';
import { UsageError } from './errors.ts';

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
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!/^\d+$/.test(opts.port) || port > 65535)
      throw new UsageError(`--port: expected a port number from 0 to 65535, got "${opts.port}"`);
  }
  const { startGuard, GuardStartError } = await import('../guard/start.ts');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // The signal handlers go in before "listening" is announced: a supervisor (or a test) may send SIGTERM
  // the moment it reads that line, and a signal with no handler kills the process on the spot.
  let guard: RunningGuard | undefined;
  let stopped = false;
  const stopping = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`mcp-guard: ${signal}, draining (up to ${config.http.shutdownGraceMs} ms) and shutting down`);
      stopped = true;
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  try {
    guard = await startGuard(config, {
      transport: 'http',
      host: opts.host,
      port,
      server: opts.server,
      allowUnauthenticated: opts.allowUnauthenticated,
      log,
    });
  } catch (error) {
    if (error instanceof GuardStartError) throw new UsageError(error.message);
    throw error;
  }
  if (!stopped)
    log(`mcp-guard: listening on ${guard.url} (auth: ${config.auth.mode}, audit: ${guard.auditPath})`);
  await stopping;
  await guard.close();
}

/** The options and help `serve-http` has under `guard` and as the top-level alias. */
export function defineServeHttpCommand(cmd: Command): Command {
  return cmd
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

/** Adds `serve-http` under `guard`. */
export function registerServeHttpCommand(guard: Command): void {
  defineServeHttpCommand(
    guard
      .command('serve-http')
      .description('Run the guard as an HTTP server (Streamable HTTP on /mcp, JSON-RPC on /rpc)'),
  );
}
