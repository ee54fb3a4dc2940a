// YAML into the config model's tree (`yaml`): keys that are maps or lists are errors, and aliases are
// followed within the nesting and expansion limits ("billion laughs"). Split from document.ts.
import * as YAML from 'yaml';
import {
  collectHashComments,
  LimitError,
  MAX_ALIAS_NODES,
  MAX_DOCUMENT_DEPTH,
  tooDeep,
} from './document-parse.ts';
import type { ParsedDocument, PEntry, PNode } from './document-tree.ts';

/** Parses YAML `text` into `doc` (its tree, errors and comments); throws a `LimitError`. */
export function parseYaml(text: string, doc: ParsedDocument): void {
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
