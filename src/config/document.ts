// A parsed config file as one position-keeping tree, whatever its format (JSON, JSONC, YAML, TOML).
// Everything downstream (normalisation, rules, the guard config loader) reads this tree, so a value
// can always be traced back to its file, JSON path, line and column.
import * as jsonc from 'jsonc-parser';
import { parseTOML } from 'toml-eslint-parser';
import * as YAML from 'yaml';

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

/** Builds an offset-to-position function over `text` (binary search over line starts). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** Guesses the format from a file name: `.toml`, `.yaml`/`.yml`, JSONC-flavoured names, else JSON. */
export function formatForPath(path: string): Format {
  const lower = path.toLowerCase();
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return 'jsonc';
}

/**
 * The deepest nesting of arrays and objects a config file may have. Real configs nest a handful of
 * levels; the tree walks below recurse, and a file of ten thousand `[` must be an error, not a crash.
 */
export const MAX_DOCUMENT_DEPTH = 200;
/**
 * Values YAML aliases may expand to in one file. Ten lines of aliases to aliases ("billion laughs")
 * would otherwise expand to 10^9 values; an honest file reuses a few blocks.
 */
export const MAX_ALIAS_NODES = 10_000;

/** A file over one of the parser's limits, at the offset where it was found. */
class LimitError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const tooDeep = () => `nested deeper than ${MAX_DOCUMENT_DEPTH} levels`;

/** Parses `text` in `format` into a tree. Never throws: failures land in `errors`. */
export function parseDocument(text: string, format: Format): ParsedDocument {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // keep offsets stable
  const position = lineIndex(body);
  const doc: ParsedDocument = { format, text: body, root: undefined, errors: [], comments: [], position };
  try {
    if (format === 'yaml') parseYaml(body, doc);
    else if (format === 'toml') parseToml(body, doc);
    else parseJson(body, doc);
  } catch (error) {
    doc.root = undefined;
    if (error instanceof LimitError) {
      doc.errors.unshift({ ...doc.position(error.offset), message: error.message });
    } else if (error instanceof RangeError) {
      // A parser library recursing past the stack: the file nests far deeper than the limit.
      doc.errors.unshift({ line: 1, column: 1, message: tooDeep() });
    } else {
      doc.errors.push({ line: 1, column: 1, message: `cannot parse: ${(error as Error).message}` });
    }
  }
  return doc;
}

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read; its stable values:
const TOKEN_OPEN_BRACE = 1;
const TOKEN_CLOSE_BRACE = 2;
const TOKEN_OPEN_BRACKET = 3;
const TOKEN_CLOSE_BRACKET = 4;
const TOKEN_LINE_COMMENT = 12;
const TOKEN_BLOCK_COMMENT = 13;
const TOKEN_EOF = 17;

function parseJson(text: string, doc: ParsedDocument): void {
  // One pass with the (iterative) scanner first: the comments, and the nesting depth, checked before
  // the (recursive) tree parser sees the text.
  const scanner = jsonc.createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== TOKEN_EOF; kind = scanner.scan()) {
    if (kind === TOKEN_OPEN_BRACE || kind === TOKEN_OPEN_BRACKET) {
      if (++depth > MAX_DOCUMENT_DEPTH) throw new LimitError(tooDeep(), scanner.getTokenOffset());
    } else if (kind === TOKEN_CLOSE_BRACE || kind === TOKEN_CLOSE_BRACKET) depth = Math.max(0, depth - 1);
    else if (kind === TOKEN_LINE_COMMENT || kind === TOKEN_BLOCK_COMMENT) {
      doc.comments.push({
        line: doc.position(scanner.getTokenOffset()).line,
        text: scanner.getTokenValue().trim(),
      });
    }
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  // An object or array left open is reported by the parser at the end of the file, which says
  // nothing about where the mistake is: point at the `{` or `[` that is never closed instead.
  const end = text.trimEnd().length;
  const unclosed = errors.some((e) => e.offset >= end && isUnclosedError(e)) ? unclosedOpeners(text) : [];
  for (const e of errors) {
    // JSON (not JSONC) clients still usually tolerate comments and trailing commas badly; we accept
    // them everywhere because a scanner should judge what it can read rather than stop.
    const message = readableJsonError(jsonc.printParseErrorCode(e.error));
    const opener = e.offset >= end && isUnclosedError(e) ? unclosed.shift() : undefined;
    if (opener) {
      const what = opener.kind === 'object' ? 'object' : 'array';
      doc.errors.push({
        ...doc.position(opener.offset),
        message: `${message}: this ${what} is never closed`,
      });
    } else doc.errors.push({ ...doc.position(e.offset), message });
  }
  doc.root = tree ? fromJsonc(tree) : undefined;
}

function isUnclosedError(e: jsonc.ParseError): boolean {
  const code = jsonc.printParseErrorCode(e.error);
  return code === 'CloseBraceExpected' || code === 'CloseBracketExpected';
}

/**
 * The objects and arrays of `text` that are never closed, the likeliest culprit first. Brackets are
 * matched by token; where a closing bracket that starts its line is indented less than the line of
 * the innermost open one, that one is taken as the unclosed one (people indent what they mean), so
 * `"b": { "command": "y"` followed by the `}` of the enclosing map points at `"b"`, not at the first
 * line. What is still open at the end follows, innermost first.
 */
function unclosedOpeners(text: string): { offset: number; kind: 'object' | 'array' }[] {
  const indentOf = (offset: number) => {
    const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const line = text.slice(start, offset);
    return { indent: line.length - line.trimStart().length, first: line.trim() === '' };
  };
  const stack: { offset: number; kind: 'object' | 'array'; indent: number }[] = [];
  const suspects: { offset: number; kind: 'object' | 'array' }[] = [];
  const scanner = jsonc.createScanner(text, true);
  for (let kind = scanner.scan(); kind !== TOKEN_EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (kind === TOKEN_OPEN_BRACE || kind === TOKEN_OPEN_BRACKET) {
      stack.push({
        offset,
        kind: kind === TOKEN_OPEN_BRACE ? 'object' : 'array',
        indent: indentOf(offset).indent,
      });
    } else if (kind === TOKEN_CLOSE_BRACE || kind === TOKEN_CLOSE_BRACKET) {
      const at = indentOf(offset);
      const want = kind === TOKEN_CLOSE_BRACE ? 'object' : 'array';
      // An inner opener indented deeper than this closer, with an outer one that matches it: unclosed.
      while (
        at.first &&
        stack.length > 1 &&
        stack[stack.length - 1].indent > at.indent &&
        stack.some((o) => o.kind === want && o.indent === at.indent)
      ) {
        const { offset: o, kind: k } = stack.pop()!;
        suspects.push({ offset: o, kind: k });
      }
      stack.pop();
    }
  }
  return [...suspects, ...stack.reverse().map(({ offset, kind }) => ({ offset, kind }))];
}

/** `CommaExpected` -> `comma expected`: jsonc-parser's codes, as words. */
function readableJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fromJsonc(node: jsonc.Node): PNode {
  const { offset, length } = node;
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        offset,
        length,
        entries: (node.children ?? [])
          .filter((p) => p.children?.[0] && p.children[1])
          .map((p) => ({
            key: String(p.children![0].value),
            keyOffset: p.children![0].offset,
            value: fromJsonc(p.children![1]),
          })),
      };
    case 'array':
      return { kind: 'array', offset, length, items: (node.children ?? []).map(fromJsonc) };
    case 'string':
      return { kind: 'string', offset, length, value: String(node.value) };
    case 'number':
      return { kind: 'number', offset, length, value: Number(node.value) };
    case 'boolean':
      return { kind: 'boolean', offset, length, value: Boolean(node.value) };
    default:
      return { kind: 'null', offset, length, value: null };
  }
}

function parseYaml(text: string, doc: ParsedDocument): void {
  const parsed = YAML.parseDocument(text, {
    keepSourceTokens: false,
    uniqueKeys: false,
    prettyErrors: false,
    // A key that is itself a map or a list is an error, never stringified (a few bytes of `{` nested as
    // keys took seconds and gigabytes to print).
    stringKeys: true,
  });
  for (const e of parsed.errors) {
    const at = e.pos?.[0] ?? 0;
    doc.errors.push({ ...doc.position(at), message: e.message.split('\n')[0] });
  }
  doc.root = parsed.contents ? fromYaml(parsed.contents, { parsed, aliasNodes: 0 }, 1, false) : undefined;
  collectHashComments(text, doc);
}

/** The YAML walk's state: the document (to resolve aliases) and the values aliases expanded to so far. */
interface YamlWalk {
  parsed: YAML.Document;
  aliasNodes: number;
}

function fromYaml(node: unknown, walk: YamlWalk, depth: number, viaAlias: boolean): PNode {
  const alias = YAML.isAlias(node);
  const n = (alias ? node.resolve(walk.parsed) : node) as YAML.Node | undefined;
  const [offset, end] = n?.range ?? [0, 0];
  const length = end - offset;
  const at = alias ? ((node as YAML.Node).range?.[0] ?? offset) : offset;
  if (depth > MAX_DOCUMENT_DEPTH) throw new LimitError(tooDeep(), at);
  const expanded = viaAlias || alias;
  if (expanded && ++walk.aliasNodes > MAX_ALIAS_NODES)
    throw new LimitError(`aliases expand to more than ${MAX_ALIAS_NODES} values; write the values out`, at);
  if (YAML.isMap(n)) {
    const entries: PEntry[] = [];
    for (const pair of n.items) {
      // stringKeys made every key a scalar; anything else was reported as an error.
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
      const keyOffset = (pair.key as YAML.Node | null)?.range?.[0] ?? offset;
      const value = pair.value == null ? nullAt(keyOffset) : fromYaml(pair.value, walk, depth + 1, expanded);
      entries.push({ key, keyOffset, value });
    }
    return { kind: 'object', offset, length, entries };
  }
  if (YAML.isSeq(n))
    return {
      kind: 'array',
      offset,
      length,
      items: n.items.map((i) => fromYaml(i, walk, depth + 1, expanded)),
    };
  if (YAML.isScalar(n)) {
    const v = n.value;
    if (typeof v === 'string') return { kind: 'string', offset, length, value: v };
    if (typeof v === 'number' || typeof v === 'bigint')
      return { kind: 'number', offset, length, value: Number(v) };
    if (typeof v === 'boolean') return { kind: 'boolean', offset, length, value: v };
    if (v == null) return { kind: 'null', offset, length, value: null };
    return { kind: 'string', offset, length, value: String(v) };
  }
  return nullAt(offset);
}

function nullAt(offset: number): PNode {
  return { kind: 'null', offset, length: 0, value: null };
}

/** `#` comments (YAML and TOML), found by a light scan that skips quoted strings. */
function collectHashComments(text: string, doc: ParsedDocument): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let quote = '';
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#') {
        doc.comments.push({ line: i + 1, text: line.slice(j) });
        break;
      }
    }
  }
}

// ---- TOML -------------------------------------------------------------------------------------

type TomlNode = { type: string; range: [number, number]; [k: string]: unknown };

function parseToml(text: string, doc: ParsedDocument): void {
  let ast: { body: { body: TomlNode[] }[] };
  try {
    ast = parseTOML(text) as unknown as typeof ast;
  } catch (error) {
    if (error instanceof RangeError) throw error; // out of stack: reported as too deep
    const e = error as { lineNumber?: number; column?: number; message: string };
    // As in JSON: an array or inline table left open is reported at the end of the file; point at it.
    const open = /^Unterminated (array|inline table)$/.test(e.message) ? tomlUnclosed(text) : undefined;
    if (open) {
      const what = open.kind === 'array' ? 'array' : 'inline table';
      doc.errors.push({
        ...doc.position(open.offset),
        message: `${e.message}: this ${what} is never closed`,
      });
    } else doc.errors.push({ line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message: e.message });
    // The comments still count: an inline ignore of MG000 in a file that does not parse must work.
    collectHashComments(text, doc);
    return;
  }
  const root: PNode = { kind: 'object', offset: 0, length: text.length, entries: [] };
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') addTomlKeyValue(root, item);
    else if (item.type === 'TOMLTable') {
      const resolved = item.resolvedKey as (string | number)[];
      const keyNodes = (item.key as { keys: TomlNode[] }).keys;
      let target: PNode = root;
      resolved.forEach((segment, i) => {
        const keyOffset = keyNodes[Math.min(i, keyNodes.length - 1)]?.range[0] ?? item.range[0];
        target = descend(target, segment, keyOffset, item.range, typeof resolved[i + 1] === 'number');
      });
      for (const kv of item.body as TomlNode[]) addTomlKeyValue(target, kv);
    }
  }
  doc.root = root;
  collectHashComments(text, doc);
}

/**
 * The innermost array or inline table of a TOML text that is still open at the end, found by a light
 * scan that skips strings, comments and table headers.
 */
function tomlUnclosed(text: string): { offset: number; kind: 'array' | 'table' } | undefined {
  const stack: { offset: number; kind: 'array' | 'table' }[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') lineStart = true;
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' || (c === '[' && lineStart && stack.length === 0)) {
      // A comment, or a `[table]` / `[[array.of.tables]]` header: the rest of the line.
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    lineStart = false;
    if (c === '"' || c === "'") {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) j += c === '"' && text[j] === '\\' ? 2 : 1;
      i = j + quote.length - 1;
    } else if (c === '[' || c === '{') stack.push({ offset: i, kind: c === '[' ? 'array' : 'table' });
    else if (c === ']' || c === '}') stack.pop();
  }
  return stack.at(-1);
}

/** Walks (creating as needed) one level down a table path; arrays of tables get a new item. */
function descend(
  parent: PNode,
  segment: string | number,
  keyOffset: number,
  range: [number, number],
  wantsArray: boolean,
): PNode {
  if (parent.kind === 'array') {
    const index = Number(segment);
    while (parent.items.length <= index) {
      parent.items.push({ kind: 'object', offset: range[0], length: range[1] - range[0], entries: [] });
    }
    return parent.items[index];
  }
  if (parent.kind !== 'object') return parent;
  let entry = parent.entries.find((e) => e.key === String(segment));
  if (!entry) {
    entry = {
      key: String(segment),
      keyOffset,
      value: wantsArray
        ? { kind: 'array', offset: range[0], length: 0, items: [] }
        : { kind: 'object', offset: range[0], length: range[1] - range[0], entries: [] },
    };
    parent.entries.push(entry);
  }
  return entry.value;
}

function addTomlKeyValue(table: PNode, kv: TomlNode, depth = 1): void {
  const keys = (kv.key as { keys: (TomlNode & { name?: string; value?: string })[] }).keys;
  let target = table;
  for (let i = 0; i < keys.length - 1; i++) {
    target = descend(target, keyName(keys[i]), keys[i].range[0], kv.range, false);
  }
  if (target.kind !== 'object') return;
  const last = keys[keys.length - 1];
  target.entries.push({
    key: keyName(last),
    keyOffset: last.range[0],
    value: fromToml(kv.value as TomlNode, depth + 1),
  });
}

function keyName(k: { name?: string; value?: string }): string {
  return String(k.name ?? k.value ?? '');
}

function fromToml(node: TomlNode, depth: number): PNode {
  const [offset, end] = node.range;
  const length = end - offset;
  if (depth > MAX_DOCUMENT_DEPTH) throw new LimitError(tooDeep(), offset);
  if (node.type === 'TOMLArray') {
    const items = (node.elements as TomlNode[]).map((e) => fromToml(e, depth + 1));
    return { kind: 'array', offset, length, items };
  }
  if (node.type === 'TOMLInlineTable') {
    const table: PNode = { kind: 'object', offset, length, entries: [] };
    for (const kv of node.body as TomlNode[]) addTomlKeyValue(table, kv, depth);
    return table;
  }
  const kind = node.kind as string;
  const value = node.value;
  if (kind === 'string') return { kind: 'string', offset, length, value: String(value) };
  if (kind === 'integer' || kind === 'float') return { kind: 'number', offset, length, value: Number(value) };
  if (kind === 'boolean') return { kind: 'boolean', offset, length, value: Boolean(value) };
  // Dates and times: keep their source text.
  return {
    kind: 'string',
    offset,
    length,
    value: String(value instanceof Date ? value.toISOString() : value),
  };
}

// ---- Navigation ---------------------------------------------------------------------------------

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
