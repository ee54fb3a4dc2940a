// Benchmark: guard replicas on a shared Redis, beside one guard on SQLite. `serve-http` (api_key auth,
// every policy on, `echo` a spend tool: each call leases rate tokens and reserves spend in the store)
// runs as one replica on SQLite, one replica on Redis and three replicas on one Redis with the load
// spread over them; load comes from a separate process. Then the store alone, in process: the time of
// one spend reservation (reserve + its check) and one rate lease, SQLite against Redis, sequentially.
// Needs redis-server on PATH (Debian's package). Run: `node bench/replicas.ts` (BENCH_QUICK=1: smoke run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisStore } from '../src/guard/store/redis.ts';
import { SqliteStore } from '../src/guard/store/sqlite.ts';
import type { Store } from '../src/guard/store/types.ts';
import { haveRedis, type RedisProcess, startRedis } from '../test/helpers/redis.ts';
import {
  API_KEY,
  type CliEntry,
  cliEntry,
  NODE,
  quantile,
  round,
  table,
  writeGuardConfig,
} from './lib/common.ts';
import type { LoadResult } from './lib/http-load.ts';
import { freePort, runLoadProcess, type Server, startServer, stopServer, waitForPort } from './lib/procs.ts';

/** Sizes of the run. */
export interface ReplicasOptions {
  concurrency: number[];
  warmupSec: number;
  durationSec: number;
  /** Sequential store operations timed per kind. */
  storeOps: number;
  entry: CliEntry;
}

/** Default sizes; BENCH_QUICK=1 shrinks them. */
export function replicasDefaults(): ReplicasOptions {
  const quick = process.env.BENCH_QUICK === '1';
  return {
    concurrency: [1, 8, 32],
    warmupSec: quick ? 0.5 : 1,
    durationSec: quick ? 2 : 5,
    storeOps: quick ? 2000 : 10_000,
    entry: cliEntry(),
  };
}

interface Setup {
  name: string;
  replicas: number;
  store: 'sqlite' | 'redis';
}

const SETUPS: Setup[] = [
  { name: '1 replica, SQLite', replicas: 1, store: 'sqlite' },
  { name: '1 replica, Redis', replicas: 1, store: 'redis' },
  { name: '3 replicas, one Redis', replicas: 3, store: 'redis' },
];

/** Starts `count` serve-http replicas of one config; resolves with their /mcp URLs. */
async function startReplicas(
  entry: CliEntry,
  setup: Setup,
  redis: RedisProcess,
): Promise<{ urls: string[]; servers: Server[] }> {
  const servers: Server[] = [];
  const urls: string[] = [];
  const prefix = `bench${Date.now()}:`;
  for (let i = 0; i < setup.replicas; i++) {
    const port = await freePort();
    const files = writeGuardConfig(
      { port, backendMode: 'shared', maxSessions: 200 },
      setup.store === 'redis'
        ? {
            store: [
              '  type: redis',
              `  url: ${JSON.stringify(redis.url)}`,
              `  key_prefix: ${JSON.stringify(prefix)}`,
            ],
          }
        : {},
    );
    const server = startServer(NODE, [
      entry.path,
      'guard',
      'serve-http',
      '--config',
      files.config,
      '--port',
      String(port),
    ]);
    servers.push(server);
    await waitForPort(port, server.child);
    urls.push(`http://127.0.0.1:${port}/mcp`);
  }
  return { urls, servers };
}

/** Microseconds per call of `op`, sequentially (p50 and mean). */
async function timeOps(
  n: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ p50: number; mean: number }> {
  for (let i = 0; i < Math.min(500, n); i++) await op(-i - 1);
  const t = new Float64Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await op(i);
    t[i] = (performance.now() - s) * 1000;
  }
  const mean = ((performance.now() - t0) * 1000) / n;
  t.sort();
  return { p50: round(quantile(t, 0.5)), mean: round(mean) };
}

/** The store alone: one reservation (and its release) and one rate lease, per store. */
async function storeOps(n: number, redis: RedisProcess): Promise<(string | number)[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-bench-store-'));
  const stores: [string, Store][] = [
    ['SQLite (WAL file)', await SqliteStore.open(join(dir, 'state.db'))],
    [
      'Redis (loopback)',
      await RedisStore.open({
        type: 'redis',
        url: redis.url,
        keyPrefix: 'benchstore:',
        connectTimeoutMs: 5000,
        commandTimeoutMs: 5000,
        reconnectMaxDelayMs: 1000,
      }),
    ],
  ];
  const rows: (string | number)[][] = [];
  try {
    for (const [name, store] of stores) {
      const now = Date.now();
      const reserve = await timeOps(n, async (i) => {
        const r = await store.reserve({
          agent: 'a',
          session: 's',
          amount: 0.01,
          sessionCap: 1e9,
          hourlyCap: 1e9,
          now: now + i,
        });
        if (r.ok && i % 4 === 0) await store.release(r.id);
      });
      const take = await timeOps(n, (i) => store.take(`k${i % 50}`, 1e9, 1, now + i));
      const pin = await timeOps(n, () => store.getPin('srv', 'echo'));
      rows.push([name, reserve.p50, reserve.mean, take.p50, take.mean, pin.p50]);
    }
  } finally {
    for (const [, s] of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Runs the replicas benchmark. */
export async function runReplicas(
  opts: ReplicasOptions = replicasDefaults(),
): Promise<{ markdown: string; rows: unknown[] }> {
  if (!haveRedis())
    return { markdown: 'Skipped: redis-server is not installed (apt-get install redis-server).', rows: [] };
  const redis = await startRedis();
  const rows: (LoadResult & { setup: string })[] = [];
  try {
    for (const setup of SETUPS) {
      const { urls, servers } = await startReplicas(opts.entry, setup, redis);
      try {
        for (const sessions of opts.concurrency) {
          const r = await runLoadProcess({
            url: urls[0],
            urls,
            headers: { authorization: `Bearer ${API_KEY}` },
            sessions,
            warmupSec: opts.warmupSec,
            durationSec: opts.durationSec,
          });
          rows.push({ ...r, setup: setup.name });
          process.stderr.write(`replicas: ${setup.name} x${sessions}: ${Math.round(r.reqPerSec)} req/s\n`);
        }
      } finally {
        await Promise.all(servers.map((s) => stopServer(s)));
      }
    }
    const ops = await storeOps(opts.storeOps, redis);
    const p50 = (setup: string, sessions: number) =>
      rows.find((r) => r.setup === setup && r.sessions === sessions)?.p50us;
    const sqlite1 = p50('1 replica, SQLite', 1);
    const redis1 = p50('1 replica, Redis', 1);
    const added = sqlite1 !== undefined && redis1 !== undefined ? round(redis1 - sqlite1) : undefined;
    const markdown = [
      `Replicas: \`serve-http\` (shared backend, api_key, every policy on, \`echo\` a spend tool: each call leases rate tokens and reserves spend in the store), ` +
        `closed-loop load from a separate process (sessions spread round-robin over the replicas), ${opts.warmupSec} s warm-up + ${opts.durationSec} s measured per point. ` +
        'Every process (replicas, their backends, Redis, the load generator) shares the same cores.',
      '',
      table(
        ['setup', 'sessions', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
        rows.map((r) => [
          r.setup,
          r.sessions,
          Math.round(r.reqPerSec),
          round(r.p50us / 1000, 2),
          round(r.p99us / 1000, 2),
          r.errors,
        ]),
      ),
      '',
      `Added latency of the Redis store per call (p50 at 1 session, Redis minus SQLite): **${added ?? '?'} µs**.`,
      '',
      `The store alone, in process, ${opts.storeOps} sequential operations each (µs): a spend reservation (a quarter released), a rate lease, a pin read.`,
      '',
      table(['store', 'reserve p50', 'reserve mean', 'take p50', 'take mean', 'getPin p50'], ops),
    ].join('\n');
    return { markdown, rows };
  } finally {
    await redis.destroy();
  }
}

if (import.meta.main) {
  const r = await runReplicas();
  process.stdout.write(`${r.markdown}\n`);
}
