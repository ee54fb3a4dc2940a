// The one decision about thresholds: what reaches a severity, and what fails a run at `fail-on`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atLeast, failing, highestSeverity, lowerSeverity } from './severity.ts';

const of = (...severities: ('critical' | 'high' | 'medium' | 'low')[]) =>
  severities.map((severity) => ({ severity }));

describe('severity', () => {
  it('atLeast compares against a minimum, the threshold included', () => {
    assert.equal(atLeast('high', 'high'), true);
    assert.equal(atLeast('critical', 'high'), true);
    assert.equal(atLeast('medium', 'high'), false);
  });

  it('failing keeps the findings at or above fail-on; none never fails', () => {
    const findings = of('low', 'high', 'medium', 'critical');
    assert.deepEqual(failing(findings, 'high'), of('high', 'critical'));
    assert.deepEqual(failing(findings, 'low'), findings);
    assert.deepEqual(failing(findings, 'none'), []);
    assert.deepEqual(failing([], 'low'), []);
  });

  it('highestSeverity and lowerSeverity', () => {
    assert.equal(highestSeverity(of('low', 'critical', 'medium')), 'critical');
    assert.equal(highestSeverity([]), undefined);
    assert.equal(lowerSeverity('critical'), 'high');
    assert.equal(lowerSeverity('low'), 'low');
  });
});
