// Benchmark: what the guard costs over stdio. The echo server reached (a) directly, (b) through a bare
// pass-through process (the floor of one extra hop) and (c) through `mcp-guard guard serve` with auth,
// rate limit, tool policy, spend and audit on. Sequential round trips give p50/p99 and the latency each
// hop adds; pipelined requests give throughput. Run: `node bench/stdio.ts` (BENCH_QUICK=1 for a smoke run,
// BENCH_PROF=<dir> to write a --cpu-prof profile of the guard).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_KEY,
  type CliEntry,
  cliEntry,
  cpuMicros,
  DURABLE_PASSTHROUGH,
  ECHO,
  NODE,
  PASSTHROUGH,
  quantile,
  round,
  table,
  writeGuardConfig,
} from './lib/common.ts';
import { pipelined, StdioPeer, sequential } from './lib/stdio-client.ts';

/** The guarded row with every policy on and `echo` declared a spend tool (a reservation per call). */
export const GUARD = 'guard (all policies, echo is a spend tool)';
/** The guarded row with every policy on but no spend tool called (the common case). */
export const GUARD_PLAIN = 'guard (all policies, no spend tool)';
/**
 * The pass-through that parses each message and writes a hash-chained log line for it before passing it on
 * (servers/durable-passthrough.ts): the least any gateway does that keeps the guard's write-ahead rule.
 */
export const DURABLE = 'durable floor (parse + a hash-chained log line per message, no policy)';

/** Sizes of the stdio run. */
export interface StdioOptions {
  warmup: number;
  measured: number;
  rounds: number;
  inFlight: number;
  pipelinedTotal: number;
  /** A pipelined run stops after this long even if `pipelinedTotal` is not reached. */
  maxPipelinedSeconds: number;
  entry: CliEntry;
  /** Folder for a --cpu-prof profile of the guard process, when wanted. */
  profileDir?: string;
  /**
   * Another build's cli.js (BENCH_BASELINE, e.g. an older commit's dist/ from `git archive`): its two
   * guarded rows run in the same interleaved rounds, so before and after meet the same machine load.
   */
  baseline?: string;
}

/** One row of the stdio table. */
export interface StdioRow {
  path: string;
  p50us: number;
  p99us: number;
  addedP50us: number;
  addedP99us: number;
  msgsPerSec: number;
  shareOfDirect: number;
  /**
   * CPU time the hop's own process spent per pipelined call (µs; the echo server's for `direct`):
   * load on the machine barely moves it, so it is the figure to compare across runs.
   */
  cpuPerCallUs: number;
}

/** What the stdio benchmark found. */
export interface StdioResult {
  options: Omit<StdioOptions, 'entry'> & { entry: string };
  rows: StdioRow[];
  /** Guard added p50 / pass-through added p50 (target <= 1.5). */
  addedRatio: number;
  /** Guard throughput / pass-through throughput (target >= 0.8). */
  throughputShare: number;
  /** Guard added p50 / the durable floor's added p50. */
  floorRatio: number;
  /** Guard throughput / the durable floor's throughput. */
  floorShare: number;
  auditRecords: number;
  markdown: string;
}

/** Default sizes; BENCH_QUICK=1 shrinks them for a smoke run. */
export function stdioDefaults(): StdioOptions {
  const quick = process.env.BENCH_QUICK === '1';
  return {
    warmup: quick ? 200 : 2000,
    measured: quick ? 2000 : 20000,
    rounds: 4,
    inFlight: 256,
    pipelinedTotal: quick ? 5000 : 50000,
    maxPipelinedSeconds: quick ? 5 : 20,
    entry: cliEntry(),
    profileDir: process.env.BENCH_PROF,
    baseline: process.env.BENCH_BASELINE || undefined,
  };
}

/** Runs the stdio benchmark. */
export async function runStdio(opts: StdioOptions = stdioDefaults()): Promise<StdioResult> {
  const files = writeGuardConfig();
  const plain = writeGuardConfig(undefined, { spendTool: false });
  const prof = opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [];
  const guard = (config: string, cli = opts.entry.path) =>
    new StdioPeer(NODE, [...prof, cli, 'guard', 'serve', '--config', config], {
      ...process.env,
      MCP_GUARD_API_KEY: API_KEY,
    });
  const peers: Record<string, StdioPeer> = {
    direct: new StdioPeer(NODE, [ECHO]),
    'pass-through': new StdioPeer(NODE, [PASSTHROUGH, NODE, ECHO]),
    [GUARD]: guard(files.config),
    [GUARD_PLAIN]: guard(plain.config),
    [DURABLE]: new StdioPeer(NODE, [
      DURABLE_PASSTHROUGH,
      join(mkdtempSync(join(tmpdir(), 'mcp-guard-bench-')), 'floor.jsonl'),
      NODE,
      ECHO,
    ]),
  };
  if (opts.baseline) {
    // Their own folders: a state store and audit files of their own.
    peers[`${GUARD}, before`] = guard(writeGuardConfig().config, opts.baseline);
    peers[`${GUARD_PLAIN}, before`] = guard(
      writeGuardConfig(undefined, { spendTool: false }).config,
      opts.baseline,
    );
  }
  const names = Object.keys(peers);
  try {
    for (const name of names) await peers[name].initialize();
    // Rounds alternate between the paths so that a burst of load from elsewhere on the machine
    // lands on all of them rather than on one row.
    const per = Math.ceil(opts.measured / opts.rounds);
    const lat: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const name of names) await sequential(peers[name], opts.warmup, 0);
    for (let r = 0; r < opts.rounds; r++) {
      for (const name of names) {
        for (const x of await sequential(peers[name], 0, per)) lat[name].push(x);
      }
    }
    // Pipelined runs alternate between the paths too (two rounds each), for the same reason.
    const rate: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    const capped: string[] = [];
    const sums = Object.fromEntries(names.map((n) => [n, { messages: 0, seconds: 0, cpu: 0 }]));
    const half = Math.ceil(opts.pipelinedTotal / 2);
    for (let r = 0; r < 2; r++) {
      for (const name of names) {
        const pid = peers[name].child.pid!;
        const before = cpuMicros(pid);
        const p = await pipelined(peers[name], opts.inFlight, half, opts.maxPipelinedSeconds / 2);
        const sum = sums[name];
        sum.cpu += cpuMicros(pid) - before;
        sum.messages += p.messages;
        sum.seconds += p.seconds;
      }
    }
    for (const name of names) {
      const sum = sums[name];
      rate[name] = sum.messages / sum.seconds;
      cpu[name] = sum.cpu / sum.messages;
      if (sum.messages < 2 * half) capped.push(`${name}: ${sum.messages} in ${sum.seconds.toFixed(1)} s`);
    }

    const stat = (name: string) => {
      const s = Float64Array.from(lat[name]).sort();
      return { p50: quantile(s, 0.5), p99: quantile(s, 0.99) };
    };
    const direct = stat('direct');
    const rows: StdioRow[] = names.map((name) => {
      const s = stat(name);
      return {
        path: name,
        p50us: round(s.p50),
        p99us: round(s.p99),
        addedP50us: round(s.p50 - direct.p50),
        addedP99us: round(s.p99 - direct.p99),
        msgsPerSec: Math.round(rate[name]),
        shareOfDirect: round(rate[name] / rate.direct, 3),
        cpuPerCallUs: round(cpu[name]),
      };
    });
    const [, pass, full, light, durable] = rows;
    const addedRatio = round(full.addedP50us / pass.addedP50us, 2);
    const throughputShare = round(full.msgsPerSec / pass.msgsPerSec, 3);
    const lightRatio = round(light.addedP50us / pass.addedP50us, 2);
    const before = rows.slice(5);
    const floorRatio = round(full.addedP50us / durable.addedP50us, 2);
    const floorShare = round(full.msgsPerSec / durable.msgsPerSec, 3);
    const beforeLine =
      before.length === 2
        ? ` Before (\`${opts.baseline}\`, same rounds): the ratio was ${round(before[0].addedP50us / pass.addedP50us, 2)} ` +
          `(${round(before[1].addedP50us / pass.addedP50us, 2)} without a spend tool) and throughput ${((before[0].msgsPerSec / pass.msgsPerSec) * 100).toFixed(1)}% ` +
          `(${((before[1].msgsPerSec / pass.msgsPerSec) * 100).toFixed(1)}%) of the pass-through's.`
        : '';
    const auditRecords = readFileSync(files.audit, 'utf8').split('\n').filter(Boolean).length;
    const markdown = [
      `stdio: ${opts.measured.toLocaleString('en')} sequential tools/call per path after ${opts.warmup.toLocaleString('en')} warm-up (${opts.rounds} interleaved rounds); ` +
        `pipelined ${opts.pipelinedTotal.toLocaleString('en')} calls, ${opts.inFlight} in flight. Guard: \`${opts.entry.kind}\` entry, every policy on.`,
      '',
      table(
        [
          'path',
          'p50 µs',
          'p99 µs',
          'added p50 µs',
          'added p99 µs',
          'pipelined msgs/s',
          'share of direct',
          'share of pass-through',
          'CPU µs/call',
        ],
        rows.map((r) => [
          r.path,
          r.p50us,
          r.p99us,
          r.addedP50us,
          r.addedP99us,
          r.msgsPerSec,
          `${(r.shareOfDirect * 100).toFixed(1)}%`,
          `${((r.msgsPerSec / pass.msgsPerSec) * 100).toFixed(1)}%`,
          r.cpuPerCallUs,
        ]),
      ),
      '',
      `Guard added p50 / pass-through added p50 = **${addedRatio}** (target ≤ 1.5: ${addedRatio <= 1.5 ? 'met' : 'missed'}); ` +
        `guard pipelined throughput = **${(throughputShare * 100).toFixed(1)}%** of the pass-through's (target ≥ 80%: ${throughputShare >= 0.8 ? 'met' : 'missed'}). ` +
        `Audit records written by the fully guarded path: ${auditRecords.toLocaleString('en')}. ` +
        `Without a spend reservation per call (${GUARD_PLAIN}) the ratio is ${lightRatio} and throughput ${((light.msgsPerSec / pass.msgsPerSec) * 100).toFixed(1)}% of the pass-through's. ` +
        `The durable floor (${DURABLE}) adds ${round(durable.addedP50us / pass.addedP50us, 2)}x the pass-through's p50 and passes ${((durable.msgsPerSec / pass.msgsPerSec) * 100).toFixed(1)}% of its throughput; ` +
        `the guard adds ${floorRatio}x the floor's p50 and passes ${(floorShare * 100).toFixed(1)}% of the floor's throughput.` +
        beforeLine +
        (capped.length ? ` Pipelined runs stopped at the time cap: ${capped.join('; ')}.` : ''),
    ].join('\n');
    return {
      options: { ...opts, entry: `${opts.entry.kind} (${opts.entry.why})` },
      rows,
      addedRatio,
      throughputShare,
      floorRatio,
      floorShare,
      auditRecords,
      markdown,
    };
  } finally {
    await Promise.all(names.map((n) => peers[n].close()));
  }
}

if (import.meta.main) {
  const r = await runStdio();
  process.stdout.write(`${r.markdown}\n`);
}
