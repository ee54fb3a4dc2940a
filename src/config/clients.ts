// The table of MCP clients: where each keeps its config (per OS and scope), in which format, and
// under which key its servers live. Discovery and client guessing both read this one table, in a
// repository too: a user location (`~/.claude.json`, `~/.config/goose/config.yaml`) is also looked for
// under any folder of a repository, since dotfiles repositories keep home folders in git.
import type { Scope } from './types.ts';

/** Operating systems with their own config layouts (Node's `process.platform` names). */
export type Platform = 'linux' | 'darwin' | 'win32';

/** One client. Path templates: `~` home, `{config}` the OS's per-user config folder, `{appdata}` Windows' roaming folder. */
export interface ClientDef {
  id: string;
  name: string;
  /** Keys that hold the servers map (or list), tried in order; a dotted key is tried whole and as a path. */
  serversKeys: string[][];
  /** Per-user (and system / managed) locations. */
  locations: { scope: Scope; platforms: Platform[]; path: string }[];
  /** Project file patterns, relative to a repository (globbed at any depth). */
  project: string[];
}

/**
 * How the folders of a location template look inside a repository that keeps a home folder: `~` is
 * the repository folder itself, the per-user config folder is spelled as on each OS.
 */
const HOME_FORMS: Record<string, string[]> = {
  '~': [''],
  '{claude}': [''],
  '{codex}': ['.codex'],
  '{config}': ['.config', 'Library/Application Support', 'AppData/Roaming'],
  '{appdata}': ['AppData/Roaming'],
};

const ALL: Platform[] = ['linux', 'darwin', 'win32'];
const POSIX: Platform[] = ['linux', 'darwin'];

/** The VS Code family's per-user folder, used by VS Code, Cline and Roo. */
const vscodeUser = (product: string) => `{config}/${product}/User`;

/** Every client mcp-guard knows, most specific project patterns first (guessing takes the first match). */
export const CLIENTS: ClientDef[] = [
  {
    id: 'mcp-guard',
    name: 'mcp-guard',
    serversKeys: [['servers']],
    locations: [],
    project: ['mcp-guard.yaml', 'mcp-guard.yml', 'mcp-guard.json', 'mcp-guard.*.yaml', 'mcp-guard.*.yml'],
  },
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    serversKeys: [['mcpServers']],
    locations: [
      {
        scope: 'user',
        platforms: ['darwin'],
        path: '~/Library/Application Support/Claude/claude_desktop_config.json',
      },
      { scope: 'user', platforms: ['win32'], path: '{appdata}/Claude/claude_desktop_config.json' },
      // Electron's userData on Linux follows XDG_CONFIG_HOME, hence {config} rather than ~/.config.
      { scope: 'user', platforms: ['linux'], path: '{config}/Claude/claude_desktop_config.json' },
    ],
    project: ['claude_desktop_config.json'],
  },
  {
    id: 'claude-code',
    name: 'Claude Code',
    serversKeys: [['mcpServers']],
    locations: [
      { scope: 'user', platforms: ALL, path: '{claude}/.claude.json' },
      { scope: 'user', platforms: ALL, path: '~/.claude/settings.json' },
      { scope: 'user', platforms: ALL, path: '~/.claude/plugins/**/.mcp.json' },
      {
        scope: 'managed',
        platforms: ['darwin'],
        path: '/Library/Application Support/ClaudeCode/managed-mcp.json',
      },
      { scope: 'managed', platforms: ['linux'], path: '/etc/claude-code/managed-mcp.json' },
      { scope: 'managed', platforms: ['win32'], path: '{programfiles}/ClaudeCode/managed-mcp.json' },
      // Managed settings carry `permissions.allow` and `enableAllProjectMcpServers` for every user.
      {
        scope: 'managed',
        platforms: ['darwin'],
        path: '/Library/Application Support/ClaudeCode/managed-settings.json',
      },
      { scope: 'managed', platforms: ['linux'], path: '/etc/claude-code/managed-settings.json' },
      { scope: 'managed', platforms: ['win32'], path: '{programfiles}/ClaudeCode/managed-settings.json' },
    ],
    project: [
      '.mcp.json',
      '.claude/settings.json',
      '.claude/settings.local.json',
      '.claude/.mcp.json',
      // Distinctive names: a repository that deploys them (an Ansible role, a dotfiles repository).
      'managed-mcp.json',
      'managed-settings.json',
    ],
  },
  {
    id: 'cursor',
    name: 'Cursor',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.cursor/mcp.json' }],
    project: ['.cursor/mcp.json'],
  },
  {
    id: 'vscode',
    name: 'VS Code',
    serversKeys: [
      ['servers'],
      ['mcp', 'servers'],
      ['mcp.servers'],
      ['settings', 'mcp', 'servers'],
      ['github.copilot.mcp.servers'],
      ['customizations', 'vscode', 'mcp', 'servers'],
    ],
    locations: [
      { scope: 'user', platforms: ALL, path: `${vscodeUser('Code')}/mcp.json` },
      { scope: 'user', platforms: ALL, path: `${vscodeUser('Code - Insiders')}/mcp.json` },
      { scope: 'user', platforms: ALL, path: `${vscodeUser('Code')}/settings.json` },
      { scope: 'user', platforms: ALL, path: `${vscodeUser('Code - Insiders')}/settings.json` },
    ],
    project: [
      '.vscode/mcp.json',
      '.vscode/settings.json',
      '*.code-workspace',
      // Dev containers: `customizations.vscode.mcp.servers` and `customizations.vscode.settings`.
      '.devcontainer/devcontainer.json',
      '.devcontainer/*/devcontainer.json',
      '.devcontainer.json',
    ],
  },
  {
    id: 'copilot',
    name: 'GitHub Copilot',
    serversKeys: [['mcpServers'], ['servers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.copilot/mcp-config.json' }],
    project: ['.github/copilot/mcp.json', '.copilot/mcp-config.json'],
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    serversKeys: [['mcpServers']],
    locations: [
      { scope: 'user', platforms: ALL, path: '~/.codeium/windsurf/mcp_config.json' },
      { scope: 'user', platforms: ALL, path: '~/.codeium/mcp_config.json' },
    ],
    project: ['.windsurf/mcp.json', '.codeium/windsurf/mcp_config.json'],
  },
  {
    id: 'antigravity',
    name: 'Antigravity',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.gemini/antigravity/mcp_config.json' }],
    project: ['.gemini/antigravity/mcp_config.json'],
  },
  {
    id: 'gemini',
    name: 'Gemini CLI',
    serversKeys: [['mcpServers']],
    locations: [
      { scope: 'user', platforms: ALL, path: '~/.gemini/settings.json' },
      { scope: 'managed', platforms: ['linux'], path: '/etc/gemini-cli/settings.json' },
      { scope: 'managed', platforms: ['win32'], path: 'C:/ProgramData/gemini-cli/settings.json' },
      {
        scope: 'managed',
        platforms: ['darwin'],
        path: '/Library/Application Support/GeminiCli/settings.json',
      },
    ],
    project: ['.gemini/settings.json'],
  },
  {
    id: 'codex',
    name: 'Codex',
    serversKeys: [['mcp_servers']],
    locations: [
      { scope: 'user', platforms: ALL, path: '{codex}/config.toml' },
      { scope: 'managed', platforms: POSIX, path: '/etc/codex/config.toml' },
    ],
    project: ['.codex/config.toml', 'codex/config.toml'],
  },
  {
    id: 'zed',
    name: 'Zed',
    serversKeys: [['context_servers']],
    locations: [
      { scope: 'user', platforms: POSIX, path: '~/.config/zed/settings.json' },
      { scope: 'user', platforms: ['win32'], path: '{appdata}/Zed/settings.json' },
    ],
    project: ['.zed/settings.json', 'zed/settings.json'],
  },
  {
    id: 'cline',
    name: 'Cline',
    serversKeys: [['mcpServers']],
    locations: [
      {
        scope: 'user',
        platforms: ALL,
        path: `${vscodeUser('Code')}/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`,
      },
      { scope: 'user', platforms: ALL, path: '~/.cline/data/settings/cline_mcp_settings.json' },
    ],
    project: ['cline_mcp_settings.json'],
  },
  {
    id: 'roo',
    name: 'Roo Code',
    serversKeys: [['mcpServers']],
    locations: [
      {
        scope: 'user',
        platforms: ALL,
        path: `${vscodeUser('Code')}/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`,
      },
    ],
    // Roo's global file by its folder: a bare `mcp_settings.json` (`.cursor/mcp_settings.json`) is no
    // evidence of Roo, and is read as a generic config.
    project: ['.roo/mcp.json', 'rooveterinaryinc.roo-cline/settings/mcp_settings.json'],
  },
  {
    id: 'continue',
    name: 'Continue',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.continue/config.yaml' }],
    project: [
      '.continue/mcpServers/*.yaml',
      '.continue/mcpServers/*.yml',
      '.continue/mcpServers/*.json',
      '.continue/config.yaml',
    ],
  },
  {
    id: 'amazon-q',
    name: 'Amazon Q',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.aws/amazonq/mcp.json' }],
    project: ['.amazonq/mcp.json'],
  },
  {
    id: 'kiro',
    name: 'Kiro',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.kiro/settings/mcp.json' }],
    project: ['.kiro/settings/mcp.json'],
  },
  {
    id: 'opencode',
    name: 'OpenCode',
    serversKeys: [['mcp']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.config/opencode/opencode.json' }],
    project: ['opencode.json', 'opencode.jsonc', '.opencode/mcp.json'],
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    serversKeys: [['mcpServers']],
    locations: [{ scope: 'user', platforms: ALL, path: '~/.lmstudio/mcp.json' }],
    project: [],
  },
  {
    id: 'goose',
    name: 'Goose',
    serversKeys: [['extensions']],
    locations: [
      { scope: 'user', platforms: POSIX, path: '~/.config/goose/config.yaml' },
      { scope: 'user', platforms: ['win32'], path: '{appdata}/Block/goose/config/config.yaml' },
      // Per-tool permissions (`user.always_allow`), beside config.yaml; no servers in it.
      { scope: 'user', platforms: POSIX, path: '~/.config/goose/permission.yaml' },
      { scope: 'user', platforms: ['win32'], path: '{appdata}/Block/goose/config/permission.yaml' },
    ],
    project: [],
  },
  {
    id: 'generic',
    name: 'MCP config',
    serversKeys: [['mcpServers'], ['servers'], ['mcp', 'servers'], ['context_servers']],
    locations: [],
    project: [
      'mcp.json',
      'mcp_config.json',
      'mcp-config.json',
      'mcp_servers.json',
      'mcp_settings.json',
      '.mcp/config.json',
    ],
  },
];

const BY_ID = new Map(CLIENTS.map((c) => [c.id, c]));

/**
 * The patterns (relative, without `**` in front) that find a client's files in a repository: its
 * project files, and its per-user files as they sit in a repository that keeps a home folder
 * (`.claude.json`, `.config/goose/config.yaml`, `Library/Application Support/Code/User/mcp.json`).
 * Managed and system files (`/etc/...`) are not looked for by path.
 */
export function repoPatterns(def: ClientDef): string[] {
  const out = new Set(def.project);
  for (const loc of def.locations) {
    if (loc.scope !== 'user') continue;
    const m = /^(~|\{\w+\})\/(.*)$/.exec(loc.path);
    const forms = m ? HOME_FORMS[m[1]] : undefined;
    if (!m || !forms) continue;
    for (const form of forms) out.add(form ? `${form}/${m[2]}` : m[2]);
  }
  return [...out];
}

/** Looks a client up by id; unknown ids fall back to the generic client. */
export function clientById(id: string): ClientDef {
  return BY_ID.get(id) ?? BY_ID.get('generic')!;
}
