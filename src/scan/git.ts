// Reading a base commit with git, without checking anything out or running anything the repository
// holds: resolve the ref (fetching the one commit when the clone is shallow), list what changed since it
// (with git's rename detection), list its tree and read blobs. Plumbing commands with -z output (and
// `git diff` with the flags that switch user settings off), so no setting (colours, quoting, diff
// drivers) changes what is parsed.
import { execFile, spawn } from 'node:child_process';

/** The base cannot be read: not a git repository, an unknown ref, a commit that cannot be fetched. */
export class BaseUnavailableError extends Error {
  override name = 'BaseUnavailableError';
}

/** How to reach the remote when a shallow clone lacks the base commit. */
export interface FetchOptions {
  /** The remote to fetch from (default `origin`). */
  remote?: string;
  /** Extra environment for `git fetch` (credentials as `GIT_CONFIG_*`: never on the command line). */
  env?: NodeJS.ProcessEnv;
}

/** One entry of a tree. */
export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** What differs between the base and the head (paths relative to the repository's top). */
export interface Changes {
  /** Head path -> base path, for files git sees as renamed. */
  renamed: Map<string, string>;
  /** Head paths added, modified, renamed or changed in type. */
  changed: Set<string>;
  /** Base paths deleted. */
  deleted: Set<string>;
}

// No prompt for credentials (it would hang a CI job), no optional index writes.
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

/** Runs git in `cwd`; rejects with git's first line of stderr. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'buffer', maxBuffer: 1 << 30, env: { ...process.env, ...GIT_ENV, ...env } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return reject(new BaseUnavailableError('git is not installed (or not on PATH)'));
        reject(new BaseUnavailableError(firstLine(stderr.toString('utf8')) || error.message));
      },
    );
  });
}

async function text(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return (await git(cwd, args, env)).toString('utf8').trim();
}

/** The repository's top folder (real path), or `BaseUnavailableError` outside a repository. */
export async function repositoryTop(dir: string): Promise<string> {
  try {
    return await text(dir, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    const why = (error as Error).message;
    throw new BaseUnavailableError(
      /not a git repository/.test(why) ? `${dir} is not in a git repository` : `${dir}: ${why}`,
    );
  }
}

async function commitOf(top: string, ref: string): Promise<string | undefined> {
  return text(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(
    () => undefined,
  );
}

/**
 * The commit `ref` names. In a shallow clone that lacks it (a CI checkout), the one commit is fetched
 * from the remote first (`origin/main` is fetched as `main`); a full clone is never made shallow.
 */
export async function resolveCommit(top: string, ref: string, fetch?: FetchOptions): Promise<string> {
  if (ref === '' || ref.startsWith('-')) throw new BaseUnavailableError(`'${ref}' is not a git ref`);
  const found = await commitOf(top, ref);
  if (found) return found;
  const shallow = (await text(top, ['rev-parse', '--is-shallow-repository']).catch(() => '')) === 'true';
  if (!shallow || !fetch) {
    throw new BaseUnavailableError(
      `'${ref}' is not a commit in this repository${shallow ? ' (a shallow clone)' : ''}`,
    );
  }
  const remote = fetch.remote ?? 'origin';
  const want = ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref;
  try {
    await git(
      top,
      ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', '--quiet', remote, want],
      fetch.env,
    );
  } catch (error) {
    throw new BaseUnavailableError(
      `'${ref}' is not in this shallow clone and could not be fetched from ${remote}: ${(error as Error).message}`,
    );
  }
  const fetched = (await commitOf(top, ref)) ?? (await commitOf(top, 'FETCH_HEAD'));
  if (!fetched) throw new BaseUnavailableError(`'${ref}' was fetched from ${remote} but is not a commit`);
  return fetched;
}

/** Splits NUL-separated output, dropping the empty tail. */
function fields(out: Buffer): string[] {
  const list = out.toString('utf8').split('\0');
  if (list.at(-1) === '') list.pop();
  return list;
}

/**
 * What changed from `base` to `head` (a commit), or to the working tree when `head` is not given
 * (tracked files; untracked ones are absent from the base anyway). Renames as git detects them.
 */
export async function changesSince(top: string, base: string, head?: string): Promise<Changes> {
  // Against the working tree, `git diff` rather than `diff-index`: it refreshes the index's stat
  // information in memory, so a file merely touched is not listed; the flags keep user settings out.
  const args = head
    ? ['diff-tree', '-r', '-z', '--no-commit-id', '--name-status', '--find-renames', base, head, '--']
    : [
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--no-relative',
        '-z',
        '--name-status',
        '--find-renames',
        base,
        '--',
      ];
  const list = fields(await git(top, args));
  const changes: Changes = { renamed: new Map(), changed: new Set(), deleted: new Set() };
  for (let i = 0; i < list.length; ) {
    const status = list[i++];
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = list[i++];
      const to = list[i++];
      if (status.startsWith('R')) changes.renamed.set(to, from);
      changes.changed.add(to);
    } else if (status === 'D') changes.deleted.add(list[i++]);
    else changes.changed.add(list[i++]);
  }
  return changes;
}

/** Every entry of a commit's tree, by path (sizes are not listed: that reads every object). */
export async function listTree(top: string, commit: string): Promise<Map<string, TreeEntry>> {
  const tree = new Map<string, TreeEntry>();
  for (const line of fields(await git(top, ['ls-tree', '-r', '-z', '--full-tree', commit]))) {
    // <mode> SP <type> SP <oid> TAB <path>
    const tab = line.indexOf('\t');
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    tree.set(line.slice(tab + 1), { mode, type, oid });
  }
  return tree;
}

/** Runs `git cat-file` with `mode` (`--batch` or `--batch-check`), the object names on stdin. */
function catFile(top: string, mode: string, oids: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', mode], {
      cwd: top,
      env: { ...process.env, ...GIT_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', (e) => reject(new BaseUnavailableError(`git cat-file: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) reject(new BaseUnavailableError(`git cat-file: ${firstLine(stderr)}`));
      else resolve(Buffer.concat(chunks));
    });
    child.stdin.end(`${oids.join('\n')}\n`);
  });
}

/**
 * The contents of the given blobs up to `maxBytes` each (larger ones are left out, as the scanner would
 * not read them): sizes from one `git cat-file --batch-check`, contents from one `--batch`.
 */
export async function readBlobs(
  top: string,
  oids: readonly string[],
  maxBytes: number,
): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (oids.length === 0) return blobs;
  const small = (await catFile(top, '--batch-check', oids))
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, type, size]) => type === 'blob' && Number(size) <= maxBytes)
    .map(([oid]) => oid);
  if (small.length === 0) return blobs;
  const out = await catFile(top, '--batch', small);
  // Each object: "<oid> <type> <size>\n", then <size> bytes, then "\n".
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const [oid, , size] = out.subarray(at, nl).toString('utf8').split(' ');
    const n = Number(size);
    blobs.set(oid, out.subarray(nl + 1, nl + 1 + n));
    at = nl + 1 + n + 1;
  }
  return blobs;
}
