// TOML edits for `wrap` (Codex `[mcp_servers.<name>]`): values are replaced in place by the byte
// ranges toml-eslint-parser gives, removed keys take their whole lines (a TOML key/value always ends
// its line), and new keys go on a line of their own, so every other byte (comments, order, other
// tables) stays as it was. An inline server table (`x = { command = "..." }`) is rewritten whole.
import { type ParsedDocument, type PEntry, type PNode, toPlain } from '../config/document.ts';
import type { EntryEdit } from './edit-client.ts';

type Splice = { start: number; end: number; text: string };

/** Applies `edits` to `original` (the file's text; offsets are those of `doc`, which keeps them). */
export function editToml(doc: ParsedDocument, original: string, edits: EntryEdit[]): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const splices: Splice[] = [];
  for (const edit of edits) {
    const entry = findNode(doc.root, edit);
    if (entry?.kind !== 'object') continue;
    if (original[entry.offset] === '{') {
      splices.push({
        start: entry.offset,
        end: entry.offset + entry.length,
        text: inlineRewrite(entry, edit),
      });
      continue;
    }
    const lines = (start: number, end: number) => {
      splices.push({ start: lineStart(original, start), end: lineEndAfter(original, end), text: '' });
    };
    const removeEntry = (e: PEntry) => {
      const v = e.value;
      if (v.kind === 'object' && original[v.offset] === '[') lines(v.offset, v.offset + v.length - 1);
      else if (v.kind === 'object' && original[v.offset] !== '{')
        for (const c of v.entries) lines(c.keyOffset, c.value.offset + c.value.length - 1);
      else lines(e.keyOffset, v.offset + v.length - 1);
    };
    const inserts: string[] = [];
    for (const key of edit.remove) for (const e of entry.entries.filter((x) => x.key === key)) removeEntry(e);
    for (const [key, value] of edit.set) {
      const found = entry.entries.filter((x) => x.key === key);
      const last = found.at(-1);
      const simple = last && !(last.value.kind === 'object' && original[last.value.offset] !== '{');
      if (last && simple && found.length === 1) {
        splices.push({
          start: last.value.offset,
          end: last.value.offset + last.value.length,
          text: tomlValue(value),
        });
      } else {
        for (const e of found) removeEntry(e);
        inserts.push(`${tomlKey(key)} = ${tomlValue(value)}${eol}`);
      }
    }
    if (inserts.length > 0) {
      const at = insertionPoint(original, entry);
      splices.push({ start: at, end: at, text: inserts.join('') });
    }
  }
  // Back to front, so earlier offsets stay valid; at one offset, a removal before an insertion.
  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = original;
  let floor = Number.POSITIVE_INFINITY;
  for (const s of splices) {
    if (s.end > floor) continue; // overlapping removal (a line taken twice)
    text = text.slice(0, s.start) + s.text + text.slice(s.end);
    floor = s.start;
  }
  return text;
}

function findNode(root: PNode | undefined, edit: EntryEdit): PNode | undefined {
  let cur = root;
  for (const seg of edit.path) {
    if (cur?.kind === 'object') cur = cur.entries.findLast((e) => e.key === String(seg))?.value;
    else if (cur?.kind === 'array' && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

/** After the last line holding one of the table's own key/values (or its header when it has none). */
function insertionPoint(text: string, table: PNode & { kind: 'object' }): number {
  let end = table.offset;
  for (const e of table.entries) {
    const v = e.value;
    if (v.kind === 'object' && text[v.offset] === '[') continue; // a sub-table comes after the body
    end = Math.max(end, v.offset + v.length - 1);
  }
  return lineEndAfter(text, end);
}

function inlineRewrite(entry: PNode, edit: EntryEdit): string {
  const plain = toPlain(entry) as Record<string, unknown>;
  for (const key of edit.remove) delete plain[key];
  for (const [key, value] of edit.set) plain[key] = value;
  return tomlValue(plain);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the line ending of the line holding `offset`. */
function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A TOML value: JSON's string escapes are valid in TOML basic strings. */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}';
  }
  return '""';
}
