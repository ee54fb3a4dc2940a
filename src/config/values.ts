// Values of a parsed file as the model keeps them: an SValue is the text as written, its JSON path,
// line and column, and the variable references inside it. The client normaliser and the guard loader
// build their ServerSpecs with these, so a value always leads back to its place.
import type { JsonPath, ParsedDocument, PNode } from './document.ts';
import type { SValue } from './types.ts';
import { findRefs } from './variables.ts';

/** A scalar node as an SValue (numbers and booleans as their text); undefined for anything else. */
export function svalue(doc: ParsedDocument, node: PNode | undefined, path: JsonPath): SValue | undefined {
  if (!node) return undefined;
  if (node.kind !== 'string' && node.kind !== 'number' && node.kind !== 'boolean') return undefined;
  const value = String(node.value);
  const { line, column } = doc.position(node.offset);
  return { value, path, line, column, refs: findRefs(value) };
}

/** A string map (`env`, `headers`): scalar members as SValues, others left out. */
export function svalueMap(
  doc: ParsedDocument,
  node: PNode | undefined,
  path: JsonPath,
): Record<string, SValue> {
  const out: Record<string, SValue> = {};
  if (node?.kind !== 'object') return out;
  for (const e of node.entries) {
    const v = svalue(doc, e.value, [...path, e.key]);
    if (v) out[e.key] = v;
  }
  return out;
}

/** A list of scalars (a lone string counts as a list of one). */
export function svalueList(doc: ParsedDocument, node: PNode | undefined, path: JsonPath): SValue[] {
  if (node?.kind === 'string') return [svalue(doc, node, path)!];
  if (node?.kind !== 'array') return [];
  const out: SValue[] = [];
  node.items.forEach((item, i) => {
    const v = svalue(doc, item, [...path, i]);
    if (v) out.push(v);
  });
  return out;
}
