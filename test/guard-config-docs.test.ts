// The bad configs of docs/guard-config.md ("Mistakes the guard refuses") give the same messages from
// `guard check` and from `scan` (MG213), and those are the messages the doc prints under each one:
// one loader, one set of words, whichever door the user comes in by. Both run as the real CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';

const DOC = readFileSync(new URL('../docs/guard-config.md', import.meta.url), 'utf8');
const SECTION = DOC.split('## Mistakes the guard refuses')[1]?.split(/\n## /)[0] ?? '';
const EXAMPLES = [...SECTION.matchAll(/```yaml file=(\S+)\n([\s\S]*?)```\s*```text\n([\s\S]*?)```/g)].map(
  (m) => ({ file: m[1], body: m[2], messages: m[3].trim().split('\n') }),
);

describe('docs/guard-config.md: the bad configs', () => {
  it('are there to check', () => {
    assert.ok(EXAMPLES.length >= 3, 'the section holds yaml examples, each followed by its messages');
  });

  for (const [i, ex] of EXAMPLES.entries()) {
    it(`example ${i + 1}: guard check and scan give the messages the doc shows`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-doc-'));
      const file = join(dir, ex.file);
      await writeFile(file, ex.body);
      // The variables the example refers to are set, as on a machine where the guard would run.
      const env = Object.fromEntries(
        [...ex.body.matchAll(/\$\{(\w+)\}/g)].map((m) => [m[1], 'x'.repeat(40)]),
      );

      const check = await runCli(['guard', 'check', '--config', file], { env });
      assert.equal(check.code, 2, check.stderr);
      const checked = check.stderr
        .split('\n')
        .filter((l) => l.startsWith(`mcp-guard: ${file}:`))
        .map((l) => l.slice('mcp-guard: '.length).replace(`${dir}/`, ''));
      assert.deepEqual(checked, ex.messages);

      const r = await runCli(['scan', file, '--format', 'json', '--fail-on', 'none']);
      assert.equal(r.code, 0, r.stderr);
      const scanned = JSON.parse(r.stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === 'MG213')
        .map(
          (f: { file: string; line: number; column: number; message: string }) =>
            `${ex.file}:${f.line}:${f.column}: ${f.message}`,
        );
      assert.deepEqual(scanned, ex.messages);
    });
  }
});
