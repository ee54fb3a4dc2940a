// Finds config files: on a machine (the client table's per-OS locations, expanded for a given home,
// environment and platform) or in a repository (the clients' project file names, at any depth).
import { posix, win32 } from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import { CLIENTS, type Platform, repoPatterns } from '../config/clients.ts';
import { member, type PNode } from '../config/document.ts';
import { looksLikeGuardConfig } from '../config/guard-lint.ts';
import type { Scope } from '../config/types.ts';

/** A file to scan, with the client and scope it belongs to. */
export interface Candidate {
  file: string;
  /** Undefined for a file named on the command line: guessed at load from its name and content. */
  client?: string;
  scope: Scope;
}

/** Folders never descended into in repository mode. */
export const SKIPPED_DIRS = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  'dist-newstyle',
  '.next',
  '.nuxt',
  'target',
  '.terraform',
];

/** Where the user's machine keeps things, passed in so tests can fake any OS. */
export interface MachineContext {
  platform: Platform;
  home: string;
  env: NodeJS.ProcessEnv;
}

/** Expands a location template for the machine; `undefined` when it does not apply there. */
export function expandLocation(template: string, m: MachineContext): string {
  const path = m.platform === 'win32' ? win32 : posix;
  const appdata = m.env.APPDATA ?? path.join(m.home, 'AppData', 'Roaming');
  const config =
    m.platform === 'darwin'
      ? path.join(m.home, 'Library', 'Application Support')
      : m.platform === 'win32'
        ? appdata
        : (m.env.XDG_CONFIG_HOME ?? path.join(m.home, '.config'));
  const out = template
    .replace(/^~(?=\/|$)/, m.home)
    .replace('{config}', config)
    .replace('{appdata}', appdata)
    .replace('{programfiles}', m.env.ProgramFiles ?? 'C:/Program Files')
    .replace('{claude}', m.env.CLAUDE_CONFIG_DIR ?? m.home)
    .replace('{codex}', m.env.CODEX_HOME ?? path.join(m.home, '.codex'));
  return m.platform === 'win32' ? out.replace(/\//g, '\\') : out;
}

/** Every machine location of every client for this platform: user, managed, and system files. */
export function machineLocations(m: MachineContext): { pattern: string; client: string; scope: Scope }[] {
  const out: { pattern: string; client: string; scope: Scope }[] = [];
  for (const def of CLIENTS) {
    for (const loc of def.locations) {
      if (loc.platforms.includes(m.platform)) {
        out.push({ pattern: expandLocation(loc.path, m), client: def.id, scope: loc.scope });
      }
    }
  }
  return out;
}

/** Finds which machine locations exist. Glob patterns (`**`) are expanded. */
export async function discoverMachine(
  m: MachineContext,
): Promise<{ found: Candidate[]; searched: { path: string; client: string; found: boolean }[] }> {
  const found: Candidate[] = [];
  const searched: { path: string; client: string; found: boolean }[] = [];
  for (const loc of machineLocations(m)) {
    const pattern = loc.pattern.replace(/\\/g, '/');
    const matches = await fg(fg.isDynamicPattern(pattern) ? pattern : fg.escapePath(pattern), {
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: ['**/node_modules/**'],
    });
    searched.push({ path: loc.pattern, client: loc.client, found: matches.length > 0 });
    for (const file of matches) found.push({ file, client: loc.client, scope: loc.scope });
  }
  return { found, searched };
}

/** The glob patterns of every client's files in a repository (project files and home-like paths), at any depth. */
export function projectPatterns(): string[] {
  const names = new Set<string>();
  for (const def of CLIENTS) for (const p of repoPatterns(def)) names.add(`**/${p}`);
  return [...names];
}

/**
 * Finds every known config file under `root`, skipping vendored and generated trees. Symbolic links
 * and folders that carry a config file's name are returned too: the loader reports them (a link loop,
 * a folder where a file should be) instead of discovery dropping them silently.
 */
export async function discoverRepo(root: string): Promise<Candidate[]> {
  const entries = await fg(projectPatterns(), {
    cwd: root,
    dot: true,
    onlyFiles: false,
    objectMode: true,
    absolute: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    unique: true,
    ignore: SKIPPED_DIRS.map((d) => `**/${d}/**`),
  });
  const files = entries.filter((e) => !e.dirent.isFIFO() && !e.dirent.isSocket()).map((e) => e.path);
  files.sort();
  return files.map((file) => ({ file, client: guessClient(file), scope: 'project' as const }));
}

const MATCHERS = CLIENTS.map((def) => ({
  id: def.id,
  match: picomatch(
    repoPatterns(def).map((p) => `**/${p}`),
    { dot: true, nocase: true },
  ),
}));

/**
 * Guesses the client from a file's path, then (for generic names) from its shape: a guard config by
 * its sections, a client by which key holds the servers.
 */
export function guessClient(file: string, root?: PNode): string {
  const path = file.replace(/\\/g, '/');
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  const byName = MATCHERS.find((m) => m.match(withSlash))?.id;
  if (byName && byName !== 'generic') return byName;
  if (root?.kind === 'object') {
    if (looksLikeGuardConfig(root)) return 'mcp-guard';
    // Codex's own keys: a config.toml may set the approval policy and no server at all.
    if (member(root, 'mcp_servers') || member(root, 'approval_policy') || member(root, 'sandbox_mode'))
      return 'codex';
    if (member(root, 'context_servers')) return 'zed';
    if (member(root, 'servers') && member(root, 'inputs')) return 'vscode';
    if (member(root, 'mcp.servers') || member(member(root, 'mcp'), 'servers')) return 'vscode';
    if (member(root, 'extensions') && !member(root, 'mcpServers')) return 'goose';
    if (member(root, 'GOOSE_MODE')) return 'goose';
  }
  return byName ?? 'generic';
}
