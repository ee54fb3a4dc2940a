// MG401: packages and images fetched at launch without an exact version.
import { RuleTester } from '../src/scan/rule-tester.ts';
import unpinnedPackage from './unpinned-package.ts';

new RuleTester().run(unpinnedPackage, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "time": { "command": "uvx", "args": ["mcp-server-time==0.6.2"] } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } } }',
      findings: [
        {
          message:
            'npx runs @modelcontextprotocol/server-github without a version: each start may fetch a different release',
          severity: 'medium',
          line: 1,
          server: 'github',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@latest"] } } }',
      findings: [
        {
          message:
            'npx runs @supabase/mcp-server-supabase@latest: each start fetches whatever was published last',
          severity: 'medium',
          line: 1,
          server: 'supabase',
        },
      ],
    },
    {
      file: '.vscode/mcp.json',
      code: '{ "servers": { "gh": { "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"] } } }',
      findings: [
        {
          message:
            'docker run runs image ghcr.io/github/github-mcp-server without a tag or digest (it means :latest)',
          severity: 'medium',
          line: 1,
          server: 'gh',
        },
      ],
    },
    {
      name: 'a guard backend is judged like any server',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers:\n  wallet: {command: "npx -y @acme/wallet-mcp"}\n',
      findings: [
        {
          message: 'npx runs @acme/wallet-mcp without a version: each start may fetch a different release',
          severity: 'medium',
          line: 3,
          server: 'wallet',
        },
      ],
    },
  ],
});
