// `mcp-guard guard serve`: the guard over stdio. Speaks MCP to the client on stdin/stdout (stdout
// carries protocol messages only; every diagnostic goes to stderr), launches the backend(s), and
// shuts down in order on SIGINT, SIGTERM or the end of stdin, leaving no child processes behind.
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import { startEviction } from '../guard/store/evict.ts';
import { NdjsonTransport } from '../guard/transport/ndjson.ts';
import { UsageError } from './errors.ts';
import { openGuardState } from './guard-state.ts';

/** Options of `guard serve`. */
interface ServeOptions {
  config: string;
  server?: string;
}

/** Runs the guard until the client goes away or a signal arrives. */
export async function serve(opts: ServeOptions): Promise<void> {
  const config = await loadGuardConfig(opts.config);
  // Loaded lazily: node:sqlite and the runtime stay out of the scanner's way.
  const { createGuard } = await import('../guard/guard.ts');
  const state = await openGuardState(config);
  const { store, audit, auditPath } = state;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const clientTransport = new NdjsonTransport(process.stdin, process.stdout, {
    maxMessageBytes: config.limits.maxMessageBytes,
  });
  let guard: ReturnType<typeof createGuard>;
  try {
    guard = createGuard(config, { store, audit, clientTransport, server: opts.server, log });
  } catch (error) {
    await state.close();
    throw new UsageError((error as Error).message);
  }
  const stop = (signal: string) => {
    log(`mcp-guard: ${signal}, shutting down`);
    void guard.close();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // The periodic eviction keeps idle agents' rate windows from accumulating.
  const evict = startEviction(store, {
    onerror: (e) => log(`mcp-guard: store eviction failed: ${e.message}`),
  });
  log(`mcp-guard: guarding ${[...guard.backends.keys()].join(', ')} (audit: ${auditPath})`);
  try {
    await guard.start();
    await guard.closed;
  } finally {
    evict.stop();
    await guard.close();
    await state.close();
    process.stdin.destroy();
  }
}

/** Adds `serve` under `guard`. */
export function registerServeCommand(guard: Command): void {
  guard
    .command('serve')
    .description('Run the guard in front of the configured MCP server(s), speaking MCP on stdin/stdout')
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
