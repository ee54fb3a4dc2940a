// Matching a scan against its base: by fingerprint, counting duplicates, pairing the same file and
// line first so that the finding marked new is the one added.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareFindings } from './compare.ts';
import type { Finding } from './finding.ts';

function f(fingerprint: string, file: string, line: number): Finding {
  return {
    ruleId: 'MG401',
    rule: 'unpinned-package',
    fix: 'pin it',
    helpUri: 'https://example.invalid',
    severity: 'medium',
    message: 'm',
    file,
    line,
    column: 1,
    client: 'cursor',
    server: 's',
    fingerprint,
    path: [],
    absFile: `/w/${file}`,
  };
}

test('a fingerprint in both is existing; only in the head, new; only in the base, fixed', () => {
  const head = [f('a', 'x.json', 1), f('b', 'x.json', 2)];
  const base = [f('a', 'x.json', 9), f('c', 'y.json', 1)];
  const { added, existing, fixed } = compareFindings(head, base);
  assert.deepEqual(added, [head[1]]);
  assert.deepEqual(existing, [head[0]]);
  assert.deepEqual(fixed, [base[1]]);
});

test('duplicates are counted: a copy in a second file is new, and the copy is the one marked', () => {
  const head = [f('a', 'new.json', 1), f('a', 'old.json', 4)];
  const base = [f('a', 'old.json', 4)];
  const { added, existing, fixed } = compareFindings(head, base);
  assert.deepEqual(added, [head[0]]);
  assert.deepEqual(existing, [head[1]]);
  assert.deepEqual(fixed, []);
});

test('of two duplicates in one file, the one on the base line is existing', () => {
  const head = [f('a', 'x.json', 2), f('a', 'x.json', 7)];
  const base = [f('a', 'x.json', 7)];
  assert.deepEqual(compareFindings(head, base).added, [head[0]]);
});
