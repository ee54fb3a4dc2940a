// `mcp-guard guard wrap`: reads a client config with the scanner's loader, plans which servers move
// behind the guard, and produces both new texts (client config, guard config). Nothing is written
// here; write.ts writes (with backups) and diff.ts shows what would change.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Format, parseDocument } from '../config/document.ts';
import { argv, runsGuard } from '../config/launch.ts';
import { normalize } from '../config/normalize.ts';
import { loadConfigFile } from '../scan/load.ts';
import { applyEntryEdits, entryEdit } from './edit-client.ts';
import { guardConfigText } from './guard-file.ts';
import { planWrap, type SkippedServer, WrapError, type WrappedServer } from './plan.ts';

export { WrapError } from './plan.ts';

/** What to wrap and how. */
export interface WrapOptions {
  /** The client config file. */
  file: string;
  /** The client's id when the file name does not tell (see `mcp-guard rules` / docs/cli.md). */
  client?: string;
  /** Server names; empty means every local server. */
  servers?: string[];
  /** The guard config to create or extend. */
  out: string;
  /** The words that start mcp-guard in the rewritten entries (see `PlanOptions.launcher`). */
  launcher: string[];
  moveSecretsToEnv: boolean;
}

/** Both files before and after, and what was decided. */
export interface WrapResult {
  clientFile: string;
  client: string;
  clientBefore: string;
  clientAfter: string;
  guardFile: string;
  /** Undefined when the guard config does not exist yet. */
  guardBefore: string | undefined;
  guardAfter: string;
  wrapped: WrappedServer[];
  skipped: SkippedServer[];
  warnings: string[];
}

/** Computes the wrap of `opts.file` without touching the disk. */
export async function wrapClientConfig(opts: WrapOptions): Promise<WrapResult> {
  const clientFile = resolve(opts.file);
  const guardFile = resolve(opts.out);
  if (!/\.ya?ml$/i.test(guardFile)) throw new WrapError(`--out: give a .yaml file (got ${opts.out})`);
  if (guardFile === clientFile) throw new WrapError('--out: must differ from the client config file');
  const loaded = await loadConfigFile(clientFile, opts.client, 'user');
  if (!loaded.ok) throw new WrapError(`${clientFile}: ${loaded.message}`);
  const { config } = loaded;
  const problem = config.document.errors[0];
  if (problem)
    throw new WrapError(
      `${clientFile}:${problem.line}:${problem.column}: ${problem.message}; fix the file before wrapping it`,
    );
  const plan = await planWrap(config, {
    servers: opts.servers,
    guardConfig: guardFile,
    launcher: opts.launcher,
    moveSecretsToEnv: opts.moveSecretsToEnv,
  });
  // The original bytes (a byte-order mark included): edits keep everything they do not touch.
  const clientBefore = await readFile(clientFile, 'utf8');
  const guardBefore = await readFile(guardFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new WrapError(`cannot read ${guardFile}: ${error.code ?? error.message}`);
  });
  const clientAfter =
    plan.wrapped.length === 0
      ? clientBefore
      : applyEntryEdits(
          config.document,
          clientBefore,
          plan.wrapped.map((s) => entryEdit(config.document, s)),
        );
  if (plan.wrapped.length > 0)
    checkRewrite(clientFile, config.client, config.document.format, clientAfter, plan.wrapped);
  const guardAfter =
    plan.wrapped.length === 0
      ? (guardBefore ?? '')
      : guardConfigText(guardBefore, plan.wrapped, guardFile, clientFile);
  return {
    clientFile,
    client: config.client,
    clientBefore,
    clientAfter,
    guardFile,
    guardBefore,
    guardAfter,
    ...plan,
  };
}

/**
 * Reads the rewritten text back with the scanner's parser: it must parse, and every wrapped server
 * must now launch the guard. A failure here is a bug in an editor, caught before anything is written.
 */
function checkRewrite(file: string, client: string, format: Format, text: string, wrapped: WrappedServer[]) {
  const doc = parseDocument(text, format);
  if (doc.errors.length > 0)
    throw new Error(`wrap produced an unparseable ${file} (${doc.errors[0].message}); nothing was written`);
  const servers = normalize(file, client, 'user', doc).servers;
  for (const w of wrapped) {
    const spec = servers.find((s) => s.name === w.spec.name);
    if (!spec || !runsGuard(argv(spec).map((x) => x.text)))
      throw new Error(`wrap could not rewrite server "${w.spec.name}" in ${file}; nothing was written`);
  }
}
