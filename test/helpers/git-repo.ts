// Real git repositories for the tests of new-versus-existing findings: a base commit with findings and
// a pull request that adds one, fixes one, moves and reformats a block, renames a file and moves a
// server between two files of one client; and a checkout made the way actions/checkout makes it (the
// merge commit only, depth 1, the base commit absent).
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A fixed identity and dates: no user config is read, commits are the same on every machine.
const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** Runs git in `cwd`; returns its stdout, trimmed. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: { ...process.env, ...GIT_ENV } });
  return stdout.trim();
}

/** Writes files (path -> text; `null` deletes) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, string | null>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    if (text === null) await rm(file, { force: true });
    else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
}

/** The base branch: findings in three files of two clients. */
export const BASE_FILES: Record<string, string> = {
  '.cursor/mcp.json': `{
  "mcpServers": {
    "crm": { "url": "http://mcp.acme-crm.com/mcp" },
    "files": { "command": "npx", "args": ["-y", "@acme/files-mcp"] },
    "legacy": {
      "command": "node",
      "args": ["/opt/mcp/legacy.js"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_R2d5Wq8Zr1Tn7Lv4By9Hc3Jd6Gf0SaX1Yk3M" }
    }
  }
}
`,
  'apps/web/.vscode/mcp.json': `{
  "servers": {
    "docs": { "type": "http", "url": "http://mcp.acme-docs.com/mcp" }
  }
}
`,
  '.vscode/mcp.json': `{
  "servers": {
    "search": { "command": "npx", "args": ["-y", "@acme/search-mcp"] }
  }
}
`,
  'README.md': '# demo\n',
};

/**
 * The pull request: adds `tracker` (plaintext HTTP: new, high), removes `legacy` (its secret: fixed),
 * reformats `files` and moves `crm` below it, renames `apps/web` to `apps/site`, and moves `search`
 * from `.vscode/mcp.json` into `.vscode/settings.json`.
 */
export const PR_FILES: Record<string, string | null> = {
  '.cursor/mcp.json': `{
  "mcpServers": {
    "tracker": { "url": "http://mcp.acme-tracker.com/mcp" },
    "files": {
      "command": "npx",
      "args": [
        "-y",
        "@acme/files-mcp"
      ]
    },
    "crm": {
      "url": "http://mcp.acme-crm.com/mcp"
    }
  }
}
`,
  '.vscode/mcp.json': null,
  '.vscode/settings.json': `{
  "editor.tabSize": 2,
  "files.exclude": { "**/.git": true, "**/node_modules": true },
  "mcp": {
    "servers": {
      "search": {
        "command": "npx",
        "args": ["-y", "@acme/search-mcp"]
      }
    }
  }
}
`,
};

/** The commits of a pull request. */
export interface PullRequest {
  /** The pull request's base SHA (the base branch's tip). */
  base: string;
  /** The pull request's head commit. */
  head: string;
  /** The merge commit GitHub offers as `refs/pull/N/merge`. */
  merge: string;
  /** That ref. */
  ref: string;
}

/** Makes the repository that plays GitHub's part, at `dir`: `main` holds BASE_FILES. Returns main's SHA. */
export async function makeOrigin(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await writeFiles(dir, BASE_FILES);
  await git(dir, 'add', '--all');
  await git(dir, 'commit', '--quiet', '-m', 'base');
  return git(dir, 'rev-parse', 'HEAD');
}

/**
 * Adds a pull request to `origin`: a commit on `from` (default `main`) that writes `files` and makes
 * the renames, on branch `pr-N`, and its merge into main as `refs/pull/N/merge`.
 */
export async function addPullRequest(
  origin: string,
  number: number,
  files: Record<string, string | null>,
  opts: { renames?: [string, string][]; from?: string } = {},
): Promise<PullRequest> {
  const base = await git(origin, 'rev-parse', 'main');
  await git(origin, 'checkout', '--quiet', '-B', `pr-${number}`, opts.from ?? 'main');
  for (const [from, to] of opts.renames ?? []) await git(origin, 'mv', from, to);
  await writeFiles(origin, files);
  await git(origin, 'add', '--all');
  await git(origin, 'commit', '--quiet', '--allow-empty', '-m', `pull request ${number}`);
  const head = await git(origin, 'rev-parse', 'HEAD');
  await git(origin, 'checkout', '--quiet', '--detach', 'main');
  await git(origin, 'merge', '--quiet', '--no-ff', '-m', `Merge ${head} into ${base}`, head);
  const merge = await git(origin, 'rev-parse', 'HEAD');
  const ref = `refs/pull/${number}/merge`;
  await git(origin, 'update-ref', ref, merge);
  await git(origin, 'checkout', '--quiet', 'main');
  return { base, head, merge, ref };
}

/** The pull request of PR_FILES, with `apps/web` renamed to `apps/site`. */
export function addMainPullRequest(origin: string, number = 7): Promise<PullRequest> {
  return addPullRequest(origin, number, PR_FILES, { renames: [['apps/web', 'apps/site']] });
}

/** Checks out `ref` of `origin` into `dir` as actions/checkout does: one commit deep, detached. */
export async function shallowCheckout(origin: string, ref: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await git(dir, 'init', '--quiet');
  await git(dir, 'remote', 'add', 'origin', `file://${origin}`);
  await git(dir, 'fetch', '--quiet', '--no-tags', '--depth=1', 'origin', `+${ref}:refs/remotes/checkout`);
  await git(dir, 'checkout', '--quiet', '--detach', 'refs/remotes/checkout');
  return dir;
}

/** A commit made on `origin` and then thrown away (a force-pushed base): its SHA, no longer fetchable. */
export async function vanishedCommit(origin: string): Promise<string> {
  await git(origin, 'checkout', '--quiet', '-b', 'gone', 'main');
  await writeFiles(origin, { 'README.md': '# rewritten\n' });
  await git(origin, 'commit', '--quiet', '--all', '-m', 'soon gone');
  const sha = await git(origin, 'rev-parse', 'HEAD');
  await git(origin, 'checkout', '--quiet', 'main');
  await git(origin, 'branch', '--quiet', '-D', 'gone');
  await git(origin, 'reflog', 'expire', '--expire=now', '--all');
  await git(origin, 'gc', '--quiet', '--prune=now');
  return sha;
}
