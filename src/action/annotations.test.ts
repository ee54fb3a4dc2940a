// Annotation planning: most severe first, capped per level at what GitHub shows in one step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../scan/finding.ts';
import type { Severity } from '../scan/severity.ts';
import { levelOf, PER_LEVEL_LIMIT, planAnnotations } from './annotations.ts';

function finding(severity: Severity, line: number): Finding {
  return {
    ruleId: 'MG000',
    rule: 'config-unparseable',
    fix: 'fix it',
    helpUri: 'https://github.com/mcp-guard/mcp-guard/blob/main/rules/config-unparseable.md',
    severity,
    message: 'm',
    file: 'a.json',
    line,
    column: 1,
    client: 'cursor',
    server: null,
    fingerprint: `${severity}${line}`,
    path: [],
    absFile: '/w/a.json',
  };
}

test('severities map to annotation levels', () => {
  assert.deepEqual((['critical', 'high', 'medium', 'low'] as const).map(levelOf), [
    'error',
    'error',
    'warning',
    'notice',
  ]);
});

test('each level is capped, the most severe findings win the error slots, the rest are counted', () => {
  const findings = [
    ...Array.from({ length: 12 }, (_, i) => finding('high', i + 1)),
    ...Array.from({ length: 3 }, (_, i) => finding('critical', 100 + i)),
    ...Array.from({ length: 11 }, (_, i) => finding('medium', 200 + i)),
    finding('low', 300),
  ];
  const plan = planAnnotations(findings);
  const errors = plan.shown.filter((s) => s.level === 'error');
  assert.equal(errors.length, PER_LEVEL_LIMIT);
  assert.deepEqual(
    errors.slice(0, 3).map((s) => s.finding.severity),
    ['critical', 'critical', 'critical'],
  );
  assert.deepEqual(
    errors.slice(3).map((s) => s.finding.line),
    [1, 2, 3, 4, 5, 6, 7],
  );
  assert.equal(plan.shown.filter((s) => s.level === 'warning').length, PER_LEVEL_LIMIT);
  assert.equal(plan.shown.filter((s) => s.level === 'notice').length, 1);
  assert.equal(plan.omitted, 5 + 1);
  assert.equal(plan.shown[0].finding.severity, 'critical');
  assert.equal(plan.shown.at(-1)?.finding.severity, 'low');
});
