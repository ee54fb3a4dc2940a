// Benchmark: the echo server behind Streamable HTTP gateways, measured in one run on one machine:
// `mcp-guard guard serve-http` (api_key auth and every policy on; per-session and shared backends),
// supergateway (stdio -> Streamable HTTP, stateful) and mcp-proxy. Load comes from a separate process
// at 1, 8 and 32 concurrent sessions, each session initialize + tools/call with distinct arguments.
// The floor beside them: a bare Node HTTP-to-stdio bridge (bench/servers/http-bridge.ts).
// Run: `node bench/http.ts` (BENCH_QUICK=1 for a smoke run; BENCH_HTTP_ONLY=guard,floor for some
// gateways only; BENCH_HTTP_SESSIONS=1,8 for some concurrencies; BENCH_PROF=<dir> for --cpu-prof
// profiles of the guard and the floor; BENCH_BASELINE=<cli.js> for another build beside this one).
import { join } from 'node:path';
import {
  API_KEY,
  BRIDGE,
  type CliEntry,
  cliEntry,
  cpuMicros,
  ECHO,
  hasGuardCommand,
  NODE,
  quantile,
  ROOT,
  round,
  table,
  writeGuardConfig,
} from './lib/common.ts';
import type { LoadResult } from './lib/http-load.ts';
import { freePort, runLoadProcess, type Server, startServer, stopServer, waitForPort } from './lib/procs.ts';

/** Sizes of the HTTP run. */
export interface HttpOptions {
  concurrency: number[];
  warmupSec: number;
  durationSec: number;
  /** Rounds each point's measured time is split into, interleaved across the gateways. */
  rounds: number;
  entry: CliEntry;
}

/** One gateway at one concurrency. */
export interface HttpRow extends LoadResult {
  gateway: string;
  /** req/s divided by the fastest peer's (not the guard) at this concurrency. */
  rpsVsBestPeer: number;
  /** p99 divided by the best (lowest) peer p99 at this concurrency. */
  p99VsBestPeer: number;
  /** req/s divided by the floor's (the bare bridge) at this concurrency. */
  rpsVsFloor: number;
  /** CPU time (user + system) of the gateway's own process per HTTP request, backends not included. */
  cpuPerReqUs: number;
}

/** What the HTTP benchmark found. */
export interface HttpResult {
  options: Omit<HttpOptions, 'entry'> & { entry: string };
  rows: HttpRow[];
  skipped: { gateway: string; reason: string }[];
  markdown: string;
}

/** Default sizes; BENCH_QUICK=1 shrinks them. */
export function httpDefaults(): HttpOptions {
  const quick = process.env.BENCH_QUICK === '1';
  return {
    concurrency: process.env.BENCH_HTTP_SESSIONS?.split(',').map(Number) ?? [1, 8, 32],
    warmupSec: quick ? 0.5 : 1,
    durationSec: quick ? 2 : 5,
    rounds: Number(process.env.BENCH_HTTP_ROUNDS ?? (quick ? 1 : 2)),
    entry: cliEntry(),
  };
}

interface Gateway {
  name: string;
  peer: boolean;
  /** The bare bridge: the floor, neither a peer nor the guard. */
  floor?: boolean;
  /** Why it cannot run here, if so. */
  unavailable?: string;
  start(port: number): Server;
  headers: Record<string, string>;
}

function gateways(entry: CliEntry): Gateway[] {
  const serveHttp = hasGuardCommand(entry, 'serve-http');
  const missing = serveHttp
    ? undefined
    : `\`mcp-guard guard serve-http\` is not in the ${entry.kind} entry (${entry.path}) yet`;
  const guardAuth = { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY };
  const guard = (mode: 'per_session' | 'shared', cli = entry.path, label = ''): Gateway => ({
    name: `mcp-guard serve-http (${mode}, api_key)${label}`,
    peer: false,
    unavailable: missing,
    headers: guardAuth,
    start: (port) => {
      const files = writeGuardConfig({ port, backendMode: mode, maxSessions: 200 });
      // BENCH_PROF=<dir>: a --cpu-prof profile of each guard process, written when it exits.
      const prof = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
      return startServer(NODE, [
        ...prof,
        cli,
        'guard',
        'serve-http',
        '--config',
        files.config,
        '--port',
        String(port),
      ]);
    },
  });
  // BENCH_BASELINE: another build's cli.js (see bench/stdio.ts), measured in the same run.
  const baseline = process.env.BENCH_BASELINE;
  return [
    guard('per_session'),
    guard('shared'),
    ...(baseline ? [guard('per_session', baseline, ', before'), guard('shared', baseline, ', before')] : []),
    {
      name: FLOOR,
      peer: false,
      floor: true,
      headers: {},
      start: (port) =>
        startServer(NODE, [
          ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []),
          BRIDGE,
          String(port),
          NODE,
          ECHO,
        ]),
    },
    {
      name: 'supergateway 4.0.0 (stateful, no auth)',
      peer: true,
      headers: {},
      start: (port) =>
        startServer(NODE, [
          join(ROOT, 'node_modules', 'supergateway', 'dist', 'index.js'),
          '--stdio',
          `${NODE} ${ECHO}`,
          '--outputTransport',
          'streamableHttp',
          '--stateful',
          '--port',
          String(port),
          '--logLevel',
          'none',
        ]),
    },
    {
      name: 'mcp-proxy 6.7.19 (stream, --apiKey)',
      peer: true,
      headers: { 'x-api-key': API_KEY },
      start: (port) =>
        startServer(NODE, [
          join(ROOT, 'node_modules', 'mcp-proxy', 'dist', 'bin', 'mcp-proxy.mjs'),
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
          '--server',
          'stream',
          '--apiKey',
          API_KEY,
          '--',
          NODE,
          ECHO,
        ]),
    },
  ];
}

/** One point measured in several rounds, as one result (latencies merged; rates over the summed time). */
function mergeRounds(results: LoadResult[]): LoadResult {
  if (results.length === 1) return results[0];
  const latencies = Float64Array.from(results.flatMap((r) => r.latenciesUs ?? [])).sort();
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const seconds = results.reduce((n, r) => n + r.seconds, 0);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  return {
    sessions: results[0].sessions,
    requests,
    seconds,
    reqPerSec: requests / seconds,
    p50us: quantile(latencies, 0.5),
    p99us: quantile(latencies, 0.99),
    errors,
    firstError: results.find((r) => r.firstError)?.firstError,
    loadCpuShare: results.reduce((n, r) => n + r.loadCpuShare * r.seconds, 0) / seconds,
    allRequests: results.reduce((n, r) => n + r.allRequests, 0),
  };
}

/** The floor row's name. */
export const FLOOR = 'floor: bare node:http bridge (shared child, no auth)';

/** Runs the HTTP benchmark. */
export async function runHttp(opts: HttpOptions = httpDefaults()): Promise<HttpResult> {
  const measured: (LoadResult & { gateway: string; peer: boolean; floor: boolean; cpuPerReqUs: number })[] =
    [];
  const skipped: HttpResult['skipped'] = [];
  // BENCH_HTTP_ONLY: a comma-separated list of words; only gateways whose name contains one run.
  const only = process.env.BENCH_HTTP_ONLY?.split(',').filter(Boolean);
  const chosen = gateways(opts.entry).filter((gw) => !only || only.some((w) => gw.name.includes(w)));
  // Every gateway is started first and the points run concurrency by concurrency, gateway after
  // gateway, so that the rows compared with each other are measured close together in time.
  const running: { gw: Gateway; server: Server; url: string }[] = [];
  try {
    for (const gw of chosen) {
      if (gw.unavailable) {
        skipped.push({ gateway: gw.name, reason: gw.unavailable });
        process.stderr.write(`http: skipping ${gw.name}: ${gw.unavailable}\n`);
        continue;
      }
      const port = await freePort();
      const server = gw.start(port);
      try {
        await waitForPort(port, server.child);
        running.push({ gw, server, url: `http://127.0.0.1:${port}/mcp` });
      } catch (error) {
        skipped.push({
          gateway: gw.name,
          reason: `failed: ${(error as Error).message} ${server.stderr().slice(-500)}`,
        });
        process.stderr.write(`http: ${gw.name} failed: ${(error as Error).message}\n${server.stderr()}\n`);
        await stopServer(server);
      }
    }
    for (const sessions of opts.concurrency) {
      // Each point's measured time is split into rounds, gateway after gateway, so that load from
      // elsewhere on the machine lands on every row alike; the rounds of a point are merged.
      const sums = new Map<string, { results: LoadResult[]; cpu: number }>();
      for (let pass = 0; pass < opts.rounds; pass++) {
        for (const { gw, server, url } of running) {
          if (skipped.some((s) => s.gateway === gw.name)) continue;
          try {
            const pid = server.child.pid!;
            const cpu0 = cpuMicros(pid);
            const r = await runLoadProcess({
              url,
              headers: gw.headers,
              sessions,
              warmupSec: opts.warmupSec,
              durationSec: opts.durationSec / opts.rounds,
              raw: opts.rounds > 1,
            });
            const sum = sums.get(gw.name) ?? { results: [], cpu: 0 };
            sum.results.push(r);
            // The gateway process's own CPU (not its backends') over the whole load run.
            sum.cpu += cpuMicros(pid) - cpu0;
            sums.set(gw.name, sum);
          } catch (error) {
            skipped.push({
              gateway: gw.name,
              reason: `failed: ${(error as Error).message} ${server.stderr().slice(-500)}`,
            });
            process.stderr.write(
              `http: ${gw.name} failed: ${(error as Error).message}\n${server.stderr()}\n`,
            );
          }
        }
      }
      for (const { gw } of running) {
        const sum = sums.get(gw.name);
        if (!sum || skipped.some((s) => s.gateway === gw.name)) continue;
        const r = mergeRounds(sum.results);
        const cpuPerReqUs = sum.cpu / r.allRequests;
        measured.push({ ...r, gateway: gw.name, peer: gw.peer, floor: gw.floor === true, cpuPerReqUs });
        process.stderr.write(
          `http: ${gw.name} x${sessions}: ${Math.round(r.reqPerSec)} req/s, ${round(cpuPerReqUs)} µs CPU/req\n`,
        );
      }
    }
  } finally {
    await Promise.all(running.map(({ server }) => stopServer(server)));
  }
  const rows: HttpRow[] = measured.map((m) => {
    const peers = measured.filter((x) => x.peer && x.sessions === m.sessions);
    // Without a peer in the run (BENCH_HTTP_ONLY), the ratios to the best peer are NaN.
    const bestRps = peers.length ? Math.max(...peers.map((p) => p.reqPerSec)) : Number.NaN;
    const bestP99 = peers.length ? Math.min(...peers.map((p) => p.p99us)) : Number.NaN;
    const floor = measured.find((x) => x.floor && x.sessions === m.sessions);
    const { peer: _peer, floor: _floor, ...rest } = m;
    return {
      ...rest,
      cpuPerReqUs: round(m.cpuPerReqUs),
      rpsVsBestPeer: round(m.reqPerSec / bestRps, 2),
      p99VsBestPeer: round(m.p99us / bestP99, 2),
      rpsVsFloor: floor ? round(m.reqPerSec / floor.reqPerSec, 2) : Number.NaN,
    };
  });
  const sorted = [...rows].sort((a, b) => a.sessions - b.sessions);
  const markdown = [
    `HTTP: closed-loop load from a separate process, ${opts.durationSec} s measured per point in ${opts.rounds} round(s) interleaved across the gateways (each round after ${opts.warmupSec} s of warm-up); ` +
      'each session: initialize, then tools/call echo with distinct arguments back to back. Ratios are to the best peer (not the guard, not the floor) and to the floor at the same concurrency. ' +
      '"load CPU" is the CPU the load generator used over the measured time, as a share of its one core: below 100% it was waiting for the gateway, not the bottleneck. ' +
      '"CPU µs/req" is the gateway process\'s own CPU (user + system, from /proc/<pid>/stat; not its backends) over the whole load run, per HTTP request sent: load from elsewhere barely moves it.',
    '',
    table(
      [
        'gateway',
        'sessions',
        'req/s',
        'p50 ms',
        'p99 ms',
        'req/s vs best peer',
        'p99 vs best peer',
        'req/s vs floor',
        'load CPU',
        'CPU µs/req',
        'errors',
      ],
      sorted.map((r) => [
        r.gateway,
        r.sessions,
        Math.round(r.reqPerSec),
        round(r.p50us / 1000, 2),
        round(r.p99us / 1000, 2),
        Number.isNaN(r.rpsVsBestPeer) ? '' : `${r.rpsVsBestPeer}x`,
        Number.isNaN(r.p99VsBestPeer) ? '' : `${r.p99VsBestPeer}x`,
        Number.isNaN(r.rpsVsFloor) ? '' : `${r.rpsVsFloor}x`,
        `${Math.round(r.loadCpuShare * 100)}%`,
        r.cpuPerReqUs,
        r.errors,
      ]),
    ),
    ...(skipped.length ? ['', ...skipped.map((s) => `Skipped ${s.gateway}: ${s.reason}.`)] : []),
  ].join('\n');
  return { options: { ...opts, entry: `${opts.entry.kind} (${opts.entry.why})` }, rows, skipped, markdown };
}

if (import.meta.main) {
  const r = await runHttp();
  process.stdout.write(`${r.markdown}\n`);
}
