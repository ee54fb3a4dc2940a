// A real `redis-server` (Debian's package) for the tests: started on a free loopback port with its
// data in a temporary folder, stopped (SIGTERM, so its append-only file is flushed) and started again
// on the same port and data, as an outage of the operator's Redis would look to the guard. Persistence
// as operators run it: an append-only file synced every second (a SIGTERM syncs it before exiting).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` is on PATH. */
export function haveRedis(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Why the Redis tests cannot run here, or undefined when they can. Under CI (`CI` set) a missing
 * `redis-server` is a failure, not a skip: `.ci/run` installs it.
 */
export function redisSkipReason(): string | undefined {
  if (haveRedis()) return undefined;
  if (process.env.CI) throw new Error('redis-server is not installed; .ci/run installs Debian redis-server');
  return 'redis-server is not installed (apt-get install redis-server); skipped';
}

/** A free TCP port on 127.0.0.1 (bound, read and released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server the test started. */
export interface RedisProcess {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  dir: string;
  /** Stops it (SIGTERM: it writes its data and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
  /** Runs `redis-cli` against it and returns stdout. */
  cli(...args: string[]): string;
}

/** Starts a redis-server on a free port with its own temporary data folder; `extra` are more server flags. */
export async function startRedis(extra: string[] = []): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--daemonize',
      'no',
      '--logfile',
      '',
      ...extra,
    ];
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      proc.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
    // Keep draining its output so a chatty server never blocks on a full pipe.
    proc.stdout?.resume();
    proc.stderr?.resume();
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    cli(...args: string[]) {
      const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    },
  };
}
