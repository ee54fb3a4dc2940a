// Reads one config file safely (size cap, binary and link checks) and builds its model. Nothing
// here throws for a bad file: the caller gets a config or a readable error.
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatForPath, parseDocument } from '../config/document.ts';
import { normalize } from '../config/normalize.ts';
import type { ClientConfig, Scope } from '../config/types.ts';
import { guessClient } from './discover.ts';

/** Files larger than this are not read. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A loaded file, or why it could not be loaded. */
export type Loaded =
  | { ok: true; config: ClientConfig; stat: { mode: number; dirMode: number } }
  | { ok: false; message: string };

/** Loads `file` as a config of `client` (guessed from its name and shape when not given). */
export async function loadConfigFile(
  file: string,
  client?: string,
  scope: Scope = 'project',
): Promise<Loaded> {
  let bytes: Buffer;
  let mode = 0;
  let dirMode = 0;
  try {
    const link = await lstat(file);
    if (link.isSymbolicLink()) await realpath(file); // throws ELOOP on a loop
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, message: 'is a directory, not a config file' };
    // FIFOs, sockets and devices would block or never end: only regular files are read.
    if (!info.isFile()) return { ok: false, message: 'not a regular file; not scanned' };
    if (info.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        message: `file is ${info.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; not scanned`,
      };
    }
    mode = info.mode;
    dirMode = (await stat(dirname(file))).mode;
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  if (bytes.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes); not scanned' };
  return { ok: true, config: modelOf(file, bytes.toString('utf8'), client, scope), stat: { mode, dirMode } };
}

/**
 * The model of a config file's text: parsed in the format its name implies, the client guessed from
 * its name and shape when not given, normalised. The scan and the RuleTester both load files this way.
 */
export function modelOf(file: string, text: string, client?: string, scope: Scope = 'project'): ClientConfig {
  const document = parseDocument(text, formatForPath(file));
  return normalize(file, client ?? guessClient(file, document.root), scope, document);
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ELOOP':
      return 'symbolic link loop; not scanned';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; not scanned (run as a user who can read it)';
    case 'ENOENT':
      return 'no such file';
    default:
      return `cannot read: ${e.message}`;
  }
}
