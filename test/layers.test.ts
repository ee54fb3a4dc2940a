// The project's layers, checked from the imports themselves: no folder imports a folder that imports
// it (the scanner's engine is handed its rules, it never imports them; output formats know findings,
// not the catalogue), and command modules never import the CLI's main.ts, which imports them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every non-test TypeScript module under `dir`, relative to the repository root. */
function modules(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The modules `file` imports (relative imports only), relative to the repository root. */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g),
  ].map((m) => relative(ROOT, resolve(dirname(join(ROOT, file)), m[1] ?? m[2])));
}

/** The layer a module belongs to: its folder under src/, `rules/utils`, or `rules`. */
function layer(file: string): string {
  if (file.startsWith('rules/utils/')) return 'rules/utils';
  if (file.startsWith('rules/')) return 'rules';
  const m = /^src\/([^/]+)\//.exec(file);
  return m ? `src/${m[1]}` : file;
}

const ALL = [...modules('src'), ...modules('rules')];

describe('layers', () => {
  it('no folder imports a folder that imports it', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of ALL)
      for (const target of imports(file)) {
        const [from, to] = [layer(file), layer(target)];
        if (from !== to) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      if (from === to) return true;
      if (seen.has(from)) return false;
      seen.add(from);
      return [...(edges.get(from) ?? [])].some((next) => reaches(next, to, seen));
    };
    const cycles = [...edges].flatMap(([from, tos]) =>
      [...tos].filter((to) => reaches(to, from)).map((to) => `${from} -> ${to} -> ... -> ${from}`),
    );
    assert.deepEqual(cycles, []);
  });

  it('the engine and the output formats never import the rule catalogue', () => {
    const offenders = ALL.filter((f) => /^src\/(scan|output|config)\//.test(f)).flatMap((f) =>
      imports(f)
        .filter((t) => t.startsWith('rules/'))
        .map((t) => `${f} imports ${t}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('CLI command modules do not import main.ts (exit codes and UsageError live in errors.ts)', () => {
    const offenders = ALL.filter((f) => f.startsWith('src/cli/') && f !== 'src/cli/main.ts').filter((f) =>
      imports(f).includes('src/cli/main.ts'),
    );
    assert.deepEqual(offenders, []);
  });
});
