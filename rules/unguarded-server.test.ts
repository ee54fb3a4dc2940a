// MG201: local servers launched directly, not through `mcp-guard guard serve`; remote servers and
// guarded ones are fine, and so are the guard's own backends.
import { RuleTester } from '../src/scan/rule-tester.ts';
import unguardedServer from './unguarded-server.ts';

new RuleTester().run(unguardedServer, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "mcp-guard", "guard", "serve", "--config", "mcp-guard.yaml"] } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp" } } }',
    },
    {
      name: 'a guard config recognised by its shape: its servers are the guarded backends',
      file: 'deploy/wallet.yaml',
      code: 'auth: {mode: api_key, keys: ["${K}"]}\nservers:\n  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}\n',
    },
  ],
  invalid: [
    {
      file: 'claude_desktop_config.json',
      code: '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/data"] } } }',
      findings: [
        {
          message: 'server "files" is launched directly (npx), not through mcp-guard guard serve',
          severity: 'low',
          line: 1,
          server: 'files',
        },
      ],
    },
    {
      file: '.codex/config.toml',
      code: '[mcp_servers.py]\ncommand = "python"\nargs = ["-m", "server"]\n',
      findings: [
        {
          message: 'server "py" is launched directly (python), not through mcp-guard guard serve',
          severity: 'low',
          line: 2,
          server: 'py',
        },
      ],
    },
  ],
});
