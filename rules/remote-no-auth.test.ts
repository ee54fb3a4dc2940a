// MG101: remote servers reached with no credential; headers, tokens, OAuth and loopback are fine.
import { RuleTester } from '../src/scan/rule-tester.ts';
import remoteNoAuth from './remote-no-auth.ts';

new RuleTester().run(remoteNoAuth, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp", "headers": { "Authorization": "Bearer ${env:CRM_TOKEN}" } } } }',
    },
    {
      file: '.codex/config.toml',
      code: '[mcp_servers.docs]\nurl = "https://mcp.acme-docs.com/mcp"\nbearer_token_env_var = "DOCS_TOKEN"\n',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "local": { "url": "http://localhost:3000/mcp" } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp" } } }',
      findings: [
        {
          message:
            'remote server https://mcp.acme-crm.com is reached with no credential configured; unless it asks for OAuth when connecting, anyone can call its tools',
          severity: 'low',
          line: 1,
          server: 'crm',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "dev": { "url": "https://81.2.69.142:8443/mcp" } } }',
      findings: [
        {
          message:
            'remote server https://81.2.69.142:8443 is reached with no credential: no auth header, token, OAuth or key',
          severity: 'medium',
          line: 1,
          server: 'dev',
        },
      ],
    },
    {
      file: '.vscode/mcp.json',
      code: '{ "servers": { "lab": { "type": "http", "url": "http://10.0.0.44:8000/mcp" } } }',
      findings: [
        {
          message:
            'remote server http://10.0.0.44:8000 is reached with no credential: no auth header, token, OAuth or key',
          severity: 'low',
          line: 1,
          server: 'lab',
        },
      ],
    },
  ],
});
