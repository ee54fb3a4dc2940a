// MG402: the server's command is a shell given a string to run (`bash -c "..."`, `cmd /c ...`,
// `pwsh -Command ...`). The client then starts whatever the string says after the shell expands it:
// reviewers and scanners see a string, not a program and its arguments, and expansions, pipes and
// `&&` chains can hide what really runs. The standard Windows wrapper for package runners
// (`cmd /c npx -y pkg`, needed because `npx` is a batch file there) is not reported; MG401 still
// judges the package inside it.
import { argv, programName } from '../src/config/launch.ts';
import { defineRule } from '../src/scan/rule.ts';
import { isSecretName, looksLikeSecret, preview } from './utils/secrets.ts';
import type { ShellInvocation } from './utils/shells.ts';
import { shellInvocation } from './utils/shells.ts';

/** How much of the string a message shows. */
const SHOWN = 80;

/** Programs that `cmd /c` commonly wraps on Windows because they are batch files or need PATHEXT. */
const WINDOWS_WRAPPED = new Set([
  'npx',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'bunx',
  'bun',
  'uvx',
  'uv',
  'pipx',
  'node',
  'deno',
  'python',
  'python3',
  'py',
  'docker',
  'podman',
]);

/** Characters that make a string more than one plain command (chains, pipes, redirects, expansions). */
const METACHARS = /[;&|<>`$()%^\n]/;

/** `cmd /c npx -y pkg`: the documented way to start a package runner on Windows, nothing hidden. */
function isPlainWindowsWrapper(sh: ShellInvocation): boolean {
  return (
    sh.shell === 'cmd' &&
    WINDOWS_WRAPPED.has(programName(sh.inner[0]?.text)) &&
    !sh.inner.some((w) => METACHARS.test(w.text))
  );
}

/** The string as a message may show it: secrets cut to a 4-character prefix, then truncated. */
export function shownScript(script: string): string {
  const words = script.replace(/\s+/g, ' ').trim().split(' ');
  const out = words.map((w, i) => {
    const assign = /^(-{0,2}[A-Za-z_][\w.-]*)([=:])(.+)$/.exec(w);
    if (assign && isSecretName(assign[1]) && !/^\$|^%/.test(assign[3]))
      return `${assign[1]}${assign[2]}${preview(assign[3].replace(/^["']|["']$/g, ''))}`;
    const prev = words[i - 1];
    if (prev && /^-{1,2}\w/.test(prev) && isSecretName(prev) && !/^[$%-]/.test(w)) return preview(w);
    return looksLikeSecret(w.replace(/^["']|["']$/g, ''), 'bare') ? preview(w.replace(/^["']/, '')) : w;
  });
  const text = out.join(' ');
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

export default defineRule({
  code: 'MG402',
  name: 'shell-wrapper',
  severity: 'medium',
  precision: 'high',
  summary: 'The server is started through a shell running a command string.',
  description:
    'With `sh -c`, `bash -c`, `zsh -c`, `cmd /c`, `powershell -Command` or `-EncodedCommand`, the client starts a shell and the shell decides what runs: variable expansion, command substitution, `&&` chains, pipes and redirections all apply, so the program that really starts is not the one a reviewer (or a scanner) sees, and a value spliced into the string can inject commands. An encoded PowerShell command hides the string entirely and is reported at high. A string that is one plain command with no shell syntax is reported at low: the shell adds nothing but is harmless. The standard Windows form `cmd /c npx -y pkg` (also with `uvx`, `node`, `python`, `docker` ...), which clients document because `npx` is a batch file there, is not reported; the package inside is still checked by MG401.',
  help: [
    'Start the program directly, with its arguments as a list; move setup (`cd`, `export`) into `cwd` and `env`. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "tools": { "command": "bash", "args": ["-c", "cd ~/tools && source .env && node server.js"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "tools": { "command": "node", "args": ["server.js"], "cwd": "/home/me/tools", "envFile": "/home/me/tools/.env" } } }',
    '```',
    '',
    'If the setup is real work, put it in a script file checked into the repository and run that script directly.',
  ].join('\n'),
  fix: 'run the program directly with an args list; use cwd/env instead of shell setup',
  tags: ['security', 'execution', 'external/cwe/cwe-78'],
  messages: {
    shell: '{shell} {flag} runs a shell string: {script}',
    encoded: '{shell} {flag} runs a hidden (base64) command: {script}',
  },
  checkServer(server, ctx) {
    const sh = shellInvocation(argv(server));
    if (!sh || isPlainWindowsWrapper(sh)) return;
    const plain = !METACHARS.test(sh.script) && sh.inner.length > 0;
    ctx.report({
      path: sh.scriptWord.source.path,
      message: sh.encoded ? 'encoded' : 'shell',
      data: { shell: programName(sh.program.text), flag: sh.flag.text, script: shownScript(sh.script) },
      severity: sh.encoded ? 'high' : plain ? 'low' : undefined,
    });
  },
});
