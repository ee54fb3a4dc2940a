// A scan compared with a base commit: which findings are new, which existed, which were fixed. The
// base's files are read with git (never checked out: nothing of either commit runs), written to a
// temporary folder at their repository paths and scanned with the head's rules, project config,
// baseline and minimum severity. Its findings are then named as the head names their file (git's
// rename detection) and matched by fingerprint. Only the files that can differ are written: the base
// versions of the files the head scan read, and of every file the change touches, so the cost follows
// the configs and the change, not the repository's size (a file the change does not touch is the same
// in both, so discovery picks it, or not, alike).
import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compareFindings } from './compare.ts';
import { SKIPPED_DIRS } from './discover.ts';
import { ConfigError, PROJECT_CONFIG_NAME } from './filter.ts';
import type { Finding, ScanResult } from './finding.ts';
import { fingerprint } from './fingerprint.ts';
import {
  changesSince,
  type FetchOptions,
  listTree,
  readBlobs,
  repositoryTop,
  resolveCommit,
  type TreeEntry,
} from './git.ts';
import { MAX_FILE_BYTES } from './load.ts';
import { display, type ScanOptions, scan } from './scan.ts';

export { BaseUnavailableError, type FetchOptions } from './git.ts';

/** Files written at once while copying the base out. */
const WRITERS = 16;

/** Which base to compare with, and how to get it. */
export interface DiffBase {
  /** A git ref: a branch, `origin/main`, a SHA. */
  ref: string;
  /** The commit the head scan read (the Action: `HEAD`); default the working tree. */
  head?: string;
  /** Fetch the base commit when the clone is shallow and lacks it; off when not given. */
  fetch?: FetchOptions;
  /** Where the temporary copy of the base goes (default the OS's temporary folder). */
  tmpDir?: string;
}

/** `abs` relative to `top` with forward slashes (`''` for `top` itself), or undefined outside it. */
function inside(top: string, abs: string): string | undefined {
  const rel = relative(top, abs);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

async function realOrSelf(p: string): Promise<string> {
  return realpath(p).catch(() => p);
}

/**
 * Compares `head`, the result of `scan(options)`, with the scan of `base`: returns `head` with every
 * finding's `status` and `diff` set. Throws `BaseUnavailableError` when the base cannot be read, and
 * `ConfigError` for a scan that cannot have a base (a machine scan, a path outside the repository).
 */
export async function compareWithBase(
  head: ScanResult,
  options: ScanOptions,
  base: DiffBase,
): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = (options.paths ?? []).map((p) => resolve(cwd, p));
  if (paths.length === 0)
    throw new ConfigError('comparing with a git base needs files or folders to scan, not the machine');
  const top = await repositoryTop(paths[0]);
  const rel = async (abs: string, what: string) => {
    const r = inside(top, await realOrSelf(abs));
    if (r === undefined) throw new ConfigError(`${what} ${abs} is outside the git repository ${top}`);
    return r;
  };
  const relPaths = await Promise.all(paths.map((p) => rel(p, 'path')));
  const relCwd = inside(top, await realOrSelf(cwd));
  const realRoot = await realOrSelf(head.root);
  const relRoot = inside(top, realRoot);
  if (relRoot === undefined)
    throw new ConfigError(
      `the scan root ${head.root} is outside the git repository ${top}: scan a folder of it`,
    );

  const commit = await resolveCommit(top, base.ref, base.fetch);
  const [changes, tree] = await Promise.all([changesSince(top, commit, base.head), listTree(top, commit)]);

  // The base paths to write: the base versions of the files the head scan read (under their old name
  // when renamed), and of every file the change touches.
  const wanted = new Set<string>();
  const notInBase = new Set<string>();
  const headPaths = await Promise.all(
    head.files.map(async (f) => inside(top, await realOrSelf(resolve(head.root, f.file)))),
  );
  for (const r of headPaths) {
    if (r === undefined) continue;
    const basePath = changes.renamed.get(r) ?? r;
    if (tree.has(basePath)) wanted.add(basePath);
    else notInBase.add(r);
  }
  // Discovery never looks inside vendored trees, so a change there (a vendoring commit) costs nothing.
  const vendored = (p: string) => p.split('/').some((seg) => SKIPPED_DIRS.includes(seg));
  for (const p of changes.changed) if (!vendored(p)) wanted.add(changes.renamed.get(p) ?? p);
  for (const p of changes.deleted) if (!vendored(p)) wanted.add(p);

  // The head's project config and baseline judge both sides: what is compared is the MCP configs.
  const headConfig = options.config ?? join(head.root, PROJECT_CONFIG_NAME);
  const config = options.config || (await isFile(headConfig)) ? headConfig : undefined;
  wanted.delete(relRoot === '' ? PROJECT_CONFIG_NAME : `${relRoot}/${PROJECT_CONFIG_NAME}`);

  const dir = await mkdtemp(join(base.tmpDir ?? tmpdir(), 'mcp-guard-base-'));
  try {
    await writeBase(top, dir, tree, wanted);
    // The scanned folders exist in the base as in the head, so the scan root is the same (a folder the
    // change adds is an empty folder there).
    for (const [i, p] of relPaths.entries()) {
      if (await isDirectory(paths[i])) await mkdir(join(dir, p), { recursive: true });
    }
    const baseCwd = relCwd === undefined ? dir : join(dir, relCwd);
    await mkdir(baseCwd, { recursive: true });
    const baseResult = await scan({
      ...options,
      paths: relPaths.map((p) => join(dir, p)),
      cwd: baseCwd,
      config,
    });

    // The base scan read each file as it was, under its base name (so its client and dialect are the
    // base's); its findings are then named as the head names the file, and fingerprinted so.
    const headName = new Map([...changes.renamed].map(([to, from]) => [from, to]));
    const asHead = baseResult.findings.map((f) => {
      const basePath = inside(dir, f.absFile) ?? f.absFile;
      const absFile = join(top, headName.get(basePath) ?? basePath);
      const renamed: Finding = { ...f, file: display(realRoot, absFile), absFile };
      return { ...renamed, fingerprint: fingerprint(renamed) };
    });
    const { added, fixed } = compareFindings(head.findings, asHead);
    const isNew = new Set(added);
    const changed = new Set<string>();
    for (const p of [...changes.changed, ...notInBase]) changed.add(display(realRoot, join(top, p)));
    return {
      ...head,
      findings: head.findings.map((f) => ({ ...f, status: isNew.has(f) ? 'new' : 'existing' })),
      diff: {
        base: base.ref,
        commit,
        fixed: fixed.map((f) => ({ ...f, status: 'fixed' })),
        changed: [...changed].sort(),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the wanted base files under `dir`; skips submodules and files the scanner would not read. */
async function writeBase(
  top: string,
  dir: string,
  tree: ReadonlyMap<string, TreeEntry>,
  wanted: ReadonlySet<string>,
): Promise<void> {
  const entries = [...wanted].flatMap((path) => {
    const entry = tree.get(path);
    return entry?.type === 'blob' ? [{ path, entry }] : [];
  });
  const blobs = await readBlobs(top, [...new Set(entries.map((e) => e.entry.oid))], MAX_FILE_BYTES);
  // Git never stores `..` or absolute paths; checked anyway, since this writes files.
  const files = entries.flatMap(({ path, entry }) => {
    const content = blobs.get(entry.oid);
    const target = join(dir, path);
    return content && inside(dir, target) !== undefined ? [{ target, entry, content }] : [];
  });
  await Promise.all(
    [...new Set(files.map((f) => dirname(f.target)))].map((d) => mkdir(d, { recursive: true })),
  );
  // A thousand files written one after another cost seconds; a few at a time, a fraction of that.
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const { target, entry, content } = files[next++];
      if (entry.mode === '120000') await symlink(content.toString('utf8'), target).catch(() => undefined);
      else await writeFile(target, content);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, files.length) }, worker));
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
