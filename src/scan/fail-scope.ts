// Which findings a threshold counts: the CLI's `--fail-scope` and the Action's `fail-scope`. `new`
// counts the findings a change introduces (they need a comparison with a base commit), `changed-files`
// the findings in the files it changes, `all` every finding. The threshold itself is `failing()`.
import type { Finding } from './finding.ts';
import { type FailOn, failing } from './severity.ts';

/** The scopes, as the CLI and the Action spell them. */
export const FAIL_SCOPES = ['new', 'changed-files', 'all'] as const;
export type FailScope = (typeof FAIL_SCOPES)[number];

/** The findings at or above the threshold, split into those that fail the run and those left aside. */
export interface Verdict<F> {
  failed: F[];
  leftAside: F[];
}

/**
 * Judges `findings` at `failOn` within `scope`. `new` reads each finding's `status`; `changed-files`
 * needs the changed files (as `file` shows them).
 */
export function judge<F extends Pick<Finding, 'severity' | 'status' | 'file'>>(
  findings: readonly F[],
  failOn: FailOn,
  scope: FailScope,
  changed?: ReadonlySet<string>,
): Verdict<F> {
  const counted = (f: F) =>
    scope === 'all' || (scope === 'new' ? f.status === 'new' : (changed?.has(f.file) ?? true));
  const reached = failing(findings, failOn);
  return { failed: reached.filter(counted), leftAside: reached.filter((f) => !counted(f)) };
}
