// MG502: text in a server's name, command, arguments or URL that does not read as what it is:
// invisible characters (zero-width, bidirectional controls that reorder what an editor shows, Unicode
// tags that smuggle ASCII to a model) and confusable letters (a Cyrillic `U+0430` for the `a` of
// `paypal`, a fullwidth `npx`). A reviewer approves what the diff shows; the client runs what the bytes say. The finding
// shows the code points escaped. Character data lives in rules/utils/unicode.ts.
import { formatPath } from '../src/config/document.ts';
import type { SValue } from '../src/config/types.ts';
import { defineRule, type Severity } from '../src/scan/rule.ts';
import { findLaunches } from './utils/launchers.ts';
import { codePoint, escapedExcerpt, type Suspect, suspects } from './utils/unicode.ts';

/** How many distinct characters to name before "and N more". */
const NAMED = 3;

/** `U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE`, each character once. */
function describe(found: readonly Suspect[]): string {
  const seen = new Map<number, Suspect>();
  for (const s of found) if (!seen.has(s.cp)) seen.set(s.cp, s);
  const all = [...seen.values()];
  const named = all.slice(0, NAMED).map((s) => `${codePoint(s.cp)} ${s.label}`);
  return named.join(', ') + (all.length > NAMED ? ` and ${all.length - NAMED} more` : '');
}

/** The host of a URL as written (between `//` and the next `/`, `?` or `#`, without userinfo and port). */
function hostSpan(url: string): [number, number] | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(url);
  if (!m) return undefined;
  const chars = [...url];
  const start = [...m[0]].length - [...m[1]].length;
  return start < chars.length ? [start, start + [...m[1]].length] : undefined;
}

export default defineRule({
  code: 'MG502',
  name: 'hidden-text',
  severity: 'high',
  precision: 'high',
  summary:
    'Invisible or look-alike characters in a server name, command, argument or URL (bidi controls, zero-width characters, confusable letters).',
  description:
    'Bidirectional controls (`U+202E` RIGHT-TO-LEFT OVERRIDE and its kin) make an editor and a diff show text in another order than the bytes a client runs; zero-width characters and Unicode tags hide text altogether (tags spell ASCII that a model reads and a person does not); a Cyrillic `U+0430` in place of the `a` of `paypal`, or a fullwidth `npx` (`U+FF4E`...), looks like Latin text but names another package, host or program. A config change carrying them passes review as something it is not. Reported: any invisible character in a server name, command, argument or URL; a letter of Cyrillic, Greek, Armenian or another script that passes for Latin inside a word that also has Latin letters; a compatibility form of an ASCII letter (fullwidth, mathematical); and, in names, commands and URL hosts, a word made only of letters that look like Latin ones. Text in other scripts on its own (a Russian or Japanese path or title), a zero-width joiner inside an emoji, and a zero-width non-joiner in the scripts that need it are not reported. The message shows the code points escaped. In arguments, a look-alike letter is medium; everything else is high.',
  help: [
    'Retype the value in plain text, and find out how the characters got there. Unsafe (`\\u0430` is a Cyrillic `a`; in the file it may be the raw character, which looks the same):',
    '',
    '```json',
    '{ "mcpServers": { "pay": { "command": "npx", "args": ["-y", "@p\\u0430ypal/mcp@1.2.0"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "pay": { "command": "npx", "args": ["-y", "@paypal/mcp@1.2.0"] } } }',
    '```',
  ].join('\n'),
  fix: 'retype the value in plain ASCII (or the script you meant) and check where it came from',
  tags: ['security', 'supply-chain', 'external/cwe/cwe-1007', 'external/cwe/cwe-451'],
  messages: {
    invisible: '{field} hides {what}: "{text}"',
    confusable: '{field} has look-alike characters {what}: "{text}"',
  },
  checkServer(server, ctx) {
    const judge = (
      field: string,
      path: SValue['path'],
      text: string,
      kind: 'name' | 'command' | 'arg' | 'url',
    ) => {
      let found = suspects(text, { wholeWords: kind === 'name' || kind === 'command' });
      if (kind === 'url') {
        // A whole word of look-alike letters matters in the host (an IDN homograph), not in a path.
        const span = hostSpan(text);
        const inHost = span ? suspects([...text].slice(span[0], span[1]).join(''), { wholeWords: true }) : [];
        const shifted = inHost.map((s) => ({ ...s, index: s.index + (span?.[0] ?? 0) }));
        const known = new Set(found.map((s) => s.index));
        found = [...found, ...shifted.filter((s) => !known.has(s.index))].sort((a, b) => a.index - b.index);
      }
      if (found.length === 0) return;
      const invisible = found.filter((s) => s.kind === 'invisible');
      const shown = invisible.length > 0 ? invisible : found;
      const severity: Severity | undefined = invisible.length === 0 && kind === 'arg' ? 'medium' : undefined;
      ctx.report({
        path,
        message: invisible.length > 0 ? 'invisible' : 'confusable',
        data: { field, what: describe(shown), text: escapedExcerpt(text, found) },
        severity,
      });
    };
    judge('the server name', server.path, server.name, 'name');
    if (server.command) judge('command', server.command.path, server.command.value, 'command');
    // The package a launcher fetches (`npx -y <pkg>`) is what runs: judged like the command.
    const packages = new Set(findLaunches(server).flatMap((l) => l.packages.map((p) => p.word.source)));
    for (const arg of server.args) {
      // A URL handed to a bridge (`mcp-remote https://...`) is judged as a URL.
      const kind = packages.has(arg) ? 'command' : /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value) ? 'url' : 'arg';
      judge(formatPath(arg.path.slice(server.path.length)), arg.path, arg.value, kind);
    }
    if (server.url) judge('url', server.url.path, server.url.value, 'url');
  },
});
