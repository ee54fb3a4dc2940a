// MG406: a launched package (npx, uvx, docker run ...) whose name is one edit away from a well-known
// MCP server package but is not it: `@modelcontextprotocl/server-github`, `mcp-server-fecth`,
// `ghcr.io/githb/github-mcp-server`. Typo-squatters publish exactly these names. The list of
// well-known packages, and where it comes from, is rules/lookalike-package.known.json. A name in the
// same owned namespace as the known one (an npm scope, an image's registry path) is left alone: only
// its owner can publish there, so it cannot be a squat.
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
    if (damerauLevenshtein(key, k.key).steps === 1) return k.name;
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
    "Typo-squatters publish packages whose names differ from a popular one by one letter: a missing, extra, swapped or changed character (`@modelcontextprotocl/server-github`, `mcp-server-fecth`, `mcp-remot`, `ghcr.io/githb/github-mcp-server`). A config that launches one with `npx`, `uvx` or `docker run` runs the squatter's code with the user's files and credentials, and the name reads right at a glance. mcp-guard compares every package a server launches (npm, PyPI and container images) with a list of well-known MCP server packages shipped with the rule (`rules/lookalike-package.known.json`, which states its source) and reports a name one edit away from one of them. Not reported: the well-known packages themselves, names shorter than 8 characters, and a name in the same npm scope or image namespace as the known package (only the owner of `@modelcontextprotocol` or `mcp/` can publish there). A real package can have a near name; if it is the one you meant, ignore the finding for it.",
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
