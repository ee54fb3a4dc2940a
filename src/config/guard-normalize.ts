// Gives a validated guard config file its meaning: Python-era aliases folded into one shape, API
// keys hashed, JWT settings checked (fail closed), commands split, relative paths anchored at the
// config's folder, defaults applied. Every refusal names the key, so the loader can point at its line.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JsonPath } from './document.ts';
import { normalizeApprovals, normalizeConsole } from './guard-approvals.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import { normalizeStore } from './guard-store.ts';
import type {
  GuardAgent,
  GuardAuth,
  GuardConfig,
  GuardPolicies,
  GuardRoute,
  GuardServer,
} from './guard-types.ts';
import { splitShell } from './launch.ts';

/** Stops loading with a message about the key at `path`. */
export type Fail = (path: JsonPath, message: string) => never;

/** Minimum HMAC secret length: RFC 7518 requires a key at least as long as the hash (256 bits for HS256). */
export const MIN_HS_SECRET_BYTES = 32;

/** Defaults, documented in docs/guard-config.md. */
export const GUARD_DEFAULTS = {
  approvalTtlSec: 3600,
  maxMessageBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 120_000,
  initializeTimeoutMs: 60_000,
  host: '127.0.0.1',
  port: 8080,
  clockToleranceSec: 5,
  agentClaim: 'sub',
  headersTimeoutMs: 10_000,
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

const HS = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;

/** Turns the validated raw file into the effective config. */
export function normalizeGuardConfig(raw: RawGuardConfig, file: string, fail: Fail): GuardConfig {
  const base = dirname(file);
  const anchor = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const servers = normalizeServers(raw, fail);
  const routes = normalizeRoutes(raw, servers, fail);
  const policies = normalizePolicies(raw, Object.keys(servers), fail);

  if (raw.audit_log !== undefined && raw.policies?.audit_log !== undefined)
    fail(['policies', 'audit_log'], 'the audit log is also set at the top level (audit_log); keep one');
  const legacyAudit = raw.audit_log ?? raw.policies?.audit_log;
  if (legacyAudit !== undefined && raw.audit?.path !== undefined)
    fail(['audit', 'path'], 'the audit log is also set as audit_log; keep one');
  const auditPath = raw.audit?.path ?? legacyAudit;
  if (auditPath !== undefined && auditPath.trim() === '')
    fail(
      raw.audit?.path !== undefined ? ['audit', 'path'] : ['audit_log'],
      'empty path; remove the key or give a file',
    );

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
  };
  const auth = normalizeAuth(raw, fail);
  if (auth.mode === 'jwt' && auth.jwksFile !== undefined) auth.jwksFile = anchor(auth.jwksFile);
  for (const server of Object.values(servers)) if (server.cwd !== undefined) server.cwd = anchor(server.cwd);
  return {
    file,
    auth,
    servers,
    routes,
    policies,
    audit: {
      ...(auditPath !== undefined ? { path: anchor(auditPath) } : {}),
      recordArguments: raw.audit?.record_arguments ?? false,
      redact: raw.audit?.redact ?? [],
    },
    http: normalizeHttp(raw, limits.maxMessageBytes, fail),
    approvals: normalizeApprovals(raw, fail),
    console: normalizeConsole(raw, auth, fail),
    store: normalizeStore(raw, anchor, fail),
    limits,
    namespacing: raw.namespacing ?? (Object.keys(servers).length > 1 ? 'prefix' : 'none'),
    replica: normalizeReplica(raw.replica, fail),
  };
}

function normalizeHttp(raw: RawGuardConfig, maxMessageBytes: number, fail: Fail): GuardConfig['http'] {
  const h = raw.http ?? {};
  const at = (key: string): JsonPath => ['http', key];
  const pos = (key: keyof typeof h & string, fallback: number): number =>
    positive(h[key] as number | undefined, at(key), fail) ?? fallback;
  const http: GuardConfig['http'] = {
    host: h.host ?? GUARD_DEFAULTS.host,
    port: h.port ?? GUARD_DEFAULTS.port,
    allowedOrigins: h.allowed_origins ?? [],
    allowedHosts: h.allowed_hosts ?? [],
    maxBodyBytes: pos('max_body_bytes', maxMessageBytes),
    headersTimeoutMs: pos('headers_timeout_ms', GUARD_DEFAULTS.headersTimeoutMs),
    sessionIdleSec: pos('session_idle_sec', GUARD_DEFAULTS.sessionIdleSec),
    maxSessions: pos('max_sessions', GUARD_DEFAULTS.maxSessions),
    maxSessionsPerPrincipal: pos('max_sessions_per_principal', GUARD_DEFAULTS.maxSessionsPerPrincipal),
    backendMode: h.backend_mode ?? 'per_session',
    shutdownGraceMs: h.shutdown_grace_ms ?? GUARD_DEFAULTS.shutdownGraceMs,
    metrics: { enabled: h.metrics?.enabled ?? true, agentLabels: h.metrics?.agent_labels ?? false },
  };
  if (http.port > 65535) fail(at('port'), 'expected a port number from 0 to 65535');
  h.allowed_origins?.forEach((o, i) => {
    if (o !== '*' && (!URL.canParse(o) || new URL(o).origin !== o))
      fail(['http', 'allowed_origins', i], `"${o}" is not an origin; write scheme://host[:port], no path`);
    if (o === '*')
      fail(['http', 'allowed_origins', i], '"*" would let any web page drive the guard; list origins');
  });
  if (h.public_url !== undefined) {
    if (!URL.canParse(h.public_url) || !/^https?:$/.test(new URL(h.public_url).protocol))
      fail(
        at('public_url'),
        'expected the http(s) URL clients use to reach the guard, e.g. https://mcp.example.com/mcp',
      );
    const u = new URL(h.public_url);
    if (u.search || u.hash) fail(at('public_url'), 'no query or fragment in the canonical URL (RFC 8707)');
    http.publicUrl = h.public_url;
  }
  if (h.metrics?.token !== undefined) {
    if (h.metrics.token.trim() === '')
      fail(['http', 'metrics', 'token'], 'empty token; set the variable it refers to, or remove the key');
    http.metrics.token = h.metrics.token;
  }
  return http;
}

/** `replica`: a non-empty name; default the host name (what a container's HOSTNAME is). */
function normalizeReplica(replica: string | undefined, fail: Fail): string {
  if (replica === undefined) return hostname();
  if (replica.trim() === '') fail(['replica'], 'empty replica id; remove the key to use the host name');
  return replica.trim();
}

/** A number that must not be 0 (refused at its key), or undefined when not given. */
export function positive(v: number | undefined, path: JsonPath, fail: Fail): number | undefined {
  if (v === 0) fail(path, 'must be greater than 0');
  return v;
}

function normalizeServers(raw: RawGuardConfig, fail: Fail): Record<string, GuardServer> {
  const out: Record<string, GuardServer> = {};
  const names = Object.keys(raw.servers);
  if (names.length === 0)
    fail(['servers'], 'no server configured; add one under servers.<name> with a command or url');
  for (const name of names) {
    const s = raw.servers[name];
    const at = ['servers', name];
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
      if (!URL.canParse(s.url) || !/^https?:$/.test(new URL(s.url).protocol))
        fail([...at, 'url'], 'expected an http(s) URL');
      server.url = s.url;
    }
    out[name] = server;
  }
  return out;
}

function normalizeRoutes(
  raw: RawGuardConfig,
  servers: Record<string, GuardServer>,
  fail: Fail,
): GuardRoute[] {
  return (raw.routes ?? []).map((r, i) => {
    const at = ['routes', i];
    if (!(r.target in servers))
      fail([...at, 'target'], `no server named "${r.target}"; servers: ${Object.keys(servers).join(', ')}`);
    if (r.mode === 'tool' && !r.tool_name) fail([...at, 'mode'], 'mode "tool" needs tool_name');
    if (r.mode === 'method' && !r.method_prefix) fail([...at, 'mode'], 'mode "method" needs method_prefix');
    const route: GuardRoute = { mode: r.mode, target: r.target };
    if (r.tool_name !== undefined) route.toolName = r.tool_name;
    if (r.method_prefix !== undefined) route.methodPrefix = r.method_prefix;
    return route;
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
    if (given.length > 1) fail(given[1][0], `also set at ${given[0][0].join('.')}; keep one`);
    return given[0]?.[1];
  };
  const requestsPerMinute = pick('requests_per_minute');
  if (requestsPerMinute === 0) fail(['rate_limit', 'requests_per_minute'], 'must be greater than 0');
  const policies: GuardPolicies = {
    approvalTtlSec: p.approval_ttl_sec ?? GUARD_DEFAULTS.approvalTtlSec,
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
  if (policies.approvalTtlSec === 0) fail(['policies', 'approval_ttl_sec'], 'must be greater than 0');
  const spendPerHourUsd = pick('spend_per_hour_usd');
  if (requestsPerMinute !== undefined) policies.requestsPerMinute = requestsPerMinute;
  if (spendPerHourUsd !== undefined) policies.spendPerHourUsd = spendPerHourUsd;
  if (p.max_spend_per_session !== undefined) policies.maxSpendPerSession = p.max_spend_per_session;
  if (p.require_approval_above !== undefined) policies.requireApprovalAbove = p.require_approval_above;
  if (raw.agents !== undefined && p.agents !== undefined)
    fail(['policies', 'agents'], 'agents are also set at the top level (agents); keep one');
  const agentsAt: JsonPath = raw.agents !== undefined ? ['agents'] : ['policies', 'agents'];
  for (const [id, a] of Object.entries(raw.agents ?? p.agents ?? {})) {
    const at = [...agentsAt, id];
    if (id.trim() === '') fail(at, 'empty agent id');
    const agent: GuardAgent = { approvals: a.approvals ?? true };
    if (a.servers !== undefined) {
      a.servers.forEach((s, i) => {
        if (!serverNames.includes(s))
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
  }
  return policies;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function normalizeAuth(raw: RawGuardConfig, fail: Fail): GuardAuth {
  const a = raw.auth;
  if (!a) fail(['auth'], 'missing; set auth.mode to none, api_key or jwt (none must be explicit)');
  const mode = a.mode.trim().toLowerCase();
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
  if (mode === 'oauth') {
    if (a.keys !== undefined || a.jwt_secret !== undefined || a.jwt !== undefined)
      fail(['auth', 'mode'], 'mode is oauth but api_key/jwt settings are configured; remove them');
    return normalizeOAuth(a, fail);
  }
  return fail(['auth', 'mode'], `unknown auth mode "${a.mode}"; expected none, api_key, jwt or oauth`);
}

function normalizeKeys(keys: unknown, fail: Fail): { agent: string; sha256: Buffer }[] {
  const at: JsonPath = ['auth', 'keys'];
  if (keys === undefined || keys === null) fail(['auth', 'mode'], 'mode api_key needs auth.keys');
  const out: { agent: string; sha256: Buffer; path: JsonPath }[] = [];
  const secret = (v: unknown, path: JsonPath): Buffer => {
    if (typeof v !== 'string') fail(path, 'expected the key as a string (or an environment reference)');
    if (v.trim() === '') fail(path, 'empty key; set the variable it refers to, or remove the key');
    return sha256(v);
  };
  if (Array.isArray(keys)) {
    keys.forEach((k, i) => {
      if (typeof k === 'string')
        out.push({ agent: `agent-${i + 1}`, sha256: secret(k, [...at, i]), path: [...at, i] });
      else if (k && typeof k === 'object') {
        const { agent, key, key_sha256, ...rest } = k as Record<string, unknown>;
        const extra = Object.keys(rest)[0];
        if (extra) fail([...at, i, extra], `unknown key; expected agent with key or key_sha256`);
        if (typeof agent !== 'string' || agent.trim() === '') fail([...at, i], 'needs agent: <id>');
        if ((key === undefined) === (key_sha256 === undefined))
          fail([...at, i], 'give exactly one of key, key_sha256');
        let digest: Buffer;
        if (key !== undefined) digest = secret(key, [...at, i, 'key']);
        else {
          if (typeof key_sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(key_sha256.trim()))
            fail([...at, i, 'key_sha256'], 'expected 64 hex digits (sha256 of the key)');
          digest = Buffer.from(key_sha256.trim(), 'hex');
        }
        out.push({ agent, sha256: digest, path: [...at, i] });
      } else fail([...at, i], 'expected a key string or {agent, key | key_sha256}');
    });
  } else if (typeof keys === 'object') {
    for (const [agent, key] of Object.entries(keys as Record<string, unknown>))
      out.push({ agent, sha256: secret(key, [...at, agent]), path: [...at, agent] });
  } else fail(at, 'expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}');
  if (out.length === 0) fail(at, 'no keys: every request would be refused; add at least one');
  const agents = new Set<string>();
  const digests = new Set<string>();
  for (const k of out) {
    if (agents.has(k.agent)) fail(k.path, `agent "${k.agent}" appears twice`);
    const hex = k.sha256.toString('hex');
    if (digests.has(hex)) fail(k.path, 'the same key is given twice; each agent needs its own key');
    agents.add(k.agent);
    digests.add(hex);
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
    if (alg.toLowerCase() === 'none') fail(path, 'unsigned tokens (alg none) are never accepted');
    if (HS.test(alg) && secretText === undefined) fail(path, `${alg} needs a secret (auth.jwt_secret)`);
    if (ASYMMETRIC.test(alg) && !hasKey) fail(path, `${alg} needs public_key, jwks_file or jwks_url`);
    if (!HS.test(alg) && !ASYMMETRIC.test(alg)) fail(path, `unknown algorithm "${alg}"`);
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
    if (bytes.length < MIN_HS_SECRET_BYTES)
      fail(
        secretPath,
        `secret is ${bytes.length} bytes; HS* needs at least ${MIN_HS_SECRET_BYTES} (try: openssl rand -base64 48)`,
      );
    auth.secret = bytes;
  }
  if (j.public_key !== undefined) auth.publicKey = j.public_key;
  if (j.jwks_file !== undefined) auth.jwksFile = j.jwks_file;
  if (j.jwks_url !== undefined) {
    if (!URL.canParse(j.jwks_url) || !/^https?:$/.test(new URL(j.jwks_url).protocol))
      fail(['auth', 'jwt', 'jwks_url'], 'expected an http(s) URL');
    auth.jwksUrl = j.jwks_url;
  }
  if (j.issuer !== undefined) auth.issuer = j.issuer;
  if (j.audience !== undefined) auth.audience = typeof j.audience === 'string' ? [j.audience] : j.audience;
  return auth;
}

function normalizeOAuth(a: NonNullable<RawGuardConfig['auth']>, fail: Fail): GuardAuth {
  const o = a.oauth;
  if (!o) return fail(['auth', 'mode'], 'mode oauth needs auth.oauth with issuers and jwks_url');
  const at = (...k: (string | number)[]): JsonPath => ['auth', 'oauth', ...k];
  const issuers = typeof o.issuers === 'string' ? [o.issuers] : o.issuers;
  if (issuers.length === 0) fail(at('issuers'), 'empty list: no token could be accepted');
  issuers.forEach((iss, i) => {
    if (!URL.canParse(iss))
      fail(at('issuers', i), `"${iss}" is not a URL (the authorization server's issuer)`);
  });
  if (o.jwks_url.trim() === '') fail(at('jwks_url'), 'empty value; set the variable or remove the key');
  if (!URL.canParse(o.jwks_url) || !/^https?:$/.test(new URL(o.jwks_url).protocol))
    fail(at('jwks_url'), 'expected an http(s) URL');
  const algorithms = o.algorithms ?? [...GUARD_DEFAULTS.oauthAlgorithms];
  if (algorithms.length === 0) fail(at('algorithms'), 'empty list: no token could be accepted');
  algorithms.forEach((alg, i) => {
    if (alg.toLowerCase() === 'none')
      fail(at('algorithms', i), 'unsigned tokens (alg none) are never accepted');
    if (HS.test(alg))
      fail(
        at('algorithms', i),
        `${alg} needs a secret shared with the authorization server; use RS/ES/EdDSA`,
      );
    if (!ASYMMETRIC.test(alg)) fail(at('algorithms', i), `unknown algorithm "${alg}"`);
  });
  const scopes = o.scopes ?? [];
  const toolScopes = o.tool_scopes ?? {};
  const named = new Set([...scopes, ...Object.values(toolScopes).flat()]);
  return {
    mode: 'oauth',
    issuers,
    jwksUrl: o.jwks_url,
    algorithms,
    scopes,
    toolScopes,
    scopesSupported: o.scopes_supported ?? [...named],
    clockToleranceSec: o.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: o.agent_claim ?? GUARD_DEFAULTS.agentClaim,
    jwksTimeoutMs: positive(o.jwks_timeout_ms, at('jwks_timeout_ms'), fail) ?? GUARD_DEFAULTS.jwksTimeoutMs,
    jwksCacheSec: o.jwks_cache_sec ?? GUARD_DEFAULTS.jwksCacheSec,
  };
}
