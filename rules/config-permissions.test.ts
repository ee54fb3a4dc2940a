// MG501: a config file on the user's machine that holds a literal secret and that other users can read
// or write.
import { RuleTester } from '../src/scan/rule-tester.ts';
import configPermissions from './config-permissions.ts';

new RuleTester().run(configPermissions, {
  valid: [
    {
      name: 'mode 600',
      file: '.cursor/mcp.json',
      mode: 'machine',
      stat: { mode: 0o100600, dirMode: 0o40700 },
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } } }',
    },
    {
      name: 'no secret in the file',
      file: '.cursor/mcp.json',
      mode: 'machine',
      stat: { mode: 0o100666, dirMode: 0o40755 },
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" } } } }',
    },
    {
      name: 'a repository scan does not judge modes',
      file: '.cursor/mcp.json',
      mode: 'repo',
      stat: { mode: 0o100644, dirMode: 0o40755 },
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } } }',
    },
  ],
  invalid: [
    {
      name: 'mode 644',
      file: '.cursor/mcp.json',
      mode: 'machine',
      stat: { mode: 0o100644, dirMode: 0o40755 },
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } } }',
      findings: [
        {
          message:
            'this file holds a literal secret (env.GITHUB_PERSONAL_ACCESS_TOKEN, ghp_…) and is readable by other users (mode 644)',
          severity: 'medium',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'mode 666',
      file: '.cursor/mcp.json',
      mode: 'machine',
      stat: { mode: 0o100666, dirMode: 0o40755 },
      code: '{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex" } } } }',
      findings: [
        {
          message:
            'this file holds a literal secret (env.GITHUB_PERSONAL_ACCESS_TOKEN, ghp_…) and the file is writable by other users (mode 666)',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
  ],
});
