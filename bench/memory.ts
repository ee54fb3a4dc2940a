// Benchmark: the guard's resident memory (VmRSS of the guard process itself, not its backends) at idle,
// along a long run of tools/call over stdio (sampled every 10,000 calls, to show it stays flat), and,
// when `guard serve-http` exists, while 1,000 HTTP sessions are open at once and after they are closed
// (it must come back down). Beside RSS, each sample has the V8 heap in use after a full GC and the heap
// V8 has committed (bench/lib/heap-probe.js, preloaded into the guard): RSS rises over the first tens of
// thousands of calls as V8 sizes its young generation for the allocation rate and keeps those pages, which
// is not a leak; retained objects show as heap-after-GC growth. Run: `node bench/memory.ts`
// (BENCH_QUICK=1 for a smoke run).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_KEY,
  type CliEntry,
  cliEntry,
  hasGuardCommand,
  NODE,
  ROOT,
  round,
  rssKiB,
  sleep,
  table,
  writeGuardConfig,
} from './lib/common.ts';
import { HttpSession } from './lib/http-client.ts';
import { freePort, startServer, stopServer, waitForPort } from './lib/procs.ts';
import { StdioPeer } from './lib/stdio-client.ts';

/** Sizes of the memory run. */
export interface MemoryOptions {
  calls: number;
  sampleEvery: number;
  inFlight: number;
  httpSessions: number;
  httpCycles: number;
  entry: CliEntry;
}

/** One memory reading of the guard process. */
export interface Sample {
  phase: string;
  calls?: number;
  /** VmRSS, read before the probe's GC. */
  rssMiB: number;
  /** V8 heap in use after a full GC: live objects (NaN when the probe did not answer). */
  heapAfterGcMiB: number;
  /** V8 heap committed (heapTotal) after that GC: mostly the young generation's size. */
  heapTotalMiB: number;
  /** Memory of C++ objects bound to JS (Buffers, SQLite statements' wrappers, ...). */
  externalMiB: number;
  /**
   * HTTP part only: VmRSS after a compacting GC. An idle server allocates nothing, so V8 never collects
   * the closed sessions' dead objects on its own; this is what the process comes back down to.
   */
  rssAfterGcMiB?: number;
}

/** What the memory benchmark found. */
export interface MemoryResult {
  options: Omit<MemoryOptions, 'entry'> & { entry: string };
  stdio: Sample[];
  /** Last sample minus the one half-way through the run, MiB (the first half includes V8 heap sizing). */
  stdioGrowthMiB: number;
  /** The same for the heap in use after GC: the per-call retention figure (flat = no leak). */
  stdioHeapGrowthMiB: number;
  http: Sample[];
  httpSkipped?: string;
  markdown: string;
}

/** Default sizes; BENCH_QUICK=1 shrinks them. */
export function memoryDefaults(): MemoryOptions {
  const quick = process.env.BENCH_QUICK === '1';
  return {
    calls: quick ? 20000 : 100000,
    sampleEvery: quick ? 2000 : 10000,
    inFlight: 64,
    httpSessions: quick ? 200 : 1000,
    httpCycles: 2,
    entry: cliEntry(),
  };
}

const mib = (kib: number) => round(kib / 1024, 1);
const PROBE = join(ROOT, 'bench', 'lib', 'heap-probe.js');
/** Node flags that load the heap probe into a guard process. */
const PROBE_ARGS = ['--expose-gc', '--import', PROBE];

/** Reads RSS, then asks the guard's heap probe (SIGUSR2) for its heap after a full GC. */
async function sample(pid: number, probeFile: string, phase: string, calls?: number): Promise<Sample> {
  const rssMiB = mib(rssKiB(pid));
  const last = () => (existsSync(probeFile) ? JSON.parse(readFileSync(probeFile, 'utf8')) : { seq: 0 });
  const before = last().seq as number;
  let usage: { seq: number; rss: number; heapUsed: number; heapTotal: number; external: number } | undefined;
  try {
    process.kill(pid, 'SIGUSR2');
    for (let waited = 0; waited < 5000 && !usage; waited += 20) {
      await sleep(20);
      try {
        const now = last();
        if (now.seq > before) usage = now;
      } catch {
        // Caught the file mid-write: read again.
      }
    }
  } catch {
    // The process is gone: the RSS reading (NaN) tells.
  }
  const m = (bytes?: number) => (bytes === undefined ? Number.NaN : round(bytes / 1048576, 1));
  return {
    phase,
    calls,
    rssMiB,
    heapAfterGcMiB: m(usage?.heapUsed),
    heapTotalMiB: m(usage?.heapTotal),
    externalMiB: m(usage?.external),
    rssAfterGcMiB: m(usage?.rss),
  };
}

async function stdioRun(opts: MemoryOptions): Promise<Sample[]> {
  // Every policy on, but echo is not a spend tool: a reservation per call is a store cost, measured in
  // bench/stdio.ts; here the question is whether the guard process itself grows.
  const files = writeGuardConfig(undefined, { spendTool: false });
  const probe = join(files.dir, 'heap-probe.json');
  const guard = new StdioPeer(
    NODE,
    [...PROBE_ARGS, opts.entry.path, 'guard', 'serve', '--config', files.config],
    {
      ...process.env,
      MCP_GUARD_API_KEY: API_KEY,
      MCP_GUARD_BENCH_HEAP_PROBE: probe,
    },
  );
  const pid = guard.child.pid!;
  const samples: Sample[] = [];
  try {
    await guard.initialize();
    await sleep(1000);
    samples.push(await sample(pid, probe, 'idle (after initialize)', 0));
    let sent = 0;
    for (let mark = opts.sampleEvery; mark <= opts.calls; mark += opts.sampleEvery) {
      const lane = async () => {
        while (sent < mark) await guard.echo(sent++);
      };
      await Promise.all(Array.from({ length: opts.inFlight }, lane));
      samples.push(await sample(pid, probe, 'stdio calls', mark));
    }
  } finally {
    await guard.close();
  }
  return samples;
}

async function httpRun(opts: MemoryOptions): Promise<Sample[]> {
  const port = await freePort();
  // Shared backend: 1,000 per-session echo processes would measure the machine, not the guard.
  const files = writeGuardConfig({ port, backendMode: 'shared', maxSessions: opts.httpSessions * 2 });
  const probe = join(files.dir, 'heap-probe.json');
  const server = startServer(
    NODE,
    [...PROBE_ARGS, opts.entry.path, 'guard', 'serve-http', '--config', files.config, '--port', String(port)],
    { ...process.env, MCP_GUARD_BENCH_HEAP_PROBE: probe, MCP_GUARD_BENCH_HEAP_PROBE_COMPACT: '1' },
  );
  const pid = server.child.pid!;
  const samples: Sample[] = [];
  try {
    await waitForPort(port, server.child);
    const endpoint = {
      url: `http://127.0.0.1:${port}/mcp`,
      headers: { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY },
    };
    // One session first so the backend is up, then the idle reading.
    const first = new HttpSession(endpoint);
    await first.open();
    await first.echo('warm');
    await first.close();
    await sleep(1000);
    samples.push(await sample(pid, probe, 'http idle (backend up)'));
    for (let cycle = 1; cycle <= opts.httpCycles; cycle++) {
      const sessions = Array.from({ length: opts.httpSessions }, () => new HttpSession(endpoint));
      await Promise.all(sessions.map((s) => s.open()));
      await Promise.all(sessions.map((s, i) => s.echo(`c${cycle}-${i}`)));
      samples.push(await sample(pid, probe, `http ${opts.httpSessions} sessions open (cycle ${cycle})`));
      await Promise.all(sessions.map((s) => s.close()));
      await sleep(2000);
      samples.push(await sample(pid, probe, `http sessions closed (cycle ${cycle})`));
    }
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.stderr()}`);
  } finally {
    await stopServer(server);
  }
  return samples;
}

/** Runs the memory benchmark. */
export async function runMemory(opts: MemoryOptions = memoryDefaults()): Promise<MemoryResult> {
  // BENCH_MEMORY=stdio|http runs one part only.
  const only = process.env.BENCH_MEMORY;
  const stdio = only === 'http' ? [] : await stdioRun(opts);
  const half = Math.round(opts.calls / 2 / opts.sampleEvery) * opts.sampleEvery;
  const halfway = stdio.find((s) => s.calls === half) ?? stdio[0];
  const last = stdio[stdio.length - 1];
  const stdioGrowthMiB = last ? round(last.rssMiB - halfway.rssMiB, 1) : Number.NaN;
  const stdioHeapGrowthMiB = last ? round(last.heapAfterGcMiB - halfway.heapAfterGcMiB, 1) : Number.NaN;
  let http: Sample[] = [];
  let httpSkipped: string | undefined;
  if (only === 'stdio') {
    httpSkipped = 'BENCH_MEMORY=stdio';
  } else if (!hasGuardCommand(opts.entry, 'serve-http')) {
    httpSkipped = `\`mcp-guard guard serve-http\` is not in the ${opts.entry.kind} entry yet`;
    process.stderr.write(`memory: skipping the HTTP part: ${httpSkipped}\n`);
  } else {
    try {
      http = await httpRun(opts);
    } catch (error) {
      httpSkipped = `failed: ${(error as Error).message.slice(0, 500)}`;
      process.stderr.write(`memory: HTTP part ${httpSkipped}\n`);
    }
  }
  const rows = [...stdio, ...http].map((s) => [
    s.phase,
    s.calls ?? '',
    s.rssMiB,
    s.heapAfterGcMiB,
    s.heapTotalMiB,
    s.externalMiB,
    s.rssAfterGcMiB ?? '',
  ]);
  const markdown = [
    `Memory: VmRSS of the guard process (not its backends). stdio: ${opts.calls.toLocaleString('en')} tools/call, ${opts.inFlight} in flight, every policy on; ` +
      `HTTP: ${opts.httpSessions.toLocaleString('en')} concurrent sessions (shared backend) opened, one call each, closed; ${opts.httpCycles} cycles.`,
    '',
    table(
      [
        'phase',
        'calls',
        'RSS MiB',
        'heap after GC MiB',
        'V8 heap committed MiB',
        'external MiB',
        'HTTP: RSS after compacting GC MiB',
      ],
      rows,
    ),
    '',
    (stdio.length === 0
      ? 'stdio part skipped (BENCH_MEMORY=http).'
      : `stdio growth from ${half.toLocaleString('en')} to ${opts.calls.toLocaleString('en')} calls: RSS **${stdioGrowthMiB} MiB**, ` +
        `heap after GC **${stdioHeapGrowthMiB} MiB**.`) +
      (httpSkipped ? ` HTTP part skipped: ${httpSkipped}.` : ''),
  ].join('\n');
  return {
    options: { ...opts, entry: `${opts.entry.kind} (${opts.entry.why})` },
    stdio,
    stdioGrowthMiB,
    stdioHeapGrowthMiB,
    http,
    httpSkipped,
    markdown,
  };
}

if (import.meta.main) {
  const r = await runMemory();
  process.stdout.write(`${r.markdown}\n`);
}
