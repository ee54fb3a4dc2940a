// One harness for the guard's end-to-end suite over either transport: the real guard process
// (`guard serve` over stdio, or `guard serve-http` on a free loopback port) in front of the config's
// backends, and the SDK 1.x client connected to it with an API key (over stdio from the guard's
// environment, over HTTP in the Authorization header). A test is written once and run over both.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type HttpGuardProcess, httpClient, startHttpGuard } from './guard-http-harness.ts';
import { connect } from './servers/harness.ts';

/** The transports the guard serves clients over. */
export const TRANSPORTS = ['stdio', 'http'] as const;
/** One of {@link TRANSPORTS}. */
export type Over = (typeof TRANSPORTS)[number];

/** A client connected to a guard over one transport. */
export interface GuardSession {
  over: Over;
  client: Client;
  /** The SDK client transport (a test may watch the wire under the client). */
  transport: Transport;
  /** The guard's stderr so far. */
  stderr(): string;
  /** Over HTTP: the guard process (its URL, its children, its shutdown). */
  http?: HttpGuardProcess;
  /** Closes the client, then stops the guard. */
  close(): Promise<void>;
}

/** Starts the guard of `config` over `over` and connects a client with `key` and `capabilities`. */
export async function guardSession(
  over: Over,
  config: string,
  options: { key: string; capabilities?: Record<string, unknown>; setup?: (client: Client) => void },
): Promise<GuardSession> {
  if (over === 'stdio') {
    const c = await connect(config, {
      env: { MCP_GUARD_API_KEY: options.key },
      capabilities: options.capabilities,
    });
    options.setup?.(c.client);
    await c.client.connect(c.transport);
    return {
      over,
      client: c.client,
      transport: c.transport,
      stderr: c.stderr,
      close: () => c.client.close(),
    };
  }
  const http = await startHttpGuard(config);
  const c = await httpClient(http.mcp, {
    headers: { authorization: `Bearer ${options.key}` },
    capabilities: options.capabilities,
  });
  options.setup?.(c.client);
  await c.client.connect(c.transport);
  return {
    over,
    client: c.client,
    transport: c.transport,
    stderr: http.stderr,
    http,
    close: async () => {
      await c.client.close().catch(() => {});
      await http.stop();
    },
  };
}
