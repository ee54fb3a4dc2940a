// MG202: tool calls (or whole servers) approved without asking. The approval prompt is the last
// point where a person sees what the model is about to do; an auto-approved tool runs whatever a
// prompt injection in a web page, issue or file asks of it. "All tools" is worse than a short list.
// Per-server lists (`autoApprove`, `alwaysAllow`, `trust`, Codex approval modes) are read with the
// server; the grants written elsewhere (Claude Code `permissions.allow`, VS Code
// `chat.tools.autoApprove`, Goose `GOOSE_MODE`, Codex `approval_policy` ...) by src/config/approvals.ts.
// A grant that is a mode with a safer value carries its own fix, which names that value.
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
  commands: 'the commands the model writes run without asking, inside the sandbox ({key})',
};

/**
 * Codex's per-server approval modes, as the messages name them, and how to take each back
 * (`prompt` asks before every call of the tool).
 */
const CODEX_SERVER_KEYS: Record<string, { shown: string; fix: string }> = {
  default_tools_approval_mode: {
    shown: 'default_tools_approval_mode = "approve"',
    fix: 'set default_tools_approval_mode = "prompt", or remove it (Codex then asks before tools marked destructive)',
  },
  approval_mode: {
    shown: 'approval_mode = "approve"',
    fix: 'set approval_mode = "prompt" for these tools, or remove it',
  },
};

/** Reports one file-level grant. */
function reportGrant(g: Approval, ctx: RuleContext<keyof typeof MESSAGES>): void {
  const fix = g.fix;
  switch (g.grants) {
    case 'commands':
      ctx.report({ path: g.path, message: 'commands', data: { key: g.setting }, fix });
      return;
    case 'project-servers':
      ctx.report({
        path: g.path,
        message: g.project === undefined ? 'projectServers' : 'projectServersOf',
        data: { project: g.project ?? '' },
      });
      return;
    case 'all-tools':
      ctx.report({ path: g.path, message: 'everyTool', data: { key: g.setting }, severity: 'high', fix });
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
          fix,
        });
        return;
      }
      ctx.report({
        path: g.path,
        message: 'some',
        data: { server: g.server, count: tools.length, tools: list(tools) },
        server: g.server,
        fix,
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
    'Tool calls are approved without asking (autoApprove, alwaysAllow, trust, permissions.allow, chat.tools.autoApprove, enableAllProjectMcpServers, GOOSE_MODE: auto, Codex approval_policy = "never").',
  description:
    'Clients ask before running a tool so that a person can stop a harmful call. `autoApprove` / `alwaysAllow` (Cline, Roo Code, Kiro, Amazon Q), Gemini CLI `trust: true`, Claude Code `permissions.allow` entries naming MCP tools (`mcp__github` approves a whole server), `permissions.defaultMode: bypassPermissions` and `enableAllProjectMcpServers`, VS Code `chat.tools.autoApprove`, Zed `always_allow_tool_actions`, Goose `GOOSE_MODE: auto` and the `user.always_allow` list of its `permission.yaml`, Codex `approval_policy = "never"` (with the sandbox off, every MCP tool too) and the `default_tools_approval_mode = "approve"` of a Codex server skip that step: a prompt injection hidden in a web page, an issue or a file the agent reads can then make it call those tools with no one looking. Approving every tool of a server, or of every server, is reported as high; a short list of read-only tools is a smaller risk, but review it.',
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
    'For Gemini CLI remove `"trust": true`; for Claude Code remove `enableAllProjectMcpServers` and approve project servers one by one; for Goose set `GOOSE_MODE: approve` or `smart_approve`; for Codex set `approval_policy = "on-request"` and `default_tools_approval_mode = "prompt"`.',
  ].join('\n'),
  fix: 'remove the auto-approval, or limit it to read-only tools',
  tags: ['security', 'human-in-the-loop', 'external/cwe/cwe-862'],
  messages: MESSAGES,
  checkServer(server, ctx) {
    // Cline reads `autoApprove`, Roo Code `alwaysAllow`: a server with both is approved by both.
    for (const auto of server.autoApprove) {
      const last = String(auto.path[auto.path.length - 1]);
      const codex = ctx.config.client === 'codex' ? CODEX_SERVER_KEYS[last] : undefined;
      const key = codex?.shown ?? last;
      if (auto.tools === 'all') {
        ctx.report({
          path: auto.path,
          message: 'all',
          data: { server: server.name, key },
          severity: 'high',
          fix: codex?.fix,
        });
        continue;
      }
      ctx.report({
        path: auto.path,
        message: 'some',
        data: { server: server.name, count: auto.tools.length, tools: list(auto.tools) },
        fix: codex?.fix,
      });
    }
  },
  checkFile(config, ctx) {
    for (const grant of config.approvals) reportGrant(grant, ctx);
  },
});
