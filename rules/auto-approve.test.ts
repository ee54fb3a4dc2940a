// MG202: tools approved without asking (autoApprove, alwaysAllow, trust) and project servers enabled
// wholesale.
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
  ],
});
