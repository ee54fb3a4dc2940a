// Benchmark: the scanner on a generated repository of 100,000 files holding 1,000 MCP configs,
// beside a bare fast-glob walk of the same tree, the same scan compared with the commit before a change
// of ten configs (`--diff-base`), plus `mcp-guard --version` start-up time.
// Run: `npm run bench:scan` (needs a built dist/). Prints a Markdown table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TREE = join(ROOT, 'bench', 'out', 'scan-tree');
const TOTAL_FILES = Number(process.env.BENCH_FILES ?? 100_000);
const CONFIG_FILES = Number(process.env.BENCH_CONFIGS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const CONFIG_PATHS = [
  '.cursor/mcp.json',
  '.vscode/mcp.json',
  '.mcp.json',
  '.codex/config.toml',
  '.gemini/settings.json',
];

function configBody(path: string, i: number): string {
  if (path.endsWith('.toml')) {
    return `[mcp_servers.fs${i}]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]\n\n[mcp_servers.remote${i}]\nurl = "https://mcp.example.com/${i}"\nbearer_token_env_var = "TOKEN"\n`;
  }
  const key = path === '.vscode/mcp.json' ? 'servers' : 'mcpServers';
  return `${JSON.stringify(
    {
      [key]: {
        [`fs${i}`]: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/tmp'],
        },
        [`remote${i}`]: { url: `http://mcp.example.com/${i}`, headers: { Authorization: 'Bearer ${TOKEN}' } },
        [`docker${i}`]: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/server'] },
      },
    },
    null,
    2,
  )}\n`;
}

/** Writes the tree once; later runs reuse it (bench/out is ignored by git). */
async function generate(): Promise<void> {
  const marker = join(TREE, `.generated-${TOTAL_FILES}-${CONFIG_FILES}`);
  if (existsSync(marker)) return;
  process.stderr.write(`generating ${TOTAL_FILES} files (${CONFIG_FILES} configs) in ${TREE} ...\n`);
  const perProject = Math.floor(TOTAL_FILES / CONFIG_FILES);
  let written = 0;
  for (let p = 0; p < CONFIG_FILES; p++) {
    const project = join(TREE, `group${p % 20}`, `project${p}`);
    const cfg = CONFIG_PATHS[p % CONFIG_PATHS.length];
    await mkdir(join(project, cfg, '..'), { recursive: true });
    await writeFile(join(project, cfg), configBody(cfg, p));
    written++;
    // Ordinary source files, a few folders deep, and a node_modules folder the scanner must skip.
    const rest = p === CONFIG_FILES - 1 ? TOTAL_FILES - written : perProject - 1;
    for (let f = 0; f < rest; f++) {
      const dir = join(project, f % 10 === 0 ? 'node_modules/pkg' : `src/mod${f % 7}`);
      if (f < 10) await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `file${f}.ts`), `export const x${f} = ${f};\n`);
      written++;
    }
  }
  await writeFile(marker, '');
}

/**
 * Makes the tree a git repository once: every file in a first commit, then a commit that adds a
 * plaintext server to ten configs, so `--diff-base HEAD~1` has ten changed files among 100,000.
 */
function commitTree(): void {
  if (existsSync(join(TREE, '.git'))) return;
  process.stderr.write(`committing ${TREE} ...\n`);
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: TREE, env, stdio: 'ignore' });
  git('init', '--quiet');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'base');
  for (let p = 0, changed = 0; changed < 10; p++) {
    const cfg = CONFIG_PATHS[p % CONFIG_PATHS.length];
    if (cfg.endsWith('.toml')) continue;
    changed++;
    const file = join(TREE, `group${p % 20}`, `project${p}`, cfg);
    execFileSync(process.execPath, [
      '-e',
      `const fs=require('fs');const f=${JSON.stringify(file)};const j=JSON.parse(fs.readFileSync(f,'utf8'));const k=Object.keys(j)[0];j[k].added={url:'http://mcp.acme.net/new'};fs.writeFileSync(f,JSON.stringify(j,null,2));`,
    ]);
  }
  git('commit', '--quiet', '--all', '-m', 'change ten configs');
}

function timeCommand(args: string[]): { ms: number; status: number | null } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, status: r.status };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label: string, args: string[]): { label: string; ms: number } {
  timeCommand(args); // warm the file cache
  const times = Array.from({ length: RUNS }, () => timeCommand(args).ms);
  return { label, ms: median(times) };
}

await generate();
commitTree();
const cli = join(ROOT, 'dist', 'cli.js');
const walkAll = `import fg from 'fast-glob'; await fg('**/*', { cwd: ${JSON.stringify(TREE)}, dot: true, onlyFiles: true, followSymbolicLinks: false });`;
const scanArgs = [cli, 'scan', TREE, '--format', 'json', '--fail-on', 'none', '-o', '/dev/null'];
const rows = [
  measure('bare fast-glob walk of every file (`**/*`)', ['--input-type=module', '-e', walkAll]),
  measure('`mcp-guard scan <tree> --format json`', scanArgs),
  measure('`mcp-guard scan <tree> --format json --diff-base HEAD~1` (10 configs changed)', [
    ...scanArgs,
    '--diff-base',
    'HEAD~1',
  ]),
  measure('`mcp-guard --version` (start-up)', [cli, '--version']),
  measure('`node -e 0` (bare Node start-up)', ['-e', '0']),
];
const walk = rows[0].ms;
process.stdout.write(
  `Scanner benchmark: ${TOTAL_FILES.toLocaleString('en')} files, ${CONFIG_FILES.toLocaleString('en')} configs; median of ${RUNS} runs; ` +
    `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n\n`,
);
process.stdout.write('| what | median ms | vs bare walk |\n| --- | ---: | ---: |\n');
for (const r of rows)
  process.stdout.write(`| ${r.label} | ${r.ms.toFixed(0)} | ${(r.ms / walk).toFixed(2)}x |\n`);
