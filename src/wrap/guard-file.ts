// Writes the guard config that `wrap` produces: a new `mcp-guard.yaml` with a commented auth choice
// and an audit log, or the same servers added to an existing one (comments kept, through the `yaml`
// Document API). The result is validated with the guard's own loader before anything is written.
import * as YAML from 'yaml';
import { parseGuardConfig } from '../config/guard.ts';
import type { GuardEntry, WrappedServer } from './plan.ts';
import { WrapError } from './plan.ts';

/** Builds the guard config text: `existing` (the current file, if any) with the wrapped servers added. */
export function guardConfigText(
  existing: string | undefined,
  servers: WrappedServer[],
  outFile: string,
  clientFile: string,
): string {
  const doc = existing === undefined ? freshDocument(clientFile) : parseExisting(existing, outFile);
  if (!doc.has('servers')) doc.set('servers', doc.createNode({}));
  for (const s of servers) {
    const name = s.spec.name;
    const plain = plainEntry(s.guard);
    const current = doc.getIn(['servers', name]);
    if (current !== undefined) {
      const same =
        JSON.stringify(YAML.isNode(current) ? current.toJSON() : current) === JSON.stringify(plain);
      if (same) continue; // wrapped before from another client with the same launch: share the entry
      throw new WrapError(
        `${outFile} already has a server named "${name}" with a different launch; choose another --out, or rename one of them`,
      );
    }
    const node = doc.createNode(plain) as YAML.YAMLMap;
    const env = node.get('env', true) as YAML.YAMLMap | undefined;
    for (const [key, note] of Object.entries(s.guard.envNotes)) {
      const value = env?.get(key, true) as YAML.Scalar | undefined;
      if (value) value.comment = ` ${note}`;
    }
    node.commentBefore = ` moved from ${clientFile}`;
    doc.setIn(['servers', name], node);
  }
  const text = doc.toString({ lineWidth: 0 });
  validate(text, outFile);
  return text;
}

/** The entry as written: empty maps and lists left out, so the file reads like a hand-written one. */
function plainEntry(g: GuardEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { command: g.command };
  if (g.args.length > 0) out.args = g.args;
  if (Object.keys(g.env).length > 0) out.env = g.env;
  if (g.cwd !== undefined) out.cwd = g.cwd;
  return out;
}

function freshDocument(clientFile: string): YAML.Document {
  const doc = new YAML.Document({
    auth: { mode: 'none' },
    servers: {},
    audit: { path: '.mcp-guard/audit.jsonl' },
  });
  doc.commentBefore = [
    ' mcp-guard guard config, written by `mcp-guard guard wrap`.',
    ` The client (${clientFile}) starts each server below through`,
    ' `mcp-guard guard serve --config <this file> --server <name>`; reference: docs/guard-config.md.',
  ].join('\n');
  const root = doc.contents as YAML.YAMLMap;
  const comment = (key: string, text: string) => {
    const pair = root.items.find((p) => YAML.isScalar(p.key) && p.key.value === key);
    if (pair && YAML.isScalar(pair.key)) pair.key.commentBefore = text;
  };
  comment(
    'auth',
    [
      ' The guard runs over stdio here: the client that starts it is its only caller, so there is no',
      ' one to authenticate. Before adding an `http:` section, switch to api_key or jwt (scanner rule MG210).',
    ].join('\n'),
  );
  comment(
    'audit',
    ' Every call is recorded (hash-chained; check it with `mcp-guard guard audit verify <file>`).',
  );
  return doc;
}

function parseExisting(text: string, outFile: string): YAML.Document {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0)
    throw new WrapError(`${outFile}: cannot parse: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.contents !== null && !YAML.isMap(doc.contents))
    throw new WrapError(`${outFile}: expected a guard config (a mapping with auth, servers ...)`);
  const servers = doc.get('servers', true);
  if (servers !== undefined && !YAML.isMap(servers))
    throw new WrapError(`${outFile}: servers is not a mapping`);
  return doc;
}

/**
 * Loads the text with the guard's own loader, so `wrap` never writes a config `guard serve` would
 * refuse. Variables are not known yet (they are set where the guard runs), so each reads as a stand-in.
 */
function validate(text: string, outFile: string): void {
  const anyValue = new Proxy({} as NodeJS.ProcessEnv, { get: () => 'set-at-run-time' });
  try {
    parseGuardConfig(text, outFile, anyValue);
  } catch (error) {
    throw new WrapError(`the guard config would not load: ${(error as Error).message}`);
  }
}
