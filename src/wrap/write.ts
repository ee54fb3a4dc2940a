// Writes the result of `wrap`: the guard config first (created owner-only, 0600, since it may hold
// the servers' environment), then the client config, each existing file copied to a backup that
// never replaces an earlier one. A client never points at a guard config that is not there yet.
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WrapResult } from './index.ts';

/** The files written and the backups made. */
export interface Written {
  guardFile: string;
  clientFile: string;
  backups: string[];
}

/** Writes both files of `result`; returns where the backups went. */
export async function writeWrap(result: WrapResult, now: Date = new Date()): Promise<Written> {
  const backups: string[] = [];
  if (result.guardAfter !== (result.guardBefore ?? '')) {
    if (result.guardBefore === undefined) {
      await mkdir(dirname(result.guardFile), { recursive: true });
      // `wx`: a file that appeared since we looked is not overwritten.
      await writeFile(result.guardFile, result.guardAfter, { mode: 0o600, flag: 'wx' });
    } else {
      backups.push(await backup(result.guardFile, now));
      await writeFile(result.guardFile, result.guardAfter);
      await chmod(result.guardFile, 0o600);
    }
  }
  if (result.clientAfter !== result.clientBefore) {
    backups.push(await backup(result.clientFile, now));
    await writeFile(result.clientFile, result.clientAfter);
  }
  return { guardFile: result.guardFile, clientFile: result.clientFile, backups };
}

/**
 * Copies `file` to `<file>.bak`, or to `<file>.<timestamp>.bak` when that exists (then `-2`, `-3` ...).
 * The copy is exclusive, so an earlier backup (perhaps the only copy of the original) is never lost;
 * it is made owner-only (0600).
 */
export async function backup(file: string, now: Date): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const candidates = [`${file}.bak`, `${file}.${stamp}.bak`];
  for (let i = 2; i <= 100; i++) candidates.push(`${file}.${stamp}-${i}.bak`);
  for (const target of candidates) {
    try {
      await copyFile(file, target, constants.COPYFILE_EXCL);
      // The backup may be the last copy of a secret the rewritten file no longer holds: owner-only.
      await chmod(target, 0o600);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`cannot find a free backup name for ${file}`);
}
