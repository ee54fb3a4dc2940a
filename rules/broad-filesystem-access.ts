// MG404: a filesystem MCP server allowed to read and write the whole disk or the whole home folder.
// The allowed directories are the only boundary such a server has; `~` or `/` hands the agent (and
// any prompt injection that steers it) SSH keys, cloud credentials, browser profiles and shell rc
// files. Launcher parsing is shared with MG401/MG403 (rules/utils/launchers.ts).
import { argv, programName, type Word } from '../src/config/launch.ts';
import { defineRule, type Severity } from '../src/scan/rule.ts';
import { findLaunches, isHostRoot, type Launch, mounts } from './utils/launchers.ts';
import { shortImageName } from './utils/package-specs.ts';

/** Well-known filesystem servers whose command-line arguments are the allowed directories. */
const FS_PACKAGES = new Set([
  '@modelcontextprotocol/server-filesystem',
  'mcp-server-filesystem',
  'mcp-filesystem-server',
  '@mark3labs/mcp-filesystem-server',
  'server-filesystem',
]);

/** Container images of those servers: what they can reach is what is mounted into them. */
const FS_IMAGES = new Set([
  'mcp/filesystem',
  'modelcontextprotocol/server-filesystem',
  'ghcr.io/mark3labs/mcp-filesystem-server',
]);

/** Options some filesystem servers take instead of positional directories. */
const DIR_OPTION =
  /^--?(allowed-dir(?:s|ectories)?|allow-dir|root|roots|dir|directory|directories)(?:=(.*))?$/i;

/** How broad a directory is: the whole disk, all homes, or one user's whole home folder. */
export type Breadth = 'root' | 'home';

/**
 * Judges one allowed directory: `root` for `/` or a drive root (`C:\`, `D:/`, WSL `/mnt/c`), `home` for
 * `~`, `$HOME`, `${userHome}`, `%USERPROFILE%`, or `/Users/<name>`, `/home/<name>`, `C:\Users\<name>`
 * with nothing below it (or the folder of all homes). `undefined` for anything narrower.
 */
export function breadth(dir: string): Breadth | undefined {
  const d = dir.trim().replace(/^["']|["']$/g, '');
  if (d === '') return undefined;
  if (isHostRoot(d) || /^\/mnt\/[a-z]\/*$/i.test(d)) return 'root';
  const p = d.replace(/\\+/g, '/').replace(/(.)\/+$/, '$1');
  const homeVar =
    /^(~|\$HOME|\$\{HOME\}|\$\{env:(HOME|USERPROFILE)\}|\$\{userHome\}|\$env:(HOME|USERPROFILE)|%USERPROFILE%|%HOMEDRIVE%%HOMEPATH%|%HOMEPATH%)$/i;
  if (homeVar.test(p)) return 'home';
  if (
    /^(\/(Users|home|var\/home)(\/[^/]+)?|\/root|[A-Za-z]:\/(Users|Documents and Settings)(\/[^/]+)?)$/i.test(
      p,
    )
  )
    return 'home';
  return undefined;
}

interface Hit {
  word: Word;
  dir: string;
  kind: Breadth;
}

/** Directories named on the command line: positional words and `--allowed-directories=a,b` values. */
function judgeArgs(args: readonly Word[]): Hit[] {
  const out: Hit[] = [];
  for (let i = 0; i < args.length; i++) {
    const opt = DIR_OPTION.exec(args[i].text);
    if (!opt && args[i].text.startsWith('-')) continue;
    // `--allowed-directories /` keeps the value in the next word; `--root=/` and positionals in this one.
    const word = opt && opt[2] === undefined ? args[++i] : args[i];
    if (!word) break;
    const dirs = opt ? (opt[2] ?? word.text).split(',') : [word.text];
    for (const dir of dirs) {
      const kind = breadth(dir);
      if (kind) out.push({ word, dir, kind });
    }
  }
  return out;
}

/** What a containerised filesystem server can reach: its bind mounts. `/` itself is MG403's. */
function judgeMounts(launch: Launch): Hit[] {
  return mounts(launch).flatMap((m) => {
    const kind = m.bind ? breadth(m.source) : undefined;
    return kind === 'home' ? [{ word: m.word, dir: m.source, kind }] : [];
  });
}

function hits(words: readonly Word[], launches: readonly Launch[]): Hit[] {
  const out: Hit[] = [];
  for (const launch of launches) {
    const main = launch.packages[0];
    if (!main) continue;
    const name = main.ref.name.toLowerCase();
    if (launch.ecosystem === 'oci' && FS_IMAGES.has(shortImageName(name))) out.push(...judgeMounts(launch));
    else if (launch.ecosystem !== 'oci' && FS_PACKAGES.has(name)) out.push(...judgeArgs(launch.args));
  }
  if (launches.length > 0) return out;
  // Installed binaries (`mcp-server-filesystem /`) and `node .../server-filesystem/dist/index.js /`.
  const prog = programName(words[0]?.text);
  if (FS_PACKAGES.has(prog)) return judgeArgs(words.slice(1));
  if (
    (prog === 'node' || prog === 'bun' || prog === 'deno') &&
    /server-filesystem/i.test(words[1]?.text ?? '')
  )
    return judgeArgs(words.slice(2));
  return out;
}

export default defineRule({
  code: 'MG404',
  name: 'broad-filesystem-access',
  severity: 'medium',
  precision: 'high',
  summary: 'A filesystem MCP server is allowed the whole disk or the whole home folder.',
  description:
    'A filesystem server (`@modelcontextprotocol/server-filesystem` and similar) can read and write everything below its allowed directories, and the agent calls it with arguments a prompt injection can steer. Allowing `~`, `$HOME`, `${userHome}`, `%USERPROFILE%`, or a home folder itself (`/Users/me`, `/home/me`, `C:\\Users\\me`) exposes SSH and GPG keys, cloud and registry credentials, browser profiles, shell start-up files and every other project; allowing `/` or a drive root (`C:\\`) exposes the whole machine and is reported at high. For a containerised filesystem server (`mcp/filesystem`), what it can reach is what is mounted into it, so a bind mount of the home folder is reported here (a mount of `/` is reported by MG403). Folders below the home folder (`~/projects/app`) and `${workspaceFolder}` are not reported.',
  help: [
    'Allow only the folders the agent needs, as deep as you can. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me/projects/app"] } } }',
    '```',
    '',
    'In an editor, `${workspaceFolder}` limits the server to the open project.',
  ].join('\n'),
  fix: 'allow only the project folders the server needs, not / or the whole home folder',
  tags: ['security', 'filesystem', 'least-privilege', 'external/cwe/cwe-732'],
  messages: {
    root: 'filesystem server allowed the whole disk ({dir}): it can read and write every file on the machine',
    home: 'filesystem server allowed the whole home folder ({dir}): SSH keys, credentials and every project are in reach',
  },
  checkServer(server, ctx) {
    const words = argv(server);
    for (const h of hits(words, findLaunches(server))) {
      const severity: Severity | undefined = h.kind === 'root' ? 'high' : undefined;
      ctx.report({ path: h.word.source.path, message: h.kind, data: { dir: h.dir }, severity });
    }
  },
});
