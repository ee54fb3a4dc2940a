// `mcp-guard guard serve`: the guard over stdio. Speaks MCP to the client on stdin/stdout (stdout
// carries protocol messages only; every diagnostic goes to stderr), launches the backend(s), and
// shuts down in order on SIGINT or SIGTERM, or once stdin has ended and the calls in flight have been
// answered, leaving no child processes behind.
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import type { RunningGuard } from '../guard/start.ts';
import { UsageError } from './errors.ts';

/** Options of `guard serve`. */
interface ServeOptions {
  config: string;
  server?: string;
}

/** Runs the guard until the client goes away or a signal arrives. */
export async function serve(opts: ServeOptions): Promise<void> {
  const config = await loadGuardConfig(opts.config);
  // Loaded lazily: node:sqlite and the runtime stay out of the scanner's way.
  const { startGuard, GuardStartError } = await import('../guard/start.ts');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // Handlers go in before the backends start: a signal's default action would leave them orphaned.
  let guard: RunningGuard | undefined;
  let stopped = false;
  const stop = (signal: string) => {
    log(`mcp-guard: ${signal}, shutting down`);
    stopped = true;
    void guard?.close();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    guard = await startGuard(config, { server: opts.server, log });
  } catch (error) {
    if (error instanceof GuardStartError) throw new UsageError(error.message);
    throw error;
  }
  log(`mcp-guard: guarding ${guard.servers.join(', ')} (audit: ${guard.auditPath})`);
  if (stopped) void guard.close();
  await guard.closed;
}

/** The options and help `serve` has under `guard` and as the top-level alias. */
export function defineServeCommand(cmd: Command): Command {
  return cmd
    .requiredOption('-c, --config <file>', 'guard config (mcp-guard.yaml)')
    .option('--server <name>', 'serve only this backend')
    .addHelpText(
      'after',
      `
In a client config (Claude Desktop), replace the server's command with:
  "command": "mcp-guard", "args": ["guard", "serve", "--config", "/path/to/mcp-guard.yaml"]
Credentials: _meta.api_key / _meta.token / _meta.authorization of initialize (or of any request),
or MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard's environment (never passed to the backend).`,
    )
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}

/** Adds `serve` under `guard`. */
export function registerServeCommand(guard: Command): void {
  defineServeCommand(
    guard
      .command('serve')
      .description('Run the guard in front of the configured MCP server(s), speaking MCP on stdin/stdout'),
  );
}
