// TOML into the config model's tree (`toml-eslint-parser`, which keeps positions): tables, arrays of
// tables and dotted keys become nested objects, dates keep their text, and an array or inline table left
// open is reported where it opens. Split from document.ts.
import { parseTOML } from 'toml-eslint-parser';
import { collectHashComments, LimitError, MAX_DOCUMENT_DEPTH, tooDeep } from './document-parse.ts';
import type { ParsedDocument, PNode } from './document-tree.ts';

/** A node of toml-eslint-parser's AST, as far as this module reads it. */
type TomlNode = { type: string; range: [number, number]; [k: string]: unknown };

/** Parses TOML `text` into `doc` (its tree, errors and comments); throws a `LimitError`. */
export function parseToml(text: string, doc: ParsedDocument): void {
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
