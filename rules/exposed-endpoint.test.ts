// MG104: remote servers on a raw public IP or an ephemeral tunnel; names, private and loopback addresses
// are fine.
import { RuleTester } from '../src/scan/rule-tester.ts';
import exposedEndpoint from './exposed-endpoint.ts';

new RuleTester().run(exposedEndpoint, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "crm": { "url": "https://mcp.acme-crm.com/mcp" } } }',
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "lab": { "url": "https://10.0.0.44:8443/mcp" } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "dev": { "url": "https://81.2.69.142:8443/mcp" } } }',
      findings: [
        {
          message: 'remote server https://81.2.69.142:8443 is on a raw public IP address',
          severity: 'medium',
          line: 1,
          server: 'dev',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "dev": { "url": "https://4f2a-81-2-69-142.ngrok-free.app/mcp" } } }',
      findings: [
        {
          message:
            'remote server https://4f2a-81-2-69-142.ngrok-free.app is on an ephemeral ngrok tunnel; its address can pass to someone else',
          severity: 'medium',
          line: 1,
          server: 'dev',
        },
      ],
    },
  ],
});
