// Shared by the HTTP guard's tests: `mcp-guard guard serve-http` launched as a real process on a free
// loopback port, its URL read from its stderr, and an SDK 1.x Streamable HTTP client connected to it.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CLI, NODE, ROOT } from './servers/harness.ts';

/** A running HTTP guard. */
export interface HttpGuardProcess {
  child: ChildProcessWithoutNullStreams;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  base: string;
  /** The MCP endpoint. */
  mcp: string;
  port: number;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts `guard serve-http --config FILE --port 0` and waits until it listens. `launcher` runs it
 * through another program first (e.g. `['prlimit', '--nofile=160:160']`).
 */
export async function startHttpGuard(
  config: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  /** The CLI entry: the source (default) or the bundle (`dist/cli.js`). */
  entry = CLI,
  /** A program the guard is run through first (e.g. `['prlimit', '--nofile=160:160']`). */
  launcher: string[] = [],
): Promise<HttpGuardProcess> {
  const argv = [NODE, entry, 'guard', 'serve-http', '--config', config, '--port', '0', ...extraArgs];
  const [program, ...args] = [...launcher, ...argv];
  const child = spawn(program, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/\S+)\/mcp/.exec(stderr);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`serve-http exited with ${code}:\n${stderr}`)));
    setTimeout(() => reject(new Error(`serve-http did not start:\n${stderr}`)), 15_000).unref();
  });
  return {
    child,
    base,
    mcp: `${base}/mcp`,
    port: Number(new URL(base).port),
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** An SDK client connected over Streamable HTTP, with optional headers (credentials). */
export async function httpClient(
  url: string,
  options: { headers?: Record<string, string>; capabilities?: Record<string, unknown> } = {},
) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: options.headers ?? {} },
  });
  const client = new Client(
    { name: 'http-e2e', version: '1.0.0' },
    { capabilities: options.capabilities ?? {} },
  );
  return { client, transport };
}

/** The headers of a raw MCP POST. */
export function mcpHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra };
}

/** An initialize request body. */
export function initBody(id: number | string = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
}

/** Process ids of a process's children (the HTTP guard's backend processes). */
export function children(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
