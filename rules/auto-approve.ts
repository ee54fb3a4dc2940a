// MG202: tool calls (or whole servers) approved without asking. The approval prompt is the last
// point where a person sees what the model is about to do; an auto-approved tool runs whatever a
// prompt injection in a web page, issue or file asks of it. "All tools" is worse than a short list.
// Per-server lists (`autoApprove`, `alwaysAllow`, `trust`) are read with the server; the grants
// written elsewhere (Claude Code `permissions.allow`, VS Code `chat.tools.autoApprove` ...) by
// src/config/approvals.ts.
import type { Approval } from '../src/config/types.ts';
import { defineRule, type RuleContext } from '../src/scan/rule.ts';

/** How many tool names to show before "and N more". */
const SHOWN = 5;

function list(tools: string[]): string {
  const more = tools.length > SHOWN ? ` and ${tools.length - SHOWN} more` : '';
  return tools.slice(0, SHOWN).join(', ') + more;
}

const MESSAGES = {
  all: 'every tool of server "{server}" runs without asking ({key})',
  some: '{count} tool(s) of server "{server}" run without asking: {tools}',
  projectServers: 'enableAllProjectMcpServers: every server in a project .mcp.json starts without asking',
  projectServersOf:
    'enableAllProjectMcpServers for project {project}: every server in its .mcp.json starts without asking',
  everyTool: 'every tool of every server runs without asking ({key})',
  tools: '{count} tool(s) run without asking ({key}): {tools}',
};

/** Reports one file-level grant. */
function reportGrant(g: Approval, ctx: RuleContext<keyof typeof MESSAGES>): void {
  switch (g.grants) {
    case 'project-servers':
      ctx.report({
        path: g.path,
        message: g.project === undefined ? 'projectServers' : 'projectServersOf',
        data: { project: g.project ?? '' },
      });
      return;
    case 'all-tools':
      ctx.report({ path: g.path, message: 'everyTool', data: { key: g.setting }, severity: 'high' });
      return;
    case 'server':
      ctx.report({
        path: g.path,
        message: 'all',
        data: { server: g.server ?? '', key: g.setting },
        severity: 'high',
        server: g.server,
      });
      return;
    case 'tools': {
      const tools = g.tools ?? [];
      if (g.server === undefined) {
        ctx.report({
          path: g.path,
          message: 'tools',
          data: { count: tools.length, key: g.setting, tools: list(tools) },
        });
        return;
      }
      ctx.report({
        path: g.path,
        message: 'some',
        data: { server: g.server, count: tools.length, tools: list(tools) },
        server: g.server,
      });
    }
  }
}

export default defineRule({
  code: 'MG202',
  name: 'auto-approve',
  severity: 'medium',
  precision: 'high',
  summary:
    'Tool calls are approved without asking (autoApprove, alwaysAllow, trust, permissions.allow, chat.tools.autoApprove, enableAllProjectMcpServers).',
  description:
    'Clients ask before running a tool so that a person can stop a harmful call. `autoApprove` / `alwaysAllow` (Cline, Roo Code, Kiro, Amazon Q), Gemini CLI `trust: true`, Claude Code `permissions.allow` entries naming MCP tools (`mcp__github` approves a whole server), `permissions.defaultMode: bypassPermissions` and `enableAllProjectMcpServers`, VS Code `chat.tools.autoApprove` and Zed `always_allow_tool_actions` skip that step: a prompt injection hidden in a web page, an issue or a file the agent reads can then make it call those tools with no one looking. Approving every tool of a server, or of every server, is reported as high; a short list of read-only tools is a smaller risk, but review it.',
  help: [
    'Approve only read-only tools, or none. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": ["*"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": [] } } }',
    '```',
    '',
    'For Gemini CLI remove `"trust": true`; for Claude Code remove `enableAllProjectMcpServers` and approve project servers one by one.',
  ].join('\n'),
  fix: 'remove the auto-approval, or limit it to read-only tools',
  tags: ['security', 'human-in-the-loop', 'external/cwe/cwe-862'],
  messages: MESSAGES,
  checkServer(server, ctx) {
    // Cline reads `autoApprove`, Roo Code `alwaysAllow`: a server with both is approved by both.
    for (const auto of server.autoApprove) {
      const key = String(auto.path[auto.path.length - 1]);
      if (auto.tools === 'all') {
        ctx.report({ path: auto.path, message: 'all', data: { server: server.name, key }, severity: 'high' });
        continue;
      }
      ctx.report({
        path: auto.path,
        message: 'some',
        data: { server: server.name, count: auto.tools.length, tools: list(auto.tools) },
      });
    }
  },
  checkFile(config, ctx) {
    for (const grant of config.approvals) reportGrant(grant, ctx);
  },
});
