// Rewrites a client config so each wrapped server is launched through the guard, touching only the
// keys that change: JSON/JSONC through jsonc-parser's `modify` (comments, order and indentation
// survive), YAML through the `yaml` Document API, TOML through the parser's byte ranges (edit-toml.ts).
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import { type JsonPath, member, nodeAt, type ParsedDocument, type PNode } from '../config/document.ts';
import { editToml } from './edit-toml.ts';
import type { WrappedServer } from './plan.ts';

/** The changes to one server entry, as keys directly under it. */
export interface EntryEdit {
  /** The entry's path in the file. */
  path: JsonPath;
  /** Keys to set (replacing any current value), in order. */
  set: [string, unknown][];
  /** Keys to remove when present. */
  remove: string[];
}

/** Keys holding the environment, in the clients' spellings. */
const ENV_KEYS = ['env', 'environment', 'envs'];

/** What must change in the entry of `server` for it to launch the guard. */
export function entryEdit(doc: ParsedDocument, server: WrappedServer): EntryEdit {
  const path = server.spec.path;
  const entry = nodeAt(doc.root, path);
  const present = (k: string) => member(entry, k) !== undefined;
  const edit: EntryEdit = { path, set: [], remove: [] };
  const [program, ...rest] = server.launch;
  const command = member(entry, 'command');
  if (command?.kind === 'array') {
    edit.set.push(['command', server.launch]); // OpenCode: the whole argv in `command`
    if (present('args')) edit.remove.push('args');
  } else if (command?.kind === 'object') {
    edit.set.push(['command', { path: program, args: rest }]); // older Zed: {path, args, env}
    if (present('args')) edit.remove.push('args');
  } else {
    edit.set.push([command ? 'command' : 'cmd', program], ['args', rest]);
  }
  const envKey = ENV_KEYS.find(present) ?? 'env';
  for (const k of ENV_KEYS) if (present(k) && k !== envKey) edit.remove.push(k);
  if (Object.keys(server.clientEnv).length > 0) edit.set.push([envKey, server.clientEnv]);
  else if (present(envKey)) edit.remove.push(envKey);
  if (present('cwd')) edit.remove.push('cwd'); // the guard entry has it; the guard starts the server there
  return edit;
}

/** Returns `doc`'s text with every edit applied, in the file's own format and style. */
export function applyEntryEdits(doc: ParsedDocument, original: string, edits: EntryEdit[]): string {
  if (doc.format === 'toml') return editToml(doc, original, edits);
  if (doc.format === 'yaml') return editYaml(original, edits);
  return editJson(original, edits);
}

function editJson(original: string, edits: EntryEdit[]): string {
  // jsonc-parser does not skip a byte-order mark; take it off and put it back.
  const bom = original.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let text = bom ? original.slice(1) : original;
  const options: jsonc.ModificationOptions = { formattingOptions: detectFormatting(text) };
  const apply = (path: JsonPath, value: unknown) => {
    text = jsonc.applyEdits(text, jsonc.modify(text, [...path], value, options));
  };
  for (const e of edits) {
    for (const key of e.remove) apply([...e.path, key], undefined);
    for (const [key, value] of e.set) apply([...e.path, key], value);
  }
  return bom + text;
}

/** The file's indentation and line ending, so inserted values look like the rest. */
function detectFormatting(text: string): jsonc.FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]);
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const sizes = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = sizes.length > 0 ? Math.min(...sizes) : 2;
  return { insertSpaces: true, tabSize, eol };
}

function editYaml(original: string, edits: EntryEdit[]): string {
  const doc = YAML.parseDocument(original);
  for (const e of edits) {
    for (const key of e.remove) doc.deleteIn([...e.path, key]);
    for (const [key, value] of e.set) {
      const node = doc.createNode(value);
      // Short argument lists read better on one line, as the clients' docs write them.
      if (YAML.isSeq(node)) node.flow = true;
      doc.setIn([...e.path, key], node);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** True when the node is a TOML table written with a `[header]` (not an inline `{...}` table). */
export function isHeaderTable(doc: ParsedDocument, node: PNode | undefined): boolean {
  return node?.kind === 'object' && doc.text[node.offset] === '[';
}
