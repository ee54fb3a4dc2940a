// A tester for one rule, after ESLint's RuleTester: valid and invalid cases written inline, each a
// config file's name (which decides the client and the format) and text, run through the same loader
// and engine as a scan. An invalid case lists exactly the findings it must give, message and severity
// included; a valid case must give none. A case may bring other files of the same repository, for the
// rules that look across files (`checkScan`). Used by every rule's test (`rules/<name>.test.ts`) beside
// the fixture test, which runs the real CLI over whole folders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareRules, runRules, runScanRules, type ScannedFile } from './engine.ts';
import type { Finding } from './finding.ts';
import { modelOf } from './load.ts';
import type { Rule } from './rule.ts';
import type { Severity } from './severity.ts';

/** One config file to run the rule on. */
export interface RuleCase {
  /** Shown as the test's name; the first line of `code` when absent. */
  name?: string;
  /** The file's path as a client keeps it (`.cursor/mcp.json`, `.codex/config.toml`, `mcp-guard.yaml`). */
  file: string;
  /** The file's text. */
  code: string;
  /** The client, when the path alone does not say it (as for a file named on the command line). */
  client?: string;
  /** `machine` for rules that only judge the user's own files (default `repo`). */
  mode?: 'machine' | 'repo';
  /** The file's and its folder's mode bits (e.g. `{ mode: 0o644, dirMode: 0o755 }`). */
  stat?: { mode: number; dirMode: number };
  /** Other files of the same repository, scanned with it (for rules with `checkScan`). */
  otherFiles?: { file: string; code: string; client?: string }[];
}

/** A finding the case must give: its message and severity always, its line and server when given. */
export interface ExpectedFinding {
  message: string;
  severity: Severity;
  line?: number;
  /** The server's name, or `null` for a file-level finding. */
  server?: string | null;
  /** The file the finding is in, when the case has `otherFiles`. */
  file?: string;
  /** The finding's one-line fix (the rule's, or the one its report gave). */
  fix?: string;
}

/** A case that must give exactly `findings`, in file order. */
export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

/**
 * Runs `rule` alone on one case (its file, then its `otherFiles`) and returns its findings as a scan
 * would give them (unfiltered), in file order, then line order.
 */
export async function runRule(rule: Rule, c: RuleCase): Promise<Finding[]> {
  const cases = [{ file: c.file, code: c.code, client: c.client }, ...(c.otherFiles ?? [])];
  const files: ScannedFile[] = cases.map((f) => ({
    config: modelOf(`/repo/${f.file}`, f.code, f.client),
    displayFile: f.file,
  }));
  const findings: Finding[] = [];
  const mode = c.mode ?? 'repo';
  for (const { config, displayFile } of files) {
    await prepareRules(config, [rule]);
    findings.push(
      ...runRules(config, {
        rules: [rule],
        mode,
        displayFile,
        stat: c.stat ?? { mode: 0o100600, dirMode: 0o40700 },
      }),
    );
  }
  findings.push(...runScanRules(files, { rules: [rule], mode }));
  const order = new Map(cases.map((f, i) => [f.file, i]));
  return findings.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
}

/** Tests a rule on inline cases with `node:test`, one test per case. */
export class RuleTester {
  /** Declares the tests: every valid case gives no finding, every invalid one exactly its findings. */
  run(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
    const title = (c: RuleCase) => c.name ?? `${c.file}: ${c.code.trim().split('\n')[0].slice(0, 60)}`;
    describe(`${rule.code} ${rule.name} (RuleTester)`, () => {
      for (const c of cases.valid) {
        it(`valid: ${title(c)}`, async () => {
          const found = await runRule(rule, c);
          assert.deepEqual(
            found.map((f) => f.message),
            [],
            'a valid case gives no finding',
          );
        });
      }
      for (const c of cases.invalid) {
        it(`invalid: ${title(c)}`, async () => {
          assert.ok(c.findings.length > 0, 'an invalid case lists the findings it gives');
          const found = await runRule(rule, c);
          // Compare what the case names: message and severity always, line, server, file and fix when given.
          const shown = found.map((f, i) => {
            const want = c.findings[i] ?? c.findings[0];
            const got: ExpectedFinding = { message: f.message, severity: f.severity };
            if (want.line !== undefined) got.line = f.line;
            if (want.server !== undefined) got.server = f.server;
            if (want.file !== undefined) got.file = f.file;
            if (want.fix !== undefined) got.fix = f.fix;
            return got;
          });
          assert.deepEqual(shown, c.findings);
        });
      }
    });
  }
}
