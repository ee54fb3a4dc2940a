// Reads the package or image a launcher fetches (`@scope/pkg@^1`, `mcp-server-time==1.2`,
// `ghcr.io/o/img:1.0@sha256:...`) into a name and how firmly its version is pinned. Kept apart from
// the launcher parser so each dialect's spec grammar can be tested on its own.
import { findRefs } from '../../src/config/variables.ts';

/** Where a launcher fetches from: the npm registry, PyPI, or a container registry. */
export type Ecosystem = 'npm' | 'pypi' | 'oci';

/**
 * How firmly a spec names one build:
 * - `exact`: one version (`1.2.3`, `==1.2.3`, a git commit);
 * - `digest`: an image digest (`@sha256:...`), the strongest pin;
 * - `tag`: a named tag (`next`, an image tag `:1.4`): mutable, acceptable only for images;
 * - `range`: a semver or PEP 440 range (`^1`, `~1.2`, `1.x`, `>=1`);
 * - `latest`: the explicit `latest` tag;
 * - `none`: no version at all (or a git branch);
 * - `local`: a path on disk, not fetched (`./server`, `file:..`);
 * - `dynamic`: built from a variable (`pkg@${VERSION}`), unknown until run time.
 */
export type Pin = 'exact' | 'digest' | 'tag' | 'range' | 'latest' | 'none' | 'local' | 'dynamic';

/** A parsed package or image spec. */
export interface PackageRef {
  ecosystem: Ecosystem;
  /** The spec as written. */
  spec: string;
  /** The package or image name without version (`@scope/pkg`, `mcp-server-time`, `ghcr.io/o/img`). */
  name: string;
  /** The version, range or tag as written, without its separator (`^1`, `1.2.3`, `latest`). */
  version?: string;
  /** An image digest (`sha256:...`). */
  digest?: string;
  pin: Pin;
}

const SEMVER_EXACT = /^[v=]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;
const VERSION_TAG = /^v?\d+(?:\.\d+){1,3}(?:[-.+]?[0-9A-Za-z.]+)?$/;
const LOCAL = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~|[A-Za-z]:[\\/]|file:)/;

/** True when a spec is a path on disk (or `file:`), which no registry serves. */
export function isLocalSpec(spec: string): boolean {
  return LOCAL.test(spec) || (/\.(?:tgz|tar\.gz|whl)$/i.test(spec) && !/^[a-z+]+:/i.test(spec));
}

/** A git reference (`#<commit>`, `@v1.2.3`) pins when it names a commit or a release tag. */
function gitPin(ref: string | undefined): Pin {
  if (!ref) return 'none';
  const r = ref.replace(/^semver:/, '');
  if (COMMIT.test(r) || VERSION_TAG.test(r) || SEMVER_EXACT.test(r)) return 'exact';
  return 'none';
}

/** Parses an npm package spec as `npx`/`npm exec`/`pnpm dlx`/`yarn dlx`/`bunx` accept it. */
export function parseNpmSpec(spec: string): PackageRef {
  const base = { ecosystem: 'npm' as const, spec };
  if (findRefs(spec).length > 0) return { ...base, name: spec, pin: 'dynamic' };
  if (isLocalSpec(spec)) return { ...base, name: spec, pin: 'local' };
  const aliased = spec.replace(/^npm:/, '');
  // git and tarball URLs, host shorthands (`github:o/r`) and the bare `owner/repo` form.
  if (
    /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)/.test(aliased) ||
    /^[^@][^@]*\//.test(aliased)
  ) {
    const [name, ref] = aliased.split('#', 2);
    if (/^https?:/.test(aliased) && !/\.git(?:#|$)/.test(aliased) && /\.tgz$/.test(name))
      return { ...base, name, pin: 'exact' };
    return { ...base, name, version: ref, pin: gitPin(ref) };
  }
  const at = aliased.indexOf('@', aliased.startsWith('@') ? 1 : 0);
  if (at < 0) return { ...base, name: aliased, pin: 'none' };
  const name = aliased.slice(0, at);
  const version = aliased.slice(at + 1);
  if (version === '' || version === '*') return { ...base, name, version, pin: 'none' };
  if (version === 'latest') return { ...base, name, version, pin: 'latest' };
  if (SEMVER_EXACT.test(version)) return { ...base, name, version, pin: 'exact' };
  // A dist-tag is a word; anything with range syntax (`^ ~ x * < > = | space`, a partial version) is a range.
  const pin = /^[A-Za-z][\w.-]*$/.test(version) && !/^v?\d/.test(version) ? 'tag' : 'range';
  return { ...base, name, version, pin };
}

/**
 * Parses a Python requirement as `uvx`/`uv tool run`/`pipx run` accept it: `name`, `name[extra]`,
 * `name==1.2.3`, `name>=1`, uv's `name@1.2.3` / `name@latest`, `name @ git+https://...@ref`, a
 * VCS URL, or a local path.
 */
export function parsePythonSpec(spec: string): PackageRef {
  const base = { ecosystem: 'pypi' as const, spec };
  const s = spec.trim();
  if (findRefs(s).length > 0) return { ...base, name: s, pin: 'dynamic' };
  if (isLocalSpec(s)) return { ...base, name: s, pin: 'local' };
  const direct = /^(?:([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*@\s*)?((?:git\+|hg\+|https?:)\S+)$/.exec(s);
  if (direct) {
    const url = direct[2];
    const vcs = /^(git|hg)\+/.test(url);
    const at = vcs ? /@([^@/]+)$/.exec(url.replace(/#.*$/, '')) : null;
    const name = direct[1] ?? url;
    if (!vcs) return { ...base, name, pin: /\.(?:whl|tar\.gz|zip)$/i.test(url) ? 'exact' : 'none' };
    return { ...base, name, version: at?.[1], pin: gitPin(at?.[1]) };
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(s);
  if (!m) return { ...base, name: s, pin: 'none' };
  const name = m[1];
  const rest = m[3].replace(/;.*$/, '').trim();
  if (rest === '') return { ...base, name, pin: 'none' };
  if (rest.startsWith('@')) {
    const version = rest.slice(1).trim();
    if (version === 'latest') return { ...base, name, version, pin: 'latest' };
    return { ...base, name, version, pin: /^\d[\w.+!-]*$/.test(version) ? 'exact' : 'range' };
  }
  const exact = /^===?\s*([^,*\s]+)$/.exec(rest);
  if (exact) return { ...base, name, version: exact[1], pin: 'exact' };
  return { ...base, name, version: rest, pin: 'range' };
}

/** Parses a container image reference: `[registry[:port]/]path[:tag][@algo:digest]`. */
export function parseImageRef(spec: string): PackageRef {
  const base = { ecosystem: 'oci' as const, spec };
  if (findRefs(spec).length > 0) return { ...base, name: spec, pin: 'dynamic' };
  let rest = spec.replace(/^docker:\/\//, '');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A colon after the last slash starts the tag; one before it belongs to a registry's port.
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : undefined;
  const name = colon > slash ? rest.slice(0, colon) : rest;
  if (digest && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/i.test(digest))
    return { ...base, name, version: tag, digest, pin: 'digest' };
  if (tag === undefined || tag === '') return { ...base, name, pin: 'none' };
  if (tag === 'latest') return { ...base, name, version: tag, pin: 'latest' };
  return { ...base, name, version: tag, pin: 'tag' };
}

/** The image's name as Docker Hub would spell it in full-short form: without `docker.io/` and `library/`. */
export function shortImageName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}
