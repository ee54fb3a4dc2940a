// Fails when dist/ is not what `npm run build` makes from the current sources (CI's freshness check).
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildAll } from './build.ts';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function executable(file: string): Promise<boolean> {
  return ((await stat(file)).mode & 0o111) !== 0;
}

const fresh = await mkdtemp(join(tmpdir(), 'mcp-guard-dist-'));
try {
  await buildAll(fresh);
  const [want, have] = await Promise.all([listFiles(fresh), listFiles('dist')]);
  const problems: string[] = [];
  for (const f of want) {
    if (!have.includes(f)) problems.push(`missing: dist/${f}`);
    else if (!(await readFile(join(fresh, f))).equals(await readFile(join('dist', f)))) {
      problems.push(`differs: dist/${f}`);
    } else if ((await executable(join(fresh, f))) !== (await executable(join('dist', f)))) {
      problems.push(`mode differs: dist/${f} (the bin must be executable)`);
    }
  }
  for (const f of have) if (!want.includes(f)) problems.push(`stale extra file: dist/${f}`);
  if (problems.length > 0) {
    console.error(`dist/ is out of date (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
    console.error('Run `npm run build` and commit dist/.');
    process.exit(1);
  }
  console.error(`dist/ is up to date (${want.length} files).`);
} finally {
  await rm(fresh, { recursive: true, force: true });
}
