// `npm run bench`: every benchmark in one run (stdio overhead, memory, HTTP gateways, scanner), printed
// as Markdown tables and written to bench/out/results.json (and results.md). BENCH_ONLY=stdio,memory,http,replicas,scan
// picks some; BENCH_QUICK=1 shrinks every size for a smoke run; BENCH_CLI=dist|source forces the entry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHttp } from './http.ts';
import { cliEntry, machine, OUT, ROOT } from './lib/common.ts';
import { runMemory } from './memory.ts';
import { runReplicas } from './replicas.ts';
import { runStdio } from './stdio.ts';

const only = new Set(
  (process.env.BENCH_ONLY ?? 'stdio,memory,http,replicas,scan').split(',').map((s) => s.trim()),
);
const started = performance.now();
const m = machine();
const entry = cliEntry();
const results: Record<string, unknown> = { machine: m, entry };
const header =
  `# mcp-guard benchmarks\n\n${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.date.slice(0, 10)}; load average at start ${m.load.join(' / ')}` +
  ` (other work on the machine makes figures noisy). Guard entry: \`${entry.kind}\` (${entry.why}).`;
const sections: string[] = [header];
const print = (md: string) => {
  process.stdout.write(`${md}\n\n`);
  sections.push(md);
};
process.stdout.write(`${header}\n\n`);

async function section(name: string, run: () => Promise<{ markdown: string }>): Promise<void> {
  if (!only.has(name)) return;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name} ...\n`);
  try {
    const r = await run();
    results[name] = { ...r, seconds: Math.round((performance.now() - t0) / 1000) };
    print(`## ${name}\n\n${r.markdown}`);
  } catch (error) {
    results[name] = { error: (error as Error).message };
    print(`## ${name}\n\nFailed: ${(error as Error).message}`);
  }
}

await section('stdio', () => runStdio());
await section('memory', () => runMemory());
await section('http', () => runHttp());
await section('replicas', () => runReplicas());
await section('scan', async () => {
  // The scanner benchmark needs the bundle (it times the shipped CLI); it runs as its own process.
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) return { markdown: 'Skipped: dist/cli.js does not exist.' };
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'scan.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/scan.ts exited ${r.status}: ${r.stderr.slice(-500)}`);
  return { markdown: r.stdout.trim() };
});

const seconds = Math.round((performance.now() - started) / 1000);
results.seconds = seconds;
print(`Whole run: ${seconds} s.`);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(OUT, 'results.md'), `${sections.join('\n\n')}\n`);
process.stderr.write(`bench: wrote ${join(OUT, 'results.json')} and results.md\n`);
