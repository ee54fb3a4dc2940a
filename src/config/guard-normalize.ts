// Gives a validated guard config file its meaning: Python-era aliases folded into one shape, API
// keys hashed, JWT settings checked (fail closed), commands split, relative paths anchored at the
// config's folder, defaults applied. Every refusal names the key, so the loader can point at its line.
// The same code serves both modes of the loader (see guard.ts): strict, where the first refusal stops
// the load, and lint, where refusals are collected, each section and item is read on its own, and a
// value written as a `${VAR}` reference is kept as written and its checks wait for deploy time.
// This module reads the file as a whole (limits, audit, http, replica) and holds what the sections'
// own modules share (`Fail`, `positive`, the defaults); the sections are guard-auth.ts (and
// guard-oauth.ts), guard-servers.ts, guard-policies.ts, guard-approvals.ts and guard-store.ts.
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JsonPath } from './document.ts';
import { normalizeApprovals, normalizeConsole } from './guard-approvals.ts';
import { normalizeAuth } from './guard-auth.ts';
import { normalizePolicies } from './guard-policies.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import { normalizeRoutes, normalizeServers } from './guard-servers.ts';
import { normalizeStore } from './guard-store.ts';
import type { GuardConfig, GuardDraft } from './guard-types.ts';

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
  maxSessionBackends: 64,
  shutdownGraceMs: 10_000,
  oauthAlgorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
  jwksTimeoutMs: 5000,
  jwksCacheSec: 600,
} as const;

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
    // Written into the config only when given, so the effective config lists what the file says.
    ...(h.max_session_backends !== undefined && {
      maxSessionBackends: pos('max_session_backends', GUARD_DEFAULTS.maxSessionBackends),
    }),
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
