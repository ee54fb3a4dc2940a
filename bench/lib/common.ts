// Shared by the benchmarks: paths, which CLI entry to run (the bundle when it is fresh, else the
// source), the guard config every guarded run uses, percentiles, RSS and Markdown tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Node 24 (the runtime the benchmarks were started with). */
export const NODE = process.execPath;
/** The echo server written for the benchmarks. */
export const ECHO = join(ROOT, 'bench', 'servers', 'echo.ts');
/** The bare byte-copying hop. */
export const PASSTHROUGH = join(ROOT, 'bench', 'servers', 'passthrough.ts');
/** The pass-through that also writes a log line per message before passing it on (the durable floor). */
export const DURABLE_PASSTHROUGH = join(ROOT, 'bench', 'servers', 'durable-passthrough.ts');
/** The HTTP floor: a bare node:http bridge to one shared stdio child. */
export const BRIDGE = join(ROOT, 'bench', 'servers', 'http-bridge.ts');
/** Where results land (ignored by git). */
export const OUT = join(ROOT, 'bench', 'out');
/** The API key the guarded runs authenticate with. */
export const API_KEY = 'bench-key-0123456789abcdef0123456789';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Which CLI entry the benchmarks run, and why. */
export interface CliEntry {
  path: string;
  kind: 'dist' | 'source';
  why: string;
}

/**
 * The bundle (dist/cli.js) when it exists and no source file is newer, else src/cli.ts run from source.
 * BENCH_CLI=dist|source forces one.
 */
export function cliEntry(): CliEntry {
  const dist = join(ROOT, 'dist', 'cli.js');
  const source: CliEntry = { path: join(ROOT, 'src', 'cli.ts'), kind: 'source', why: '' };
  const forced = process.env.BENCH_CLI;
  if (forced === 'source') return { ...source, why: 'BENCH_CLI=source' };
  if (!existsSync(dist)) return { ...source, why: 'dist/cli.js does not exist' };
  if (forced === 'dist') return { path: dist, kind: 'dist', why: 'BENCH_CLI=dist' };
  const stale = newestMtime(join(ROOT, 'src')) > statSync(dist).mtimeMs;
  if (stale) return { ...source, why: 'dist/cli.js is older than src/ (stale bundle)' };
  return { path: dist, kind: 'dist', why: 'dist/cli.js is newer than every file in src/' };
}

/** Whether `mcp-guard guard <sub>` exists in the given entry (listed in `guard --help`). */
export function hasGuardCommand(entry: CliEntry, sub: string): boolean {
  // `guard <unknown> --help` prints guard's help and exits 0, so the listing is what tells.
  const r = spawnSync(NODE, [entry.path, 'guard', '--help'], { cwd: ROOT, encoding: 'utf8' });
  return new RegExp(`^\\s+${sub}(\\s|$)`, 'm').test(r.stdout);
}

/** A temporary folder holding a guard config with every policy on. */
export interface GuardFiles {
  dir: string;
  config: string;
  audit: string;
}

/**
 * Writes the guard config for the benchmarks: api_key auth, a rate limit far above the load, a tool
 * allow/deny list, `echo` declared a spend tool (so every call reserves against the hourly and session
 * caps in the store) and the audit log on. `http` adds the serve-http section.
 */
export function writeGuardConfig(
  http?: { port: number; backendMode: 'per_session' | 'shared'; maxSessions?: number },
  options: {
    spendTool?: boolean;
    backend?: string[];
    /** The `store` section's lines (default: SQLite in the temporary folder). */
    store?: string[];
  } = {},
): GuardFiles {
  const backend = options.backend ?? [NODE, ECHO];
  // Without `echo` as a spend tool the spend policy still runs on every call but finds nothing to reserve.
  const spendTool = (options.spendTool ?? true) ? 'echo' : 'pay';
  const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-bench-'));
  const audit = join(dir, 'audit.jsonl');
  const [command, ...args] = backend;
  const lines = [
    'auth:',
    '  mode: api_key',
    '  keys:',
    `    bench: ${JSON.stringify(API_KEY)}`,
    'servers:',
    '  echo:',
    `    command: ${JSON.stringify(command)}`,
    `    args: ${JSON.stringify(args)}`,
    'policies:',
    '  tool_allowlist: ["echo", "ping*"]',
    '  tool_denylist: ["drain_*", "delete_*"]',
    '  max_spend_per_session: 1000000000000',
    '  spend:',
    '    tools:',
    `      - { name: ${spendTool}, amount: amount, currency: USD }`,
    'rate_limit:',
    '  requests_per_minute: 100000000',
    '  spend_per_hour_usd: 1000000000000',
    'audit:',
    `  path: ${JSON.stringify(audit)}`,
    'store:',
    ...(options.store ?? [`  path: ${JSON.stringify(join(dir, 'state.db'))}`]),
  ];
  if (http) {
    const max = http.maxSessions ?? 1000;
    lines.push(
      'http:',
      '  host: 127.0.0.1',
      `  port: ${http.port}`,
      `  backend_mode: ${http.backendMode}`,
      `  max_sessions: ${max}`,
      `  max_sessions_per_principal: ${max}`,
      // The load comes from one address: one keep-alive connection per session, and some to spare.
      `  max_connections_per_address: ${2 * max}`,
    );
  }
  const config = join(dir, 'mcp-guard.yaml');
  writeFileSync(config, `${lines.join('\n')}\n`);
  return { dir, config, audit };
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS); NaN when unreadable. */
export function rssKiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time a process has used so far (user + system) in microseconds, from /proc/<pid>/stat; NaN when
 * unreadable. Unlike wall time it hardly moves when other work shares the machine, so a before/after
 * of CPU per call holds even on a busy host (clock ticks: 10 ms resolution, so measure over seconds).
 */
export function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second (USER_HZ), as `getconf CLK_TCK` reports; 100 on Linux. */
const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** A Markdown table; numbers are right-aligned. */
export function table(head: string[], rows: (string | number)[][]): string {
  const align = head.map((_, i) => (rows.every((r) => typeof r[i] === 'number') ? ' ---: ' : ' --- '));
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), `|${align.join('|')}|`, ...rows.map(line)].join('\n');
}

/** Rounds for display. */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A one-line description of the machine and the run. */
export function machine(): { cores: number; cpu: string; node: string; date: string; load: number[] } {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
    load,
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
