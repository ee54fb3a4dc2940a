// Runs the real CLI (from source, on this Node) in a child process and captures what it prints.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry in the source tree. */
export const CLI_SOURCE = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
/** The bundled CLI. */
export const CLI_DIST = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mcp-guard <args>`; `entry` picks the source (default) or the bundle. */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; entry?: string; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.entry ?? CLI_SOURCE, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
