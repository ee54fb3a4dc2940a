// MG301: literal credentials in a server entry (env, args, headers); references and placeholders are
// fine.
import { RuleTester } from '../src/scan/rule-tester.ts';
import hardcodedSecret from './hardcoded-secret.ts';

new RuleTester().run(hardcodedSecret, {
  valid: [
    {
      file: 'claude_desktop_config.json',
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" } } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "x": { "command": "node", "env": { "API_KEY": "<your-api-key>" } } } }',
    },
  ],
  invalid: [
    {
      file: 'claude_desktop_config.json',
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } } }',
      findings: [
        {
          message:
            'GitHub token in env.GITHUB_PERSONAL_ACCESS_TOKEN (ghp_…): a literal credential is stored in this config file',
          severity: 'critical',
          line: 1,
          server: 'github',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "exa": { "command": "npx", "args": ["-y", "exa-mcp@1.0.0", "--api-key", "c81f2e4a9b7d6c5e3f1a0b9c8d7e6f5a"] } } }',
      findings: [
        {
          message:
            'secret-named value in args[3] (--api-key) (c81f…): a literal credential is stored in this config file',
          severity: 'critical',
          line: 1,
          server: 'exa',
        },
      ],
    },
    {
      name: 'a guard backend is judged like any server',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers:\n  github:\n    command: github-mcp-server\n    env: {GITHUB_PERSONAL_ACCESS_TOKEN: ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex}\n',
      findings: [
        {
          message:
            'GitHub token in env.GITHUB_PERSONAL_ACCESS_TOKEN (ghp_…): a literal credential is stored in this config file',
          severity: 'critical',
          line: 5,
          server: 'github',
        },
      ],
    },
    {
      name: 'a server in a map the client does not read (MG001) still leaks its secret',
      file: '.vscode/mcp.json',
      code: '{\n "servers": { "a": { "command": "a" } },\n "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } }\n}\n',
      findings: [
        {
          message:
            'GitHub token in env.GITHUB_TOKEN (ghp_…): a literal credential is stored in this config file',
          severity: 'critical',
          line: 3,
          server: 'gh',
        },
      ],
    },
  ],
});
