// MG404: filesystem servers (and mounts) given the whole home folder or disk.
import { RuleTester } from '../src/scan/rule-tester.ts';
import broadFilesystemAccess from './broad-filesystem-access.ts';

new RuleTester().run(broadFilesystemAccess, {
  valid: [
    {
      file: 'claude_desktop_config.json',
      code: '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me/projects/app"] } } }',
    },
  ],
  invalid: [
    {
      file: 'claude_desktop_config.json',
      code: '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me"] } } }',
      findings: [
        {
          message:
            'filesystem server allowed the whole home folder (/Users/me): SSH keys, credentials and every project are in reach',
          severity: 'medium',
          line: 1,
          server: 'fs',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"] } } }',
      findings: [
        {
          message:
            'filesystem server allowed the whole disk (/): it can read and write every file on the machine',
          severity: 'high',
          line: 1,
          server: 'fs',
        },
      ],
    },
  ],
});
