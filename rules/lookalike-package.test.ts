// MG406: a launched package one edit away from a well-known one, in npm, PyPI and image registries,
// when the edit is a slip or a disguise; the known packages (with any version, case or spelling),
// their owners' namespaces, other registries, short names, local paths, and real packages whose names
// differ by a changed short word or a letter at a word's edge give none. The valid cases named after
// registry packages are real ones that an earlier version of the rule reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuleTester } from '../src/scan/rule-tester.ts';
import KNOWN from './lookalike-package.known.json' with { type: 'json' };
import lookalikePackage, { lookalikeOf, neighbourKeys, slipBetween } from './lookalike-package.ts';
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

describe('slipBetween: which single edits are slips', () => {
  it('names the slip, or none for an edit that makes another name', () => {
    const cases: [string, string, string | undefined][] = [
      ['mcp-remot', 'mcp-remote', 'missing'],
      ['mcp-remotte', 'mcp-remote', 'doubled'],
      ['mcp-reomte', 'mcp-remote', 'swapped'],
      ['mcp-remoye', 'mcp-remote', 'neighbour-key'],
      ['mcp-rem0te', 'mcp-remote', 'look-alike'],
      ['@modelcontextprotocoi/x', '@modelcontextprotocol/x', 'look-alike'],
      ['mcp_remote', 'mcp-remote', 'separator'],
      ['mcpremote', 'mcp-remote', 'missing'],
      ['mcp-re-mote', 'mcp-remote', 'separator'],
      ['mcp-server-fetch2', 'mcp-server-fetch', 'version-digit'],
      ['@modelcontextprotocal/x', '@modelcontextprotocol/x', 'inside-word'],
      ['mcp-remoxte', 'mcp-remote', 'inside-word'],
      ['tcp-proxy', 'mcp-proxy', undefined],
      ['mcp-server-kit', 'mcp-server-git', undefined],
      ['mssql-mcp-server', 'mysql-mcp-server', undefined],
      ['chrome-mcp', 'chroma-mcp', undefined],
      ['gworkspace-mcp', 'workspace-mcp', undefined],
      ['mcp-clickhousex', 'mcp-clickhouse', undefined],
      ['mcp-server-xfetch', 'mcp-server-fetch', undefined],
    ];
    for (const [typed, meant, slip] of cases)
      assert.equal(slipBetween(typed, meant), slip, `${typed} for ${meant}`);
  });

  it('knows which keys are neighbours on a QWERTY keyboard', () => {
    for (const [a, b] of 'qw qa q1 sz sx se gt gy gb gv p0 p- mn mk mj'.split(' ')) {
      assert.ok(neighbourKeys(a, b), `${a} beside ${b}`);
      assert.ok(neighbourKeys(b, a), `${b} beside ${a}`);
    }
    for (const [a, b] of ['qs', 'ae', 'gw', 'ml', 'mt', 'sy', 'lr', 'ca', 'aa', 'a/', 'a']) {
      assert.ok(!neighbourKeys(a, b), `${a} not beside ${b}`);
    }
  });
});

const file = '.cursor/mcp.json';
const npx = (spec: string) => JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['-y', spec] } } });
const uvx = (spec: string) => `[mcp_servers.s]\ncommand = "uvx"\nargs = ["${spec}"]\n`;
const docker = (image: string) =>
  JSON.stringify({ mcpServers: { s: { command: 'docker', args: ['run', '-i', '--rm', image] } } });
const toml = '.codex/config.toml';
/** The one finding a case gives: `launcher` runs `pkg`, which looks like `known`. */
const lookalike = (launcher: string, pkg: string, known: string) => [
  {
    message: `${launcher} runs ${pkg}, one letter away from the well-known ${known}: is it the package you meant?`,
    severity: 'high' as const,
  },
];

new RuleTester().run(lookalikePackage, {
  valid: [
    { file, code: npx('@modelcontextprotocol/server-github@2025.4.8') },
    { name: 'a known package with a tag', file, code: npx('@playwright/mcp@latest') },
    { name: 'a known package with a range', file, code: npx('chrome-devtools-mcp@^0.9') },
    { name: "a known PyPI package with uv's @latest", file: toml, code: uvx('mcp-server-fetch@latest') },
    {
      name: 'a known PyPI package with extras and a pin',
      file: toml,
      code: uvx('mcp-server-git[dev]==2025.1.14'),
    },
    { name: 'a known package in other letter case', file, code: npx('@Playwright/MCP@0.0.41') },
    { name: 'a known PyPI package spelled otherwise', file: toml, code: uvx('MCP_Server.Time==2025.4.7') },
    {
      name: 'a known image by its full Docker Hub name',
      file,
      code: docker('index.docker.io/mcp/fetch:1.0.0'),
    },
    {
      name: 'an image named like a PyPI package: another registry, not compared with PyPI',
      file,
      code: docker('mcp-server-fetch'),
    },
    { name: 'the official name with a suffix', file, code: npx('firecrawl-mcp-server@1.0.0') },
    { name: 'a short name one letter from a short known one', file, code: docker('mcq/git:1.0.0') },
    { name: 'a changed short word (npm tcp-proxy)', file, code: npx('tcp-proxy@0.0.1') },
    { name: 'another database (PyPI mssql-mcp-server)', file: toml, code: uvx('mssql-mcp-server==0.1.0') },
    { name: 'another word (PyPI mcp-server-kit)', file: toml, code: uvx('mcp-server-kit') },
    { name: 'another product (PyPI chrome-mcp)', file: toml, code: uvx('chrome-mcp') },
    { name: 'another product (PyPI selena-agent)', file: toml, code: uvx('selena-agent') },
    { name: 'a letter before a word (PyPI gworkspace-mcp)', file: toml, code: uvx('gworkspace-mcp') },
    { name: 'a letter after a word (PyPI mcp-clickhousex)', file: toml, code: uvx('mcp-clickhousex') },
    { name: 'a letter before a word (PyPI mcp-server-xfetch)', file: toml, code: uvx('mcp-server-xfetch') },
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
      name: 'a look-alike scope, with an upper-case I for the l',
      file,
      code: npx('@modelcontextprotocoI/server-github@2025.4.8'),
      findings: lookalike(
        'npx',
        '@modelcontextprotocoI/server-github',
        '@modelcontextprotocol/server-github',
      ),
    },
    {
      name: 'a misspelt long scope',
      file,
      code: npx('@modelcontextprotocal/server-filesystem'),
      findings: lookalike(
        'npx',
        '@modelcontextprotocal/server-filesystem',
        '@modelcontextprotocol/server-filesystem',
      ),
    },
    {
      name: 'a swapped pair, with a tag',
      file,
      code: npx('mcp-reomte@latest'),
      findings: lookalike('npx', 'mcp-reomte', 'mcp-remote'),
    },
    {
      name: 'a missing letter, with a range',
      file,
      code: npx('chrome-devtols-mcp@^0.9'),
      findings: lookalike('npx', 'chrome-devtols-mcp', 'chrome-devtools-mcp'),
    },
    {
      name: 'a neighbouring key',
      file,
      code: npx('supergatrway@3.4.0'),
      findings: lookalike('npx', 'supergatrway', 'supergateway'),
    },
    {
      name: 'a zero for an o',
      file,
      code: npx('mcp-rem0te@0.1.30'),
      findings: lookalike('npx', 'mcp-rem0te', 'mcp-remote'),
    },
    {
      name: 'a changed separator (npm does not fold them)',
      file,
      code: npx('mcp_remote@0.1.30'),
      findings: lookalike('npx', 'mcp_remote', 'mcp-remote'),
    },
    {
      name: 'a version digit added to the name',
      file: toml,
      code: uvx('mcp-server-fetch2'),
      findings: lookalike('uvx', 'mcp-server-fetch2', 'mcp-server-fetch'),
    },
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
