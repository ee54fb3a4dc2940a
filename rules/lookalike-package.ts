// MG406: a launched package (npx, uvx, docker run ...) whose name is one edit away from a well-known
// MCP server package but is not it: `@modelcontextprotocl/server-github`, `mcp-server-fecth`,
// `ghcr.io/githb/github-mcp-server`. Typo-squatters publish exactly these names. The list of
// well-known packages, and where it comes from, is rules/lookalike-package.known.json. A name in the
// same owned namespace as the known one (an npm scope, an image's registry path) is left alone: only
// its owner can publish there, so it cannot be a squat. And the one edit must be a slip or a disguise
// (a letter dropped, doubled or swapped; a neighbouring key; a look-alike glyph), not one that makes
// another name (`mcp-proxy` → `tcp-proxy`, `chroma-mcp` → `chrome-mcp`, `mysql-…` → `mssql-…`):
// squats are built from the typing errors and glyph confusions people miss, while a changed letter in
// a short word, or a letter added at a word's edge, names a different thing published in good faith.
import damerauLevenshtein from 'damerau-levenshtein';
import { defineRule } from '../src/scan/rule.ts';
import KNOWN from './lookalike-package.known.json' with { type: 'json' };
import { findLaunches } from './utils/launchers.ts';
import { type Ecosystem, type PackageRef, shortImageName } from './utils/package-specs.ts';

/** Names shorter than this are not compared: one edit turns a short name into an unrelated one. */
const MIN_LENGTH = 8;

/** How a registry spells a name for comparison: npm and images lower-case; PyPI as PEP 503 normalises. */
function canonical(name: string, ecosystem: Ecosystem): string {
  if (ecosystem === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'oci') return shortImageName(name);
  return name.toLowerCase();
}

/** The part of a name that someone owns (an npm scope, an image's path before the last `/`); none for PyPI. */
function namespace(name: string, ecosystem: Ecosystem): string | undefined {
  if (ecosystem === 'pypi') return undefined;
  if (ecosystem === 'npm') return name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const slash = name.lastIndexOf('/');
  return slash > 0 ? name.slice(0, slash) : undefined;
}

/** What one edit turned `meant` into `typed`. */
export type Slip =
  | 'missing'
  | 'doubled'
  | 'swapped'
  | 'neighbour-key'
  | 'look-alike'
  | 'separator'
  | 'inside-word'
  | 'version-digit';

/** Words at least this long are read by their shape, so one changed letter inside goes unnoticed. */
const LONG_WORD = 8;

/** A QWERTY layout, each row with its horizontal offset in key widths, to find neighbouring keys. */
const ROWS: [string, number][] = [
  ['1234567890-', 0],
  ['qwertyuiop', 0.5],
  ['asdfghjkl', 0.75],
  ['zxcvbnm', 1.25],
];
const KEYS = new Map<string, { row: number; x: number }>();
ROWS.forEach(([keys, offset], row) => {
  for (let i = 0; i < keys.length; i++) KEYS.set(keys[i], { row, x: i + offset });
});

/** True when `a` and `b` are keys next to each other (the same row, or the row above or below). */
export function neighbourKeys(a: string, b: string): boolean {
  const ka = KEYS.get(a);
  const kb = KEYS.get(b);
  if (!ka || !kb || a === b) return false;
  return Math.abs(ka.row - kb.row) <= 1 && Math.abs(ka.x - kb.x) <= 1;
}

/**
 * Characters that read alike in a package name, compared lower-case (an upper-case `I` is already
 * `i` here). Only ASCII: npm, PyPI and image names allow nothing else.
 */
const LOOK_ALIKE = ['0o', '1li', '5s', '2z', '8b', '9gq', 'uv'];

function lookAlike(a: string, b: string): boolean {
  return LOOK_ALIKE.some((group) => group.includes(a) && group.includes(b));
}

const SEPARATOR = /[-_./@:]/;
const WORD_CHAR = /[a-z0-9]/;

/** The length of the word (a run of letters and digits) in `s` around index `at`. */
function wordLength(s: string, at: number): number {
  let start = at;
  let end = at;
  while (start > 0 && WORD_CHAR.test(s[start - 1])) start--;
  while (end < s.length && WORD_CHAR.test(s[end])) end++;
  return end - start;
}

/**
 * The slip that turns `meant` into `typed`, if the two are one Damerau-Levenshtein edit apart (the
 * caller has checked that) and the edit is one a person makes or misses; undefined for an edit that
 * makes another name. Both names are compared as the registry spells them (lower-case).
 */
export function slipBetween(typed: string, meant: string): Slip | undefined {
  let at = 0;
  while (at < typed.length && at < meant.length && typed[at] === meant[at]) at++;
  if (typed.length < meant.length) return 'missing';
  if (typed.length > meant.length) {
    const added = typed[at];
    const before = typed[at - 1];
    const after = typed[at + 1];
    if (added === before || added === after) return 'doubled';
    if (SEPARATOR.test(added)) return 'separator';
    if (neighbourKeys(added, before) || neighbourKeys(added, after)) return 'neighbour-key';
    if (/\d/.test(added) && at === typed.length - 1) return 'version-digit';
    // A letter added inside a word is a slip; one added at a word's edge makes a new word
    // (`workspace` → `gworkspace`, `clickhouse` → `clickhousex`).
    if (before && after && WORD_CHAR.test(before) && WORD_CHAR.test(after)) return 'inside-word';
    return undefined;
  }
  if (typed[at] === meant[at + 1] && typed[at + 1] === meant[at]) return 'swapped';
  const [was, now] = [meant[at], typed[at]];
  if (SEPARATOR.test(was) || SEPARATOR.test(now)) return 'separator';
  if (lookAlike(was, now)) return 'look-alike';
  if (neighbourKeys(was, now)) return 'neighbour-key';
  // One letter changed in a short word makes another word (`mcp` → `tcp`, `git` → `kit`); in a long
  // one it is a misspelling (`modelcontextprotocal`).
  if (wordLength(meant, at) >= LONG_WORD) return 'inside-word';
  return undefined;
}

const LISTS: Record<Ecosystem, string[]> = { npm: KNOWN.npm, pypi: KNOWN.pypi, oci: KNOWN.oci };
const CANONICAL = Object.fromEntries(
  Object.entries(LISTS).map(([eco, names]) => [
    eco,
    names.map((n) => ({ name: n, key: canonical(n, eco as Ecosystem) })),
  ]),
) as Record<Ecosystem, { name: string; key: string }[]>;

/** The well-known package `ref` looks like without being it, if any. */
export function lookalikeOf(ref: PackageRef): string | undefined {
  if (ref.pin === 'local' || ref.pin === 'dynamic') return undefined;
  // Git and tarball URLs name no registry package.
  if (/[:#]/.test(ref.name) || (ref.ecosystem === 'npm' && /^[^@].*\//.test(ref.name))) return undefined;
  const key = canonical(ref.name, ref.ecosystem);
  const known = CANONICAL[ref.ecosystem];
  if (key.length < MIN_LENGTH || known.some((k) => k.key === key)) return undefined;
  const space = namespace(key, ref.ecosystem);
  for (const k of known) {
    if (Math.abs(k.key.length - key.length) > 1) continue;
    // In an owned namespace, only the owner publishes: a sibling of a known package is the owner's.
    if (space !== undefined && space === namespace(k.key, ref.ecosystem)) continue;
    if (damerauLevenshtein(key, k.key).steps === 1 && slipBetween(key, k.key)) return k.name;
  }
  return undefined;
}

export default defineRule({
  code: 'MG406',
  name: 'lookalike-package',
  severity: 'high',
  precision: 'medium',
  summary: 'A launched package is one letter away from a well-known MCP server package, but is not it.',
  description:
    "Typo-squatters publish packages whose names differ from a popular one by one slip: a missing, doubled or swapped character, a neighbouring key, a look-alike character, a changed separator or an added version digit (`@modelcontextprotocl/server-github`, `mcp-server-fecth`, `mcp-remotte`, `@modelcontextprotocoI/server-github`, `ghcr.io/githb/github-mcp-server`). A config that launches one with `npx`, `uvx` or `docker run` runs the squatter's code with the user's files and credentials, and the name reads right at a glance. mcp-guard compares every package a server launches (npm, PyPI and container images, each with its own registry's list, without version or tag) with a list of well-known MCP server packages shipped with the rule (`rules/lookalike-package.known.json`, which states its source) and reports a name one such slip away from one of them. Not reported: the well-known packages themselves; an edit that makes another name rather than a misspelling (a far letter in a short word, `tcp-proxy` for `mcp-proxy`; a letter at a word's edge, `gworkspace-mcp`); names shorter than 8 characters; and a name in the same npm scope or image namespace as the known package (only the owner of `@modelcontextprotocol` or `mcp/` can publish there). A real package can have a near name; if it is the one you meant, ignore the finding for it.",
  help: [
    'Launch the package you meant, spelled exactly. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocl/server-filesystem@2026.8.31", "/work"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/work"] } } }',
    '```',
  ].join('\n'),
  fix: 'check the package name letter by letter against the one you meant, and use the real one',
  tags: ['security', 'supply-chain', 'external/cwe/cwe-494', 'external/cwe/cwe-1357'],
  messages: {
    lookalike:
      '{launcher} runs {package}, one letter away from the well-known {known}: is it the package you meant?',
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      for (const pkg of launch.packages) {
        const known = lookalikeOf(pkg.ref);
        if (known) {
          ctx.report({
            path: pkg.word.source.path,
            message: 'lookalike',
            data: { launcher: launch.launcher, package: pkg.ref.name, known },
          });
        }
      }
    }
  },
});
