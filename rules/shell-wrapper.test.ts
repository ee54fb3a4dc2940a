// MG402: servers launched through a shell string (sh -c, cmd /c, powershell -Command, encoded commands).
import { RuleTester } from '../src/scan/rule-tester.ts';
import shellWrapper from './shell-wrapper.ts';

new RuleTester().run(shellWrapper, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "tools": { "command": "node", "args": ["server.js"] } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "tools": { "command": "bash", "args": ["-c", "cd ~/tools && source .env && node server.js"] } } }',
      findings: [
        {
          message: 'bash -c runs a shell string: cd ~/tools && source .env && node server.js',
          severity: 'medium',
          line: 1,
          server: 'tools',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "plain": { "command": "sh", "args": ["-c", "node /opt/mcp/server.js"] } } }',
      findings: [
        {
          message: 'sh -c runs a shell string: node /opt/mcp/server.js',
          severity: 'low',
          line: 1,
          server: 'plain',
        },
      ],
    },
    {
      file: '.vscode/mcp.json',
      code: '{ "servers": { "ps": { "command": "pwsh", "args": ["-enc", "bgBvAGQAZQAgAHMAZQByAHYAZQByAC4AagBzAA=="] } } }',
      findings: [
        {
          message: 'pwsh -enc runs a hidden (base64) command: node server.js',
          severity: 'high',
          line: 1,
          server: 'ps',
        },
      ],
    },
  ],
});
