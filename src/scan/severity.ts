// Severities and the one place that decides what reaches a threshold: `--min-severity` (what is shown)
// and `--fail-on` / the Action's `fail-on` (what fails the run) both ask {@link atLeast}, and every
// "does this result fail?" goes through {@link failing}.
import type { Finding } from './finding.ts';

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A `fail-on` threshold: a severity, or `none` to never fail. */
export type FailOn = Severity | 'none';

/** True when `s` is at least as severe as `min`. */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

/** The findings that fail a run at `failOn` (none for `none`); a run fails when this is not empty. */
export function failing<F extends Pick<Finding, 'severity'>>(findings: readonly F[], failOn: FailOn): F[] {
  return failOn === 'none' ? [] : findings.filter((f) => atLeast(f.severity, failOn));
}

/** Compares severities: positive when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a);
}

/** Returns a severity one step lower (low stays low): disabled servers are judged this way. */
export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(s) + 1, SEVERITIES.length - 1)];
}

/** The most severe severity among findings, or `undefined` when there are none. */
export function highestSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  return findings
    .map((f) => f.severity)
    .sort(compareSeverity)
    .at(-1);
}
