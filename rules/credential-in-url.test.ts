// MG103: credentials in a server URL (userinfo or query); references and placeholders are fine.
import { RuleTester } from '../src/scan/rule-tester.ts';
import credentialInUrl from './credential-in-url.ts';

new RuleTester().run(credentialInUrl, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp?api_key=${env:CRM_KEY}" } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp?api_key=YOUR_API_KEY" } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://bot:hunter2-very-secret@mcp.acme-crm.com/mcp" } } }',
      findings: [
        {
          message: 'the URL of https://mcp.acme-crm.com embeds a password (hunt…) in user:password@',
          severity: 'critical',
          line: 1,
          server: 'crm',
        },
      ],
    },
    {
      file: '.windsurf/mcp.json',
      code: '{ "mcpServers": { "search": { "serverUrl": "https://search.acme-crm.com/mcp?api_key=3f9a8b7c6d5e4f3a2b1c" } } }',
      findings: [
        {
          message:
            'the URL of https://search.acme-crm.com carries a credential in query parameter "api_key" (3f9a…)',
          severity: 'critical',
          line: 1,
          server: 'search',
        },
      ],
    },
  ],
});
