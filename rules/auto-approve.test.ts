// MG202: tools approved without asking, wherever a client grants it: per-server lists (autoApprove,
// alwaysAllow, both kept; trust), Claude Code permissions.allow / allowedTools / defaultMode and
// enableAllProjectMcpServers at every level, VS Code chat.tools.autoApprove (switch and per-tool map)
// in settings, workspaces and dev containers, Zed's always_allow_tool_actions.
import { RuleTester } from '../src/scan/rule-tester.ts';
import autoApprove from './auto-approve.ts';

new RuleTester().run(autoApprove, {
  valid: [
    {
      file: '.roo/mcp.json',
      code: '{ "mcpServers": { "shell": { "command": "npx", "args": ["-y", "@acme/shell-mcp@1.2.3"], "alwaysAllow": [] } } }',
    },
    {
      file: '.gemini/settings.json',
      code: '{ "mcpServers": { "files": { "command": "node", "args": ["fs.js"], "trust": false } } }',
    },
    {
      name: 'rules Claude Code skips or that grant nothing of MCP',
      file: '.claude/settings.json',
      code: '{ "permissions": { "allow": ["mcp__*", "mcp__gh__get_issue(owner:x)", "Bash(ls)"], "deny": ["mcp__gh"], "defaultMode": "acceptEdits" } }',
    },
    {
      name: 'VS Code switches off, and the eligibility map',
      file: '.vscode/settings.json',
      code: '{ "chat.tools.autoApprove": false, "chat.tools.global.autoApprove": { "x": false }, "chat.tools.eligibleForAutoApproval": { "fetch": false } }',
    },
    {
      name: 'a permissions.allow outside a Claude Code file',
      file: '.cursor/mcp.json',
      code: '{ "permissions": { "allow": ["mcp__github"] }, "mcpServers": {} }',
    },
  ],
  invalid: [
    {
      file: '.roo/mcp.json',
      code: '{ "mcpServers": { "shell": { "command": "npx", "args": ["-y", "@acme/shell-mcp@1.2.3"], "alwaysAllow": ["*"] } } }',
      findings: [
        {
          message: 'every tool of server "shell" runs without asking (alwaysAllow)',
          severity: 'high',
          line: 1,
          server: 'shell',
        },
      ],
    },
    {
      file: 'cline_mcp_settings.json',
      code: '{ "mcpServers": { "github": { "command": "gh-mcp", "autoApprove": ["get_issue", "list_issues"] } } }',
      findings: [
        {
          message: '2 tool(s) of server "github" run without asking: get_issue, list_issues',
          severity: 'medium',
          line: 1,
          server: 'github',
        },
      ],
    },
    {
      file: '.claude/settings.json',
      code: '{ "enableAllProjectMcpServers": true }',
      findings: [
        {
          message: 'enableAllProjectMcpServers: every server in a project .mcp.json starts without asking',
          severity: 'medium',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'Claude Code permissions: a whole server, a wildcard, tools gathered per server, bypass mode',
      file: '.claude/settings.local.json',
      code: '{\n  "permissions": {\n    "allow": ["mcp__github", "mcp__pg__*", "mcp__jira__get_issue", "mcp__jira__search"],\n    "defaultMode": "bypassPermissions"\n  }\n}\n',
      findings: [
        {
          message: 'every tool of server "github" runs without asking (permissions.allow: mcp__github)',
          severity: 'high',
          server: 'github',
        },
        {
          message: 'every tool of server "pg" runs without asking (permissions.allow: mcp__pg__*)',
          severity: 'high',
        },
        { message: '2 tool(s) of server "jira" run without asking: get_issue, search', severity: 'medium' },
        {
          message:
            'every tool of every server runs without asking (permissions.defaultMode: bypassPermissions)',
          severity: 'high',
          line: 4,
          server: null,
        },
      ],
    },
    {
      name: '.claude.json: enableAllProjectMcpServers and allowedTools of a project',
      file: '.claude.json',
      code: '{ "projects": { "/w/app": { "enableAllProjectMcpServers": true, "allowedTools": ["mcp__sentry__get_issue"] } } }',
      findings: [
        {
          message:
            'enableAllProjectMcpServers for project /w/app: every server in its .mcp.json starts without asking',
          severity: 'medium',
        },
        {
          message: '1 tool(s) of server "sentry" run without asking: get_issue',
          severity: 'medium',
          server: 'sentry',
        },
      ],
    },
    {
      name: 'VS Code: the global switch',
      file: '.vscode/settings.json',
      code: '{ "chat.tools.autoApprove": true }',
      findings: [
        {
          message: 'every tool of every server runs without asking (chat.tools.autoApprove)',
          severity: 'high',
        },
      ],
    },
    {
      name: 'VS Code workspace: the per-tool map',
      file: 'team.code-workspace',
      code: '{ "settings": { "chat.tools.autoApprove": { "mcp_gh_get_issue": true, "runInTerminal": false } } }',
      findings: [
        {
          message: '1 tool(s) run without asking (chat.tools.autoApprove): mcp_gh_get_issue',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'a dev container: the current name of the switch',
      file: '.devcontainer/devcontainer.json',
      code: '{ "customizations": { "vscode": { "settings": { "chat.tools.global.autoApprove": true } } } }',
      findings: [
        {
          message: 'every tool of every server runs without asking (chat.tools.global.autoApprove)',
          severity: 'high',
        },
      ],
    },
    {
      name: 'Cline and Roo lists on one server: both kept',
      file: '.roo/mcp.json',
      code: '{ "mcpServers": { "f": { "command": "f-mcp", "autoApprove": ["read"], "alwaysAllow": ["write"] } } }',
      findings: [
        { message: '1 tool(s) of server "f" run without asking: read', severity: 'medium' },
        { message: '1 tool(s) of server "f" run without asking: write', severity: 'medium' },
      ],
    },
    {
      name: 'Zed: every tool action, old and new spelling',
      file: '.zed/settings.json',
      code: '{ "agent": { "always_allow_tool_actions": true, "tool_permissions": { "default": "allow" } } }',
      findings: [
        {
          message: 'every tool of every server runs without asking (agent.always_allow_tool_actions)',
          severity: 'high',
        },
        {
          message: 'every tool of every server runs without asking (agent.tool_permissions.default: allow)',
          severity: 'high',
        },
      ],
    },
  ],
});
