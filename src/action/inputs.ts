// The Action's inputs, read and validated in one place, the way the CLI validates its flags, so that
// a typo in a workflow fails the step with a message naming the input instead of being ignored.
import * as core from '@actions/core';
import { FAIL_SCOPES, type FailScope } from '../scan/fail-scope.ts';
import { SEVERITIES, type Severity } from '../scan/severity.ts';

/** Everything the Action was asked to do, validated. */
export interface ActionInputs {
  /** Files or folders to scan, relative to the workspace (one per line in `path`). */
  paths: string[];
  failOn: Severity | 'none';
  /** Which findings `fail-on` counts; `undefined` picks by event (`new` on pull requests, else `all`). */
  failScope: FailScope | undefined;
  minSeverity: Severity | undefined;
  config: string | undefined;
  baseline: string | undefined;
  /** Where to write SARIF; `undefined` when the input is empty (SARIF disabled). */
  sarifFile: string | undefined;
  comment: boolean;
  annotations: boolean;
  /** Deprecated: `false` annotates every finding instead of what the pull request changes. */
  changedFilesOnly: boolean;
  /** Empty when the workflow passed an empty token: then no API calls are made. */
  token: string;
}

/** A usage error: a bad input value. The message names the input and what it accepts. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Reads one input by its action.yml name; `core.getInput` by default, a map in tests. */
export type InputSource = (name: string) => string;

const fromCore: InputSource = (name) => core.getInput(name);

// The values GitHub's own `core.getBooleanInput` accepts (YAML 1.2 core schema booleans).
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function bool(get: InputSource, name: string, fallback: boolean): boolean {
  const raw = get(name).trim();
  if (raw === '') return fallback;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  throw new InputError(`input '${name}' must be true or false, got '${raw}'`);
}

function severity<E extends string>(
  get: InputSource,
  name: string,
  extra: readonly E[],
): Severity | E | undefined {
  const raw = get(name).trim();
  if (raw === '') return undefined;
  const allowed: readonly string[] = [...SEVERITIES, ...extra];
  const value = raw.toLowerCase();
  if (!allowed.includes(value)) {
    throw new InputError(`input '${name}' must be one of ${allowed.join(', ')}, got '${raw}'`);
  }
  return value as Severity | E;
}

function choice<C extends string>(get: InputSource, name: string, allowed: readonly C[]): C | undefined {
  const raw = get(name).trim();
  if (raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new InputError(`input '${name}' must be one of ${allowed.join(', ')}, got '${raw}'`);
  }
  return raw as C;
}

function optional(get: InputSource, name: string): string | undefined {
  const raw = get(name).trim();
  return raw === '' ? undefined : raw;
}

/** Reads and validates every input; throws `InputError` on the first bad one. */
export function readInputs(get: InputSource = fromCore): ActionInputs {
  const paths = get('path')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    paths: paths.length > 0 ? paths : ['.'],
    failOn: severity(get, 'fail-on', ['none'] as const) ?? 'high',
    failScope: choice(get, 'fail-scope', FAIL_SCOPES),
    minSeverity: severity(get, 'min-severity', [] as const),
    config: optional(get, 'config'),
    baseline: optional(get, 'baseline'),
    // The default lives in action.yml; an explicitly empty value is how a workflow turns SARIF off.
    sarifFile: optional(get, 'sarif-file'),
    comment: bool(get, 'comment', true),
    annotations: bool(get, 'annotations', true),
    changedFilesOnly: bool(get, 'changed-files-only', true),
    token: get('token').trim(),
  };
}
