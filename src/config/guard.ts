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

/** Reads and validates the guard config at `file`. */
export async function loadGuardConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GuardConfig> {
  const path = resolve(file);
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
        setMember(out, e.key, interpolateTree(e.value, [...path, e.key], env, fail));
      }
      return out;
    }
    case 'array':
      return node.items.map((item, i) => interpolateTree(item, [...path, i], env, fail));
    case 'string':
      try {
        return interpolate(node.value, env);
      } catch (error) {
        if (error instanceof UnsetVariableError)
          fail(
            path,
            `${error.message}; set it, or write \${${error.variable}:-default} for a value that is not a secret`,
          );
        throw error;
      }
    default:
      return node.value;
  }
}

/** Throws for the issue that comes first in the file. */
function reportFirst(doc: ParsedDocument, issues: ZodIssue[], file: string): never {
  const located = issues.map((issue) => {
    const base = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const at = issue.code === 'unrecognized_keys' ? [...base, issue.keys[0]] : base;
    return { issue, at, pos: locateIssue(doc, at) };
  });
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  const { issue, at, pos } = located[0];
  throw new GuardConfigError(file, pos.line, pos.column, formatPath(at), describe(issue, at));
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
