// Reads a local server's argv as the launcher that runs it: which launcher (`npx`, `uvx`,
// `docker run`, ...), the launcher's own options, the package or image it fetches with its version,
// and the arguments left for the server. Shell wrappers (`cmd /c`, `bash -c "..."`) are looked
// through, so `cmd /c npx -y pkg` is judged like `npx -y pkg`. MG401, MG403 and MG404 share this one
// parser rather than each splitting argv its own way.
import { argv, programName, type Word } from '../../src/config/launch.ts';
import type { ServerSpec } from '../../src/config/types.ts';
import {
  type Ecosystem,
  type PackageRef,
  parseImageRef,
  parseNpmSpec,
  parsePythonSpec,
} from './package-specs.ts';
import { type ShellInvocation, shellInvocation } from './shells.ts';

/** The launchers this module understands, by their canonical spelling. */
export type LauncherName =
  | 'npx'
  | 'npm exec'
  | 'pnpm dlx'
  | 'yarn dlx'
  | 'bunx'
  | 'uvx'
  | 'uv tool run'
  | 'pipx run'
  | 'docker run'
  | 'podman run';

/** One launcher option as given (`-y`, `--package=x`, `-v a:b`); short clusters (`-it`) give one each. */
export interface LauncherOption {
  /** Canonical long name without dashes (`volume` for `-v`, `network` for `--net`). */
  name: string;
  /** The word that holds the option. */
  word: Word;
  value?: string;
  /** The word holding the value (the option word itself for `--x=v` and `-eK=V`). */
  valueWord?: Word;
}

/** A package or image the launcher fetches, with the argv word that names it. */
export interface FetchedPackage {
  ref: PackageRef;
  word: Word;
}

/** One launcher invocation found in a server's argv. */
export interface Launch {
  launcher: LauncherName;
  ecosystem: Ecosystem;
  /** The words naming the launcher (`npx`, or `docker` and `run`). */
  words: Word[];
  /** Shell wrappers looked through to reach the launcher, outermost first. */
  via: ShellInvocation[];
  options: LauncherOption[];
  /** What is fetched; the first is the package whose program runs (for containers: the image). */
  packages: FetchedPackage[];
  /** The program run when it is named apart from the package (`npx -p pkg bin`, `uvx --from pkg bin`). */
  command?: Word;
  /** The arguments left for the server (after the package, the command or the image). */
  args: Word[];
}

/** How a launcher's options are read. */
interface OptionTable {
  /** Long options (no dashes) that take a value. */
  valued: ReadonlySet<string>;
  /** Short option letters that take a value. */
  shortValued: string;
  /** Aliases to the canonical long name (`v` -> `volume`). */
  aliases: Readonly<Record<string, string>>;
  /** Long options that take no value; only consulted when unknown long options take one. */
  flags?: ReadonlySet<string>;
  /** Docker-style CLIs: an unknown long option takes the next word. npm/uv treat it as a flag. */
  unknownTakesValue?: boolean;
}

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const NPX: OptionTable = {
  valued: set(
    'package call workspace prefix registry cache userconfig loglevel node-options script-shell shell',
  ),
  shortValued: 'pcw',
  aliases: { p: 'package', c: 'call', w: 'workspace', y: 'yes', q: 'quiet' },
};
const PNPM_GLOBAL: OptionTable = { valued: set('dir filter reporter'), shortValued: 'CF', aliases: {} };
const PNPM_DLX: OptionTable = { valued: set('package allow-build'), shortValued: '', aliases: {} };
const YARN_DLX: OptionTable = { valued: set('package'), shortValued: 'p', aliases: { p: 'package' } };
const BUNX: OptionTable = { valued: set('package'), shortValued: 'p', aliases: { p: 'package' } };
const UVX: OptionTable = {
  valued: set(`from with with-editable with-requirements python index default-index index-url
    extra-index-url find-links directory project config-file env-file cache-dir python-preference
    refresh-package reinstall-package upgrade-package index-strategy keyring-provider resolution
    prerelease exclude-newer exclude-newer-package link-mode color allow-insecure-host constraints
    overrides build-constraints no-build-package no-binary-package config-setting torch-backend`),
  shortValued: 'pifwcCPb',
  aliases: { p: 'python', i: 'index-url', f: 'find-links', w: 'with', c: 'constraints', q: 'quiet' },
};
const PIPX_RUN: OptionTable = {
  valued: set('spec python pip-args index-url backend'),
  shortValued: '',
  aliases: {},
};
const CONTAINER_GLOBAL: OptionTable = {
  valued: set(`host context config log-level tlscacert tlscert tlskey connection url root runroot
    storage-driver cgroup-manager identity module`),
  shortValued: 'Hcl',
  aliases: { H: 'host', c: 'context', l: 'log-level' },
};
const CONTAINER_RUN: OptionTable = {
  valued: new Set(),
  shortValued: 'acehlmpuvw',
  aliases: {
    a: 'attach',
    c: 'cpu-shares',
    e: 'env',
    h: 'hostname',
    l: 'label',
    m: 'memory',
    p: 'publish',
    u: 'user',
    v: 'volume',
    w: 'workdir',
    i: 'interactive',
    t: 'tty',
    d: 'detach',
    P: 'publish-all',
    q: 'quiet',
    net: 'network',
  },
  flags: set(`rm init privileged read-only interactive tty detach publish-all no-healthcheck
    oom-kill-disable disable-content-trust quiet help sig-proxy use-api-socket replace rmi
    read-only-tmpfs env-host no-hosts tls-verify http-proxy rootfs`),
  unknownTakesValue: true,
};

/** Reads options from `words[start]` on; stops at the first positional word (consuming a `--`). */
export function readOptions(
  words: readonly Word[],
  start: number,
  table: OptionTable,
): { options: LauncherOption[]; next: number } {
  const options: LauncherOption[] = [];
  let i = start;
  while (i < words.length) {
    const word = words[i];
    const t = word.text;
    if (t === '--') return { options, next: i + 1 };
    if (!t.startsWith('-') || t === '-') break;
    i++;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const raw = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const name = table.aliases[raw] ?? raw;
      if (eq >= 0) options.push({ name, word, value: t.slice(eq + 1), valueWord: word });
      else if (
        (table.valued.has(raw) ||
          table.valued.has(name) ||
          (table.unknownTakesValue && !table.flags?.has(name))) &&
        i < words.length
      ) {
        options.push({ name, word, value: words[i].text, valueWord: words[i] });
        i++;
      } else options.push({ name, word });
      continue;
    }
    // A short cluster: `-it`, `-eKEY=V`, `-p 8080:80`.
    for (let k = 1; k < t.length; k++) {
      const letter = t[k];
      const name = table.aliases[letter] ?? letter;
      if (!table.shortValued.includes(letter)) {
        options.push({ name, word });
        continue;
      }
      if (k + 1 < t.length)
        options.push({ name, word, value: t.slice(k + 1).replace(/^=/, ''), valueWord: word });
      else if (i < words.length) {
        options.push({ name, word, value: words[i].text, valueWord: words[i] });
        i++;
      } else options.push({ name, word });
      break;
    }
  }
  return { options, next: i };
}

/** Which launcher starts `words`, and where its own options begin. */
function identify(
  words: readonly Word[],
): { launcher: LauncherName; table: OptionTable; head: Word[]; start: number } | undefined {
  const prog = programName(words[0]?.text);
  const sub = (from: number, global: OptionTable, ...names: string[][]) => {
    const { next } = readOptions(words, from, global);
    for (const n of names) {
      if (n.every((w, k) => words[next + k]?.text === w)) return { next: next + n.length, at: next };
    }
    return undefined;
  };
  if (prog === 'npx') return { launcher: 'npx', table: NPX, head: [words[0]], start: 1 };
  if (prog === 'pnpx') return { launcher: 'pnpm dlx', table: PNPM_DLX, head: [words[0]], start: 1 };
  if (prog === 'bunx') return { launcher: 'bunx', table: BUNX, head: [words[0]], start: 1 };
  if (prog === 'uvx') return { launcher: 'uvx', table: UVX, head: [words[0]], start: 1 };
  const pick = (launcher: LauncherName, table: OptionTable, global: OptionTable, ...names: string[][]) => {
    const s = sub(1, global, ...names);
    return s ? { launcher, table, head: [words[0], ...words.slice(s.at, s.next)], start: s.next } : undefined;
  };
  if (prog === 'npm') return pick('npm exec', NPX, NPX, ['exec'], ['x']);
  if (prog === 'pnpm') return pick('pnpm dlx', PNPM_DLX, PNPM_GLOBAL, ['dlx']);
  if (prog === 'yarn') return pick('yarn dlx', YARN_DLX, YARN_DLX, ['dlx']);
  if (prog === 'bun') return pick('bunx', BUNX, BUNX, ['x']);
  if (prog === 'uv') return pick('uv tool run', UVX, UVX, ['tool', 'run'], ['tool', 'uvx']);
  if (prog === 'pipx') return pick('pipx run', PIPX_RUN, PIPX_RUN, ['run']);
  if (prog === 'docker' || prog === 'podman' || prog === 'nerdctl') {
    const launcher = prog === 'podman' ? 'podman run' : 'docker run';
    return pick(launcher, CONTAINER_RUN, CONTAINER_GLOBAL, ['run'], ['container', 'run']);
  }
  return undefined;
}

const ECOSYSTEM: Record<LauncherName, Ecosystem> = {
  npx: 'npm',
  'npm exec': 'npm',
  'pnpm dlx': 'npm',
  'yarn dlx': 'npm',
  bunx: 'npm',
  uvx: 'pypi',
  'uv tool run': 'pypi',
  'pipx run': 'pypi',
  'docker run': 'oci',
  'podman run': 'oci',
};

/** Parses `words` as one launcher invocation (no wrappers); `undefined` when no launcher starts it. */
export function parseLaunch(words: readonly Word[]): Launch | undefined {
  const id = identify(words);
  if (!id) return undefined;
  const { options, next } = readOptions(words, id.start, id.table);
  const ecosystem = ECOSYSTEM[id.launcher];
  const parse = ecosystem === 'npm' ? parseNpmSpec : ecosystem === 'pypi' ? parsePythonSpec : parseImageRef;
  const fetched = (o: LauncherOption): FetchedPackage[] =>
    o.value !== undefined && o.valueWord ? [{ ref: parse(o.value), word: o.valueWord }] : [];
  const launch: Launch = {
    launcher: id.launcher,
    ecosystem,
    words: id.head,
    via: [],
    options,
    packages: [],
    args: [],
  };
  const positional = words.slice(next);
  // The option naming the package apart from the program: npm-style `--package`, uv `--from`, pipx `--spec`.
  const fromKey =
    ecosystem === 'npm'
      ? 'package'
      : ecosystem === 'pypi'
        ? id.launcher === 'pipx run'
          ? 'spec'
          : 'from'
        : '';
  const named = options.filter((o) => o.name === fromKey).flatMap(fetched);
  const extra = ecosystem === 'pypi' ? options.filter((o) => o.name === 'with').flatMap(fetched) : [];
  if (named.length > 0) {
    launch.packages = [...named, ...extra];
    // `npx -p pkg -c "cmd"` runs a string and has no program word.
    const calls = options.some((o) => o.name === 'call');
    launch.command = calls ? undefined : positional[0];
    launch.args = calls ? positional : positional.slice(1);
  } else if (positional.length > 0) {
    launch.packages = [{ ref: parse(positional[0].text), word: positional[0] }, ...extra];
    launch.args = positional.slice(1);
  } else launch.packages = extra;
  return launch;
}

/** Operators that end one simple command inside a shell string. */
const OPERATORS = new Set(['&&', '||', ';', '|', '&', '(', ')', ';;', '|&']);

/** Prefixes that run the rest of the line as the real command: `env K=V cmd`, `exec cmd`. */
function stripPrefixes(words: readonly Word[]): readonly Word[] {
  let i = 0;
  for (;;) {
    const p = programName(words[i]?.text);
    if (p === 'exec' || p === 'command' || p === 'nohup') i++;
    else if (p === 'env') {
      i++;
      while (i < words.length && (/^\w+=/.test(words[i].text) || /^-/.test(words[i].text))) i++;
    } else if (i < words.length && /^[A-Za-z_]\w*=/.test(words[i].text)) i++;
    else return words.slice(i);
  }
}

/** Every launcher invocation in `words`, looking through shell wrappers (three levels at most). */
export function launchesIn(words: readonly Word[], via: ShellInvocation[] = [], depth = 0): Launch[] {
  const ws = stripPrefixes(words);
  const shell = shellInvocation(ws);
  if (shell) {
    if (depth >= 3) return [];
    const out: Launch[] = [];
    let segment: Word[] = [];
    for (const w of [...shell.inner, undefined]) {
      if (w && !OPERATORS.has(w.text)) {
        segment.push(w);
        continue;
      }
      if (segment.length > 0) out.push(...launchesIn(segment, [...via, shell], depth + 1));
      segment = [];
    }
    return out;
  }
  const launch = parseLaunch(ws);
  return launch ? [{ ...launch, via }] : [];
}

/** Every launcher invocation of a server (none for remote servers). */
export function findLaunches(server: ServerSpec): Launch[] {
  return launchesIn(argv(server));
}

/** A container mount: where it comes from on the host and where it lands. */
export interface Mount {
  /** Host path (bind mounts) or volume name; empty for an anonymous volume. */
  source: string;
  target: string;
  /** True when `source` is a host path (a bind mount), false for a named or anonymous volume. */
  bind: boolean;
  /** The word holding the mount spec. */
  word: Word;
}

/** Splits `-v SRC:DST[:opts]`, keeping a Windows drive (`C:\x:/y`) or a named pipe in the source. */
export function parseVolume(spec: string): { source: string; target: string } {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const colon = spec.indexOf(':', drive);
  if (colon < 0) return { source: '', target: spec };
  const target = spec
    .slice(colon + 1)
    .replace(
      /:(?:ro|rw|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|delegated|cached|consistent|,)+$/,
      '',
    );
  return { source: spec.slice(0, colon), target };
}

/** Parses `--mount type=bind,source=/,target=/host` (keys in any order; `type` defaults to volume). */
export function parseMountFlag(spec: string): { source: string; target: string; type: string } {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    fields.set(
      (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(),
      eq < 0 ? 'true' : part.slice(eq + 1),
    );
  }
  return {
    type: fields.get('type') ?? 'volume',
    source: fields.get('source') ?? fields.get('src') ?? '',
    target: fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '',
  };
}

/** A host path that is the whole file system: `/`, `//`, a drive root (`C:\`, `C:/`, `C:`). */
export function isHostRoot(path: string): boolean {
  return /^\/+$/.test(path) || /^[A-Za-z]:[\\/]*$/.test(path);
}

/** Every mount of a container launch: `-v`/`--volume` and `--mount`. */
export function mounts(launch: Launch): Mount[] {
  const out: Mount[] = [];
  for (const o of launch.options) {
    if (o.value === undefined || !o.valueWord) continue;
    if (o.name === 'volume') {
      const { source, target } = parseVolume(o.value);
      // A source without a path separator is a named volume (`data:/data`).
      out.push({
        source,
        target,
        bind: /[\\/~$%]/.test(source) || /^[A-Za-z]:$/.test(source),
        word: o.valueWord,
      });
    } else if (o.name === 'mount') {
      const m = parseMountFlag(o.value);
      out.push({ source: m.source, target: m.target, bind: m.type === 'bind', word: o.valueWord });
    }
  }
  return out;
}

/** Every occurrence of a launcher option, by canonical name (options such as `-v` repeat). */
export function optionValues(launch: Launch, name: string): LauncherOption[] {
  return launch.options.filter((o) => o.name === name);
}
