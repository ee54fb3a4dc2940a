// MG102: plain http:// to a remote host; https, loopback and references are fine.
import { RuleTester } from '../src/scan/rule-tester.ts';
import plaintextHttp from './plaintext-http.ts';

new RuleTester().run(plaintextHttp, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp" } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "local": { "url": "http://127.0.0.1:8080/mcp" } } }',
    },
    { file: '.cursor/mcp.json', code: '{ "mcpServers": { "var": { "url": "${env:MCP_URL}" } } }' },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "http://mcp.acme-crm.com/mcp", "headers": { "Authorization": "Bearer ${env:T}" } } } }',
      findings: [
        {
          message:
            'http:// to remote host http://mcp.acme-crm.com: tool calls and the credential travel unencrypted',
          severity: 'high',
          line: 1,
          server: 'crm',
        },
      ],
    },
    {
      file: '.vscode/mcp.json',
      code: '{ "servers": { "nas": { "type": "http", "url": "http://192.168.1.20:8000/mcp" } } }',
      findings: [
        {
          message: 'http:// to http://192.168.1.20:8000 on the local network: tool calls travel unencrypted',
          severity: 'medium',
          line: 1,
          server: 'nas',
        },
      ],
    },
    {
      file: '.mcp.json',
      code: '{ "mcpServers": { "old": { "url": "http://old.acme-crm.com/sse", "disabled": true } } }',
      findings: [
        {
          message: 'http:// to remote host http://old.acme-crm.com: tool calls travel unencrypted',
          severity: 'medium',
          line: 1,
          server: 'old',
        },
      ],
    },
  ],
});
