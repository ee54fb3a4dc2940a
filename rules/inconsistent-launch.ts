// MG407: one server name, launched differently in two config files of the same repository or machine:
// `github` runs `@modelcontextprotocol/server-github@2025.4.8` for Cursor and `ghcr.io/github/github-
// mcp-server` for VS Code, or another package altogether. The name is what people approve and trust;
// behind it, one client runs code nobody reviewed, or a version that a fix never reached. The only
// rule that looks across files: it uses the engine's `checkScan` hook, reports on the later file and
// relates the finding to the first launch.
import { argv, endpoints, runsGuard } from '../src/config/launch.ts';
import type { ClientConfig, ServerSpec } from '../src/config/types.ts';
import { findRefs } from '../src/config/variables.ts';
import { defineRule } from '../src/scan/rule.ts';
import { parseEndpoint } from './utils/hosts.ts';
import { findLaunches } from './utils/launchers.ts';
import { shortImageName } from './utils/package-specs.ts';

/** What a server runs or reaches, as far as config text can tell. */
interface Identity {
  /** What is compared: the endpoint, or the registry and package name. */
  key: string;
  /** `url` for a remote endpoint (its host in `host`), `package` for a launched package. */
  kind: 'url' | 'package';
  host?: string;
  /** The version as written (`''` for none or `latest`), compared when the keys agree. */
  version: string;
  /** How to show it in a message: `npx @scope/pkg@1.2.3`, `https://host/mcp`. */
  shown: string;
}

/** Every variable syntax spelled one way, so `${env:TOKEN}` (Cursor) and `${TOKEN}` (Claude) agree. */
function canonicalRefs(text: string): string {
  let out = text;
  for (const ref of findRefs(text)) out = out.replace(ref.text, `\${${ref.name}}`);
  return out;
}

/**
 * The identity of a server's launch: its remote endpoint (a `url`, or the URL handed to a bridge such
 * as `mcp-remote`), else the package a launcher fetches. Servers that run a local program, or the
 * guard, have none: their paths differ between clients for good reasons, and are not compared.
 */
export function launchIdentity(server: ServerSpec): Identity | undefined {
  if (runsGuard(argv(server).map((w) => w.text))) return undefined;
  const [endpoint] = endpoints(server);
  if (endpoint) {
    const parsed = parseEndpoint(canonicalRefs(endpoint.url));
    if (!parsed) return undefined;
    const url = `${parsed.origin}${parsed.path.replace(/\/+$/, '')}`;
    return { key: `url ${url}`, kind: 'url', host: parsed.origin, version: '', shown: url };
  }
  for (const launch of findLaunches(server)) {
    const pkg = launch.packages[0];
    if (!pkg || pkg.ref.pin === 'local' || pkg.ref.pin === 'dynamic') continue;
    const { ecosystem, name } = pkg.ref;
    const key =
      ecosystem === 'oci'
        ? shortImageName(name)
        : ecosystem === 'pypi'
          ? name.toLowerCase().replace(/[-_.]+/g, '-')
          : name.toLowerCase();
    const version = pkg.ref.digest ?? (pkg.ref.version === 'latest' ? '' : (pkg.ref.version ?? ''));
    const sep = ecosystem === 'oci' ? (pkg.ref.digest ? '@' : ':') : ecosystem === 'pypi' ? '==' : '@';
    return {
      key: `${ecosystem} ${key}`,
      kind: 'package',
      version,
      shown: `${launch.launcher} ${name}${version ? `${sep}${version}` : ''}`,
    };
  }
  return undefined;
}

/**
 * Differences that are usually deliberate: the same package at another version, a vendor's remote
 * server in one client and its local package in another, or another path on the same host.
 */
function minor(a: Identity, b: Identity): boolean {
  if (a.key === b.key) return true;
  if (a.kind !== b.kind) return true;
  return a.kind === 'url' && a.host === b.host;
}

export default defineRule({
  code: 'MG407',
  name: 'inconsistent-launch',
  severity: 'medium',
  precision: 'medium',
  summary: 'The same server name is launched differently in two config files of one repository or machine.',
  description:
    "People approve and trust a server by its name. When `github` runs one package for Cursor and another (or another registry's image, or another host) for VS Code or Claude Code, one of the two is not what its reader thinks: a copy that drifted, a config edited in one client only, or a substitution. mcp-guard compares the servers of every config file read in one scan (a repository, or a machine scan with its home and current folder) by name, and reports each launch that differs from the first one met, in file order, with the first as a related location. Compared: the remote endpoint (a `url`, or the URL a bridge such as `mcp-remote` reaches, with every client's variable syntax read alike) and the package a launcher fetches (`npx`, `uvx`, `docker run` ...). Another package, or an endpoint on another host, is medium; the same package at another version, another path on the same host, or a remote endpoint in one file and a package in the other (a vendor's hosted server and its local package) are low. Servers that run a local program (`node server.js`, a binary) or the guard are not compared: their paths differ between clients for good reasons. Two servers of the same name in one file (projects of `.claude.json`) are not compared either.",
  help: [
    'Launch a server the same way everywhere, or give different servers different names. Unsafe:',
    '',
    '```json',
    '// .cursor/mcp.json',
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    '// .vscode/mcp.json',
    '{ "servers": { "github": { "command": "npx", "args": ["-y", "github-mcp-server-plus@1.0.0"] } } }',
    '```',
    '',
    'Safe: the same package (and version) in both, or a distinct name for the second server.',
  ].join('\n'),
  fix: 'launch this server as in the other file, or give it its own name',
  tags: ['security', 'supply-chain', 'consistency'],
  messages: {
    different: 'launched as {this} here, but as {other} in {file}: one name, two different servers',
    version: 'launched as {this} here, but as {other} in {file}: the same package at another version',
  },
  checkScan(configs, ctx) {
    const first = new Map<string, { config: ClientConfig; server: ServerSpec; id: Identity }>();
    for (const config of configs) {
      for (const server of config.servers) {
        const id = launchIdentity(server);
        if (!id) continue;
        const name = server.name.toLowerCase();
        const seen = first.get(name);
        if (!seen) {
          first.set(name, { config, server, id });
          continue;
        }
        if (seen.config === config || (seen.id.key === id.key && seen.id.version === id.version)) continue;
        ctx.report({
          config,
          server,
          path: server.path,
          message: seen.id.key === id.key ? 'version' : 'different',
          severity: minor(seen.id, id) ? 'low' : undefined,
          data: { this: id.shown, other: seen.id.shown, file: ctx.fileName(seen.config) },
          related: [
            {
              config: seen.config,
              path: seen.server.path,
              message: `first launched here as ${seen.id.shown}`,
            },
          ],
        });
      }
    }
  },
});
