// Every rule, through the real CLI: its bad fixture gives exactly the expected findings (rule,
// server, line, file, message, severity), its good fixture gives none, and its doc page's unsafe
// example triggers it while the safe example does not. Also the meta-test: no rule without doc,
// RuleTester test or fixtures.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../rules/index.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'fixtures');

interface JsonFinding {
  ruleId: string;
  server: string | null;
  line: number;
  file: string;
  message: string;
  severity: string;
}

/** Per-rule fixture options (`test/fixtures/<rule>/options.json`). */
interface FixtureOptions {
  /** Scan as a machine scan with the fixture folder as HOME (for rules that only judge machine files). */
  machine?: boolean;
  /** File modes to set before scanning (git keeps only 644/755), relative to the fixture folder. */
  chmod?: Record<string, string>;
}

async function scanJson(target: string, options: FixtureOptions = {}): Promise<JsonFinding[]> {
  for (const [file, mode] of Object.entries(options.chmod ?? {}))
    await chmod(join(target, file), Number.parseInt(mode, 8));
  const args = ['scan', '--format', 'json', '--fail-on', 'none'];
  const r = options.machine
    ? await runCli(args, {
        cwd: await mkdtemp(join(tmpdir(), 'mcp-guard-cwd-')),
        env: { HOME: target, XDG_CONFIG_HOME: undefined },
      })
    : await runCli([...args, target]);
  assert.equal(r.code, 0, `scan of ${target} exited ${r.code}: ${r.stderr}`);
  const findings: JsonFinding[] = JSON.parse(r.stdout).findings;
  // A machine scan shows files outside the working folder by their absolute (or `~/`) path; make
  // them relative to the fixture (the HOME) so expected.json reads the same for both kinds of scan.
  if (!options.machine) return findings;
  return findings.map((f) => ({ ...f, file: f.file.replace(`${target}/`, '').replace(/^~\//, '') }));
}

/** Code blocks of a doc section, each with the file name given as `file=NAME` in its info string. */
export function docExamples(
  markdown: string,
  heading: string,
): { file: string; body: string; mode?: string }[] {
  const section = markdown.split(/^## /m).find((s) => s.toLowerCase().startsWith(heading.toLowerCase()));
  if (!section) return [];
  return [...section.matchAll(/```\w*\s+file=(\S+)(?:\s+mode=(\d+))?[^\n]*\n([\s\S]*?)```/g)].map((m) => ({
    file: m[1],
    mode: m[2],
    body: m[3],
  }));
}

async function materialise(examples: { file: string; body: string; mode?: string }[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-doc-'));
  for (const ex of examples) {
    await mkdir(dirname(join(dir, ex.file)), { recursive: true });
    await writeFile(join(dir, ex.file), ex.body, { mode: ex.mode ? Number.parseInt(ex.mode, 8) : 0o600 });
    if (ex.mode) await chmod(join(dir, ex.file), Number.parseInt(ex.mode, 8));
  }
  return dir;
}

describe('rule catalogue', () => {
  it('is sorted by code with unique codes and names', () => {
    const codes = RULES.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
  });

  for (const rule of RULES) {
    describe(`${rule.code} ${rule.name}`, () => {
      const doc = join(ROOT, 'rules', `${rule.name}.md`);
      const bad = join(FIXTURES, rule.name, 'bad');
      const good = join(FIXTURES, rule.name, 'good');
      const expectedFile = join(FIXTURES, rule.name, 'expected.json');
      const optionsFile = join(FIXTURES, rule.name, 'options.json');
      const options: FixtureOptions = existsSync(optionsFile)
        ? JSON.parse(readFileSync(optionsFile, 'utf8'))
        : {};

      it('has a doc page, a RuleTester test, a bad fixture with expectations, and a good fixture', () => {
        assert.ok(existsSync(doc), `missing doc page rules/${rule.name}.md`);
        assert.ok(existsSync(bad), `missing bad fixture test/fixtures/${rule.name}/bad/`);
        assert.ok(existsSync(good), `missing good fixture test/fixtures/${rule.name}/good/`);
        assert.ok(existsSync(expectedFile), `missing test/fixtures/${rule.name}/expected.json`);
        const tester = join(ROOT, 'rules', `${rule.name}.test.ts`);
        assert.ok(existsSync(tester), `missing rules/${rule.name}.test.ts (the rule's RuleTester cases)`);
        assert.match(
          readFileSync(tester, 'utf8'),
          /new RuleTester\(\)\.run\(/,
          `rules/${rule.name}.test.ts runs the rule through the RuleTester`,
        );
        for (const field of [rule.summary, rule.description, rule.help, rule.fix]) {
          assert.ok(field && !field.includes('TODO'), 'metadata is filled in');
        }
      });

      it('bad fixture gives exactly the expected findings', async () => {
        const expected: JsonFinding[] = JSON.parse(readFileSync(expectedFile, 'utf8'));
        assert.ok(expected.length > 0, 'expected.json lists at least one finding');
        const found = (await scanJson(bad, options))
          .filter((f) => f.ruleId === rule.code)
          .map(({ ruleId, server, line, file, message, severity }) => ({
            ruleId,
            server,
            line,
            file,
            message,
            severity,
          }));
        const key = (f: JsonFinding) => `${f.file}:${f.line}:${f.server}:${f.message}`;
        assert.deepEqual(
          found.sort((a, b) => key(a).localeCompare(key(b))),
          expected.sort((a, b) => key(a).localeCompare(key(b))),
        );
      });

      it('good fixture gives none', async () => {
        const found = (await scanJson(good, options)).filter((f) => f.ruleId === rule.code);
        assert.deepEqual(found, []);
      });

      it("doc's unsafe example triggers the rule and its safe example does not", async () => {
        const markdown = readFileSync(doc, 'utf8');
        const unsafe = docExamples(markdown, 'Unsafe');
        const safe = docExamples(markdown, 'Safe');
        assert.ok(unsafe.length > 0, 'the doc has an "## Unsafe example" with a ```json file=NAME block');
        assert.ok(safe.length > 0, 'the doc has a "## Safe example" with a ```json file=NAME block');
        const unsafeFindings = (
          await scanJson(await materialise(unsafe), { machine: options.machine })
        ).filter((f) => f.ruleId === rule.code);
        assert.ok(unsafeFindings.length > 0, 'unsafe example triggers the rule');
        const safeFindings = (await scanJson(await materialise(safe), { machine: options.machine })).filter(
          (f) => f.ruleId === rule.code,
        );
        assert.deepEqual(safeFindings, [], 'safe example does not trigger the rule');
      });
    });
  }
});

describe('CONTRIBUTING.md', () => {
  it('exists and names the steps to add a rule, a guard config key and a guard policy', () => {
    const file = join(ROOT, 'CONTRIBUTING.md');
    assert.ok(existsSync(file), 'CONTRIBUTING.md at the repository root');
    const text = readFileSync(file, 'utf8');
    for (const step of [
      'rules/<name>.ts',
      'rules/<name>.md',
      'test/fixtures/<name>/',
      'bad/',
      'good/',
      'expected.json',
      'rules/<name>.test.ts',
      'RuleTester',
      '## Adding a guard config key',
      'test/guard-keys.test.ts',
      '## Adding a guard policy',
      'src/guard/policies/<name>/index.ts',
      'PolicyError',
    ]) {
      assert.ok(text.includes(step), `CONTRIBUTING.md mentions ${step}`);
    }
  });
});
