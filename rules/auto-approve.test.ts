// MG202: tools approved without asking, wherever a client grants it: per-server lists (autoApprove,
// alwaysAllow, both kept; trust), Claude Code permissions.allow / allowedTools / defaultMode and
// enableAllProjectMcpServers at every level, VS Code chat.tools.autoApprove (switch and per-tool map)
// in settings, workspaces and dev containers, Zed's always_allow_tool_actions, Goose's GOOSE_MODE and
// permission.yaml, Codex's approval_policy (alone, with the sandbox off, in a profile) and its
// per-server approval modes; each of the last two with a fix that names the safer value.
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
      name: 'Goose modes that ask',
      file: '.config/goose/config.yaml',
      code: 'GOOSE_MODE: approve\nextensions:\n  fetch:\n    cmd: uvx\n    args: [mcp-server-fetch==2025.4.7]\n',
    },
    {
      name: 'Goose smart_approve, and a permission.yaml that only asks or forbids',
      file: '.config/goose/permission.yaml',
      code: 'user:\n  always_allow: []\n  ask_before: [developer__shell]\n  never_allow: [github__delete_repo]\nsmart_approve:\n  always_allow: [developer__tree]\n  ask_before: []\n  never_allow: []\n',
    },
    {
      name: 'Codex asking on request, a full-access sandbox that still asks, a profile that asks',
      file: '.codex/config.toml',
      code: 'approval_policy = "on-request"\nsandbox_mode = "danger-full-access"\n\n[profiles.ci]\napproval_policy = "untrusted"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\ndefault_tools_approval_mode = "prompt"\n\n[mcp_servers.docs.tools.search]\napproval_mode = "auto"\n',
    },
    {
      name: 'a Codex profile that sets neither key inherits the top level, reported there only',
      file: '.codex/config.toml',
      code: 'model = "o4-mini"\n\n[profiles.fast]\nmodel = "gpt-5"\n',
    },
    {
      name: 'a Codex file that does not parse grants nothing (MG000 reports it)',
      file: '.codex/config.toml',
      code: 'approval_policy = "never"\nsandbox_mode = "danger-full-access"\n[profiles.x\n',
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
    {
      name: 'Goose: auto mode, with the fix naming the modes that ask',
      file: '.config/goose/config.yaml',
      code: 'GOOSE_PROVIDER: anthropic\nGOOSE_MODE: auto\n',
      findings: [
        {
          message: 'every tool of every server runs without asking (GOOSE_MODE: auto)',
          severity: 'high',
          line: 2,
          server: null,
          fix: 'set GOOSE_MODE: approve (asks before every tool not marked read-only) or smart_approve',
        },
      ],
    },
    {
      name: 'Goose permission.yaml: user.always_allow, gathered per extension',
      file: '.config/goose/permission.yaml',
      code: 'user:\n  always_allow:\n    - developer__shell\n    - github__get_issue\n    - github__create_issue\n    - lonely_tool\n  ask_before: []\n  never_allow: []\n',
      findings: [
        {
          message: '1 tool(s) of server "developer" run without asking: shell',
          severity: 'medium',
          line: 3,
          server: 'developer',
          fix: 'move the tools to user.ask_before in permission.yaml, or remove them from user.always_allow',
        },
        {
          message: '2 tool(s) of server "github" run without asking: get_issue, create_issue',
          severity: 'medium',
          line: 4,
          server: 'github',
        },
        {
          message: '1 tool(s) run without asking (user.always_allow): lonely_tool',
          severity: 'medium',
          line: 6,
          server: null,
        },
      ],
    },
    {
      name: 'Codex: never asks, with the sandbox on',
      file: '.codex/config.toml',
      code: 'model = "o4-mini"\napproval_policy = "never"\nsandbox_mode = "workspace-write"\n',
      findings: [
        {
          message:
            'the commands the model writes run without asking, inside the sandbox (approval_policy = "never")',
          severity: 'medium',
          line: 2,
          fix: 'set approval_policy = "on-request" (Codex then asks before leaving the sandbox and before MCP tools marked destructive)',
        },
      ],
    },
    {
      name: 'Codex: never asks and no sandbox (full access), top level and the permission-profile spelling',
      file: '.codex/config.toml',
      code: 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n',
      findings: [
        {
          message:
            'every tool of every server runs without asking (approval_policy = "never", sandbox_mode = "danger-full-access")',
          severity: 'high',
          line: 2,
          server: null,
        },
      ],
    },
    {
      file: 'codex/config.toml',
      code: 'approval_policy = "never"\ndefault_permissions = ":danger-full-access"\n',
      findings: [
        {
          message:
            'every tool of every server runs without asking (approval_policy = "never", default_permissions = ":danger-full-access")',
          severity: 'high',
          line: 1,
        },
      ],
    },
    {
      name: 'Codex profiles: one turns the sandbox off under a top-level never, one never asks, one asks',
      file: '.codex/config.toml',
      code: [
        'approval_policy = "never"',
        'sandbox_mode = "read-only"',
        '',
        '[profiles.yolo]',
        'sandbox_mode = "danger-full-access"',
        '',
        '[profiles."night build"]',
        'approval_policy = "never"',
        'sandbox_mode = "workspace-write"',
        '',
        '[profiles.careful]',
        'approval_policy = "on-request"',
        'sandbox_mode = "danger-full-access"',
        '',
      ].join('\n'),
      findings: [
        {
          message:
            'the commands the model writes run without asking, inside the sandbox (approval_policy = "never")',
          severity: 'medium',
          line: 1,
        },
        {
          message:
            'every tool of every server runs without asking (profiles.yolo: approval_policy = "never", sandbox_mode = "danger-full-access")',
          severity: 'high',
          line: 5,
        },
        {
          message:
            'the commands the model writes run without asking, inside the sandbox (profiles["night build"]: approval_policy = "never")',
          severity: 'medium',
          line: 8,
        },
      ],
    },
    {
      name: 'Codex servers: every tool approved, some tools approved, a disabled server one step lower',
      file: '.codex/config.toml',
      code: [
        '[mcp_servers.shell]',
        'command = "shell-mcp"',
        'default_tools_approval_mode = "approve"',
        '',
        '[mcp_servers.docs]',
        'command = "docs-mcp"',
        '',
        '[mcp_servers.docs.tools.search]',
        'approval_mode = "approve"',
        '',
        '[mcp_servers.docs.tools.fetch]',
        'approval_mode = "approve"',
        '',
        '[mcp_servers.docs.tools.write]',
        'approval_mode = "prompt"',
        '',
        '[mcp_servers.old]',
        'command = "old-mcp"',
        'enabled = false',
        'default_tools_approval_mode = "approve"',
        '',
      ].join('\n'),
      findings: [
        {
          message:
            'every tool of server "shell" runs without asking (default_tools_approval_mode = "approve")',
          severity: 'high',
          line: 3,
          server: 'shell',
          fix: 'set default_tools_approval_mode = "prompt", or remove it (Codex then asks before tools marked destructive)',
        },
        {
          message: '2 tool(s) of server "docs" run without asking: search, fetch',
          severity: 'medium',
          line: 9,
          server: 'docs',
          fix: 'set approval_mode = "prompt" for these tools, or remove it',
        },
        {
          message: 'every tool of server "old" runs without asking (default_tools_approval_mode = "approve")',
          severity: 'medium',
          line: 20,
          server: 'old',
        },
      ],
    },
  ],
});
