// MG407: one server name launched differently across the files of one scan (checkScan): another
// package, another endpoint, another version; the same launch written in each client's own syntax,
// local programs and the guard give none.
import { RuleTester } from '../src/scan/rule-tester.ts';
import inconsistentLaunch from './inconsistent-launch.ts';

const cursor = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers });
const vscode = (servers: Record<string, unknown>) => JSON.stringify({ servers });
const npx = (spec: string) => ({ command: 'npx', args: ['-y', spec] });

new RuleTester().run(inconsistentLaunch, {
  valid: [
    {
      name: 'the same package and version in two clients',
      file: '.cursor/mcp.json',
      code: cursor({ gh: npx('@modelcontextprotocol/server-github@2025.4.8') }),
      otherFiles: [
        {
          file: '.vscode/mcp.json',
          code: vscode({ gh: npx('@modelcontextprotocol/server-github@2025.4.8') }),
        },
      ],
    },
    {
      name: "the same endpoint, directly and through mcp-remote, with each client's variables",
      file: '.cursor/mcp.json',
      code: cursor({ docs: { url: 'https://${env:DOCS_HOST}/mcp' } }),
      otherFiles: [
        {
          file: '.mcp.json',
          code: cursor({
            docs: { command: 'npx', args: ['-y', 'mcp-remote@0.1.30', 'https://${DOCS_HOST}/mcp/'] },
          }),
        },
      ],
    },
    {
      name: 'local programs at different paths',
      file: '.cursor/mcp.json',
      code: cursor({ app: { command: 'node', args: ['${workspaceFolder}/build/index.js'] } }),
      otherFiles: [
        {
          file: 'claude_desktop_config.json',
          code: cursor({ app: { command: 'node', args: ['/home/me/app/build/index.js'] } }),
        },
      ],
    },
    {
      name: 'a client that runs the guard for a backend of the same name',
      file: '.cursor/mcp.json',
      code: cursor({ wallet: { command: 'mcp-guard', args: ['guard', 'serve', '--server', 'wallet'] } }),
      otherFiles: [
        {
          file: 'mcp-guard.yaml',
          code: 'auth:\n  mode: none\nservers:\n  wallet:\n    command: npx\n    args: ["-y", "@acme/wallet-mcp@1.2.3"]\n',
        },
      ],
    },
    {
      name: 'two projects of one .claude.json',
      file: '.claude.json',
      code: JSON.stringify({
        projects: {
          '/a': { mcpServers: { db: npx('db-mcp@1.0.0') } },
          '/b': { mcpServers: { db: npx('db-mcp@2.0.0') } },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'another package under the same name',
      file: '.cursor/mcp.json',
      code: cursor({ github: npx('@modelcontextprotocol/server-github@2025.4.8') }),
      otherFiles: [
        { file: '.vscode/mcp.json', code: vscode({ github: npx('github-mcp-server-plus@1.0.0') }) },
      ],
      findings: [
        {
          message:
            'launched as npx github-mcp-server-plus@1.0.0 here, but as npx @modelcontextprotocol/server-github@2025.4.8 in .cursor/mcp.json: one name, two different servers',
          severity: 'medium',
          file: '.vscode/mcp.json',
          server: 'github',
        },
      ],
    },
    {
      name: 'another version is low; an unversioned one counts as latest',
      file: '.cursor/mcp.json',
      code: cursor({
        fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.4.7'] },
        mem: npx('@modelcontextprotocol/server-memory'),
      }),
      otherFiles: [
        {
          file: '.codex/config.toml',
          code: '[mcp_servers.fetch]\ncommand = "uvx"\nargs = ["mcp_server_fetch==2025.1.17"]\n\n[mcp_servers.mem]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-memory@latest"]\n',
        },
      ],
      findings: [
        {
          message:
            'launched as uvx mcp_server_fetch==2025.1.17 here, but as uvx mcp-server-fetch==2025.4.7 in .cursor/mcp.json: the same package at another version',
          severity: 'low',
          file: '.codex/config.toml',
          line: 1,
        },
      ],
    },
    {
      name: "a vendor's remote server in one file and a package in the other is low",
      file: '.cursor/mcp.json',
      code: cursor({ docs: { url: 'https://docs.example-corp.com/mcp' } }),
      otherFiles: [{ file: '.mcp.json', code: cursor({ Docs: npx('docs-mcp@1.0.0') }) }],
      findings: [
        {
          message:
            'launched as npx docs-mcp@1.0.0 here, but as https://docs.example-corp.com/mcp in .cursor/mcp.json: one name, two different servers',
          severity: 'low',
          file: '.mcp.json',
          server: 'Docs',
        },
      ],
    },
    {
      name: 'another package, in a disabled server: one severity lower',
      file: '.cursor/mcp.json',
      code: cursor({ db: npx('@acme/db-mcp@1.0.0') }),
      otherFiles: [
        { file: '.roo/mcp.json', code: cursor({ db: { ...npx('db-mcp-server@1.0.0'), disabled: true } }) },
      ],
      findings: [
        {
          message:
            'launched as npx db-mcp-server@1.0.0 here, but as npx @acme/db-mcp@1.0.0 in .cursor/mcp.json: one name, two different servers',
          severity: 'low',
          file: '.roo/mcp.json',
        },
      ],
    },
    {
      name: 'another host is medium, another path on the same host low',
      file: '.cursor/mcp.json',
      code: cursor({
        a: { url: 'https://a.example-corp.com/mcp' },
        b: { url: 'https://b.example-corp.com/mcp' },
      }),
      otherFiles: [
        {
          file: '.vscode/mcp.json',
          code: vscode({
            a: { url: 'https://a.example-corp.net/mcp' },
            b: { url: 'https://b.example-corp.com/mcp/team' },
          }),
        },
      ],
      findings: [
        {
          message:
            'launched as https://a.example-corp.net/mcp here, but as https://a.example-corp.com/mcp in .cursor/mcp.json: one name, two different servers',
          severity: 'medium',
        },
        {
          message:
            'launched as https://b.example-corp.com/mcp/team here, but as https://b.example-corp.com/mcp in .cursor/mcp.json: one name, two different servers',
          severity: 'low',
        },
      ],
    },
  ],
});
