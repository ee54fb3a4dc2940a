// Benchmark: the guard's resident memory (VmRSS of the guard process itself, not its backends) at idle,
// along a long run of tools/call over stdio (sampled every 10,000 calls, to show it stays flat), and,
// when `guard serve-http` exists, while 1,000 HTTP sessions are open at once and after they are closed
// (it must come back down). Run: `node bench/memory.ts` (BENCH_QUICK=1 for a smoke run).
import {
  API_KEY,
  type CliEntry,
  cliEntry,
  hasGuardCommand,
  NODE,
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

/** One RSS reading. */
export interface Sample {
  phase: string;
  calls?: number;
  rssMiB: number;
}

/** What the memory benchmark found. */
export interface MemoryResult {
  options: Omit<MemoryOptions, 'entry'> & { entry: string };
  stdio: Sample[];
  /** Last sample minus the one half-way through the run, MiB (the first half includes V8 heap sizing). */
  stdioGrowthMiB: number;
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

async function stdioRun(opts: MemoryOptions): Promise<Sample[]> {
  // Every policy on, but echo is not a spend tool: a reservation per call is a store cost, measured in
  // bench/stdio.ts; here the question is whether the guard process itself grows.
  const files = writeGuardConfig(undefined, { spendTool: false });
  const guard = new StdioPeer(NODE, [opts.entry.path, 'guard', 'serve', '--config', files.config], {
    ...process.env,
    MCP_GUARD_API_KEY: API_KEY,
  });
  const pid = guard.child.pid!;
  const samples: Sample[] = [];
  try {
    await guard.initialize();
    await sleep(1000);
    samples.push({ phase: 'idle (after initialize)', calls: 0, rssMiB: mib(rssKiB(pid)) });
    let sent = 0;
    for (let mark = opts.sampleEvery; mark <= opts.calls; mark += opts.sampleEvery) {
      const lane = async () => {
        while (sent < mark) await guard.echo(sent++);
      };
      await Promise.all(Array.from({ length: opts.inFlight }, lane));
      samples.push({ phase: 'stdio calls', calls: mark, rssMiB: mib(rssKiB(pid)) });
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
  const server = startServer(NODE, [
    opts.entry.path,
    'guard',
    'serve-http',
    '--config',
    files.config,
    '--port',
    String(port),
  ]);
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
    samples.push({ phase: 'http idle (backend up)', rssMiB: mib(rssKiB(pid)) });
    for (let cycle = 1; cycle <= opts.httpCycles; cycle++) {
      const sessions = Array.from({ length: opts.httpSessions }, () => new HttpSession(endpoint));
      await Promise.all(sessions.map((s) => s.open()));
      await Promise.all(sessions.map((s, i) => s.echo(`c${cycle}-${i}`)));
      samples.push({
        phase: `http ${opts.httpSessions} sessions open (cycle ${cycle})`,
        rssMiB: mib(rssKiB(pid)),
      });
      await Promise.all(sessions.map((s) => s.close()));
      await sleep(2000);
      samples.push({ phase: `http sessions closed (cycle ${cycle})`, rssMiB: mib(rssKiB(pid)) });
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
  const stdio = await stdioRun(opts);
  const half = Math.round(opts.calls / 2 / opts.sampleEvery) * opts.sampleEvery;
  const halfway = stdio.find((s) => s.calls === half) ?? stdio[0];
  const stdioGrowthMiB = round(stdio[stdio.length - 1].rssMiB - halfway.rssMiB, 1);
  let http: Sample[] = [];
  let httpSkipped: string | undefined;
  if (!hasGuardCommand(opts.entry, 'serve-http')) {
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
  const rows = [...stdio, ...http].map((s) => [s.phase, s.calls ?? '', s.rssMiB]);
  const markdown = [
    `Memory: VmRSS of the guard process (not its backends). stdio: ${opts.calls.toLocaleString('en')} tools/call, ${opts.inFlight} in flight, every policy on; ` +
      `HTTP: ${opts.httpSessions.toLocaleString('en')} concurrent sessions (shared backend) opened, one call each, closed; ${opts.httpCycles} cycles.`,
    '',
    table(['phase', 'calls', 'RSS MiB'], rows),
    '',
    `stdio growth from ${half.toLocaleString('en')} to ${opts.calls.toLocaleString('en')} calls: **${stdioGrowthMiB} MiB**.` +
      (httpSkipped ? ` HTTP part skipped: ${httpSkipped}.` : ''),
  ].join('\n');
  return {
    options: { ...opts, entry: `${opts.entry.kind} (${opts.entry.why})` },
    stdio,
    stdioGrowthMiB,
    http,
    httpSkipped,
    markdown,
  };
}

if (import.meta.main) {
  const r = await runMemory();
  process.stdout.write(`${r.markdown}\n`);
}
