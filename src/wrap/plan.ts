// Decides what `mcp-guard guard wrap` does with each server of a client config: which servers move
// into the guard config (local stdio ones by default), what their guard entry holds, what stays in
// the client entry, and what the user must be warned about (literal secrets, envFile, variables the
// guard cannot resolve). Pure: reads the parsed model, touches no file.

import { prepareSecrets, serverSecrets } from '../../rules/utils/server-secrets.ts';
import { member, nodeAt } from '../config/document.ts';
import { argv, runsGuard } from '../config/launch.ts';
import type { ClientConfig, ServerSpec, SValue } from '../config/types.ts';
import type { VarRef } from '../config/variables.ts';

/** What the caller asked for. */
export interface PlanOptions {
  /** Servers to wrap by name; empty or absent means every local (stdio) server. */
  servers?: string[];
  /** Absolute path of the guard config the client entries will name. */
  guardConfig: string;
  /**
   * The words that start mcp-guard in the rewritten entries, e.g. this installation's
   * `[/usr/bin/node, /…/mcp-guard/dist/cli.js]` or `[npx, -y, mcp-guard@1.2.3]` (see the CLI's `--launcher`).
   */
  launcher: string[];
  /** Replace literal secrets in `env` with `${KEY}` in the guard config. */
  moveSecretsToEnv: boolean;
}

/** A server's entry in the guard config (the guard's `ServerSpec` shape, as written). */
export interface GuardEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Comments to attach to `env.<KEY>` values in the written YAML (why a value is what it is). */
  envNotes: Record<string, string>;
}

/** One server that moves behind the guard. */
export interface WrappedServer {
  spec: ServerSpec;
  guard: GuardEntry;
  /** The new launch of the client entry: program, then its arguments. */
  launch: string[];
  /** Environment entries the client entry keeps: references only the client can resolve, never literals. */
  clientEnv: Record<string, string>;
}

/** A server left as it is, and why. */
export interface SkippedServer {
  name: string;
  reason: string;
}

/** The whole decision for one client config. */
export interface WrapPlan {
  wrapped: WrappedServer[];
  skipped: SkippedServer[];
  warnings: string[];
}

/** Thrown when the request cannot be honoured (unknown server name ...). */
export class WrapError extends Error {}

/**
 * How each client writes an environment reference in a server's `env`, for the clients that have one.
 * With `--move-secrets-to-env`, the client entry keeps `KEY: <reference>` so the client hands its own
 * environment's value to the guard, which passes it on as `${KEY}`.
 */
const CLIENT_ENV_REF: Record<string, (name: string) => string> = {
  cursor: (n) => `\${env:${n}}`,
  vscode: (n) => `\${env:${n}}`,
  windsurf: (n) => `\${env:${n}}`,
  'amazon-q': (n) => `\${env:${n}}`,
  'claude-code': (n) => `\${${n}}`,
};

/** Plans the wrap of `config`. Async only because secret detection is (secretlint). */
export async function planWrap(config: ClientConfig, opts: PlanOptions): Promise<WrapPlan> {
  if (config.client === 'mcp-guard')
    throw new WrapError(`${config.file} is a guard config already; give a client's config file`);
  const wanted = opts.servers ?? [];
  const names = new Set(config.servers.map((s) => s.name));
  const unknown = wanted.filter((n) => !names.has(n));
  if (unknown.length > 0)
    throw new WrapError(
      `no server named ${unknown.map((n) => JSON.stringify(n)).join(', ')} in ${config.file} (servers: ${[...names].join(', ') || 'none'})`,
    );
  await prepareSecrets(config);
  const plan: WrapPlan = { wrapped: [], skipped: [], warnings: [] };
  const seen = new Set<string>();
  for (const spec of config.servers) {
    if (wanted.length > 0 && !wanted.includes(spec.name)) continue;
    // Claude Code keeps the same name in several project maps; the guard config has one namespace.
    if (seen.has(spec.name)) {
      plan.skipped.push({ name: spec.name, reason: 'a server of the same name was wrapped already' });
      continue;
    }
    const reason = skipReason(spec, config);
    if (reason) {
      plan.skipped.push({ name: spec.name, reason });
      continue;
    }
    seen.add(spec.name);
    plan.wrapped.push(wrapOne(spec, config, opts, plan.warnings));
  }
  return plan;
}

/** Why a server cannot be wrapped, or undefined when it can. */
function skipReason(spec: ServerSpec, config: ClientConfig): string | undefined {
  if (spec.transport !== 'stdio' || (spec.url && !spec.command))
    return `remote (${spec.transport}) server: the guard wraps servers it launches over stdio; remote ones stay as they are`;
  const words = argv(spec);
  if (words.length === 0) return 'no command to launch';
  if (runsGuard(words.map((w) => w.text))) return 'already launched through mcp-guard guard';
  const entry = nodeAt(config.document.root, spec.path);
  const command = member(entry, 'command');
  if (command?.kind === 'object' && config.document.format === 'toml')
    return 'command given as a table, which wrap does not rewrite';
  return undefined;
}

/** Builds the guard entry and the new client launch for one server. */
function wrapOne(
  spec: ServerSpec,
  config: ClientConfig,
  opts: PlanOptions,
  warnings: string[],
): WrappedServer {
  const clientEnv: Record<string, string> = {};
  const env: Record<string, string> = {};
  const envNotes: Record<string, string> = {};
  const secrets = serverSecrets(spec, config);
  const secretAt = (v: SValue) => secrets.find((s) => s.value === v);
  const clientRef = CLIENT_ENV_REF[config.client];

  for (const [key, v] of Object.entries(spec.env)) {
    const site = secretAt(v);
    if (hasBraceRef(v)) {
      // The client resolves its own syntax (`${input:x}`, `${env:X}`, `${workspaceFolder}`) when it
      // launches the guard; the guard then passes the value on under the same name.
      clientEnv[key] = v.value;
      env[key] = `\${${key}}`;
    } else if (site && opts.moveSecretsToEnv) {
      env[key] = `\${${key}}`;
      if (clientRef) clientEnv[key] = clientRef(key);
      warnings.push(
        `server "${spec.name}": env.${key} held a literal ${site.kind} (${site.preview}); the guard config now reads it as \${${key}}. ` +
          (clientRef
            ? `The client entry passes ${clientRef(key)}: set ${key} in the environment the client starts from, and rotate the old value.`
            : `Set ${key} in the environment the client starts the guard with (the guard refuses to start while it is unset), and rotate the old value.`),
      );
    } else {
      env[key] = v.value;
      if (site) {
        envNotes[key] = `literal ${site.kind}: prefer ${key}: \${${key}} and set ${key} where the guard runs`;
        warnings.push(
          `server "${spec.name}": env.${key} holds a literal ${site.kind} (${site.preview}); it moves into the guard config (written owner-only, 0600). ` +
            `To keep it out of files, write ${key}: \${${key}} under servers.${spec.name}.env there (or rerun with --move-secrets-to-env) and set ${key} in the environment the guard runs in.`,
        );
      }
    }
  }
  for (const site of secrets) {
    if (Object.values(spec.env).includes(site.value)) continue;
    warnings.push(
      `server "${spec.name}": ${site.where} holds a literal ${site.kind} (${site.preview}); it moves into the guard config as written. Pass it through env instead if the server can read it from there.`,
    );
  }
  if (spec.envFile)
    warnings.push(
      `server "${spec.name}": envFile ${spec.envFile.value} stays in the client entry; its variables reach the guard but the guard passes only the names listed under servers.${spec.name}.env to the server (add NAME: \${NAME} for each)`,
    );
  const entry = nodeAt(config.document.root, spec.path);
  const envVars = member(entry, 'env_vars');
  if (envVars?.kind === 'array') {
    // Codex forwards these from its own environment; the guard passes on only what its config names.
    for (const item of envVars.items)
      if (item.kind === 'string' && !(item.value in env)) env[item.value] = `\${${item.value}:-}`;
  }

  // Arguments, command and cwd may hold references too; the guard resolves only `${VAR}`, so each
  // reference travels as an environment variable the client sets from its own syntax.
  const words = argv(spec).map((w) => w.text);
  const viaEnv = (text: string, source?: SValue) => {
    if (!source || !hasBraceRef(source)) return text;
    let out = text;
    for (const ref of source.refs.filter((r) => r.text.startsWith('${'))) {
      const name = envNameFor(ref, clientEnv, spec.env);
      clientEnv[name] = ref.text;
      out = out.split(ref.text).join(`\${${name}}`);
    }
    return out;
  };
  const sources = argv(spec).map((w) => w.source);
  const guardWords = words.map((w, i) => viaEnv(w, sources[i]));
  const guard: GuardEntry = {
    command: shellWord(guardWords[0]),
    args: guardWords.slice(1),
    env,
    envNotes,
  };
  if (spec.cwd) guard.cwd = viaEnv(spec.cwd.value, spec.cwd);
  const launch = [...opts.launcher, 'guard', 'serve', '--config', opts.guardConfig, '--server', spec.name];
  return { spec, guard, launch, clientEnv };
}

/** True when the value holds a `${...}` reference (bare `$VAR` is passed literally by clients and guard alike). */
function hasBraceRef(v: SValue): boolean {
  return v.refs.some((r) => r.text.startsWith('${'));
}

/** An environment variable name for a reference: its own for `${env:X}`, a derived one otherwise. */
function envNameFor(ref: VarRef, taken: Record<string, string>, env: Record<string, SValue>): string {
  const base =
    ref.kind === 'env' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.name)
      ? ref.name
      : `MCP_GUARD_${ref.kind === 'other' ? '' : `${ref.kind.toUpperCase()}_`}${ref.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
  let name = base;
  for (let i = 2; name in taken ? taken[name] !== ref.text : name in env; i++) name = `${base}_${i}`;
  return name;
}

/**
 * The guard splits a `command` holding whitespace the way a shell would; a single program path with
 * spaces (`C:\Program Files\...`) is quoted so it stays one word.
 */
function shellWord(word: string): string {
  return /\s/.test(word) && !word.includes("'") ? `'${word}'` : word;
}
