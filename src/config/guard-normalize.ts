// Gives a validated guard config file its meaning: Python-era aliases folded into one shape, API
// keys hashed, JWT settings checked (fail closed), commands split, relative paths anchored at the
// config's folder, defaults applied. Every refusal names the key, so the loader can point at its line.
// The same code serves both modes of the loader (see guard.ts): strict, where the first refusal stops
// the load, and lint, where refusals are collected, each section and item is read on its own, and a
// value written as a `${VAR}` reference is kept as written and its checks wait for deploy time.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JsonPath } from './document.ts';
import { normalizeApprovals, normalizeConsole } from './guard-approvals.ts';
import { normalizeOAuth } from './guard-oauth.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import { normalizeStore } from './guard-store.ts';
import type {
  GuardAgent,
  GuardAuth,
  GuardConfig,
  GuardDraft,
  GuardPolicies,
  GuardRoute,
  GuardServer,
} from './guard-types.ts';
import { splitShell } from './launch.ts';

/**
 * Refuses the config with a message about the key at `path`. Every check reads `fail(path, message)` in
 * both modes: strict mode throws the error; lint mode records it and abandons the current {@link
 * Fail.unit} (a section, a server, a key ...), so the rest of the file is still read.
 */
export interface Fail {
  (path: JsonPath, message: string): never;
  /**
   * False when the value at `path` is a `${VAR}` reference kept as written (lint mode): a check of its
   * value (a URL, a length, a number) would judge the reference's text, so it waits for deploy time.
   */
  known(path: JsonPath): boolean;
  /** Runs `read`; in lint mode, `fallback` when it failed (the problem is already recorded). */
  unit<T>(read: () => T, fallback: T): T;
  /** Records where an effective setting (`auth.mode`, `audit.path` ...) was written, for the scanner. */
  from(setting: string, path: JsonPath): void;
}

/** Minimum HMAC secret length: RFC 7518 requires a key at least as long as the hash (256 bits for HS256). */
export const MIN_HS_SECRET_BYTES = 32;

/** Defaults, documented in docs/guard-config.md. */
export const GUARD_DEFAULTS = {
  approvalTtlSec: 3600,
  maxMessageBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 120_000,
  initializeTimeoutMs: 60_000,
  /** Nesting of arrays and objects in one message (jsonrpc.ts DEFAULT_MAX_DEPTH). */
  maxDepth: 64,
  host: '127.0.0.1',
  port: 8080,
  clockToleranceSec: 5,
  agentClaim: 'sub',
  headersTimeoutMs: 10_000,
  httpRequestTimeoutMs: 30_000,
  maxConnectionsPerAddress: 256,
  sessionIdleSec: 1800,
  maxSessions: 1000,
  maxSessionsPerPrincipal: 50,
  shutdownGraceMs: 10_000,
  oauthAlgorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
  jwksTimeoutMs: 5000,
  jwksCacheSec: 600,
} as const;

/**
 * Tools that spend when nothing is configured, amount in `arguments.amount`: the original mcp-guard's
 * spending tools (its quick-start config relies on them), then common wallet tool names.
 */
export const DEFAULT_SPEND_TOOLS: GuardPolicies['spendTools'] = [
  'wallet_request',
  'wallet_approve',
  'wallet_pay',
  'pay_create_checkout',
  'x402_pay',
  'pay',
  'send_payment',
  'make_payment',
  'create_payment',
  'transfer',
  'transfer_funds',
  'send_funds',
  'purchase',
  'charge',
].map((name) => ({ name, amount: 'amount', currency: 'USD' }));

/** HMAC JWS algorithms. */
export const HS = /^HS(256|384|512)$/;
/** Asymmetric JWS algorithms the guard can verify. */
export const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;

/**
 * Turns the validated raw file into the effective config. Strict mode gives every section (or throws);
 * lint mode leaves out the sections it could not read.
 */
export function normalizeGuardConfig(raw: RawGuardConfig, file: string, fail: Fail): GuardDraft {
  const base = dirname(file);
  const anchor = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  // Cross-references (routes, agents) name servers as written, read or not: one broken server must
  // not make every route to it a second problem.
  const serverNames = Object.keys(raw.servers ?? {});
  const servers = fail.unit(() => normalizeServers(raw, fail), undefined);
  const routes = fail.unit(() => normalizeRoutes(raw, serverNames, fail), undefined);
  const policies = fail.unit(() => normalizePolicies(raw, serverNames, fail), undefined);
  const audit = fail.unit(() => normalizeAudit(raw, anchor, fail), undefined);
  const limits = {
    maxMessageBytes:
      positive(raw.limits?.max_message_bytes, ['limits', 'max_message_bytes'], fail) ??
      GUARD_DEFAULTS.maxMessageBytes,
    requestTimeoutMs:
      positive(raw.limits?.request_timeout_ms, ['limits', 'request_timeout_ms'], fail) ??
      GUARD_DEFAULTS.requestTimeoutMs,
    initializeTimeoutMs:
      positive(raw.limits?.initialize_timeout_ms, ['limits', 'initialize_timeout_ms'], fail) ??
      GUARD_DEFAULTS.initializeTimeoutMs,
    maxDepth: positive(raw.limits?.max_depth, ['limits', 'max_depth'], fail) ?? GUARD_DEFAULTS.maxDepth,
  };
  // The guard's own code recurses over messages (hashes, redaction): far deeper would overflow its stack.
  fail.unit(() => {
    if (limits.maxDepth > 1000) fail(['limits', 'max_depth'], 'at most 1000');
  }, undefined);
  const auth = fail.unit(() => normalizeAuth(raw, fail), undefined);
  if (auth?.mode === 'jwt' && auth.jwksFile !== undefined) auth.jwksFile = anchor(auth.jwksFile);
  for (const server of Object.values(servers ?? {}))
    if (server.cwd !== undefined) server.cwd = anchor(server.cwd);
  return {
    file,
    auth,
    servers,
    routes,
    policies,
    audit,
    http: fail.unit(() => normalizeHttp(raw, limits.maxMessageBytes, fail), undefined),
    approvals: fail.unit(() => normalizeApprovals(raw, fail), undefined),
    console: fail.unit(() => normalizeConsole(raw, auth?.mode, fail), undefined),
    store: fail.unit(() => normalizeStore(raw, anchor, fail), undefined),
    limits,
    namespacing: raw.namespacing ?? (serverNames.length > 1 ? 'prefix' : 'none'),
    replica: fail.unit(() => normalizeReplica(raw.replica, fail), undefined),
  };
}

/** The audit log: one of three places (Python-era `audit_log`, `policies.audit_log`, `audit.path`). */
function normalizeAudit(
  raw: RawGuardConfig,
  anchor: (p: string) => string,
  fail: Fail,
): GuardConfig['audit'] {
  if (raw.audit_log !== undefined && raw.policies?.audit_log !== undefined)
    fail(['policies', 'audit_log'], 'the audit log is also set at the top level (audit_log); keep one');
  const legacyAudit = raw.audit_log ?? raw.policies?.audit_log;
  if (legacyAudit !== undefined && raw.audit?.path !== undefined)
    fail(['audit', 'path'], 'the audit log is also set as audit_log; keep one');
  const auditPath = raw.audit?.path ?? legacyAudit;
  const at: JsonPath =
    raw.audit?.path !== undefined
      ? ['audit', 'path']
      : raw.audit_log !== undefined
        ? ['audit_log']
        : ['policies', 'audit_log'];
  if (auditPath !== undefined && auditPath.trim() === '')
    fail(at, 'empty path; remove the key or give a file');
  if (auditPath !== undefined) fail.from('audit.path', at);
  return {
    ...(auditPath !== undefined ? { path: anchor(auditPath) } : {}),
    recordArguments: raw.audit?.record_arguments ?? false,
    redact: raw.audit?.redact ?? [],
  };
}

function normalizeHttp(raw: RawGuardConfig, maxMessageBytes: number, fail: Fail): GuardConfig['http'] {
  const h = raw.http ?? {};
  const at = (key: string): JsonPath => ['http', key];
  if (raw.http !== undefined) fail.from('http', ['http']);
  const pos = (key: keyof typeof h & string, fallback: number): number =>
    positive(h[key] as number | undefined, at(key), fail) ?? fallback;
  const http: GuardConfig['http'] = {
    host: h.host ?? GUARD_DEFAULTS.host,
    port: h.port ?? GUARD_DEFAULTS.port,
    allowedOrigins: h.allowed_origins ?? [],
    allowedHosts: h.allowed_hosts ?? [],
    maxBodyBytes: pos('max_body_bytes', maxMessageBytes),
    headersTimeoutMs: pos('headers_timeout_ms', GUARD_DEFAULTS.headersTimeoutMs),
    requestTimeoutMs: pos('request_timeout_ms', GUARD_DEFAULTS.httpRequestTimeoutMs),
    maxConnectionsPerAddress: pos('max_connections_per_address', GUARD_DEFAULTS.maxConnectionsPerAddress),
    sessionIdleSec: pos('session_idle_sec', GUARD_DEFAULTS.sessionIdleSec),
    maxSessions: pos('max_sessions', GUARD_DEFAULTS.maxSessions),
    maxSessionsPerPrincipal: pos('max_sessions_per_principal', GUARD_DEFAULTS.maxSessionsPerPrincipal),
    backendMode: h.backend_mode ?? 'per_session',
    shutdownGraceMs: h.shutdown_grace_ms ?? GUARD_DEFAULTS.shutdownGraceMs,
    metrics: { enabled: h.metrics?.enabled ?? true, agentLabels: h.metrics?.agent_labels ?? false },
  };
  fail.unit(() => {
    if (http.port > 65535) fail(at('port'), 'expected a port number from 0 to 65535');
  }, undefined);
  fail.unit(() => {
    if (http.requestTimeoutMs < http.headersTimeoutMs)
      fail(
        at(h.request_timeout_ms !== undefined ? 'request_timeout_ms' : 'headers_timeout_ms'),
        `the whole request (request_timeout_ms ${http.requestTimeoutMs}) cannot take less time than its headers (headers_timeout_ms ${http.headersTimeoutMs})`,
      );
  }, undefined);
  h.allowed_origins?.forEach((o, i) => {
    const path: JsonPath = ['http', 'allowed_origins', i];
    fail.unit(() => {
      if (!fail.known(path)) return;
      if (o !== '*' && (!URL.canParse(o) || new URL(o).origin !== o))
        fail(path, `"${o}" is not an origin; write scheme://host[:port], no path`);
      if (o === '*') fail(path, '"*" would let any web page drive the guard; list origins');
    }, undefined);
  });
  if (h.public_url !== undefined) {
    const url = h.public_url;
    fail.unit(() => {
      if (fail.known(at('public_url'))) {
        if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
          fail(
            at('public_url'),
            'expected the http(s) URL clients use to reach the guard, e.g. https://mcp.example.com/mcp',
          );
        const u = new URL(url);
        if (u.search || u.hash)
          fail(at('public_url'), 'no query or fragment in the canonical URL (RFC 8707)');
      }
      http.publicUrl = url;
    }, undefined);
  }
  if (h.metrics?.token !== undefined) {
    const token = h.metrics.token;
    fail.unit(() => {
      if (token.trim() === '')
        fail(['http', 'metrics', 'token'], 'empty token; set the variable it refers to, or remove the key');
      http.metrics.token = token;
    }, undefined);
  }
  return http;
}

/** `replica`: a non-empty name; default the host name (what a container's HOSTNAME is). */
function normalizeReplica(replica: string | undefined, fail: Fail): string {
  if (replica === undefined) return hostname();
  if (replica.trim() === '') fail(['replica'], 'empty replica id; remove the key to use the host name');
  return replica.trim();
}

/** `v`, refusing 0 (a limit of zero would refuse everything); lint mode falls back to the default. */
export function positive(v: number | undefined, path: JsonPath, fail: Fail): number | undefined {
  return fail.unit(() => {
    if (v === 0) fail(path, 'must be greater than 0');
    return v;
  }, undefined);
}

function normalizeServers(raw: RawGuardConfig, fail: Fail): Record<string, GuardServer> {
  const out: Record<string, GuardServer> = {};
  const servers = raw.servers ?? {};
  const names = Object.keys(servers);
  if (names.length === 0)
    fail(['servers'], 'no server configured; add one under servers.<name> with a command or url');
  for (const name of names) {
    const s = servers[name];
    const at = ['servers', name];
    fail.unit(() => {
      if (s.command === undefined && s.url === undefined)
        fail(at, 'give either command (a local server) or url');
      if (s.command !== undefined && s.url !== undefined)
        fail([...at, 'url'], 'give either command or url, not both');
      const server: GuardServer = { name, args: s.args ?? [], env: s.env ?? {}, headers: s.headers ?? {} };
      if (s.command !== undefined) {
        const words = /\s/.test(s.command.trim()) ? splitShell(s.command.trim()) : [s.command.trim()];
        if (words.length === 0 || words[0] === '') fail([...at, 'command'], 'empty command');
        // The guard spawns without a shell: an operator would reach the program as a literal argument.
        const op = words.find((w) => /^(\||\|\||&&|;|>|>>|<|&|#.*)$/.test(w));
        if (op)
          fail([...at, 'command'], `"${op}" needs a shell; run the program directly (or wrap it in sh -c)`);
        server.command = words[0];
        server.args = [...words.slice(1), ...server.args];
      }
      if (s.cwd !== undefined) server.cwd = s.cwd;
      if (s.url !== undefined) {
        if (
          fail.known([...at, 'url']) &&
          (!URL.canParse(s.url) || !/^https?:$/.test(new URL(s.url).protocol))
        )
          fail([...at, 'url'], 'expected an http(s) URL');
        server.url = s.url;
      }
      out[name] = server;
    }, undefined);
  }
  return out;
}

function normalizeRoutes(raw: RawGuardConfig, serverNames: string[], fail: Fail): GuardRoute[] {
  return (raw.routes ?? []).flatMap((r, i) => {
    const at = ['routes', i];
    return fail.unit(() => {
      if (!serverNames.includes(r.target) && fail.known([...at, 'target']))
        fail([...at, 'target'], `no server named "${r.target}"; servers: ${serverNames.join(', ')}`);
      if (r.mode === 'tool' && !r.tool_name) fail([...at, 'mode'], 'mode "tool" needs tool_name');
      if (r.mode === 'method' && !r.method_prefix) fail([...at, 'mode'], 'mode "method" needs method_prefix');
      const route: GuardRoute = { mode: r.mode, target: r.target };
      if (r.tool_name !== undefined) route.toolName = r.tool_name;
      if (r.method_prefix !== undefined) route.methodPrefix = r.method_prefix;
      return [route];
    }, []);
  });
}

function normalizePolicies(raw: RawGuardConfig, serverNames: string[], fail: Fail): GuardPolicies {
  const p = raw.policies ?? {};
  // rate_limit.* (Python era) may sit at the top level, under policies, or flat under policies.
  const pick = (key: 'requests_per_minute' | 'spend_per_hour_usd'): number | undefined => {
    const places: [JsonPath, number | undefined][] = [
      [['rate_limit', key], raw.rate_limit?.[key]],
      [['policies', 'rate_limit', key], p.rate_limit?.[key]],
      [['policies', key], p[key]],
    ];
    const given = places.filter(([, v]) => v !== undefined);
    if (given.length === 0) return undefined;
    const [at, value] = given[0];
    fail.unit(() => {
      if (given.length > 1) fail(given[1][0], `also set at ${at.join('.')}; keep one`);
    }, undefined);
    if (key === 'requests_per_minute' && positive(value, at, fail) === undefined) return undefined;
    fail.from(key === 'requests_per_minute' ? 'policies.requestsPerMinute' : 'policies.spendPerHourUsd', at);
    return value;
  };
  const requestsPerMinute = pick('requests_per_minute');
  const policies: GuardPolicies = {
    approvalTtlSec:
      positive(p.approval_ttl_sec, ['policies', 'approval_ttl_sec'], fail) ?? GUARD_DEFAULTS.approvalTtlSec,
    toolAllowlist: p.tool_allowlist ?? [],
    toolDenylist: p.tool_denylist ?? [],
    agents: {},
    pinning: p.pinning ?? 'warn',
    spendTools: (p.spend?.tools ?? DEFAULT_SPEND_TOOLS).map((t) => ({
      name: t.name,
      amount: t.amount,
      currency: t.currency ?? 'USD',
    })),
  };
  const spendPerHourUsd = pick('spend_per_hour_usd');
  if (requestsPerMinute !== undefined) policies.requestsPerMinute = requestsPerMinute;
  if (spendPerHourUsd !== undefined) policies.spendPerHourUsd = spendPerHourUsd;
  if (p.max_spend_per_session !== undefined) {
    policies.maxSpendPerSession = p.max_spend_per_session;
    fail.from('policies.maxSpendPerSession', ['policies', 'max_spend_per_session']);
  }
  if (p.require_approval_above !== undefined) policies.requireApprovalAbove = p.require_approval_above;
  fail.unit(() => {
    if (raw.agents !== undefined && p.agents !== undefined)
      fail(['policies', 'agents'], 'agents are also set at the top level (agents); keep one');
  }, undefined);
  const agentsAt: JsonPath = raw.agents !== undefined ? ['agents'] : ['policies', 'agents'];
  for (const [id, a] of Object.entries(raw.agents ?? p.agents ?? {})) {
    const at = [...agentsAt, id];
    fail.unit(() => {
      if (id.trim() === '') fail(at, 'empty agent id');
      const agent: GuardAgent = { approvals: a.approvals ?? true };
      if (a.servers !== undefined) {
        a.servers.forEach((s, i) => {
          if (!serverNames.includes(s) && fail.known([...at, 'servers', i]))
            fail([...at, 'servers', i], `no server named "${s}"; servers: ${serverNames.join(', ')}`);
        });
        agent.servers = a.servers;
      }
      if (a.tool_allowlist !== undefined) agent.toolAllowlist = a.tool_allowlist;
      if (a.tool_denylist !== undefined) agent.toolDenylist = a.tool_denylist;
      if (a.requests_per_minute !== undefined) {
        if (a.requests_per_minute === 0) fail([...at, 'requests_per_minute'], 'must be greater than 0');
        agent.requestsPerMinute = a.requests_per_minute;
      }
      if (a.spend_per_hour_usd !== undefined) agent.spendPerHourUsd = a.spend_per_hour_usd;
      if (a.max_spend_per_session !== undefined) agent.maxSpendPerSession = a.max_spend_per_session;
      if (a.require_approval_above !== undefined) agent.requireApprovalAbove = a.require_approval_above;
      policies.agents[id] = agent;
    }, undefined);
  }
  return policies;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The place of every credential the guard checks callers against, as the loader reads them. */
export interface CredentialPlace {
  kind:
    | 'API key'
    | 'JWT secret'
    | 'metrics token'
    | 'Redis password'
    | 'console session secret'
    | 'webhook secret';
  path: JsonPath;
}

/**
 * Every credential written in the file, whatever the auth mode (a JWT secret beside `mode: api_key` is
 * refused, yet it is still a secret in the file): the keys of `auth.keys` in each of their forms, the
 * HS* secret in either spelling, the metrics token, the Redis store's password.
 */
export function credentialPlaces(raw: RawGuardConfig): CredentialPlace[] {
  const out: CredentialPlace[] = [];
  const read = raw.auth?.keys === undefined ? undefined : keyEntries(raw.auth.keys);
  for (const e of read && 'entries' in read ? read.entries : [])
    if (e.keyAt) out.push({ kind: 'API key', path: e.keyAt });
  if (raw.auth?.jwt_secret !== undefined) out.push({ kind: 'JWT secret', path: ['auth', 'jwt_secret'] });
  if (raw.auth?.jwt?.secret !== undefined) out.push({ kind: 'JWT secret', path: ['auth', 'jwt', 'secret'] });
  if (raw.http?.metrics?.token !== undefined)
    out.push({ kind: 'metrics token', path: ['http', 'metrics', 'token'] });
  if (raw.store?.password !== undefined) out.push({ kind: 'Redis password', path: ['store', 'password'] });
  if (raw.console?.session_secret !== undefined)
    out.push({ kind: 'console session secret', path: ['console', 'session_secret'] });
  raw.approvals?.notify?.forEach((w, i) => {
    if (w.secret !== undefined)
      out.push({ kind: 'webhook secret', path: ['approvals', 'notify', i, 'secret'] });
  });
  return out;
}

/** Reads `auth`; undefined only in lint mode, when the mode is a `${VAR}` chosen at deploy time. */
function normalizeAuth(raw: RawGuardConfig, fail: Fail): GuardAuth | undefined {
  const a = raw.auth;
  if (!a) fail(['auth'], 'missing; set auth.mode to none, api_key or jwt (none must be explicit)');
  fail.from('auth.mode', ['auth', 'mode']);
  if (!fail.known(['auth', 'mode'])) return undefined;
  const mode = a.mode.trim().toLowerCase();
  if (mode !== 'oauth' && mode !== 'oauth2' && a.client_id !== undefined)
    fail(['auth', 'client_id'], 'client_id belongs to the original mode oauth2; remove it');
  if (mode === 'none') {
    if (a.keys !== undefined || a.jwt_secret !== undefined || a.jwt !== undefined || a.oauth !== undefined)
      fail(['auth', 'mode'], 'mode is none but credentials are configured; choose api_key, jwt or oauth');
    return { mode: 'none' };
  }
  if (mode === 'api_key' || mode === 'api-key' || mode === 'apikey') {
    if (a.jwt_secret !== undefined || a.jwt !== undefined || a.oauth !== undefined)
      fail(['auth', 'mode'], 'mode is api_key but JWT settings are configured; remove them or use mode: jwt');
    return { mode: 'api_key', keys: normalizeKeys(a.keys, fail) };
  }
  if (mode === 'jwt') {
    if (a.keys !== undefined)
      fail(['auth', 'keys'], 'keys are for mode api_key; remove them or change the mode');
    if (a.oauth !== undefined) fail(['auth', 'oauth'], 'oauth settings are for mode oauth; remove them');
    return normalizeJwt(a, fail);
  }
  if (mode === 'oauth' || mode === 'oauth2') {
    if (a.keys !== undefined || a.jwt_secret !== undefined || a.jwt !== undefined)
      fail(['auth', 'mode'], `mode is ${mode} but api_key/jwt settings are configured; remove them`);
    // The original's `oauth2` was its own provider (PKCE and the device flow): the guard's own issuer.
    return normalizeOAuth(a, raw, fail, mode === 'oauth2');
  }
  return fail(['auth', 'mode'], `unknown auth mode "${a.mode}"; expected none, api_key, jwt or oauth`);
}

/** One entry of `auth.keys` in any of its forms, or what is wrong with it. */
interface KeyEntry {
  agent: string;
  /** The entry (a list item or a map member). */
  at: JsonPath;
  /** Where the key itself sits, when the entry holds one (not for `key_sha256`). */
  keyAt?: JsonPath;
  key?: unknown;
  keySha256?: unknown;
  problem?: [JsonPath, string];
}

/**
 * The entries of `auth.keys`: a plain list (agents `agent-1`, `agent-2` ...), a map of agent to key, or
 * a list of `{agent, key | key_sha256}`. Read by hand (the schema takes it as unknown) for clearer errors.
 */
function keyEntries(keys: unknown): { entries: KeyEntry[] } | { problem: [JsonPath, string] } {
  const at: JsonPath = ['auth', 'keys'];
  if (Array.isArray(keys)) {
    const entries = keys.map((k, i): KeyEntry => {
      const item = [...at, i];
      if (typeof k === 'string' || typeof k === 'number')
        return { agent: `agent-${i + 1}`, at: item, keyAt: item, key: k };
      if (!k || typeof k !== 'object')
        return { agent: '', at: item, problem: [item, 'expected a key string or {agent, key | key_sha256}'] };
      const { agent, key, key_sha256, ...rest } = k as Record<string, unknown>;
      const entry: KeyEntry = {
        agent: typeof agent === 'string' ? agent : '',
        at: item,
        key,
        keySha256: key_sha256,
      };
      if (key !== undefined) entry.keyAt = [...item, 'key'];
      const extra = Object.keys(rest)[0];
      if (extra) entry.problem = [[...item, extra], 'unknown key; expected agent with key or key_sha256'];
      else if (typeof agent !== 'string' || agent.trim() === '') entry.problem = [item, 'needs agent: <id>'];
      else if ((key === undefined) === (key_sha256 === undefined))
        entry.problem = [item, 'give exactly one of key, key_sha256'];
      return entry;
    });
    return { entries };
  }
  if (keys && typeof keys === 'object') {
    const entries = Object.entries(keys as Record<string, unknown>).map(([agent, key]) => ({
      agent,
      at: [...at, agent],
      keyAt: [...at, agent],
      key,
    }));
    return { entries };
  }
  return {
    problem: [at, 'expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}'],
  };
}

function normalizeKeys(keys: unknown, fail: Fail): { agent: string; sha256: Buffer }[] {
  const at: JsonPath = ['auth', 'keys'];
  if (keys === undefined || keys === null) fail(['auth', 'mode'], 'mode api_key needs auth.keys');
  const read = keyEntries(keys);
  if ('problem' in read) return fail(...read.problem);
  const { entries } = read;
  const out: { agent: string; sha256: Buffer; path: JsonPath }[] = [];
  for (const e of entries) {
    fail.unit(() => {
      if (e.problem) fail(...e.problem);
      let digest: Buffer;
      if (e.keyAt) {
        const path = e.keyAt;
        if (typeof e.key !== 'string')
          fail(path, 'expected the key as a string (or an environment reference)');
        if (e.key.trim() === '') fail(path, 'empty key; set the variable it refers to, or remove the key');
        digest = sha256(e.key);
      } else {
        const hex = e.keySha256;
        if (
          fail.known([...e.at, 'key_sha256']) &&
          (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex.trim()))
        )
          fail([...e.at, 'key_sha256'], 'expected 64 hex digits (sha256 of the key)');
        digest = Buffer.from(String(hex).trim(), 'hex');
      }
      out.push({ agent: e.agent, sha256: digest, path: e.at });
    }, undefined);
  }
  if (out.length === 0 && entries.length === 0)
    fail(at, 'no keys: every request would be refused; add at least one');
  const agents = new Set<string>();
  const digests = new Set<string>();
  for (const k of out) {
    fail.unit(() => {
      if (agents.has(k.agent)) fail(k.path, `agent "${k.agent}" appears twice`);
      const hex = k.sha256.toString('hex');
      if (digests.has(hex)) fail(k.path, 'the same key is given twice; each agent needs its own key');
      agents.add(k.agent);
      digests.add(hex);
    }, undefined);
  }
  return out.map(({ agent, sha256 }) => ({ agent, sha256 }));
}

function normalizeJwt(a: NonNullable<RawGuardConfig['auth']>, fail: Fail): GuardAuth {
  const j = a.jwt ?? {};
  if (a.jwt_secret !== undefined && j.secret !== undefined)
    fail(['auth', 'jwt', 'secret'], 'also set as auth.jwt_secret; keep one');
  const secretPath: JsonPath =
    a.jwt_secret !== undefined ? ['auth', 'jwt_secret'] : ['auth', 'jwt', 'secret'];
  const secretText = a.jwt_secret ?? j.secret;
  const hasKey = j.public_key !== undefined || j.jwks_file !== undefined || j.jwks_url !== undefined;
  if (secretText === undefined && !hasKey)
    fail(
      ['auth', 'mode'],
      'mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url',
    );
  if (secretText !== undefined && hasKey)
    fail(
      secretPath,
      'give a secret (HS*) or a public key (RS/ES/EdDSA), not both: mixing them invites algorithm confusion',
    );
  for (const k of ['public_key', 'jwks_file', 'jwks_url'] as const)
    if (j[k] !== undefined && j[k].trim() === '')
      fail(['auth', 'jwt', k], 'empty value; set the variable or remove the key');
  const algorithms = j.algorithms ?? (secretText !== undefined ? ['HS256'] : ['RS256', 'ES256', 'EdDSA']);
  if (algorithms.length === 0) fail(['auth', 'jwt', 'algorithms'], 'empty list: no token could be accepted');
  algorithms.forEach((alg, i) => {
    const path = ['auth', 'jwt', 'algorithms', i];
    fail.unit(() => {
      if (!fail.known(path)) return;
      if (alg.toLowerCase() === 'none') fail(path, 'unsigned tokens (alg none) are never accepted');
      if (HS.test(alg) && secretText === undefined) fail(path, `${alg} needs a secret (auth.jwt_secret)`);
      if (ASYMMETRIC.test(alg) && !hasKey) fail(path, `${alg} needs public_key, jwks_file or jwks_url`);
      if (!HS.test(alg) && !ASYMMETRIC.test(alg)) fail(path, `unknown algorithm "${alg}"`);
    }, undefined);
  });
  const auth: Extract<GuardAuth, { mode: 'jwt' }> = {
    mode: 'jwt',
    algorithms,
    clockToleranceSec: j.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: j.agent_claim ?? GUARD_DEFAULTS.agentClaim,
  };
  if (secretText !== undefined) {
    if (secretText === '') fail(secretPath, 'empty secret; set the variable it refers to');
    const bytes = new TextEncoder().encode(secretText);
    fail.unit(() => {
      if (bytes.length < MIN_HS_SECRET_BYTES && fail.known(secretPath))
        fail(
          secretPath,
          `secret is ${bytes.length} bytes; HS* needs at least ${MIN_HS_SECRET_BYTES} (try: openssl rand -base64 48)`,
        );
    }, undefined);
    auth.secret = bytes;
  }
  if (j.public_key !== undefined) auth.publicKey = j.public_key;
  if (j.jwks_file !== undefined) auth.jwksFile = j.jwks_file;
  if (j.jwks_url !== undefined) {
    const url = j.jwks_url;
    if (
      fail.known(['auth', 'jwt', 'jwks_url']) &&
      (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    )
      fail(['auth', 'jwt', 'jwks_url'], 'expected an http(s) URL');
    auth.jwksUrl = j.jwks_url;
  }
  if (j.issuer !== undefined) auth.issuer = j.issuer;
  if (j.audience !== undefined) auth.audience = typeof j.audience === 'string' ? [j.audience] : j.audience;
  return auth;
}
