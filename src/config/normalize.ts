// Turns a parsed client config into the shared model (ClientConfig / ServerSpec), whatever the
// client's dialect: maps or lists of servers, `url`/`serverUrl`/`httpUrl`/`uri`, `type`/`transport`,
// commands as strings, arrays or objects, the approval grants of each client (approvals.ts), and the
// servers maps a client does not read (kept aside, to be reported rather than dropped).
import { readApprovals } from './approvals.ts';
import { type ClientDef, clientById } from './clients.ts';
import { formatPath, type JsonPath, member, type ParsedDocument, type PNode } from './document.ts';
import { hasGuardKeys, lintGuardConfig } from './guard-lint.ts';
import type { ClientConfig, Scope, ServerSpec, SValue, Transport } from './types.ts';
import { svalue, svalueList, svalueMap } from './values.ts';

/** Keys that hold the remote URL, in the order clients prefer them. */
const URL_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint'];
/** Keys that carry credentials or auth configuration besides headers. */
const AUTH_HINT_KEYS = [
  'bearer_token_env_var',
  'bearer_token',
  'env_http_headers',
  'headersHelper',
  'authProviderType',
  'auth',
  'oauth',
];

/** Builds the model for one parsed file of `clientId`. */
export function normalize(
  file: string,
  clientId: string,
  scope: Scope,
  document: ParsedDocument,
): ClientConfig {
  const def = clientById(clientId);
  const config: ClientConfig = {
    file,
    client: def.id,
    scope,
    document,
    servers: [],
    approvals: [],
    ignored: [],
  };
  const root = document.root;
  if (def.id === 'mcp-guard') {
    // The guard's own file has one reader, the guard's loader (in lint mode); a file of that name that
    // holds no guard key is somebody else's and gets no model.
    if (document.errors.length > 0 || hasGuardKeys(root)) {
      config.guard = lintGuardConfig(document, file);
      config.servers = config.guard.servers;
    }
    return config;
  }
  if (root?.kind !== 'object') return config;
  const ctx = new Ctx(document);

  const containers = serverContainers(def, root);
  for (const [path, node] of containers.read) config.servers.push(...ctx.servers(path, node, def));
  for (const { path, node, reads } of containers.ignored) {
    const servers = ctx.servers(path, node, def);
    if (servers.length > 0) config.ignored.push({ path, reads, servers });
  }
  // A bare server object with no wrapper (seen in the wild): the file itself is one server.
  if (config.servers.length === 0 && looksLikeServer(root)) {
    const name = file.replace(/\\/g, '/').split('/').pop() ?? 'server';
    const spec = ctx.server(name, [], root, root.offset, def);
    if (spec) config.servers.push(spec);
  }
  config.approvals = readApprovals(def.id, root);
  return config;
}

/** Top-level keys that hold the servers of one client or another. */
const SERVER_KEYS = ['mcpServers', 'servers', 'mcp_servers', 'context_servers'];

/**
 * The nodes holding servers: each of the client's keys that exists, plus Claude Code's per-project
 * maps. A file of a known client that also holds another client's key (`.vscode/mcp.json` with both
 * `servers` and `mcpServers`) is read as its client reads it, and the other map is `ignored`. A generic
 * file, or one holding none of its client's keys, is read by whichever keys it has.
 */
function serverContainers(
  def: ClientDef,
  root: PNode,
): { read: [JsonPath, PNode][]; ignored: { path: JsonPath; node: PNode; reads: string }[] } {
  const found: [JsonPath, PNode][] = [];
  const ignored: { path: JsonPath; node: PNode; reads: string }[] = [];
  for (const keys of def.serversKeys) {
    let node: PNode | undefined = root;
    for (const k of keys) node = member(node, k);
    if (node && (node.kind === 'object' || node.kind === 'array')) found.push([keys, node]);
  }
  if (def.id === 'claude-code') {
    const projects = member(root, 'projects');
    if (projects?.kind === 'object') {
      for (const p of projects.entries) {
        const servers = member(p.value, 'mcpServers');
        if (servers) found.push([['projects', p.key, 'mcpServers'], servers]);
      }
    }
  }
  const readsAny = def.id === 'generic' || found.length === 0;
  const reads = found.length > 0 ? formatPath(found[0][0]) : '';
  for (const key of SERVER_KEYS) {
    const node = member(root, key);
    if (!node || (node.kind !== 'object' && node.kind !== 'array')) continue;
    if (found.some(([p]) => p.length === 1 && p[0] === key)) continue;
    if (readsAny) found.push([[key], node]);
    else ignored.push({ path: [key], node, reads });
  }
  return { read: found, ignored };
}

function looksLikeServer(node: PNode): boolean {
  const cmd = member(node, 'command');
  return cmd?.kind === 'string' || URL_KEYS.some((k) => member(node, k)?.kind === 'string');
}

/** Per-document helpers: SValue construction with positions. */
class Ctx {
  readonly doc: ParsedDocument;
  constructor(doc: ParsedDocument) {
    this.doc = doc;
  }

  sval(node: PNode | undefined, path: JsonPath): SValue | undefined {
    return svalue(this.doc, node, path);
  }

  smap(node: PNode | undefined, path: JsonPath): Record<string, SValue> {
    return svalueMap(this.doc, node, path);
  }

  slist(node: PNode | undefined, path: JsonPath): SValue[] {
    return svalueList(this.doc, node, path);
  }

  /** The servers of one map (name -> entry) or list (entries with a `name`). */
  servers(path: JsonPath, node: PNode, def: ClientDef): ServerSpec[] {
    const out: ServerSpec[] = [];
    if (node.kind === 'object') {
      for (const e of node.entries) {
        const spec = this.server(e.key, [...path, e.key], e.value, e.keyOffset, def);
        if (spec) out.push(spec);
      }
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => {
        const name = member(item, 'name');
        const spec = this.server(
          name?.kind === 'string' ? name.value : `#${i}`,
          [...path, i],
          item,
          item.offset,
          def,
        );
        if (spec) out.push(spec);
      });
    }
    return out;
  }

  server(
    name: string,
    path: JsonPath,
    node: PNode,
    keyOffset: number,
    def: ClientDef,
  ): ServerSpec | undefined {
    if (node.kind !== 'object') return undefined; // `"_comment": "..."` and other non-servers
    const { line, column } = this.doc.position(keyOffset);
    const spec: ServerSpec = {
      name,
      path,
      line,
      column,
      transport: 'stdio',
      args: [],
      env: {},
      headers: {},
      auth: { hints: [], oauth: false },
      disabled: false,
      autoApprove: [],
    };

    // Launch: `command` as a string, an array (OpenCode), or an object {path, args, env} (older Zed).
    const command = member(node, 'command') ?? member(node, 'cmd');
    const cmdKey = member(node, 'command') ? 'command' : 'cmd';
    if (command?.kind === 'array') {
      const parts = this.slist(command, [...path, cmdKey]);
      spec.command = parts[0];
      spec.args = parts.slice(1);
    } else if (command?.kind === 'object') {
      spec.command = this.sval(member(command, 'path'), [...path, cmdKey, 'path']);
      spec.args = this.slist(member(command, 'args'), [...path, cmdKey, 'args']);
      spec.env = this.smap(member(command, 'env'), [...path, cmdKey, 'env']);
    } else {
      spec.command = this.sval(command, [...path, cmdKey]);
    }
    spec.args.push(...this.slist(member(node, 'args'), [...path, 'args']));
    for (const key of ['env', 'environment', 'envs'])
      Object.assign(spec.env, this.smap(member(node, key), [...path, key]));
    spec.cwd = this.sval(member(node, 'cwd'), [...path, 'cwd']);
    spec.envFile = this.sval(member(node, 'envFile'), [...path, 'envFile']);

    // Remote endpoint.
    const urlKey = URL_KEYS.find((k) => member(node, k)?.kind === 'string');
    const transportNode = member(node, 'transport');
    if (urlKey) spec.url = this.sval(member(node, urlKey), [...path, urlKey]);
    else if (transportNode?.kind === 'object' && member(transportNode, 'url')?.kind === 'string') {
      spec.url = this.sval(member(transportNode, 'url'), [...path, 'transport', 'url']);
    }
    for (const key of ['headers', 'http_headers']) {
      Object.assign(spec.headers, this.smap(member(node, key), [...path, key]));
    }
    const requestInit = member(node, 'requestInit');
    Object.assign(
      spec.headers,
      this.smap(member(requestInit, 'headers'), [...path, 'requestInit', 'headers']),
    );

    const typeNode =
      member(node, 'type') ??
      member(node, 'transportType') ??
      (transportNode?.kind === 'object' ? member(transportNode, 'type') : transportNode);
    spec.transport = transportOf(typeNode?.kind === 'string' ? typeNode.value : undefined, urlKey, spec, def);

    for (const key of AUTH_HINT_KEYS) {
      const hint = member(node, key);
      if (!hint || hint.kind === 'null') continue;
      if (key === 'oauth' || key === 'auth' || key === 'authProviderType') spec.auth.oauth = true;
      const v = this.sval(hint, [...path, key]);
      if (v) spec.auth.hints.push(v);
      else if (hint.kind === 'object') {
        const { line: l, column: c } = this.doc.position(hint.offset);
        spec.auth.hints.push({ value: key, path: [...path, key], line: l, column: c, refs: [] });
      }
    }

    const disabled = member(node, 'disabled');
    const enabled = member(node, 'enabled');
    spec.disabled =
      (disabled?.kind === 'boolean' && disabled.value) || (enabled?.kind === 'boolean' && !enabled.value);

    for (const key of ['autoApprove', 'alwaysAllow']) {
      const list = member(node, key);
      if (list?.kind === 'array' && list.items.length > 0) {
        const tools = list.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
        spec.autoApprove.push({ path: [...path, key], tools: tools.includes('*') ? 'all' : tools });
      } else if (list?.kind === 'boolean' && list.value)
        spec.autoApprove.push({ path: [...path, key], tools: 'all' });
    }
    const trust = member(node, 'trust');
    if (trust?.kind === 'boolean' && trust.value)
      spec.autoApprove.push({ path: [...path, 'trust'], tools: 'all' });
    if (def.id === 'codex') codexApprovals(node, path, spec);
    return spec;
  }
}

/**
 * Codex's per-server approval modes (codex-rs/core/src/mcp_tool_call.rs: `approve` skips the prompt
 * outright): `default_tools_approval_mode = "approve"` for every tool of the server, and
 * `[mcp_servers.<name>.tools.<tool>] approval_mode = "approve"` for one tool (gathered into one list).
 * `auto` (the default), `writes` and `prompt` still ask before a tool that may change something.
 */
function codexApprovals(node: PNode, path: JsonPath, spec: ServerSpec): void {
  const approves = (n: PNode | undefined) => n?.kind === 'string' && n.value.trim() === 'approve';
  if (approves(member(node, 'default_tools_approval_mode')))
    spec.autoApprove.push({ path: [...path, 'default_tools_approval_mode'], tools: 'all' });
  const tools = member(node, 'tools');
  if (tools?.kind !== 'object') return;
  const approved = tools.entries.filter((e) => approves(member(e.value, 'approval_mode')));
  if (approved.length > 0) {
    spec.autoApprove.push({
      path: [...path, 'tools', approved[0].key, 'approval_mode'],
      tools: approved.map((e) => e.key),
    });
  }
}

function transportOf(
  type: string | undefined,
  urlKey: string | undefined,
  spec: ServerSpec,
  def: ClientDef,
): Transport {
  const t = type?.toLowerCase().replace(/[-_]/g, '');
  if (t === 'sse') return 'sse';
  if (t === 'ws' || t === 'websocket') return 'ws';
  if (t === 'http' || t === 'streamablehttp' || t === 'remote' || t === 'streamable') return 'http';
  if (t === 'stdio' || t === 'local') return spec.url && !spec.command ? 'http' : 'stdio';
  if (!spec.url) return 'stdio';
  if (/^wss?:/i.test(spec.url.value)) return 'ws';
  // Gemini CLI: `url` means SSE, `httpUrl` means Streamable HTTP.
  if (def.id === 'gemini' && urlKey === 'url') return 'sse';
  return 'http';
}
