// The `mcp-guard` command line: commands, flags, help and exit codes. Data goes to stdout (or -o),
// diagnostics to stderr. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or config
// error, 3 internal error.
import { appendFile, stat, writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { RULES } from '../../rules/index.ts';
import { GuardConfigError } from '../config/guard-types.ts';
import { AuditLogError } from '../guard/audit/log.ts';
import { FORMATS, type OutputFormat, render } from '../output/index.ts';
import { BaseUnavailableError, compareWithBase } from '../scan/diff.ts';
import { FAIL_SCOPES, type FailScope, judge } from '../scan/fail-scope.ts';
import { ConfigError, makeBaseline } from '../scan/filter.ts';
import { type ScanOptions, scan } from '../scan/scan.ts';
import { type FailOn, SEVERITIES, type Severity } from '../scan/severity.ts';
import { VERSION } from '../version.ts';
import { EXIT, UsageError } from './errors.ts';
import { registerGuardCommands, registerOriginalAliases } from './guard.ts';
import { registerRulesCommand } from './rules.ts';

/** Whether stdout should be coloured: only on a TTY, never with NO_COLOR, always with FORCE_COLOR. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

function severityOption(flag: string, description: string, extra: string[] = []): Option {
  return new Option(flag, description).argParser((value: string) => {
    if (![...SEVERITIES, ...extra].includes(value)) {
      throw new InvalidArgumentError(`expected one of ${[...SEVERITIES, ...extra].join(', ')}`);
    }
    return value;
  });
}

/** Builds the program; `run()` parses argv with it. Exported for tests and for the guard commands. */
export function buildProgram(): Command {
  const program = new Command('mcp-guard')
    .description('Find unsafe MCP client configs, and guard MCP servers at runtime.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();

  program
    .command('scan')
    .description(
      "Scan MCP client configs. With no path: this machine's config locations for every known client, plus the current folder. With paths: each folder is searched as a repository, each file is scanned as given.",
    )
    .argument('[paths...]', 'files or folders to scan')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      severityOption('--fail-on <severity>', 'exit 1 when a finding reaches this severity (or none)', [
        'none',
      ]).default('high'),
    )
    .addOption(severityOption('--min-severity <severity>', 'hide findings below this severity'))
    .option('-c, --config <file>', 'project config (default: .mcp-guard-scan.yaml at the scan root)')
    .option('--baseline <file>', 'report only findings not recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as a baseline and exit 0')
    .option(
      '--diff-base <ref>',
      'compare with this git commit (a branch, origin/main, a SHA): mark findings new or existing, list fixed ones',
    )
    .addOption(
      new Option(
        '--fail-scope <scope>',
        'which findings --fail-on counts (default: new with --diff-base, else all)',
      ).choices(FAIL_SCOPES),
    )
    .option('-v, --verbose', 'list the files read and, for machine scans, every location looked at')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-guard scan                          # this machine's MCP configs and the current folder
  $ mcp-guard scan .                        # a repository, at any depth
  $ mcp-guard scan .cursor/mcp.json         # one file
  $ mcp-guard scan . --format sarif -o mcp-guard.sarif
  $ mcp-guard scan . --fail-on critical --min-severity medium
  $ mcp-guard scan . --write-baseline .mcp-guard-baseline.json
  $ mcp-guard scan . --baseline .mcp-guard-baseline.json
  $ mcp-guard scan . --diff-base origin/main              # in CI: fail only on what the change adds
  $ mcp-guard scan . --diff-base "$BASE_SHA" --format github

Exit codes: 0 nothing at or above --fail-on (among new findings with --diff-base), 1 findings that reach
it, 2 usage or config error (also a --diff-base that git cannot read), 3 internal error.`,
    )
    .action(async (paths: string[], opts) => {
      // A path that is not there is a mistake in the command line, not a clean scan (the Action agrees).
      for (const p of paths) {
        const error = await stat(p).then(
          () => undefined,
          (e: NodeJS.ErrnoException) => e,
        );
        if (error?.code === 'ENOENT' || error?.code === 'ENOTDIR')
          throw new UsageError(`${p}: no such file or directory`);
      }
      const diffBase = opts.diffBase as string | undefined;
      const scope = (opts.failScope as FailScope | undefined) ?? (diffBase ? 'new' : 'all');
      if (scope !== 'all' && !diffBase)
        throw new UsageError(
          `--fail-scope ${scope} needs --diff-base <ref>: new and changed are against a base`,
        );
      if (diffBase && opts.writeBaseline)
        throw new UsageError('--write-baseline records every finding; it does not go with --diff-base');
      if (diffBase && paths.length === 0)
        throw new UsageError(
          '--diff-base needs the files or folders to scan (e.g. `mcp-guard scan . --diff-base main`)',
        );
      const options: ScanOptions = {
        rules: RULES,
        paths,
        config: opts.config,
        minSeverity: opts.minSeverity as Severity | undefined,
        baseline: opts.baseline,
      };
      let result = await scan(options);
      if (opts.writeBaseline) {
        await writeFile(opts.writeBaseline, `${JSON.stringify(makeBaseline(result.findings), null, 2)}\n`);
        process.stderr.write(
          `Wrote ${result.findings.length} finding(s) to baseline ${opts.writeBaseline}.\n`,
        );
        return;
      }
      if (diffBase) {
        try {
          // A shallow CI clone lacks the base: fetch that one commit from origin, with git's own credentials.
          result = await compareWithBase(result, options, { ref: diffBase, fetch: {} });
        } catch (error) {
          if (error instanceof BaseUnavailableError)
            throw new UsageError(`--diff-base ${diffBase}: ${error.message}`);
          throw error;
        }
      }
      const format = opts.format as OutputFormat;
      const out = render(result, format, { color: !opts.output && useColor(), verbose: opts.verbose });
      if (opts.output) await writeFile(opts.output, out);
      else process.stdout.write(out);
      if (opts.output && format !== 'text') {
        process.stderr.write(`${result.findings.length} finding(s) written to ${opts.output}.\n`);
      }
      // In a GitHub Actions step, the annotations go to the log and the whole picture to the job summary.
      if (format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
        await appendFile(process.env.GITHUB_STEP_SUMMARY, render(result, 'markdown', { color: false }));
      }
      const changed = result.diff && new Set(result.diff.changed);
      const failOn = opts.failOn as FailOn;
      const verdict = judge(result.findings, failOn, scope, changed);
      if (verdict.leftAside.length > 0) {
        process.stderr.write(
          `mcp-guard: ${verdict.leftAside.length} finding(s) at or above '${failOn}' left aside: ${scope === 'new' ? `already in ${diffBase}` : `in files unchanged since ${diffBase}`} (--fail-scope ${scope}).\n`,
        );
      }
      if (verdict.failed.length > 0) process.exitCode = EXIT.findings;
    });

  registerRulesCommand(program);
  registerGuardCommands(program);
  registerOriginalAliases(program);
  return program;
}

/** Runs the CLI with `argv` (node and script included); sets `process.exitCode`. */
export async function run(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof GuardConfigError ||
      // A torn or edited audit log: one line naming the file and the command that repairs it.
      error instanceof AuditLogError
    ) {
      process.stderr.write(`mcp-guard: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(`mcp-guard: internal error: ${(error as Error).stack ?? error}\n`);
      process.stderr.write('Please report this at https://github.com/mcp-guard/mcp-guard/issues\n');
      process.exitCode = EXIT.internal;
    }
  }
}
