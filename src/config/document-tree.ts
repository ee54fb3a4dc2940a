// The config model's tree: a parsed file as `PNode`s that keep their byte offsets (whatever the format),
// and the ways to walk it: a member or a path, the place to report for a path, the plain value, a path as
// text. Split from document.ts, which parses files into this tree (and re-exports all of it).

/** The formats mcp-guard reads. */
export type Format = 'json' | 'jsonc' | 'yaml' | 'toml';

/** One segment of a JSON path: an object key or an array index. */
export type PathSegment = string | number;
/** A path from the document root to a value, e.g. `['mcpServers', 'github', 'env', 'TOKEN']`. */
export type JsonPath = readonly PathSegment[];

/** A value in the tree with its byte range in the source text. */
export type PNode =
  | { kind: 'object'; offset: number; length: number; entries: PEntry[] }
  | { kind: 'array'; offset: number; length: number; items: PNode[] }
  | { kind: 'string'; offset: number; length: number; value: string }
  | { kind: 'number'; offset: number; length: number; value: number }
  | { kind: 'boolean'; offset: number; length: number; value: boolean }
  | { kind: 'null'; offset: number; length: number; value: null };

/** An object member; the key keeps its own position (findings about a key point at the key). */
export interface PEntry {
  key: string;
  keyOffset: number;
  value: PNode;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A parse failure with its place in the file. */
export interface ParseProblem extends Position {
  message: string;
}

/** The result of parsing one file: a tree (possibly partial) plus any errors. */
export interface ParsedDocument {
  format: Format;
  text: string;
  /** The tree; `undefined` when nothing could be parsed (empty or hopelessly broken file). */
  root: PNode | undefined;
  errors: ParseProblem[];
  /** Offsets of comments, for inline ignores: each comment's text and its line. */
  comments: { line: number; text: string }[];
  /** Turns a byte offset into a 1-based line and column. */
  position(offset: number): Position;
}

/** Returns the member of an object node by key. */
export function member(node: PNode | undefined, key: string): PNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--)
    if (node.entries[i].key === key) return node.entries[i].value;
  return undefined;
}

/** Follows `path` from `node`; `undefined` when any step is missing. */
export function nodeAt(node: PNode | undefined, path: JsonPath): PNode | undefined {
  let cur = node;
  for (const seg of path) {
    if (cur?.kind === 'object') cur = member(cur, String(seg));
    else if (cur?.kind === 'array' && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

/**
 * The offset to report for `path`: the deepest node that exists along it. When the last step is
 * an object key, the key itself is the place (so `env.TOKEN` points at `"TOKEN"`).
 */
export function offsetOf(root: PNode | undefined, path: JsonPath): number {
  let cur = root;
  let offset = root?.offset ?? 0;
  for (const seg of path) {
    if (cur?.kind === 'object') {
      const entry = cur.entries.findLast((e) => e.key === String(seg));
      if (!entry) break;
      offset = entry.keyOffset;
      cur = entry.value;
    } else if (cur?.kind === 'array' && typeof seg === 'number' && cur.items[seg]) {
      cur = cur.items[seg];
      offset = cur.offset;
    } else break;
  }
  return offset;
}

/**
 * `out[key] = value`, except that a member named `__proto__` (JSON.parse makes it an own property, and a
 * backend receives it) stays a member of the copy instead of setting its prototype: it must not vanish
 * from argument hashes and audit records, nor lend a config its members through the prototype.
 */
export function setMember(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Converts a node to a plain JavaScript value. */
export function toPlain(node: PNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) setMember(out, e.key, toPlain(e.value));
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}

/** Formats a JSON path for messages: `mcpServers.github.env.TOKEN`, `args[2]`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
