// `mcp-guard guard wrap <client config>`: moves a client's local MCP servers behind the guard. Shows a
// unified diff of both files by default; `--write` writes them (with backups). Diffs go to stdout,
// the summary and warnings to stderr.
import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import { VERSION } from '../version.ts';
import { UsageError } from './errors.ts';

/** Options of `guard wrap`, as commander hands them over. */
interface WrapCliOptions {
  server: string[];
  out: string;
  write?: boolean;
  client?: string;
  launcher: string;
  moveSecretsToEnv?: boolean;
}

/** Adds `wrap` under `guard`. */
export function registerWrapCommand(guard: Command): void {
  guard
    .command('wrap')
    .description(
      "Move a client config's local MCP servers behind the guard (prints a diff; --write applies it)",
    )
    .argument(
      '<file>',
      'client config (claude_desktop_config.json, .cursor/mcp.json, .vscode/mcp.json, config.toml ...)',
    )
    .option(
      '--server <name>',
      'wrap only this server (repeat for several; default: every local server)',
      collect,
      [],
    )
    .option('-o, --out <file>', 'guard config to create or extend', 'mcp-guard.yaml')
    .option('--write', 'write both files (backups: <file>.bak, or <file>.<time>.bak)')
    .option(
      '--client <id>',
      'the client, when the file name does not tell (claude-desktop, cursor, vscode, codex ...)',
    )
    .option(
      '--launcher <how>',
      'how the client starts the guard: local (this installation, by absolute paths) or npx (npx -y mcp-guard@<this version>, once published)',
      'local',
    )
    .option(
      '--move-secrets-to-env',
      'write literal secrets of env as ${KEY} references (set KEY where the guard runs)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-guard guard wrap ~/.cursor/mcp.json                      # show the diff
  $ mcp-guard guard wrap .vscode/mcp.json --out mcp-guard.yaml --write
  $ mcp-guard guard wrap ~/.codex/config.toml --server github --move-secrets-to-env --write
See docs/guard-wrap.md.`,
    )
    .action(async (file: string, opts: WrapCliOptions) => {
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const launcher = launcherWords(opts.launcher, err);
      const { wrapClientConfig, WrapError } = await import('../wrap/index.ts');
      const { wrapDiff } = await import('../wrap/diff.ts');
      const { writeWrap } = await import('../wrap/write.ts');
      let result: Awaited<ReturnType<typeof wrapClientConfig>>;
      try {
        result = await wrapClientConfig({
          file,
          client: opts.client,
          servers: opts.server,
          out: opts.out,
          launcher,
          moveSecretsToEnv: opts.moveSecretsToEnv === true,
        });
      } catch (error) {
        if (error instanceof WrapError) throw new UsageError(error.message);
        throw error;
      }
      for (const s of result.skipped) err(`skipped "${s.name}": ${s.reason}`);
      for (const w of result.warnings) err(`warning: ${w}`);
      if (result.wrapped.length === 0) {
        err(`Nothing to wrap in ${result.clientFile}.`);
        if (opts.server.length > 0) process.exitCode = 1;
        return;
      }
      const names = result.wrapped.map((s) => s.spec.name).join(', ');
      if (!opts.write) {
        process.stdout.write(wrapDiff(result));
        err(`Would wrap ${names} (${result.client}). Nothing written; rerun with --write to apply.`);
        return;
      }
      const written = await writeWrap(result);
      err(`Wrapped ${names}: ${written.clientFile} now starts them through ${written.guardFile}.`);
      for (const b of written.backups) err(`backup: ${b}`);
    });
}

/**
 * The words that start mcp-guard in a rewritten entry. `local`: this Node and this installation's CLI
 * by absolute paths, so a client that starts servers with a bare PATH (Claude Desktop) still finds
 * both. `npx`: the published package at this exact version (MG401 wants one), for entries to share.
 */
export function launcherWords(how: string, warn: (line: string) => void): string[] {
  if (how === 'npx') {
    warn(
      `note: the entries run npx -y mcp-guard@${VERSION}, which must be on the npm registry (and reachable) wherever they run`,
    );
    return ['npx', '-y', `mcp-guard@${VERSION}`];
  }
  if (how === 'bin')
    throw new UsageError(
      '--launcher bin is gone: a bare `mcp-guard` needs both mcp-guard and node on the PATH the client starts servers with, ' +
        'which clients such as Claude Desktop keep minimal. Use --launcher local (the default: this installation by absolute paths) or npx.',
    );
  if (how !== 'local') throw new UsageError('--launcher: expected local or npx');
  const script = realpathSync(process.argv[1]);
  if (/[\\/]_npx[\\/]/.test(script))
    warn(
      `warning: this mcp-guard runs from npx's cache (${script}), which npm may clear, breaking the entries; ` +
        'install it (npm install -g mcp-guard) and wrap again, or use --launcher npx',
    );
  return [process.execPath, script];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
