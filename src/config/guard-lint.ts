// The guard config loader's lint mode, used by `guard check` and by the scanner: the strict loader's
// own steps (schema, aliases, defaults, checks) without `${VAR}` interpolation. References are kept as
// written, as the client model keeps them, and checks of their values wait for deploy time; every
// problem is collected with its JSON path instead of thrown; every value keeps its place. The result
// is the one model of a guard config: the scanner's rules judge it, and a problem here is exactly what
// `guard serve` would refuse.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ZodIssue } from 'zod';
import {
  formatForPath,
  formatPath,
  type JsonPath,
  member,
  nodeAt,
  type ParsedDocument,
  type PNode,
  parseDocument,
} from './document.ts';
import { describeIssue, issuePlaces, NOT_A_MAPPING, plainTree, unsetVariable } from './guard.ts';
import { type CredentialPlace, credentialPlaces } from './guard-auth.ts';
import { type Fail, normalizeGuardConfig } from './guard-normalize.ts';
import { acceptedKeys, type RawGuardConfig, rawGuardSchema } from './guard-schema.ts';
import type { GuardDraft } from './guard-types.ts';
import { locateIssue } from './issues.ts';
import type { ServerSpec, SValue } from './types.ts';
import { svalue, svalueList, svalueMap } from './values.ts';
import { guardRefs } from './variables.ts';

/** One thing the strict loader would refuse, with its place. */
export interface GuardProblem {
  path: JsonPath;
  /** `path` as the loader's errors write it: `auth.keys[0]`, or empty for the whole file. */
  key: string;
  line: number;
  column: number;
  /** The loader's message, as `guard check` and `guard serve` print it after `file:line:column: key: `. */
  message: string;
  /** A syntax error: the file could not be read as YAML/JSON at all (the scanner's MG000). */
  parse?: boolean;
}

/** A credential the guard checks callers against, as written in the file. */
export interface GuardCredential {
  kind: CredentialPlace['kind'];
  value: SValue;
}

/** What the loader made of a guard config in lint mode. */
export interface GuardLint {
  /** Absolute path of the file. */
  file: string;
  /**
   * The effective config: aliases folded, defaults applied, values written as references kept as
   * written (or, where a number or a choice is expected, a stand-in the loader accepts). A section the
   * loader refused is left out.
   */
  config: GuardDraft;
  /** Everything the strict loader would refuse, in file order. */
  problems: GuardProblem[];
  /** The backends, as the client model's ServerSpec: launch rules judge them like any client's servers. */
  servers: ServerSpec[];
  /** The API keys, JWT secret and metrics token written in the file, whatever the auth mode. */
  credentials: GuardCredential[];
  /**
   * Where effective settings were written (`auth.mode`, `http`, `audit.path`, and the limits that have
   * several places: `policies.requestsPerMinute`, `policies.spendPerHourUsd` ...): a setting left out
   * took its default.
   */
  sources: ReadonlyMap<string, JsonPath>;
  /** True when the value at `path` was written as a `${VAR}` reference, so it is decided at deploy time. */
  isReference(path: JsonPath): boolean;
  /** Every value written with `${VAR}` references, as written: `guard check` resolves them against its environment. */
  references: { path: JsonPath; text: string; line: number; column: number }[];
}

/** Thrown by a lint-mode `fail` after recording the problem; caught by the enclosing `unit`. */
const SKIP = Symbol('skip');

/** Reads a parsed guard config in lint mode. Never throws for a bad file. */
export function lintGuardConfig(doc: ParsedDocument, file: string): GuardLint {
  const path = resolve(file);
  const seen = new Set<string>();
  const refs = new Set<string>();
  const sources = new Map<string, JsonPath>();
  // Values the schema refused and took out: the loader's later "missing" about them would say it twice.
  const removed = new Set<string>();
  const record = (at: JsonPath, message: string) => {
    const key = formatPath(at);
    if (seen.has(`${key}\u0000${message}`)) return;
    seen.add(`${key}\u0000${message}`);
    problems.push({ path: at, key, ...locateIssue(doc, at), message });
  };
  const fail: Fail = Object.assign(
    (at: JsonPath, message: string): never => {
      if (!removed.has(formatPath(at))) record(at, message);
      throw SKIP;
    },
    {
      known: (at: JsonPath) => !refs.has(formatPath(at)),
      unit: <T>(read: () => T, fallback: T): T => {
        try {
          return read();
        } catch (error) {
          if (error === SKIP) return fallback;
          throw error;
        }
      },
      from: (setting: string, at: JsonPath) => {
        sources.set(setting, at);
      },
    },
  );
  const lint = emptyLint(path, refs, sources);
  const { problems } = lint;
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({
        path: [],
        key: '',
        line: e.line,
        column: e.column,
        message: `cannot parse: ${e.message}`,
        parse: true,
      });
    return lint;
  }
  if (doc.root?.kind !== 'object') {
    record([], NOT_A_MAPPING);
    return lint;
  }
  const plain = plainTree(doc.root, [], fail, (text, at) => {
    if (guardRefs(text).length > 0) {
      refs.add(formatPath(at));
      lint.references.push({ path: at, text, ...locateIssue(doc, at) });
    }
    return text;
  }) as Record<string, unknown>;
  const raw = validate(plain, refs, record, removed);
  lint.config = normalizeGuardConfig(raw, path, fail);
  lint.servers = guardServers(doc, raw);
  lint.credentials = credentialPlaces(raw).flatMap((c) => {
    const value = svalue(doc, nodeAt(doc.root, c.path), c.path);
    return value ? [{ kind: c.kind, value }] : [];
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return lint;
}

/**
 * The problems of `lint` in an environment: the file's own, then each `${VAR}` that `env` leaves without
 * a value (what `guard serve` would refuse there), in file order.
 */
export function problemsIn(lint: GuardLint, env: NodeJS.ProcessEnv): GuardProblem[] {
  const unset = lint.references.flatMap(({ path, text, line, column }) => {
    const message = unsetVariable(text, env);
    return message ? [{ path, key: formatPath(path), line, column, message }] : [];
  });
  return [...lint.problems, ...unset].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Reads and lints the guard config at `file`; a file that cannot be read is one problem. */
export async function lintGuardFile(file: string): Promise<GuardLint> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const lint = emptyLint(path);
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    lint.problems.push({ path: [], key: '', line: 1, column: 1, message: `cannot read: ${code}` });
    return lint;
  }
  return lintGuardConfig(parseDocument(text, formatForPath(path)), path);
}

/** A model with nothing read yet. */
function emptyLint(
  file: string,
  refs: ReadonlySet<string> = new Set(),
  sources = new Map<string, JsonPath>(),
): GuardLint {
  return {
    file,
    config: { file },
    problems: [],
    servers: [],
    credentials: [],
    sources,
    isReference: (at) => refs.has(formatPath(at)),
    references: [],
  };
}

/**
 * Validates the tree with the strict schema, repairing it until it passes: a value the schema refuses
 * is a problem and is taken out (a member without a required key takes its container with it), so the
 * rest of the file is still read. A `${VAR}` where a number, a boolean or a choice is expected is not a
 * problem: it gets a stand-in of the expected type and its place is remembered as a reference.
 */
function validate(
  plain: Record<string, unknown>,
  refs: ReadonlySet<string>,
  record: (at: JsonPath, message: string) => void,
  removed: Set<string>,
): RawGuardConfig {
  // Each round removes or replaces at least one value, so the tree's size bounds the rounds.
  for (let round = 0; round < 1000; round++) {
    const parsed = rawGuardSchema.safeParse(plain, { reportInput: true });
    if (parsed.success) return parsed.data;
    const removals: JsonPath[] = [];
    let changed = false;
    for (const { issue, at } of parsed.error.issues.flatMap(issuePlaces)) {
      const standIn = refs.has(formatPath(at)) ? standInFor(issue) : undefined;
      if (standIn !== undefined) {
        changed = setAt(plain, at, standIn) || changed;
        continue;
      }
      // Taking a wrong value out makes it missing: the schema's "required" about it would say it twice.
      if (!removed.has(formatPath(at))) record(at, describeIssue(issue, at));
      const missing =
        (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
      removals.push(missing ? at.slice(0, -1) : at);
    }
    // Later list items first, so that taking one out does not move the next.
    removals.sort((a, b) => compareDescending(a, b));
    for (const r of removals) {
      removed.add(formatPath(r));
      changed = removeAt(plain, r) || changed;
    }
    if (!changed) break;
  }
  return {};
}

/** A value of the type the schema expected, standing in for a reference decided at deploy time. */
function standInFor(issue: ZodIssue): unknown {
  if (issue.code === 'invalid_value' && issue.values.length > 0) return issue.values[issue.values.length - 1];
  if (issue.code !== 'invalid_type') return undefined;
  // 1 passes every numeric check (positive, a port, a count); [] and {} are empty but present.
  const byType: Record<string, unknown> = {
    number: 1,
    int: 1,
    boolean: true,
    array: [],
    object: {},
    record: {},
  };
  return byType[issue.expected];
}

function compareDescending(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(a[i]).localeCompare(String(b[i]));
  }
  return b.length - a.length;
}

function parentOf(tree: unknown, path: JsonPath): Record<string | number, unknown> | undefined {
  let node = tree;
  for (const seg of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

function setAt(tree: unknown, path: JsonPath, value: unknown): boolean {
  const parent = parentOf(tree, path);
  if (!parent || path.length === 0) return false;
  parent[path[path.length - 1]] = value;
  return true;
}

function removeAt(tree: unknown, path: JsonPath): boolean {
  const parent = parentOf(tree, path);
  const last = path[path.length - 1];
  if (!parent || path.length === 0 || !(last in parent)) return false;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return true;
}

/**
 * The guard's backends as ServerSpecs, read from the keys the loader accepts (`command`, `args`,
 * `env`, `cwd`, `url`, `headers`), each value with its place. A server the loader refuses is still
 * listed, so its launch is judged while the problem is reported.
 */
function guardServers(doc: ParsedDocument, raw: RawGuardConfig): ServerSpec[] {
  const node = member(doc.root, 'servers');
  if (node?.kind !== 'object') return [];
  const out: ServerSpec[] = [];
  for (const e of node.entries) {
    if (e.value.kind !== 'object' || !raw.servers || !(e.key in raw.servers)) continue;
    const at: JsonPath = ['servers', e.key];
    const field = (key: string): [PNode | undefined, JsonPath] => [member(e.value, key), [...at, key]];
    const url = svalue(doc, ...field('url'));
    out.push({
      name: e.key,
      path: at,
      ...doc.position(e.keyOffset),
      transport: url ? 'http' : 'stdio',
      command: svalue(doc, ...field('command')),
      args: svalueList(doc, ...field('args')),
      env: svalueMap(doc, ...field('env')),
      cwd: svalue(doc, ...field('cwd')),
      url,
      headers: svalueMap(doc, ...field('headers')),
      auth: { hints: [], oauth: false },
      disabled: false,
      autoApprove: [],
    });
  }
  return out;
}

/**
 * True when a parsed file is shaped like a guard config: a `servers` map beside at least one of the
 * guard's own sections. Files with any name are recognised this way (`scan wallet.yaml`).
 */
export function looksLikeGuardConfig(root: PNode | undefined): boolean {
  if (root?.kind !== 'object' || member(root, 'servers')?.kind !== 'object') return false;
  return ['auth', 'policies', 'http', 'store'].some((k) => member(root, k) !== undefined);
}

const TOP_LEVEL = new Set(acceptedKeys().filter((k) => !/[.[]/.test(k)));

/**
 * True when a file named like a guard config (`mcp-guard.json`) holds at least one of the guard's
 * top-level keys; a file of that name that holds none is somebody else's, and judging it is noise.
 */
export function hasGuardKeys(root: PNode | undefined): boolean {
  return root?.kind === 'object' && root.entries.some((e) => TOP_LEVEL.has(e.key));
}
