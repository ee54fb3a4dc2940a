// Loads the guard's config file (`mcp-guard.yaml` / `.json`) in strict mode, the mode `guard serve`
// runs with: parse with positions, interpolate `${VAR}` (fail closed), validate with zod (unknown keys
// are errors), then fold the Python-era shape into the effective config. The first problem stops the
// load as a GuardConfigError naming file, line, column and key. Lint mode (guard-lint.ts) runs the
// same steps without interpolation and collects every problem instead.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ZodIssue } from 'zod';
import {
  formatForPath,
  formatPath,
  type JsonPath,
  type ParsedDocument,
  type PNode,
  parseDocument,
  setMember,
} from './document.ts';
import { type Fail, normalizeGuardConfig } from './guard-normalize.ts';
import { expectedKeys, rawGuardSchema } from './guard-schema.ts';
import { type GuardConfig, GuardConfigError } from './guard-types.ts';
import { locateIssue } from './issues.ts';
import { interpolate, UnsetVariableError } from './variables.ts';

export type { GuardAuth, GuardConfig, GuardPolicies, GuardRoute, GuardServer } from './guard-types.ts';
export { GuardConfigError } from './guard-types.ts';

/** Parses and validates a guard config from `text`; `file` names it in errors and anchors relative paths. */
export function parseGuardConfig(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): GuardConfig {
  const path = resolve(file);
  const doc = parseDocument(text, formatForPath(path));
  const fail: Fail = strictFail((at, message) => {
    const { line, column } = locateIssue(doc, at);
    throw new GuardConfigError(path, line, column, formatPath(at), message);
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new GuardConfigError(path, e.line, e.column, '', `cannot parse: ${e.message}`);
  }
  if (doc.root?.kind !== 'object') fail([], NOT_A_MAPPING);
  const plain = plainTree(doc.root, [], fail, (text, at) => interpolateString(text, at, env, fail));
  const parsed = rawGuardSchema.safeParse(plain, { reportInput: true });
  if (!parsed.success) reportFirst(doc, parsed.error.issues, path);
  // Strict mode reads every section or throws, so the draft is whole.
  return normalizeGuardConfig(parsed.data!, path, fail) as GuardConfig;
}

/**
 * Why `text` cannot be interpolated with `env` (a variable without a value or a default), in the words
 * `guard serve` and `guard check` both use; undefined when it can.
 */
export function unsetVariable(text: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    interpolate(text, env);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnsetVariableError)) throw error;
    return unsetMessage(error);
  }
}

function unsetMessage(error: UnsetVariableError): string {
  return `${error.message}; set it, or write \${${error.variable}:-default} for a value that is not a secret`;
}

/** Strict mode's `Fail`: the first problem throws; every value is known (interpolated already). */
function strictFail(refuse: (at: JsonPath, message: string) => never): Fail {
  return Object.assign(refuse, { known: () => true, unit: <T>(read: () => T) => read(), from: () => {} });
}

/** The problem for a file whose root is not a mapping. */
export const NOT_A_MAPPING = 'expected a mapping with auth, servers, policies ...';

/**
 * A guard config given as an object: the same keys as the file (`auth`, `servers`, `policies` ...,
 * snake_case), checked the same way. Strings may hold `${VAR}` references, as in the file.
 */
export type GuardConfigInput = Record<string, unknown>;

/** How an object config is named in errors and in `GuardConfig.file`. */
export const OBJECT_CONFIG_NAME = '<config object>';

/**
 * Reads and validates the guard config at `source` (a path to a YAML or JSON file), or checks a config
 * given as an object. Relative paths in an object config (store, audit log, cwd) are taken from the
 * current folder. Every problem is a `GuardConfigError` naming the key (and, for a file, its line).
 */
export async function loadGuardConfig(
  source: string | GuardConfigInput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GuardConfig> {
  if (typeof source !== 'string') return guardConfigFromObject(source, env);
  const path = resolve(source);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GuardConfigError(
      path,
      1,
      1,
      '',
      `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  return parseGuardConfig(text, path, env);
}

/** Validates a config given as an object (see `GuardConfigInput`). */
export function guardConfigFromObject(input: unknown, env: NodeJS.ProcessEnv = process.env): GuardConfig {
  const file = OBJECT_CONFIG_NAME;
  const fail: Fail = strictFail((at, message) => {
    throw new GuardConfigError(file, 0, 0, formatPath(at), message);
  });
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    fail([], 'expected an object with auth, servers, policies ...');
  const plain = interpolatePlain(input, [], env, fail);
  const parsed = rawGuardSchema.safeParse(plain, { reportInput: true });
  if (!parsed.success) {
    const [{ issue, at }] = parsed.error.issues.flatMap(issuePlaces);
    fail(at, describeIssue(issue, at));
  }
  // Relative paths are anchored at dirname(file), which for this name is the current folder.
  return normalizeGuardConfig(parsed.data!, file, fail) as GuardConfig;
}

/** `plainTree` for plain values: strings get `${VAR}` replaced; anything JSON cannot hold is refused. */
function interpolatePlain(value: unknown, path: JsonPath, env: NodeJS.ProcessEnv, fail: Fail): unknown {
  if (typeof value === 'string') return interpolateString(value, path, env, fail);
  if (Array.isArray(value)) return value.map((v, i) => interpolatePlain(v, [...path, i], env, fail));
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      fail(path, `expected a plain object, got ${proto?.constructor?.name ?? 'an object'}`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // An `undefined` property is an absent key, as JSON.stringify would treat it.
      if (v !== undefined) out[k] = interpolatePlain(v, [...path, k], env, fail);
    }
    return out;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  return fail(path, `expected a string, number, boolean, list or object, got a ${typeof value}`);
}

function interpolateString(text: string, path: JsonPath, env: NodeJS.ProcessEnv, fail: Fail): string {
  try {
    return interpolate(text, env);
  } catch (error) {
    if (error instanceof UnsetVariableError) fail(path, unsetMessage(error));
    throw error;
  }
}

/**
 * The tree as plain values, each string passed through `text` (strict mode interpolates, lint mode keeps
 * it as written). Keys given twice are refused here: YAML would keep the last one, and a policy could
 * vanish without notice.
 */
export function plainTree(
  node: PNode,
  path: JsonPath,
  fail: Fail,
  text: (value: string, path: JsonPath) => string,
): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        const at = [...path, e.key];
        if (Object.hasOwn(out, e.key)) fail.unit(() => fail(at, 'key given twice; keep one'), undefined);
        else setMember(out, e.key, plainTree(e.value, at, fail, text));
      }
      return out;
    }
    case 'array':
      return node.items.map((item, i) => plainTree(item, [...path, i], fail, text));
    case 'string':
      return text(node.value, path);
    default:
      return node.value;
  }
}

/** Throws for the issue that comes first in the file. */
function reportFirst(doc: ParsedDocument, issues: ZodIssue[], file: string): never {
  const located = issues
    .flatMap(issuePlaces)
    .map(({ issue, at }) => ({ issue, at, pos: locateIssue(doc, at) }));
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  const { issue, at, pos } = located[0];
  throw new GuardConfigError(file, pos.line, pos.column, formatPath(at), describeIssue(issue, at));
}

/** Where a schema issue points: its path, or one place per unknown key. */
export function issuePlaces(issue: ZodIssue): { issue: ZodIssue; at: JsonPath }[] {
  const base = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ issue, at: [...base, key] }));
  return [{ issue, at: base }];
}

/** A schema issue in the loader's words: "unknown key; did you mean ...", "required (number)" ... */
export function describeIssue(issue: ZodIssue, at: JsonPath): string {
  if (issue.code === 'unrecognized_keys') {
    const expected = expectedKeys(at.slice(0, -1));
    const key = String(at[at.length - 1]);
    const near = expected.find((k) => editDistance(k, key) <= 2);
    // A near miss says enough (and stays the same when other keys are added); otherwise list them.
    return near
      ? `unknown key; did you mean ${near}?`
      : `unknown key (expected one of: ${expected.join(', ')})`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (${issue.expected})`;
  if (issue.code === 'invalid_union') {
    // Each branch's own complaint, e.g. "expected string" and "expected array": name them together.
    const types = [
      ...new Set(
        issue.errors.flatMap((branch) =>
          branch.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])),
        ),
      ),
    ];
    const expected = types.length > 0 ? ` (${types.join(' or ')})` : '';
    return issue.input === undefined
      ? `required${expected}`
      : `expected ${types.join(' or ') || 'another value'}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
    return 'must not be empty';
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** Levenshtein distance, for "did you mean" on short key names. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
