// Shared by the guard's end-to-end tests: a temporary guard config, the SDK client launched on
// `mcp-guard guard serve` over stdio, and a raw line-level driver for malformed input.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** Node 24 from devDependencies (runs .ts directly). */
export const NODE = join(ROOT, 'node_modules/.bin/node');
/** The CLI entry. */
export const CLI = join(ROOT, 'src/cli.ts');
/** server-everything's stdio entry. */
export const EVERYTHING = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
/** The wallet test server. */
export const WALLET = join(ROOT, 'test/servers/wallet.ts');

/** A temporary folder with a guard config in it. */
export interface GuardDir {
  dir: string;
  config: string;
  audit: string;
  db: string;
  walletLog: string;
  /**
   * The final audit record of each request so far (one per request). A forwarded `tools/call` also
   * has a `forward` record written ahead of it; `allRecords` has those too.
   */
  records(): Record<string, unknown>[];
  /** Every audit record written so far, `forward` records included. */
  allRecords(): Record<string, unknown>[];
  /** Messages the wallet server received so far. */
  received(): Record<string, unknown>[];
}

function lines(file: string): Record<string, unknown>[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Writes a config (YAML text with `{{DIR}}`, `{{NODE}}`, `{{EVERYTHING}}`, `{{WALLET}}`, `{{WALLET_LOG}}` placeholders). */
export function guardDir(yaml: string): GuardDir {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-e2e-'));
  const audit = join(dir, 'audit.jsonl');
  const db = join(dir, 'state.db');
  const walletLog = join(dir, 'wallet.jsonl');
  const text = yaml
    .replaceAll('{{DIR}}', dir)
    .replaceAll('{{NODE}}', NODE)
    .replaceAll('{{EVERYTHING}}', EVERYTHING)
    .replaceAll('{{WALLET}}', WALLET)
    .replaceAll('{{WALLET_LOG}}', walletLog);
  const config = join(dir, 'mcp-guard.yaml');
  writeFileSync(config, `${text}\naudit:\n  path: ${audit}\nstore:\n  path: ${db}\n`);
  return {
    dir,
    config,
    audit,
    db,
    walletLog,
    records: () => lines(audit).filter((r) => r.decision !== 'forward'),
    allRecords: () => lines(audit),
    received: () => lines(walletLog),
  };
}

/** Guard serve over stdio as a real client sees it, with the guard's stderr collected. */
export async function connect(
  config: string,
  options: {
    env?: Record<string, string>;
    capabilities?: Record<string, unknown>;
    meta?: Record<string, unknown>;
  } = {},
) {
  const transport = new StdioClientTransport({
    command: NODE,
    args: [CLI, 'guard', 'serve', '--config', config],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stderr: 'pipe',
    cwd: ROOT,
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client({ name: 'e2e', version: '1.0.0' }, { capabilities: options.capabilities ?? {} });
  return { client, transport, stderr: () => stderr };
}

/** The guard launched raw: write lines, read response lines. */
export function rawGuard(config: string, env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(NODE, [CLI, 'guard', 'serve', '--config', config], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  const out: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      out.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
    for (const w of waiters.splice(0)) w();
  });
  /** Waits until a message with this id has arrived and returns it. */
  async function response(id: unknown, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const found = out.find((m) => JSON.stringify(m.id) === JSON.stringify(id) && !('method' in m));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no response with id ${JSON.stringify(id)}; stderr:\n${stderr}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    out,
    stderr: () => stderr,
    write: (data: string | Buffer) => child.stdin.write(data),
    send: (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`),
    response,
    exited,
  };
}
