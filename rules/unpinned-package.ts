// MG401: a server started by a launcher that fetches code at every start (`npx`, `uvx`, `docker run`
// ...) without naming one exact release. Whatever the registry serves next runs with the user's
// rights: a compromised maintainer account or a typo-squatted update becomes code execution on the
// next client restart, without any change to the config. Launcher parsing lives in
// rules/utils/launchers.ts (shared with MG403 and MG404).

import { defineRule, type Severity } from '../src/scan/rule.ts';
import { findLaunches, type Launch } from './utils/launchers.ts';
import type { PackageRef } from './utils/package-specs.ts';

/**
 * Development runners that `npx` usually resolves from the project's own node_modules (`npx tsx
 * server.ts`): they run a local file rather than a server package, so an unpinned one is low.
 */
const DEV_RUNNERS = new Set([
  'tsx',
  'ts-node',
  'node',
  'tsc',
  'vite-node',
  'nodemon',
  'esno',
  'esrun',
  'jiti',
]);

/** `npx --no` / `--no-install`, `bunx --no-install`, `uvx --offline`: nothing is fetched, only what is there runs. */
function fetchesNothing(launch: Launch): boolean {
  return launch.options.some((o) => o.name === 'no' || o.name === 'no-install' || o.name === 'offline');
}

/** Lower severities for the specs that are unpinned but rarely an attack path. */
function severityOf(ref: PackageRef): Severity | undefined {
  if (ref.ecosystem === 'npm' && DEV_RUNNERS.has(ref.name)) return 'low';
  // A one-word image is either built locally or an official Docker Hub image (only Docker publishes those).
  if (ref.ecosystem === 'oci' && !ref.name.includes('/')) return 'low';
  return undefined;
}

/** A package name fit for a message: credentials in a git URL (`https://user:tok@host`) are cut. */
function shown(ref: PackageRef): string {
  return ref.name.replace(/\/\/[^/@\s]*@/, '//');
}

/** The message key and data for an unpinned spec, or `undefined` when it is pinned well enough. */
function judge(
  launch: Launch,
  ref: PackageRef,
):
  | {
      message: 'none' | 'latest' | 'range' | 'tag' | 'gitRef' | 'imageNone' | 'imageLatest';
      data: Record<string, string>;
    }
  | undefined {
  const data = { launcher: launch.launcher, package: shown(ref), version: ref.version ?? '' };
  if (ref.ecosystem === 'oci') {
    // A digest is best; a specific tag is acceptable (tags can move, but releases rarely do).
    if (ref.pin === 'latest') return { message: 'imageLatest', data };
    if (ref.pin === 'none') return { message: 'imageNone', data };
    return undefined;
  }
  switch (ref.pin) {
    case 'latest':
      return { message: 'latest', data };
    case 'none':
      return { message: ref.version ? 'gitRef' : 'none', data };
    case 'range':
      return { message: 'range', data };
    case 'tag':
      return { message: 'tag', data };
    default:
      return undefined; // exact, digest, local paths, and specs built from variables
  }
}

export default defineRule({
  code: 'MG401',
  name: 'unpinned-package',
  severity: 'medium',
  precision: 'high',
  summary: 'A package runner or container launch fetches a server without an exact version.',
  description:
    '`npx`, `bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `uvx`, `uv tool run` and `pipx run` download the package they run, and `docker run` / `podman run` pull the image. Without an exact version (or with `@latest`, a range such as `^1`, a dist-tag, or an image with no tag or `:latest`), every client start may run a different release: a hijacked maintainer account, a malicious update or a dependency confusion reaches the machine on the next restart, with the user\'s files and credentials, and nothing in the reviewed config changes. Pinned specs are not reported: `pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg==1.2.3`, `--from pkg==1.2.3`, an image tag such as `:1.4.0`, or best, a digest `@sha256:...`. Launchers wrapped in `cmd /c` or `bash -c "..."` are looked through. Local paths, specs built from variables, and `npx --no-install` / `uvx --offline` (nothing is fetched) are not judged. Reported at low: development runners such as `npx tsx server.ts` (usually the project\'s own copy) and one-word images (`kali-mcp-server`: built locally, or a Docker official image).',
  help: [
    'Pin the exact version you reviewed, and update it deliberately. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    '```',
    '',
    'Python: `uvx mcp-server-time==0.6.2` (or `uvx --from mcp-server-time==0.6.2 mcp-server-time`). Containers: `ghcr.io/github/github-mcp-server:v0.4.0`, or better `ghcr.io/github/github-mcp-server@sha256:<digest>`.',
  ].join('\n'),
  fix: 'pin an exact version (pkg@1.2.3, pkg==1.2.3, image:tag or image@sha256:...)',
  tags: ['security', 'supply-chain', 'external/cwe/cwe-494', 'external/cwe/cwe-829'],
  messages: {
    none: '{launcher} runs {package} without a version: each start may fetch a different release',
    latest: '{launcher} runs {package}@latest: each start fetches whatever was published last',
    range: '{launcher} runs {package} with the range {version}, not an exact version',
    tag: '{launcher} runs {package} with the tag {version}, which the publisher can move',
    gitRef: '{launcher} runs {package} from the git ref {version}, not a commit or release tag',
    imageNone: '{launcher} runs image {package} without a tag or digest (it means :latest)',
    imageLatest: '{launcher} runs image {package}:latest: each pull may bring a different image',
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      if (fetchesNothing(launch)) continue;
      for (const pkg of launch.packages) {
        const verdict = judge(launch, pkg.ref);
        if (verdict) ctx.report({ path: pkg.word.source.path, ...verdict, severity: severityOf(pkg.ref) });
      }
    }
  },
});
