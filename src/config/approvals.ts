// Where a client grants tool calls without asking, outside a server's own entry: Claude Code's
// `permissions.allow` (`mcp__<server>`, `mcp__<server>__<tool>`), `permissions.defaultMode`,
// `allowedTools` and `enableAllProjectMcpServers` (at the top and in each `projects.<path>` of
// `.claude.json`); VS Code's `chat.tools.autoApprove` (a switch or a per-tool map) wherever VS Code
// reads settings; Zed's `agent.always_allow_tool_actions`; Goose's `GOOSE_MODE: auto` and the
// `user.always_allow` list of its `permission.yaml`; Codex's `approval_policy = "never"`, alone or with
// the sandbox off, at the top and in each `[profiles.<name>]`. Per-server lists (`autoApprove`,
// `alwaysAllow`, `trust`, Codex's `default_tools_approval_mode`) are read with the server, in normalize.ts.
import { formatPath, type JsonPath, member, type PNode } from './document.ts';
import type { Approval } from './types.ts';

/** Every file-level grant of approval in a file of `client`, in file order. */
export function readApprovals(client: string, root: PNode): Approval[] {
  if (client === 'claude-code') return claudeCode(root);
  if (client === 'vscode') return vscode(root);
  if (client === 'zed') return zed(root);
  if (client === 'goose') return goose(root);
  if (client === 'codex') return codex(root);
  return [];
}

function claudeCode(root: PNode): Approval[] {
  const out = claudeCodeLevel(root, [], undefined);
  const projects = member(root, 'projects');
  if (projects?.kind === 'object') {
    for (const p of projects.entries) out.push(...claudeCodeLevel(p.value, ['projects', p.key], p.key));
  }
  return out;
}

/** One level of Claude Code settings: a settings file, or one project of `.claude.json`. */
function claudeCodeLevel(node: PNode, at: JsonPath, project: string | undefined): Approval[] {
  const out: Approval[] = [];
  const all = member(node, 'enableAllProjectMcpServers');
  if (all?.kind === 'boolean' && all.value) {
    out.push({
      path: [...at, 'enableAllProjectMcpServers'],
      setting: 'enableAllProjectMcpServers',
      grants: 'project-servers',
      project,
    });
  }
  const permissions = member(node, 'permissions');
  const mode = member(permissions, 'defaultMode');
  if (mode?.kind === 'string' && mode.value === 'bypassPermissions') {
    out.push({
      path: [...at, 'permissions', 'defaultMode'],
      setting: 'permissions.defaultMode: bypassPermissions',
      grants: 'all-tools',
      project,
    });
  }
  out.push(
    ...permissionRules(
      member(permissions, 'allow'),
      [...at, 'permissions', 'allow'],
      'permissions.allow',
      project,
    ),
  );
  // The older spelling, still in `.claude.json` projects and some settings files.
  out.push(
    ...permissionRules(member(node, 'allowedTools'), [...at, 'allowedTools'], 'allowedTools', project),
  );
  return out;
}

/**
 * `mcp__<server>` and `mcp__<server>__*` approve a whole server; `mcp__<server>__<tool>` one tool (the
 * tools of one server are gathered into one grant). Claude Code skips a rule with parentheses and an
 * allow wildcard without a literal server (`mcp__*`), so those grant nothing and are not read.
 */
function permissionRules(
  list: PNode | undefined,
  at: JsonPath,
  setting: string,
  project: string | undefined,
): Approval[] {
  if (list?.kind !== 'array') return [];
  const out: Approval[] = [];
  const byServer = new Map<string, Approval>();
  list.items.forEach((item, i) => {
    if (item.kind !== 'string') return;
    const m = /^mcp__(.+?)(?:__(.+))?$/.exec(item.value.trim());
    if (!m || item.value.includes('(') || m[1].includes('*')) return;
    const [, server, tool] = m;
    if (tool === undefined || tool === '*') {
      out.push({
        path: [...at, i],
        setting: `${setting}: ${item.value.trim()}`,
        grants: 'server',
        server,
        project,
      });
      return;
    }
    const seen = byServer.get(server);
    if (seen) seen.tools?.push(tool);
    else {
      const grant: Approval = { path: [...at, i], setting, grants: 'tools', server, tools: [tool], project };
      byServer.set(server, grant);
      out.push(grant);
    }
  });
  return out;
}

/** VS Code reads settings from `settings.json`, a workspace's `settings` and a dev container's `customizations.vscode.settings`. */
function vscode(root: PNode): Approval[] {
  const out: Approval[] = [];
  const places: [PNode | undefined, JsonPath][] = [
    [root, []],
    [member(root, 'settings'), ['settings']],
    [
      member(member(member(root, 'customizations'), 'vscode'), 'settings'),
      ['customizations', 'vscode', 'settings'],
    ],
  ];
  for (const [node, at] of places) {
    // `chat.tools.global.autoApprove` is the current name of the switch; `chat.tools.autoApprove` the
    // older one, which also takes a map of tool ids.
    for (const key of ['chat.tools.global.autoApprove', 'chat.tools.autoApprove']) {
      const found = setting(node, key);
      if (!found) continue;
      const [value, path] = found;
      if (value.kind === 'boolean' && value.value) {
        out.push({ path: [...at, ...path], setting: key, grants: 'all-tools' });
      } else if (value.kind === 'object') {
        const tools = value.entries
          .filter((e) => e.value.kind === 'boolean' && e.value.value)
          .map((e) => e.key);
        if (tools.length > 0) out.push({ path: [...at, ...path], setting: key, grants: 'tools', tools });
      }
    }
  }
  return out;
}

/** Zed: `agent.always_allow_tool_actions: true`, and what it became, `agent.tool_permissions.default: "allow"`. */
function zed(root: PNode): Approval[] {
  const agent = member(root, 'agent');
  const always = member(agent, 'always_allow_tool_actions');
  const out: Approval[] = [];
  if (always?.kind === 'boolean' && always.value) {
    out.push({
      path: ['agent', 'always_allow_tool_actions'],
      setting: 'agent.always_allow_tool_actions',
      grants: 'all-tools',
    });
  }
  const mode = member(member(agent, 'tool_permissions'), 'default');
  if (mode?.kind === 'string' && mode.value === 'allow') {
    out.push({
      path: ['agent', 'tool_permissions', 'default'],
      setting: 'agent.tool_permissions.default: allow',
      grants: 'all-tools',
    });
  }
  return out;
}

/** A VS Code setting written flat (`"chat.tools.autoApprove"`) or nested (`"chat": {"tools": ...}`), with its path. */
function setting(node: PNode | undefined, key: string): [PNode, JsonPath] | undefined {
  const flat = member(node, key);
  if (flat) return [flat, [key]];
  const parts = key.split('.');
  let cur = node;
  for (const p of parts) cur = member(cur, p);
  return cur ? [cur, parts] : undefined;
}

/**
 * Goose (crates/goose/src/permission/permission_inspector.rs): in `GOOSE_MODE: auto` every tool call
 * is allowed without a look at anything else; in `approve` and `smart_approve` a tool in the
 * `user.always_allow` list of `permission.yaml` runs unasked. Names there are `<extension>__<tool>`
 * (gathered per extension, as Claude Code's rules are per server). The `smart_approve` lists are
 * Goose's own cache of its read-only guesses, and Goose no longer lets an `always_allow` there pass.
 */
function goose(root: PNode): Approval[] {
  const out: Approval[] = [];
  const mode = member(root, 'GOOSE_MODE');
  if (mode?.kind === 'string' && mode.value.trim() === 'auto') {
    out.push({
      path: ['GOOSE_MODE'],
      setting: 'GOOSE_MODE: auto',
      grants: 'all-tools',
      fix: 'set GOOSE_MODE: approve (asks before every tool not marked read-only) or smart_approve',
    });
  }
  const allow = member(member(root, 'user'), 'always_allow');
  if (allow?.kind !== 'array') return out;
  const byServer = new Map<string, Approval>();
  allow.items.forEach((item, i) => {
    if (item.kind !== 'string' || item.value.trim() === '') return;
    const name = item.value.trim();
    const cut = name.indexOf('__');
    const server = cut > 0 ? name.slice(0, cut) : '';
    const tool = cut > 0 ? name.slice(cut + 2) : name;
    const seen = byServer.get(server);
    if (seen) {
      seen.tools?.push(tool);
      return;
    }
    const grant: Approval = {
      path: ['user', 'always_allow', i],
      setting: 'user.always_allow',
      grants: 'tools',
      server: server || undefined,
      tools: [tool],
      fix: 'move the tools to user.ask_before in permission.yaml, or remove them from user.always_allow',
    };
    byServer.set(server, grant);
    out.push(grant);
  });
  return out;
}

/** What Codex is told to do instead of `approval_policy = "never"`. */
const CODEX_FIX =
  'set approval_policy = "on-request" (Codex then asks before leaving the sandbox and before MCP tools marked destructive)';

/**
 * Codex (codex-rs/core/src/mcp_tool_call.rs): `approval_policy = "never"` never asks before a command
 * the model writes (it runs in the sandbox); with the sandbox off as well (`sandbox_mode =
 * "danger-full-access"`, or the permission profile `default_permissions = ":danger-full-access"`) it
 * is Codex's full-access mode, in which no MCP tool call asks either. A profile takes each key it does
 * not set from the top level.
 */
function codex(root: PNode): Approval[] {
  const out = codexLevel(root, [], undefined);
  const profiles = member(root, 'profiles');
  if (profiles?.kind === 'object') {
    for (const p of profiles.entries) out.push(...codexLevel(p.value, ['profiles', p.key], root));
  }
  return out;
}

/** One level of a Codex config: the top, or one profile (`top` is then the file, whose keys it inherits). */
function codexLevel(node: PNode, at: JsonPath, top: PNode | undefined): Approval[] {
  const own = codexKeys(node, top === undefined);
  // A profile that sets neither key says nothing of its own: the top level's finding covers it.
  if (top !== undefined && own.policy === undefined && own.sandbox === undefined) return [];
  const inherited = top === undefined ? {} : codexKeys(top, true);
  const policy = own.policy ?? inherited.policy;
  const sandbox = own.sandbox ?? inherited.sandbox;
  if (policy?.value !== 'never') return [];
  const prefix = top === undefined ? '' : `${formatPath(at)}: `;
  const full = sandbox?.full ? sandbox : undefined;
  if (!full && own.policy === undefined) return []; // the sandbox is on and the policy not this level's
  const where = own.policy ?? own.sandbox;
  if (where === undefined) return [];
  return [
    {
      path: [...at, where.key],
      setting: full
        ? `${prefix}approval_policy = "never", ${full.key} = "${full.value}"`
        : `${prefix}approval_policy = "never"`,
      grants: full ? 'all-tools' : 'commands',
      fix: CODEX_FIX,
    },
  ];
}

interface CodexKey {
  key: string;
  value: string;
  /** The sandbox is off: `danger-full-access`. */
  full: boolean;
}

/** A level's `approval_policy` and its sandbox setting (`sandbox_mode`, or at the top `default_permissions`). */
function codexKeys(node: PNode, isTop: boolean): { policy?: CodexKey; sandbox?: CodexKey } {
  const str = (key: string): CodexKey | undefined => {
    const v = member(node, key);
    if (v?.kind !== 'string') return undefined;
    const value = v.value.trim();
    return { key, value, full: value === 'danger-full-access' || value === ':danger-full-access' };
  };
  const sandbox = str('sandbox_mode') ?? (isTop ? str('default_permissions') : undefined);
  return { policy: str('approval_policy'), sandbox };
}
