// Loads the guard's config file (`mcp-guard.yaml` / `.json`): parse with positions, interpolate
// `${VAR}` (fail closed), validate with zod (unknown keys are errors), then fold the Python-era shape
// into the effective config. Every error is a GuardConfigError naming file, line, column and key.
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
  const fail: Fail = (at, message) => {
    const { line, column } = locateIssue(doc, at);
    throw new GuardConfigError(path, line, column, formatPath(at), message);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new GuardConfigError(path, e.line, e.column, '', `cannot parse: ${e.message}`);
  }
  if (doc.root?.kind !== 'object') fail([], 'expected a mapping with auth, servers, policies ...');
  const plain = interpolateTree(doc.root, [], env, fail);
  const parsed = rawGuardSchema.safeParse(plain);
  if (!parsed.success) reportFirst(doc, parsed.error.issues, path);
  return normalizeGuardConfig(parsed.data!, path, fail);
}

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
  const fail: Fail = (at, message) => {
    throw new GuardConfigError(file, 0, 0, formatPath(at), message);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    fail([], 'expected an object with auth, servers, policies ...');
  const plain = interpolatePlain(input, [], env, fail);
  const parsed = rawGuardSchema.safeParse(plain);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const at = issuePath(issue);
    fail(at, describe(issue, at));
  }
  // Relative paths are anchored at dirname(file), which for this name is the current folder.
  return normalizeGuardConfig(parsed.data!, file, fail);
}

/** `interpolateTree` for plain values: strings get `${VAR}` replaced; anything JSON cannot hold is refused. */
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
    if (error instanceof UnsetVariableError)
      fail(
        path,
        `${error.message}; set it, or write \${${error.variable}:-default} for a value that is not a secret`,
      );
    throw error;
  }
}

/**
 * The tree as plain values with `${VAR}` replaced in every string. Keys given twice are refused here:
 * YAML would keep the last one, and a policy could vanish without notice.
 */
function interpolateTree(node: PNode, path: JsonPath, env: NodeJS.ProcessEnv, fail: Fail): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        if (Object.hasOwn(out, e.key)) fail([...path, e.key], 'key given twice; keep one');
        out[e.key] = interpolateTree(e.value, [...path, e.key], env, fail);
      }
      return out;
    }
    case 'array':
      return node.items.map((item, i) => interpolateTree(item, [...path, i], env, fail));
    case 'string':
      return interpolateString(node.value, path, env, fail);
    default:
      return node.value;
  }
}

/** Throws for the issue that comes first in the file. */
function reportFirst(doc: ParsedDocument, issues: ZodIssue[], file: string): never {
  const located = issues.map((issue) => {
    const at = issuePath(issue);
    return { issue, at, pos: locateIssue(doc, at) };
  });
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  const { issue, at, pos } = located[0];
  throw new GuardConfigError(file, pos.line, pos.column, formatPath(at), describe(issue, at));
}

/** The key an issue is about (for an unknown key, the key itself). */
function issuePath(issue: ZodIssue): JsonPath {
  const base = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  return issue.code === 'unrecognized_keys' ? [...base, issue.keys[0]] : base;
}

function describe(issue: ZodIssue, at: JsonPath): string {
  if (issue.code === 'unrecognized_keys') {
    const expected = expectedKeys(at.slice(0, -1));
    const key = String(at[at.length - 1]);
    const near = expected.find((k) => editDistance(k, key) <= 2);
    return `unknown key${near ? `; did you mean ${near}?` : ''} (expected one of: ${expected.join(', ')})`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (${issue.expected})`;
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
