// Discovery: every user-level row of the client guide (/work/shared/guide/clients.md) is found at its
// machine location for linux, darwin and win32 layouts (built in a temporary HOME; the platform is
// passed in, never read from this machine), `searched` lists every location looked at, and repository
// mode finds the project file names at any depth while skipping vendored trees.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { Platform } from '../src/config/clients.ts';
import { parseDocument } from '../src/config/document.ts';
import { discoverMachine, discoverRepo, guessClient } from '../src/scan/discover.ts';

/** Where `~`-relative or `%APPDATA%`-relative files live, per the guide. `{config}` is the per-user
 * config folder: ~/.config (linux), ~/Library/Application Support (darwin), %APPDATA% (win32). */
const USER_FILES: { client: string; path: string; platforms?: Platform[] }[] = [
  { client: 'claude-desktop', path: '{config}/Claude/claude_desktop_config.json' },
  { client: 'claude-code', path: '~/.claude.json' },
  { client: 'claude-code', path: '~/.claude/settings.json' },
  { client: 'claude-code', path: '~/.claude/plugins/acme/tools/.mcp.json' },
  { client: 'cursor', path: '~/.cursor/mcp.json' },
  { client: 'vscode', path: '{config}/Code/User/mcp.json' },
  { client: 'vscode', path: '{config}/Code - Insiders/User/mcp.json' },
  { client: 'vscode', path: '{config}/Code/User/settings.json' },
  { client: 'copilot', path: '~/.copilot/mcp-config.json' },
  { client: 'windsurf', path: '~/.codeium/windsurf/mcp_config.json' },
  { client: 'windsurf', path: '~/.codeium/mcp_config.json' },
  { client: 'gemini', path: '~/.gemini/settings.json' },
  { client: 'antigravity', path: '~/.gemini/antigravity/mcp_config.json' },
  { client: 'codex', path: '~/.codex/config.toml' },
  { client: 'zed', path: '~/.config/zed/settings.json', platforms: ['linux', 'darwin'] },
  { client: 'zed', path: '{appdata}/Zed/settings.json', platforms: ['win32'] },
  {
    client: 'cline',
    path: '{config}/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  },
  {
    client: 'roo',
    path: '{config}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
  },
  { client: 'continue', path: '~/.continue/config.yaml' },
  { client: 'amazon-q', path: '~/.aws/amazonq/mcp.json' },
  { client: 'kiro', path: '~/.kiro/settings/mcp.json' },
  { client: 'opencode', path: '~/.config/opencode/opencode.json' },
  { client: 'lmstudio', path: '~/.lmstudio/mcp.json' },
  { client: 'goose', path: '~/.config/goose/config.yaml', platforms: ['linux', 'darwin'] },
  { client: 'goose', path: '{appdata}/Block/goose/config/config.yaml', platforms: ['win32'] },
  { client: 'goose', path: '~/.config/goose/permission.yaml', platforms: ['linux', 'darwin'] },
  { client: 'goose', path: '{appdata}/Block/goose/config/permission.yaml', platforms: ['win32'] },
];

/** System / managed files: outside HOME, so only checked to be looked at (`searched`). */
const SYSTEM_FILES: Record<Platform, { client: string; path: RegExp }[]> = {
  linux: [
    { client: 'claude-code', path: /^\/etc\/claude-code\/managed-mcp\.json$/ },
    { client: 'gemini', path: /^\/etc\/gemini-cli\/settings\.json$/ },
    { client: 'codex', path: /^\/etc\/codex\/config\.toml$/ },
  ],
  darwin: [
    { client: 'claude-code', path: /^\/Library\/Application Support\/ClaudeCode\/managed-mcp\.json$/ },
    { client: 'gemini', path: /^\/Library\/Application Support\/GeminiCli\/settings\.json$/ },
  ],
  win32: [
    { client: 'claude-code', path: /[\\/]ClaudeCode[\\/]managed-mcp\.json$/ },
    { client: 'gemini', path: /^C:[\\/]ProgramData[\\/]gemini-cli[\\/]settings\.json$/ },
  ],
};

function expand(path: string, platform: Platform, home: string): string {
  const appdata = join(home, 'AppData', 'Roaming');
  const config =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? appdata
        : join(home, '.config');
  return path.replace('~', home).replace('{config}', config).replace('{appdata}', appdata);
}

async function layout(platform: Platform) {
  const home = await realpath(await mkdtemp(join(tmpdir(), `mcp-guard-home-${platform}-`)));
  const expected: { client: string; file: string }[] = [];
  for (const row of USER_FILES) {
    if (row.platforms && !row.platforms.includes(platform)) continue;
    const file = expand(row.path, platform, home);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{}');
    expected.push({ client: row.client, file });
  }
  // Windows keeps APPDATA in the environment; nothing else from this machine leaks in.
  const env: NodeJS.ProcessEnv = platform === 'win32' ? { APPDATA: join(home, 'AppData', 'Roaming') } : {};
  return { home, env, expected };
}

const slash = (p: string) => p.replace(/\\/g, '/');

for (const platform of ['linux', 'darwin', 'win32'] as const) {
  describe(`machine discovery (${platform} layout)`, () => {
    it('finds every user file of the guide with the right client', async () => {
      const { home, env, expected } = await layout(platform);
      const { found } = await discoverMachine({ platform, home, env });
      const got = found.map((c) => `${c.client} ${slash(c.file)}`).sort();
      for (const e of expected) {
        assert.ok(
          got.includes(`${e.client} ${slash(e.file)}`),
          `${e.client} ${e.file} not found; got:\n${got.join('\n')}`,
        );
      }
      assert.equal(found.length, expected.length, `unexpected extra matches:\n${got.join('\n')}`);
      assert.ok(found.every((c) => c.scope === 'user'));
    });

    it('lists every location looked at in searched, found or not', async () => {
      const { home, env, expected } = await layout(platform);
      const { searched } = await discoverMachine({ platform, home, env });
      for (const e of expected) {
        const hit = searched.find(
          (s) => s.client === e.client && (slash(s.path) === slash(e.file) || s.path.includes('**')),
        );
        assert.ok(hit, `${e.file} missing from searched`);
      }
      assert.ok(searched.filter((s) => s.found).length >= new Set(expected.map((e) => e.client)).size - 1);
      for (const sys of SYSTEM_FILES[platform]) {
        assert.ok(
          searched.some((s) => s.client === sys.client && sys.path.test(s.path) && !s.found),
          `${sys.path} (${sys.client}) not looked at`,
        );
      }
    });

    it('finds nothing in an empty home, and still says where it looked', async () => {
      const home = await mkdtemp(join(tmpdir(), 'mcp-guard-empty-'));
      const r = await discoverMachine({ platform, home, env: {} });
      assert.deepEqual(r.found, []);
      assert.ok(r.searched.length >= USER_FILES.length - 2);
      assert.ok(r.searched.every((s) => !s.found));
    });
  });
}

describe('machine discovery honours environment overrides', () => {
  it('CLAUDE_CONFIG_DIR moves .claude.json, XDG_CONFIG_HOME moves linux config', async () => {
    const home = await realpath(await mkdtemp(join(tmpdir(), 'mcp-guard-env-')));
    const claudeDir = join(home, 'elsewhere');
    const xdg = join(home, 'xdg');
    await mkdir(claudeDir, { recursive: true });
    await writeFile(join(claudeDir, '.claude.json'), '{}');
    await mkdir(join(xdg, 'Claude'), { recursive: true });
    await writeFile(join(xdg, 'Claude', 'claude_desktop_config.json'), '{}');
    const { found } = await discoverMachine({
      platform: 'linux',
      home,
      env: { CLAUDE_CONFIG_DIR: claudeDir, XDG_CONFIG_HOME: xdg },
    });
    const got = found.map((c) => `${c.client} ${c.file}`);
    assert.ok(got.includes(`claude-code ${join(claudeDir, '.claude.json')}`), got.join('\n'));
    assert.ok(got.includes(`claude-desktop ${join(xdg, 'Claude', 'claude_desktop_config.json')}`));
  });
});

describe('repository discovery', () => {
  /** Project files of the guide, each with its client. */
  const PROJECT: [string, string][] = [
    ['claude_desktop_config.json', 'claude-desktop'],
    ['.mcp.json', 'claude-code'],
    ['.cursor/mcp.json', 'cursor'],
    ['.vscode/mcp.json', 'vscode'],
    ['team.code-workspace', 'vscode'],
    ['.devcontainer/devcontainer.json', 'vscode'],
    ['.devcontainer/python/devcontainer.json', 'vscode'],
    ['.devcontainer.json', 'vscode'],
    ['.claude.json', 'claude-code'],
    ['.claude/settings.json', 'claude-code'],
    ['.claude/settings.local.json', 'claude-code'],
    ['managed-mcp.json', 'claude-code'],
    ['managed-settings.json', 'claude-code'],
    ['.config/goose/config.yaml', 'goose'],
    ['.config/goose/permission.yaml', 'goose'],
    ['.windsurf/mcp.json', 'windsurf'],
    ['.gemini/settings.json', 'gemini'],
    ['.codex/config.toml', 'codex'],
    ['.zed/settings.json', 'zed'],
    ['.roo/mcp.json', 'roo'],
    ['Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json', 'roo'],
    ['.cursor/mcp_settings.json', 'generic'],
    ['.continue/mcpServers/db.yaml', 'continue'],
    ['.continue/mcpServers/web.json', 'continue'],
    ['.amazonq/mcp.json', 'amazon-q'],
    ['.kiro/settings/mcp.json', 'kiro'],
    ['opencode.json', 'opencode'],
    ['opencode.jsonc', 'opencode'],
    ['mcp.json', 'generic'],
    ['mcp_config.json', 'generic'],
    ['mcp-config.json', 'generic'],
    ['mcp_servers.json', 'generic'],
    ['mcp-guard.yaml', 'mcp-guard'],
    ['mcp-guard.yml', 'mcp-guard'],
    ['mcp-guard.json', 'mcp-guard'],
    ['mcp-guard.prod.yaml', 'mcp-guard'],
  ];

  it('finds known names at the root and at any depth, with the right client', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'mcp-guard-repo-')));
    const expected: string[] = [];
    for (const [name, client] of PROJECT) {
      for (const prefix of ['', 'packages/app/deep/']) {
        const file = join(root, prefix, name);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, '{}');
        expected.push(`${client} ${file}`);
      }
    }
    await writeFile(join(root, 'README.md'), '# not a config');
    await writeFile(join(root, 'settings.json'), '{}'); // bare settings.json is nobody's project file
    const got = (await discoverRepo(root)).map((c) => `${c.client} ${c.file}`).sort();
    assert.deepEqual(got, expected.sort());
  });

  it('skips node_modules, .git and vendor trees', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'mcp-guard-skip-')));
    for (const dir of ['node_modules/pkg', '.git/hooks', 'vendor/lib', 'a/node_modules/b']) {
      await mkdir(join(root, dir), { recursive: true });
      await writeFile(join(root, dir, 'mcp.json'), '{}');
    }
    await writeFile(join(root, 'mcp.json'), '{}');
    const got = (await discoverRepo(root)).map((c) => c.file);
    assert.deepEqual(got, [join(root, 'mcp.json')]);
  });

  it('guesses generic names from their shape', () => {
    assert.equal(guessClient('/x/mcp.json'), 'generic');
    assert.equal(guessClient('C:\\work\\.cursor\\mcp.json'), 'cursor');
  });

  it('takes a file that only sets Codex or Goose approval keys for that client', () => {
    const root = (text: string, format: 'toml' | 'yaml') => parseDocument(text, format).root;
    assert.equal(guessClient('/x/config.toml', root('approval_policy = "never"\n', 'toml')), 'codex');
    assert.equal(guessClient('/x/config.toml', root('sandbox_mode = "read-only"\n', 'toml')), 'codex');
    assert.equal(guessClient('/x/config.yaml', root('GOOSE_MODE: auto\n', 'yaml')), 'goose');
    assert.equal(guessClient('/x/config.yaml', root('model: x\n', 'yaml')), 'generic');
  });

  it('does not take a bare mcp_settings.json for Roo Code', () => {
    assert.equal(guessClient('/repo/.cursor/mcp_settings.json'), 'generic');
    assert.equal(guessClient('/repo/roo-code/mcp_settings.json'), 'generic');
    assert.equal(
      guessClient('/h/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json'),
      'roo',
    );
  });

  // A dotfiles repository keeps a home folder in git: every user file of the guide, as it sits under
  // a home folder of each OS, is found at any depth with its client.
  for (const [os, config, appdata] of [
    ['linux', '.config', 'AppData/Roaming'],
    ['darwin', 'Library/Application Support', 'AppData/Roaming'],
    ['win32', 'AppData/Roaming', 'AppData/Roaming'],
  ] as const) {
    it(`finds the user files of the guide under a home-like path (${os} layout)`, async () => {
      const root = await realpath(await mkdtemp(join(tmpdir(), `mcp-guard-dotfiles-${os}-`)));
      const expected: string[] = [];
      for (const row of USER_FILES) {
        if (row.platforms && !row.platforms.includes(os)) continue;
        const rel = row.path.replace(/^~\//, '').replace('{config}', config).replace('{appdata}', appdata);
        const file = join(root, 'dotfiles', 'home', rel);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, '{}');
        expected.push(`${row.client} ${file}`);
      }
      const got = (await discoverRepo(root)).map((c) => `${c.client} ${c.file}`).sort();
      assert.deepEqual(got, expected.sort());
    });
  }
});
