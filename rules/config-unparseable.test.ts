// MG000 on a file that does not parse, at the parser's line; a parsed file (comments and trailing commas
// included) gives none.
import { RuleTester } from '../src/scan/rule-tester.ts';
import configUnparseable from './config-unparseable.ts';

new RuleTester().run(configUnparseable, {
  valid: [
    { file: '.cursor/mcp.json', code: '{ "mcpServers": { "x": { "command": "node" } } }' },
    {
      name: 'JSONC comments and a trailing comma',
      file: '.vscode/mcp.json',
      code: '{\n  // my servers\n  "servers": { "x": { "command": "node", }, },\n}\n',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": {\n  "x": { "command": "node" "args": [] }\n} }\n',
      findings: [
        { message: 'cannot parse this file: comma expected', severity: 'high', line: 2, server: null },
      ],
    },
    {
      file: '.codex/config.toml',
      code: '[mcp_servers.x]\ncommand = "node\n',
      findings: [
        {
          message: 'cannot parse this file: Unterminated string constant',
          severity: 'high',
          line: 2,
          server: null,
        },
      ],
    },
    {
      name: 'an object left open is reported where it opens',
      file: '.windsurf/mcp.json',
      code: '{\n  "mcpServers": {\n    "a": { "command": "a" },\n    "b": { "command": "b",\n      "args": []\n  }\n}\n',
      findings: [
        {
          message: 'cannot parse this file: close brace expected: this object is never closed',
          severity: 'high',
          line: 4,
        },
      ],
    },
    {
      name: 'a TOML array left open is reported where it opens',
      file: '.codex/config.toml',
      code: '[mcp_servers.x]\nenv = { A = "b" }\nargs = ["-y", "pkg",\n  "--flag"\n',
      findings: [
        {
          message: 'cannot parse this file: Unterminated array: this array is never closed',
          severity: 'high',
          line: 3,
        },
      ],
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none\nservers: {}\n',
      findings: [
        {
          message:
            'cannot parse this file: Flow map in block collection must be sufficiently indented and end with a }',
          severity: 'high',
          line: 2,
          server: null,
        },
      ],
    },
  ],
});
