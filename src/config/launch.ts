// How a server is launched or reached, derived once from a ServerSpec for every rule that asks:
// the argv (a `command` carrying its own arguments is split the way a shell would), the program's
// base name, and the remote endpoints, including URLs handed to bridges such as `mcp-remote`.
import { parse as shellParse } from 'shell-quote';
import type { ServerSpec, SValue } from './types.ts';

/** One argv word with the config value it came from. */
export interface Word {
  text: string;
  /** The config value holding the word (the whole `command` string when it was split). */
  source: SValue;
}

/** The argv of a local server: `command` split if it holds spaces, then `args`. Empty for remote servers. */
export function argv(server: ServerSpec): Word[] {
  const words: Word[] = [];
  const cmd = server.command;
  if (cmd && cmd.value.trim() !== '') {
    const value = cmd.value.trim();
    // A path with spaces that exists as one word (Windows "C:\\Program Files\\..."): keep it whole
    // when it has no quotes and looks like a path to an executable.
    const looksLikeSinglePath = /^([A-Za-z]:[\\/]|\/)/.test(value) && !/\s-{1,2}\w/.test(value);
    if (!/\s/.test(value) || looksLikeSinglePath) words.push({ text: value, source: cmd });
    else for (const w of splitShell(value)) words.push({ text: w, source: cmd });
  }
  for (const a of server.args) words.push({ text: a.value, source: a });
  return words;
}

/** Splits a command line as a POSIX shell would, keeping operators as their text. */
export function splitShell(line: string): string[] {
  try {
    return shellParse(line, (name) => `$${name}`).map((t) =>
      typeof t === 'string' ? t : 'op' in t ? t.op : 'comment' in t ? `#${t.comment}` : String(t),
    );
  } catch {
    return line.split(/\s+/).filter(Boolean);
  }
}

/** The program's base name, lower-cased, without a Windows extension: `npx`, `docker`, `python`. */
export function programName(word: string | undefined): string {
  if (!word) return '';
  const base = word.replace(/\\/g, '/').split('/').pop() ?? '';
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1)$/, '');
}

/** Bridges that connect a local stdio client to a remote server given on their command line. */
export const BRIDGES = new Set([
  'mcp-remote',
  'supergateway',
  'mcp-proxy',
  '@modelcontextprotocol/mcp-remote',
  'mcp-remote-client',
  '@modelcontextprotocol/server-sse-client',
]);

/** A remote endpoint: the URL and the value that holds it. */
export interface Endpoint {
  url: string;
  source: SValue;
  /** `config` for a `url` key, `bridge` for a URL in the arguments of a bridge. */
  via: 'config' | 'bridge';
}

/** Every remote endpoint of a server: its `url`, and URLs passed to bridges (`mcp-remote <url>`). */
export function endpoints(server: ServerSpec): Endpoint[] {
  const out: Endpoint[] = [];
  if (server.url) out.push({ url: server.url.value, source: server.url, via: 'config' });
  const words = argv(server);
  const usesBridge = words.some((w) => {
    const pkg = w.text.replace(/@[^@/]*$/, '');
    return BRIDGES.has(pkg) || BRIDGES.has(programName(pkg));
  });
  if (usesBridge) {
    for (const w of words) {
      if (/^(https?|wss?):\/\//i.test(w.text)) out.push({ url: w.text, source: w.source, via: 'bridge' });
    }
  }
  return out;
}

/**
 * True when argv runs mcp-guard (bin, npx package, or its script) with the `guard` subcommand, or with
 * `serve`, the original mcp-guard's spelling (`mcp-guard serve --config F`), now an alias. A script path
 * in a folder of another name (a checkout, as `guard wrap` writes it by absolute path) counts when
 * `guard` or `serve` follows it directly.
 */
export function runsGuard(words: string[]): boolean {
  const serves = (rest: string[]) =>
    rest.includes('guard') || rest[0] === 'serve' || rest[0] === 'serve-http';
  return words.some((w, i) => {
    const pkg = w.replace(/(.)@[^@/]*$/, '$1'); // `mcp-guard@1.2.0` -> `mcp-guard`
    const rest = words.slice(i + 1);
    if (
      programName(pkg) === 'mcp-guard' ||
      /(^|[\\/])mcp-guard[\\/](dist[\\/]cli\.js|src[\\/]cli\.ts)$/i.test(w)
    )
      return serves(rest);
    return /[\\/](dist[\\/]cli\.js|src[\\/]cli\.ts)$/i.test(w) && ['guard', 'serve'].includes(rest[0]);
  });
}

/** True when the value is entirely literal (no variable references). */
export function isLiteral(v: SValue): boolean {
  return v.refs.length === 0;
}
