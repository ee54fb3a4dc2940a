// Process helpers for the benchmarks: free ports, waiting for a listener, stopping a server we started
// (by its pid only), and running the load generator in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { NODE, ROOT, sleep } from './common.ts';
import type { LoadResult, LoadSpec } from './http-load.ts';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when 127.0.0.1:port accepts a connection; throws after `timeoutMs` or if `child` exits. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
}

/** A server process we started, with the tail of its stderr for error messages. */
export interface Server {
  child: ChildProcess;
  stderr(): string;
}

/** Starts a server process; its stdout and stderr are kept (tail only), stdin is closed. */
export function startServer(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Server {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + d.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, stderr: () => tail };
}

/**
 * Stops a server we started: SIGTERM to its process group (it was started detached, so the group is
 * exactly it and the backends it spawned), SIGKILL after `graceMs`.
 */
export async function stopServer(server: Server, graceMs = 5000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Backends left in the group after the leader exits are ended too.
  signal('SIGKILL');
}

/** Runs the load generator in a child process and returns what it measured. */
export function runLoadProcess(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join(ROOT, 'bench', 'lib', 'http-load.ts'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => {
      try {
        const r = JSON.parse(out) as LoadResult & { fatal?: string };
        if (r.fatal) reject(new Error(r.fatal));
        else resolve(r);
      } catch {
        reject(new Error(`load generator printed no result: ${out.slice(0, 300)}`));
      }
    });
  });
}
