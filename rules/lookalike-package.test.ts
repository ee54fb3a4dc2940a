// MG406: a launched package one edit away from a well-known one, in npm, PyPI and image registries;
// the known packages, their owners' namespaces, short names and local paths give none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuleTester } from '../src/scan/rule-tester.ts';
import KNOWN from './lookalike-package.known.json' with { type: 'json' };
import lookalikePackage, { lookalikeOf } from './lookalike-package.ts';
import { parseImageRef, parseNpmSpec, parsePythonSpec } from './utils/package-specs.ts';

describe('the list of well-known packages (lookalike-package.known.json)', () => {
  it('states its source and date, and lists plain, unique names', () => {
    assert.match(KNOWN.source, /npm/);
    assert.match(KNOWN.updated, /^\d{4}-\d{2}-\d{2}$/);
    const parse = { npm: parseNpmSpec, pypi: parsePythonSpec, oci: parseImageRef };
    for (const eco of ['npm', 'pypi', 'oci'] as const) {
      const names: string[] = KNOWN[eco];
      assert.ok(names.length > 10, `${eco} has entries`);
      assert.equal(new Set(names).size, names.length, `${eco} names are unique`);
      for (const name of names) {
        const ref = parse[eco](name);
        assert.equal(ref.name, name, `${name} is a bare name (no version)`);
        assert.equal(lookalikeOf(ref), undefined, `${name} is not a look-alike of another listed name`);
      }
    }
  });
});

const file = '.cursor/mcp.json';
const npx = (spec: string) => JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['-y', spec] } } });

new RuleTester().run(lookalikePackage, {
  valid: [
    { file, code: npx('@modelcontextprotocol/server-github@2025.4.8') },
    {
      name: 'a sibling in the same owned scope',
      file,
      code: npx('@modelcontextprotocol/server-gitlab@2025.4.25'),
    },
    { name: 'a short name', file, code: npx('n8n-mcp2@1.0.0') },
    { name: 'a local path', file, code: npx('./mcp-remot') },
    { name: 'a git URL', file, code: npx('github:acme/mcp-remot') },
    { name: 'two edits away', file, code: npx('mcp-remote-x@1.0.0') },
    {
      name: 'PyPI spelling of a known name',
      file: '.codex/config.toml',
      code: '[mcp_servers.f]\ncommand = "uvx"\nargs = ["mcp_server.fetch==2025.4.7"]\n',
    },
    {
      name: 'an image in the namespace of a known one',
      file,
      code: JSON.stringify({
        mcpServers: { f: { command: 'docker', args: ['run', '-i', 'mcp/fecth:1.0.0'] } },
      }),
    },
  ],
  invalid: [
    {
      file,
      code: npx('@modelcontextprotocl/server-github@2025.4.8'),
      findings: [
        {
          message:
            'npx runs @modelcontextprotocl/server-github, one letter away from the well-known @modelcontextprotocol/server-github: is it the package you meant?',
          severity: 'high',
          server: 's',
        },
      ],
    },
    {
      name: 'a swapped pair of letters, through uvx',
      file: '.codex/config.toml',
      code: '[mcp_servers.f]\ncommand = "uvx"\nargs = ["mcp-server-fecth==2025.4.7"]\n',
      findings: [
        {
          message:
            'uvx runs mcp-server-fecth, one letter away from the well-known mcp-server-fetch: is it the package you meant?',
          severity: 'high',
          line: 3,
        },
      ],
    },
    {
      name: 'an image in a look-alike namespace',
      file,
      code: JSON.stringify({
        mcpServers: {
          gh: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/githb/github-mcp-server:v0.4.0'] },
        },
      }),
      findings: [
        {
          message:
            'docker run runs ghcr.io/githb/github-mcp-server, one letter away from the well-known ghcr.io/github/github-mcp-server: is it the package you meant?',
          severity: 'high',
        },
      ],
    },
    {
      name: 'behind a shell, a disabled server one severity lower',
      file,
      code: JSON.stringify({
        mcpServers: {
          r: {
            command: 'bash',
            args: ['-c', 'npx -y mcp-remot@0.1.30 https://x.example.net/sse'],
            disabled: true,
          },
        },
      }),
      findings: [
        {
          message:
            'npx runs mcp-remot, one letter away from the well-known mcp-remote: is it the package you meant?',
          severity: 'medium',
        },
      ],
    },
  ],
});
