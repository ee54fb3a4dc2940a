// Files built to exhaust the parser (issue 17): a YAML alias bomb ("billion laughs"), a few bytes of
// `{` (complex keys), and nesting thousands of levels deep, in every format. `guard check` and `scan`
// answer at once with an error that names the file and line; nothing hangs and nothing crashes.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './helpers/cli.ts';

const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  'servers: { x: { command: cat, args: *i } }',
].join('\n');

const cases: { name: string; file: string; text: string; message: RegExp }[] = [
  {
    name: 'a YAML alias bomb',
    file: '.continue/config.yaml',
    text: `${LAUGHS}\n`,
    message: /alias/i,
  },
  { name: '30 bytes of {', file: '.continue/config.yaml', text: '{'.repeat(30), message: /./ },
  {
    name: 'YAML nested 10,000 levels',
    file: '.continue/config.yaml',
    text: `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    message: /nested deeper than/,
  },
  {
    name: 'JSON nested 10,000 levels',
    file: '.cursor/mcp.json',
    text: `{"mcpServers": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    message: /nested deeper than/,
  },
  {
    name: 'TOML nested 10,000 levels',
    file: '.codex/config.toml',
    text: `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    message: /nested deeper than/,
  },
];

async function repo(file: string, text: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mcp-guard-limits-'));
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), text);
  return root;
}

describe('scan', () => {
  for (const c of cases) {
    test(`${c.name}: MG000 at once, the scan goes on`, { timeout: 10_000 }, async () => {
      const root = await repo(c.file, c.text);
      await writeFile(join(root, 'mcp.json'), '{"mcpServers":{"ok":{"command":"node"}}}');
      const r = await runCli(['scan', root, '--format', 'json', '--fail-on', 'none']);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; message: string }[] };
      const mg000 = doc.findings.filter((f) => f.ruleId === 'MG000' && f.file === c.file);
      assert.equal(mg000.length, 1, JSON.stringify(doc.findings));
      assert.match(mg000[0].message, c.message);
      assert.ok(doc.findings.length >= 1);
    });
  }
});

describe('guard check', () => {
  for (const c of cases.filter((x) => x.file.endsWith('.yaml'))) {
    test(`${c.name}: exit 2 at once with the file and line`, { timeout: 10_000 }, async () => {
      const root = await repo('mcp-guard.yaml', `auth: {mode: none}\n${c.text}`);
      const r = await runCli(['guard', 'check', '--config', join(root, 'mcp-guard.yaml')]);
      assert.equal(r.code, 2, r.stderr);
      // Each problem names the file, line and column; the parser's own comes first.
      const [first] = r.stderr.trim().split('\n');
      assert.match(first, /mcp-guard\.yaml:\d+:\d+: .*(cannot parse|alias|nested deeper than)/);
      assert.match(first, c.message);
    });
  }
});
