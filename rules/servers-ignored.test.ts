// MG001: a servers map the file's client does not read is named, not dropped; generic files and files
// holding only one map give none.
import { RuleTester } from '../src/scan/rule-tester.ts';
import serversIgnored from './servers-ignored.ts';

new RuleTester().run(serversIgnored, {
  valid: [
    {
      name: 'a generic mcp.json is read by both keys',
      file: 'mcp.json',
      code: '{ "mcpServers": { "a": { "command": "a" } }, "servers": { "b": { "command": "b" } } }',
    },
    {
      name: 'an empty second map holds nothing to ignore',
      file: '.vscode/mcp.json',
      code: '{ "servers": { "a": { "command": "a" } }, "mcpServers": {} }',
    },
    {
      name: 'a file with only the other key is read by it',
      file: '.cursor/mcp.json',
      code: '{ "servers": { "a": { "command": "a" } } }',
    },
    {
      name: 'non-server entries (comments) are not servers',
      file: '.vscode/mcp.json',
      code: '{ "servers": { "a": { "command": "a" } }, "mcpServers": { "_comment": "moved to servers" } }',
    },
  ],
  invalid: [
    {
      file: '.vscode/mcp.json',
      code: '{\n  "servers": { "a": { "command": "a" } },\n  "mcpServers": { "b": { "command": "b" } }\n}\n',
      findings: [
        {
          message: 'VS Code reads servers, not mcpServers: 1 server(s) here never start (b)',
          severity: 'low',
          line: 3,
          server: null,
        },
      ],
    },
    {
      file: '.mcp.json',
      code: '{ "mcpServers": { "a": { "command": "a" } }, "servers": { "b": { "command": "b" }, "c": { "url": "https://c.example.net" } } }',
      findings: [
        {
          message: 'Claude Code reads mcpServers, not servers: 2 server(s) here never start (b, c)',
          severity: 'low',
        },
      ],
    },
    {
      name: 'VS Code settings read mcp.servers',
      file: '.vscode/settings.json',
      code: '{ "mcp": { "servers": { "a": { "command": "a" } } }, "mcpServers": { "b": { "command": "b" } } }',
      findings: [
        {
          message: 'VS Code reads mcp.servers, not mcpServers: 1 server(s) here never start (b)',
          severity: 'low',
        },
      ],
    },
  ],
});
