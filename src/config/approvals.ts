// Where a client grants tool calls without asking, outside a server's own entry: Claude Code's
// `permissions.allow` (`mcp__<server>`, `mcp__<server>__<tool>`), `permissions.defaultMode`,
// `allowedTools` and `enableAllProjectMcpServers` (at the top and in each `projects.<path>` of
// `.claude.json`); VS Code's `chat.tools.autoApprove` (a switch or a per-tool map) wherever VS Code
// reads settings; Zed's `agent.always_allow_tool_actions`. Per-server lists (`autoApprove`,
// `alwaysAllow`, `trust`) are read with the server, in normalize.ts.
import { type JsonPath, member, type PNode } from './document.ts';
import type { Approval } from './types.ts';

/** Every file-level grant of approval in a file of `client`, in file order. */
export function readApprovals(client: string, root: PNode): Approval[] {
  if (client === 'claude-code') return claudeCode(root);
  if (client === 'vscode') return vscode(root);
  if (client === 'zed') return zed(root);
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
