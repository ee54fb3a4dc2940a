import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  locateIssue
} from "./chunk-ABFARL5O.js";
import {
  external_exports
} from "./chunk-PSWTDCTJ.js";
import {
  UnsetVariableError,
  formatForPath,
  formatPath,
  interpolate,
  parseDocument,
  splitShell
} from "./chunk-XSOO4F43.js";
import {
  parsePasswordHash
} from "./chunk-WQ3BRZWN.js";

// src/config/guard.ts
import { readFile } from "node:fs/promises";
import { resolve as resolve2 } from "node:path";

// src/config/guard-normalize.ts
import { createHash } from "node:crypto";
import { dirname, isAbsolute, resolve } from "node:path";
var MIN_HS_SECRET_BYTES = 32;
var GUARD_DEFAULTS = {
  approvalTtlSec: 3600,
  maxMessageBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 12e4,
  host: "127.0.0.1",
  port: 8080,
  clockToleranceSec: 5,
  agentClaim: "sub",
  /** Relative to the config file's folder. */
  storePath: ".mcp-guard/state.db",
  headersTimeoutMs: 1e4,
  sessionIdleSec: 1800,
  maxSessions: 1e3,
  maxSessionsPerPrincipal: 50,
  shutdownGraceMs: 1e4,
  oauthAlgorithms: ["RS256", "ES256", "PS256", "EdDSA"],
  jwksTimeoutMs: 5e3,
  jwksCacheSec: 600,
  approvalWaitSec: 300,
  webhookTimeoutMs: 5e3,
  webhookRetries: 3,
  consoleSessionTtlSec: 28800,
  consoleLoginAttemptsPerMinute: 5,
  consoleOAuthScope: "console"
};
var DEFAULT_SPEND_TOOLS = [
  "pay",
  "send_payment",
  "make_payment",
  "create_payment",
  "transfer",
  "transfer_funds",
  "send_funds",
  "purchase",
  "charge"
].map((name) => ({ name, amount: "amount", currency: "USD" }));
var HS = /^HS(256|384|512)$/;
var ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;
function normalizeGuardConfig(raw, file, fail) {
  const base = dirname(file);
  const anchor = (p) => isAbsolute(p) ? p : resolve(base, p);
  const servers = normalizeServers(raw, fail);
  const routes = normalizeRoutes(raw, servers, fail);
  const policies = normalizePolicies(raw, Object.keys(servers), fail);
  if (raw.audit_log !== void 0 && raw.policies?.audit_log !== void 0)
    fail(["policies", "audit_log"], "the audit log is also set at the top level (audit_log); keep one");
  const legacyAudit = raw.audit_log ?? raw.policies?.audit_log;
  if (legacyAudit !== void 0 && raw.audit?.path !== void 0)
    fail(["audit", "path"], "the audit log is also set as audit_log; keep one");
  const auditPath = raw.audit?.path ?? legacyAudit;
  if (auditPath !== void 0 && auditPath.trim() === "")
    fail(
      raw.audit?.path !== void 0 ? ["audit", "path"] : ["audit_log"],
      "empty path; remove the key or give a file"
    );
  const limits = {
    maxMessageBytes: positive(raw.limits?.max_message_bytes, ["limits", "max_message_bytes"], fail) ?? GUARD_DEFAULTS.maxMessageBytes,
    requestTimeoutMs: positive(raw.limits?.request_timeout_ms, ["limits", "request_timeout_ms"], fail) ?? GUARD_DEFAULTS.requestTimeoutMs
  };
  const auth = normalizeAuth(raw, fail);
  if (auth.mode === "jwt" && auth.jwksFile !== void 0) auth.jwksFile = anchor(auth.jwksFile);
  for (const server of Object.values(servers)) if (server.cwd !== void 0) server.cwd = anchor(server.cwd);
  return {
    file,
    auth,
    servers,
    routes,
    policies,
    audit: {
      ...auditPath !== void 0 ? { path: anchor(auditPath) } : {},
      recordArguments: raw.audit?.record_arguments ?? false,
      redact: raw.audit?.redact ?? []
    },
    http: normalizeHttp(raw, limits.maxMessageBytes, fail),
    approvals: normalizeApprovals(raw, fail),
    console: normalizeConsole(raw, auth, fail),
    store: { type: "sqlite", path: anchor(raw.store?.path ?? GUARD_DEFAULTS.storePath) },
    limits,
    namespacing: raw.namespacing ?? (Object.keys(servers).length > 1 ? "prefix" : "none")
  };
}
function normalizeHttp(raw, maxMessageBytes, fail) {
  const h = raw.http ?? {};
  const at = (key) => ["http", key];
  const pos = (key, fallback) => positive(h[key], at(key), fail) ?? fallback;
  const http = {
    host: h.host ?? GUARD_DEFAULTS.host,
    port: h.port ?? GUARD_DEFAULTS.port,
    allowedOrigins: h.allowed_origins ?? [],
    allowedHosts: h.allowed_hosts ?? [],
    maxBodyBytes: pos("max_body_bytes", maxMessageBytes),
    headersTimeoutMs: pos("headers_timeout_ms", GUARD_DEFAULTS.headersTimeoutMs),
    sessionIdleSec: pos("session_idle_sec", GUARD_DEFAULTS.sessionIdleSec),
    maxSessions: pos("max_sessions", GUARD_DEFAULTS.maxSessions),
    maxSessionsPerPrincipal: pos("max_sessions_per_principal", GUARD_DEFAULTS.maxSessionsPerPrincipal),
    backendMode: h.backend_mode ?? "per_session",
    shutdownGraceMs: h.shutdown_grace_ms ?? GUARD_DEFAULTS.shutdownGraceMs,
    metrics: { enabled: h.metrics?.enabled ?? true, agentLabels: h.metrics?.agent_labels ?? false }
  };
  if (http.port > 65535) fail(at("port"), "expected a port number from 0 to 65535");
  h.allowed_origins?.forEach((o, i) => {
    if (o !== "*" && (!URL.canParse(o) || new URL(o).origin !== o))
      fail(["http", "allowed_origins", i], `"${o}" is not an origin; write scheme://host[:port], no path`);
    if (o === "*")
      fail(["http", "allowed_origins", i], '"*" would let any web page drive the guard; list origins');
  });
  if (h.public_url !== void 0) {
    if (!URL.canParse(h.public_url) || !/^https?:$/.test(new URL(h.public_url).protocol))
      fail(
        at("public_url"),
        "expected the http(s) URL clients use to reach the guard, e.g. https://mcp.example.com/mcp"
      );
    const u = new URL(h.public_url);
    if (u.search || u.hash) fail(at("public_url"), "no query or fragment in the canonical URL (RFC 8707)");
    http.publicUrl = h.public_url;
  }
  if (h.metrics?.token !== void 0) {
    if (h.metrics.token.trim() === "")
      fail(["http", "metrics", "token"], "empty token; set the variable it refers to, or remove the key");
    http.metrics.token = h.metrics.token;
  }
  return http;
}
function normalizeApprovals(raw, fail) {
  const a = raw.approvals ?? {};
  const notify = (a.notify ?? []).map((w, i) => {
    const at = (...k) => ["approvals", "notify", i, ...k];
    if (!URL.canParse(w.url) || !/^https?:$/.test(new URL(w.url).protocol))
      fail(at("url"), "expected the http(s) URL of the webhook");
    const format = w.format ?? "json";
    if (w.secret !== void 0 && new TextEncoder().encode(w.secret).length < MIN_HS_SECRET_BYTES)
      fail(at("secret"), `use at least ${MIN_HS_SECRET_BYTES} bytes (try: openssl rand -base64 48)`);
    if (format === "json" && w.secret === void 0)
      fail(at("secret"), 'json webhooks are signed: give a secret (e.g. "${WEBHOOK_SECRET}")');
    return {
      url: w.url,
      format,
      ...w.secret !== void 0 ? { secret: w.secret } : {},
      timeoutMs: positive(w.timeout_ms, at("timeout_ms"), fail) ?? GUARD_DEFAULTS.webhookTimeoutMs,
      retries: w.retries ?? GUARD_DEFAULTS.webhookRetries
    };
  });
  if (notify.some((w) => w.retries > 10)) fail(["approvals", "notify"], "retries: at most 10");
  return {
    mode: a.mode ?? "error",
    waitSec: positive(a.wait_sec, ["approvals", "wait_sec"], fail) ?? GUARD_DEFAULTS.approvalWaitSec,
    notify
  };
}
function normalizeConsole(raw, auth, fail) {
  const c = raw.console ?? {};
  const at = (...k) => ["console", ...k];
  const names = /* @__PURE__ */ new Set();
  const users = (c.users ?? []).map((u, i) => {
    if (!/^[^\s\p{C}:]{1,64}$/u.test(u.name))
      fail(at("users", i, "name"), "a user name is 1 to 64 characters without spaces or colons");
    if (names.has(u.name)) fail(at("users", i, "name"), `user "${u.name}" appears twice`);
    names.add(u.name);
    try {
      parsePasswordHash(u.password_hash);
    } catch (error) {
      fail(at("users", i, "password_hash"), error.message);
    }
    return { name: u.name, passwordHash: u.password_hash.trim() };
  });
  const enabled = c.enabled ?? false;
  if (enabled && users.length === 0 && auth.mode !== "oauth")
    fail(
      at("enabled"),
      "the console needs its own users: add console.users with a name and a password_hash (`mcp-guard guard console hash-password`)"
    );
  const out = {
    enabled,
    users,
    sessionTtlSec: positive(c.session_ttl_sec, at("session_ttl_sec"), fail) ?? GUARD_DEFAULTS.consoleSessionTtlSec,
    loginAttemptsPerMinute: positive(c.login_attempts_per_minute, at("login_attempts_per_minute"), fail) ?? GUARD_DEFAULTS.consoleLoginAttemptsPerMinute,
    oauthScope: c.oauth_scope ?? GUARD_DEFAULTS.consoleOAuthScope
  };
  if (c.session_secret !== void 0) {
    const bytes = new TextEncoder().encode(c.session_secret);
    if (bytes.length < MIN_HS_SECRET_BYTES)
      fail(
        at("session_secret"),
        `${bytes.length} bytes; use at least ${MIN_HS_SECRET_BYTES} (openssl rand -base64 48)`
      );
    out.sessionSecret = bytes;
  }
  if (out.oauthScope.trim() === "" || /\s/.test(out.oauthScope))
    fail(at("oauth_scope"), "one scope name, without spaces");
  return out;
}
function positive(v, path, fail) {
  if (v === 0) fail(path, "must be greater than 0");
  return v;
}
function normalizeServers(raw, fail) {
  const out = {};
  const names = Object.keys(raw.servers);
  if (names.length === 0)
    fail(["servers"], "no server configured; add one under servers.<name> with a command or url");
  for (const name of names) {
    const s = raw.servers[name];
    const at = ["servers", name];
    if (s.command === void 0 && s.url === void 0)
      fail(at, "give either command (a local server) or url");
    if (s.command !== void 0 && s.url !== void 0)
      fail([...at, "url"], "give either command or url, not both");
    const server = { name, args: s.args ?? [], env: s.env ?? {}, headers: s.headers ?? {} };
    if (s.command !== void 0) {
      const words = /\s/.test(s.command.trim()) ? splitShell(s.command.trim()) : [s.command.trim()];
      if (words.length === 0 || words[0] === "") fail([...at, "command"], "empty command");
      const op = words.find((w) => /^(\||\|\||&&|;|>|>>|<|&|#.*)$/.test(w));
      if (op)
        fail([...at, "command"], `"${op}" needs a shell; run the program directly (or wrap it in sh -c)`);
      server.command = words[0];
      server.args = [...words.slice(1), ...server.args];
    }
    if (s.cwd !== void 0) server.cwd = s.cwd;
    if (s.url !== void 0) {
      if (!URL.canParse(s.url) || !/^https?:$/.test(new URL(s.url).protocol))
        fail([...at, "url"], "expected an http(s) URL");
      server.url = s.url;
    }
    out[name] = server;
  }
  return out;
}
function normalizeRoutes(raw, servers, fail) {
  return (raw.routes ?? []).map((r, i) => {
    const at = ["routes", i];
    if (!(r.target in servers))
      fail([...at, "target"], `no server named "${r.target}"; servers: ${Object.keys(servers).join(", ")}`);
    if (r.mode === "tool" && !r.tool_name) fail([...at, "mode"], 'mode "tool" needs tool_name');
    if (r.mode === "method" && !r.method_prefix) fail([...at, "mode"], 'mode "method" needs method_prefix');
    const route = { mode: r.mode, target: r.target };
    if (r.tool_name !== void 0) route.toolName = r.tool_name;
    if (r.method_prefix !== void 0) route.methodPrefix = r.method_prefix;
    return route;
  });
}
function normalizePolicies(raw, serverNames, fail) {
  const p = raw.policies ?? {};
  const pick = (key) => {
    const places = [
      [["rate_limit", key], raw.rate_limit?.[key]],
      [["policies", "rate_limit", key], p.rate_limit?.[key]],
      [["policies", key], p[key]]
    ];
    const given = places.filter(([, v]) => v !== void 0);
    if (given.length > 1) fail(given[1][0], `also set at ${given[0][0].join(".")}; keep one`);
    return given[0]?.[1];
  };
  const requestsPerMinute = pick("requests_per_minute");
  if (requestsPerMinute === 0) fail(["rate_limit", "requests_per_minute"], "must be greater than 0");
  const policies = {
    approvalTtlSec: p.approval_ttl_sec ?? GUARD_DEFAULTS.approvalTtlSec,
    toolAllowlist: p.tool_allowlist ?? [],
    toolDenylist: p.tool_denylist ?? [],
    agents: {},
    pinning: p.pinning ?? "warn",
    spendTools: (p.spend?.tools ?? DEFAULT_SPEND_TOOLS).map((t) => ({
      name: t.name,
      amount: t.amount,
      currency: t.currency ?? "USD"
    }))
  };
  if (policies.approvalTtlSec === 0) fail(["policies", "approval_ttl_sec"], "must be greater than 0");
  const spendPerHourUsd = pick("spend_per_hour_usd");
  if (requestsPerMinute !== void 0) policies.requestsPerMinute = requestsPerMinute;
  if (spendPerHourUsd !== void 0) policies.spendPerHourUsd = spendPerHourUsd;
  if (p.max_spend_per_session !== void 0) policies.maxSpendPerSession = p.max_spend_per_session;
  if (p.require_approval_above !== void 0) policies.requireApprovalAbove = p.require_approval_above;
  if (raw.agents !== void 0 && p.agents !== void 0)
    fail(["policies", "agents"], "agents are also set at the top level (agents); keep one");
  const agentsAt = raw.agents !== void 0 ? ["agents"] : ["policies", "agents"];
  for (const [id, a] of Object.entries(raw.agents ?? p.agents ?? {})) {
    const at = [...agentsAt, id];
    if (id.trim() === "") fail(at, "empty agent id");
    const agent2 = { approvals: a.approvals ?? true };
    if (a.servers !== void 0) {
      a.servers.forEach((s, i) => {
        if (!serverNames.includes(s))
          fail([...at, "servers", i], `no server named "${s}"; servers: ${serverNames.join(", ")}`);
      });
      agent2.servers = a.servers;
    }
    if (a.tool_allowlist !== void 0) agent2.toolAllowlist = a.tool_allowlist;
    if (a.tool_denylist !== void 0) agent2.toolDenylist = a.tool_denylist;
    if (a.requests_per_minute !== void 0) {
      if (a.requests_per_minute === 0) fail([...at, "requests_per_minute"], "must be greater than 0");
      agent2.requestsPerMinute = a.requests_per_minute;
    }
    if (a.spend_per_hour_usd !== void 0) agent2.spendPerHourUsd = a.spend_per_hour_usd;
    if (a.max_spend_per_session !== void 0) agent2.maxSpendPerSession = a.max_spend_per_session;
    if (a.require_approval_above !== void 0) agent2.requireApprovalAbove = a.require_approval_above;
    policies.agents[id] = agent2;
  }
  return policies;
}
function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest();
}
function normalizeAuth(raw, fail) {
  const a = raw.auth;
  if (!a) fail(["auth"], "missing; set auth.mode to none, api_key or jwt (none must be explicit)");
  const mode = a.mode.trim().toLowerCase();
  if (mode === "none") {
    if (a.keys !== void 0 || a.jwt_secret !== void 0 || a.jwt !== void 0 || a.oauth !== void 0)
      fail(["auth", "mode"], "mode is none but credentials are configured; choose api_key, jwt or oauth");
    return { mode: "none" };
  }
  if (mode === "api_key" || mode === "api-key" || mode === "apikey") {
    if (a.jwt_secret !== void 0 || a.jwt !== void 0 || a.oauth !== void 0)
      fail(["auth", "mode"], "mode is api_key but JWT settings are configured; remove them or use mode: jwt");
    return { mode: "api_key", keys: normalizeKeys(a.keys, fail) };
  }
  if (mode === "jwt") {
    if (a.keys !== void 0)
      fail(["auth", "keys"], "keys are for mode api_key; remove them or change the mode");
    if (a.oauth !== void 0) fail(["auth", "oauth"], "oauth settings are for mode oauth; remove them");
    return normalizeJwt(a, fail);
  }
  if (mode === "oauth") {
    if (a.keys !== void 0 || a.jwt_secret !== void 0 || a.jwt !== void 0)
      fail(["auth", "mode"], "mode is oauth but api_key/jwt settings are configured; remove them");
    return normalizeOAuth(a, fail);
  }
  return fail(["auth", "mode"], `unknown auth mode "${a.mode}"; expected none, api_key, jwt or oauth`);
}
function normalizeKeys(keys, fail) {
  const at = ["auth", "keys"];
  if (keys === void 0 || keys === null) fail(["auth", "mode"], "mode api_key needs auth.keys");
  const out = [];
  const secret = (v, path) => {
    if (typeof v !== "string") fail(path, "expected the key as a string (or an environment reference)");
    if (v.trim() === "") fail(path, "empty key; set the variable it refers to, or remove the key");
    return sha256(v);
  };
  if (Array.isArray(keys)) {
    keys.forEach((k, i) => {
      if (typeof k === "string")
        out.push({ agent: `agent-${i + 1}`, sha256: secret(k, [...at, i]), path: [...at, i] });
      else if (k && typeof k === "object") {
        const { agent: agent2, key, key_sha256, ...rest } = k;
        const extra = Object.keys(rest)[0];
        if (extra) fail([...at, i, extra], `unknown key; expected agent with key or key_sha256`);
        if (typeof agent2 !== "string" || agent2.trim() === "") fail([...at, i], "needs agent: <id>");
        if (key === void 0 === (key_sha256 === void 0))
          fail([...at, i], "give exactly one of key, key_sha256");
        let digest;
        if (key !== void 0) digest = secret(key, [...at, i, "key"]);
        else {
          if (typeof key_sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(key_sha256.trim()))
            fail([...at, i, "key_sha256"], "expected 64 hex digits (sha256 of the key)");
          digest = Buffer.from(key_sha256.trim(), "hex");
        }
        out.push({ agent: agent2, sha256: digest, path: [...at, i] });
      } else fail([...at, i], "expected a key string or {agent, key | key_sha256}");
    });
  } else if (typeof keys === "object") {
    for (const [agent2, key] of Object.entries(keys))
      out.push({ agent: agent2, sha256: secret(key, [...at, agent2]), path: [...at, agent2] });
  } else fail(at, "expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}");
  if (out.length === 0) fail(at, "no keys: every request would be refused; add at least one");
  const agents = /* @__PURE__ */ new Set();
  const digests = /* @__PURE__ */ new Set();
  for (const k of out) {
    if (agents.has(k.agent)) fail(k.path, `agent "${k.agent}" appears twice`);
    const hex = k.sha256.toString("hex");
    if (digests.has(hex)) fail(k.path, "the same key is given twice; each agent needs its own key");
    agents.add(k.agent);
    digests.add(hex);
  }
  return out.map(({ agent: agent2, sha256: sha2562 }) => ({ agent: agent2, sha256: sha2562 }));
}
function normalizeJwt(a, fail) {
  const j = a.jwt ?? {};
  if (a.jwt_secret !== void 0 && j.secret !== void 0)
    fail(["auth", "jwt", "secret"], "also set as auth.jwt_secret; keep one");
  const secretPath = a.jwt_secret !== void 0 ? ["auth", "jwt_secret"] : ["auth", "jwt", "secret"];
  const secretText = a.jwt_secret ?? j.secret;
  const hasKey = j.public_key !== void 0 || j.jwks_file !== void 0 || j.jwks_url !== void 0;
  if (secretText === void 0 && !hasKey)
    fail(
      ["auth", "mode"],
      "mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url"
    );
  if (secretText !== void 0 && hasKey)
    fail(
      secretPath,
      "give a secret (HS*) or a public key (RS/ES/EdDSA), not both: mixing them invites algorithm confusion"
    );
  for (const k of ["public_key", "jwks_file", "jwks_url"])
    if (j[k] !== void 0 && j[k].trim() === "")
      fail(["auth", "jwt", k], "empty value; set the variable or remove the key");
  const algorithms = j.algorithms ?? (secretText !== void 0 ? ["HS256"] : ["RS256", "ES256", "EdDSA"]);
  if (algorithms.length === 0) fail(["auth", "jwt", "algorithms"], "empty list: no token could be accepted");
  algorithms.forEach((alg, i) => {
    const path = ["auth", "jwt", "algorithms", i];
    if (alg.toLowerCase() === "none") fail(path, "unsigned tokens (alg none) are never accepted");
    if (HS.test(alg) && secretText === void 0) fail(path, `${alg} needs a secret (auth.jwt_secret)`);
    if (ASYMMETRIC.test(alg) && !hasKey) fail(path, `${alg} needs public_key, jwks_file or jwks_url`);
    if (!HS.test(alg) && !ASYMMETRIC.test(alg)) fail(path, `unknown algorithm "${alg}"`);
  });
  const auth = {
    mode: "jwt",
    algorithms,
    clockToleranceSec: j.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: j.agent_claim ?? GUARD_DEFAULTS.agentClaim
  };
  if (secretText !== void 0) {
    if (secretText === "") fail(secretPath, "empty secret; set the variable it refers to");
    const bytes = new TextEncoder().encode(secretText);
    if (bytes.length < MIN_HS_SECRET_BYTES)
      fail(
        secretPath,
        `secret is ${bytes.length} bytes; HS* needs at least ${MIN_HS_SECRET_BYTES} (try: openssl rand -base64 48)`
      );
    auth.secret = bytes;
  }
  if (j.public_key !== void 0) auth.publicKey = j.public_key;
  if (j.jwks_file !== void 0) auth.jwksFile = j.jwks_file;
  if (j.jwks_url !== void 0) {
    if (!URL.canParse(j.jwks_url) || !/^https?:$/.test(new URL(j.jwks_url).protocol))
      fail(["auth", "jwt", "jwks_url"], "expected an http(s) URL");
    auth.jwksUrl = j.jwks_url;
  }
  if (j.issuer !== void 0) auth.issuer = j.issuer;
  if (j.audience !== void 0) auth.audience = typeof j.audience === "string" ? [j.audience] : j.audience;
  return auth;
}
function normalizeOAuth(a, fail) {
  const o = a.oauth;
  if (!o) return fail(["auth", "mode"], "mode oauth needs auth.oauth with issuers and jwks_url");
  const at = (...k) => ["auth", "oauth", ...k];
  const issuers = typeof o.issuers === "string" ? [o.issuers] : o.issuers;
  if (issuers.length === 0) fail(at("issuers"), "empty list: no token could be accepted");
  issuers.forEach((iss, i) => {
    if (!URL.canParse(iss))
      fail(at("issuers", i), `"${iss}" is not a URL (the authorization server's issuer)`);
  });
  if (o.jwks_url.trim() === "") fail(at("jwks_url"), "empty value; set the variable or remove the key");
  if (!URL.canParse(o.jwks_url) || !/^https?:$/.test(new URL(o.jwks_url).protocol))
    fail(at("jwks_url"), "expected an http(s) URL");
  const algorithms = o.algorithms ?? [...GUARD_DEFAULTS.oauthAlgorithms];
  if (algorithms.length === 0) fail(at("algorithms"), "empty list: no token could be accepted");
  algorithms.forEach((alg, i) => {
    if (alg.toLowerCase() === "none")
      fail(at("algorithms", i), "unsigned tokens (alg none) are never accepted");
    if (HS.test(alg))
      fail(
        at("algorithms", i),
        `${alg} needs a secret shared with the authorization server; use RS/ES/EdDSA`
      );
    if (!ASYMMETRIC.test(alg)) fail(at("algorithms", i), `unknown algorithm "${alg}"`);
  });
  const scopes = o.scopes ?? [];
  const toolScopes = o.tool_scopes ?? {};
  const named = /* @__PURE__ */ new Set([...scopes, ...Object.values(toolScopes).flat()]);
  return {
    mode: "oauth",
    issuers,
    jwksUrl: o.jwks_url,
    algorithms,
    scopes,
    toolScopes,
    scopesSupported: o.scopes_supported ?? [...named],
    clockToleranceSec: o.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: o.agent_claim ?? GUARD_DEFAULTS.agentClaim,
    jwksTimeoutMs: positive(o.jwks_timeout_ms, at("jwks_timeout_ms"), fail) ?? GUARD_DEFAULTS.jwksTimeoutMs,
    jwksCacheSec: o.jwks_cache_sec ?? GUARD_DEFAULTS.jwksCacheSec
  };
}

// src/config/guard-schema.ts
var num = external_exports.preprocess(
  (v) => typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v,
  external_exports.number().finite().nonnegative()
);
var int = external_exports.preprocess(
  (v) => typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v,
  external_exports.number().int().nonnegative()
);
var bool = external_exports.preprocess((v) => v === "true" ? true : v === "false" ? false : v, external_exports.boolean());
var scalarText = external_exports.preprocess(
  (v) => typeof v === "number" || typeof v === "boolean" ? String(v) : v,
  external_exports.string()
);
var list = external_exports.array(external_exports.string());
var toolLists = {
  tool_allowlist: list.optional(),
  tool_denylist: list.optional()
};
var rateLimit = external_exports.strictObject({
  requests_per_minute: num.optional(),
  spend_per_hour_usd: num.optional()
});
var jwt = external_exports.strictObject({
  algorithms: list.optional(),
  secret: external_exports.string().optional(),
  public_key: external_exports.string().optional(),
  jwks_file: external_exports.string().optional(),
  jwks_url: external_exports.string().optional(),
  issuer: external_exports.string().optional(),
  audience: external_exports.union([external_exports.string(), list]).optional(),
  clock_tolerance_sec: num.optional(),
  agent_claim: external_exports.string().optional()
});
var oauth = external_exports.strictObject({
  issuers: external_exports.union([external_exports.string(), list]),
  jwks_url: external_exports.string(),
  algorithms: list.optional(),
  scopes: list.optional(),
  tool_scopes: external_exports.record(external_exports.string(), list).optional(),
  scopes_supported: list.optional(),
  clock_tolerance_sec: num.optional(),
  agent_claim: external_exports.string().optional(),
  jwks_timeout_ms: int.optional(),
  jwks_cache_sec: int.optional()
});
var agent = external_exports.strictObject({
  servers: list.optional(),
  ...toolLists,
  requests_per_minute: num.optional(),
  spend_per_hour_usd: num.optional(),
  max_spend_per_session: num.optional(),
  require_approval_above: num.optional(),
  approvals: bool.optional()
});
var rawGuardSchema = external_exports.strictObject({
  version: external_exports.union([external_exports.number(), external_exports.string()]).optional(),
  auth: external_exports.strictObject({
    mode: external_exports.string(),
    // Plain list, {agent: key} map or [{agent, key | key_sha256}]: checked by hand for clearer errors.
    keys: external_exports.unknown().optional(),
    jwt_secret: external_exports.string().optional(),
    jwt: jwt.optional(),
    oauth: oauth.optional()
  }).optional(),
  servers: external_exports.record(
    external_exports.string(),
    external_exports.strictObject({
      command: external_exports.string().optional(),
      args: external_exports.array(scalarText).optional(),
      env: external_exports.record(external_exports.string(), scalarText).optional(),
      cwd: external_exports.string().optional(),
      url: external_exports.string().optional(),
      headers: external_exports.record(external_exports.string(), scalarText).optional()
    })
  ),
  routes: external_exports.array(
    external_exports.strictObject({
      mode: external_exports.enum(["tool", "method", "default"]),
      tool_name: external_exports.string().optional(),
      method_prefix: external_exports.string().optional(),
      target: external_exports.string()
    })
  ).optional(),
  policies: external_exports.strictObject({
    max_spend_per_session: num.optional(),
    require_approval_above: num.optional(),
    approval_ttl_sec: int.optional(),
    ...toolLists,
    requests_per_minute: num.optional(),
    spend_per_hour_usd: num.optional(),
    rate_limit: rateLimit.optional(),
    audit_log: external_exports.string().optional(),
    agents: external_exports.record(external_exports.string(), agent).optional(),
    pinning: external_exports.enum(["warn", "block", "off"]).optional(),
    spend: external_exports.strictObject({
      tools: external_exports.array(
        external_exports.strictObject({
          name: external_exports.string().min(1),
          amount: external_exports.string().min(1),
          currency: external_exports.string().optional()
        })
      )
    }).optional()
  }).optional(),
  rate_limit: rateLimit.optional(),
  audit_log: external_exports.string().optional(),
  audit: external_exports.strictObject({ path: external_exports.string().optional(), record_arguments: bool.optional(), redact: list.optional() }).optional(),
  agents: external_exports.record(external_exports.string(), agent).optional(),
  namespacing: external_exports.enum(["prefix", "none"]).optional(),
  http: external_exports.strictObject({
    host: external_exports.string().optional(),
    port: int.optional(),
    allowed_origins: list.optional(),
    allowed_hosts: list.optional(),
    public_url: external_exports.string().optional(),
    max_body_bytes: int.optional(),
    headers_timeout_ms: int.optional(),
    session_idle_sec: int.optional(),
    max_sessions: int.optional(),
    max_sessions_per_principal: int.optional(),
    backend_mode: external_exports.enum(["per_session", "shared"]).optional(),
    shutdown_grace_ms: int.optional(),
    metrics: external_exports.strictObject({
      enabled: bool.optional(),
      token: external_exports.string().optional(),
      agent_labels: bool.optional()
    }).optional()
  }).optional(),
  approvals: external_exports.strictObject({
    mode: external_exports.enum(["error", "wait"]).optional(),
    wait_sec: int.optional(),
    notify: external_exports.array(
      external_exports.strictObject({
        url: external_exports.string(),
        format: external_exports.enum(["slack", "json"]).optional(),
        secret: external_exports.string().optional(),
        timeout_ms: int.optional(),
        retries: int.optional()
      })
    ).optional()
  }).optional(),
  console: external_exports.strictObject({
    enabled: bool.optional(),
    users: external_exports.array(external_exports.strictObject({ name: external_exports.string(), password_hash: external_exports.string() })).optional(),
    session_secret: external_exports.string().optional(),
    session_ttl_sec: int.optional(),
    login_attempts_per_minute: int.optional(),
    oauth_scope: external_exports.string().optional()
  }).optional(),
  store: external_exports.strictObject({ type: external_exports.literal("sqlite").optional(), path: external_exports.string().optional() }).optional(),
  limits: external_exports.strictObject({ max_message_bytes: int.optional(), request_timeout_ms: int.optional() }).optional()
});
function expectedKeys(path) {
  let cur = rawGuardSchema;
  const step = (s) => s._zod.def;
  const unwrap = (s) => {
    for (let d2 = step(s); ; d2 = step(s)) {
      if (d2.type === "optional" || d2.type === "default" || d2.type === "nullable") s = d2.innerType;
      else if (d2.type === "pipe") s = d2.out;
      else return s;
    }
  };
  for (const seg of path) {
    cur = unwrap(cur);
    const d2 = step(cur);
    if (d2.type === "object") cur = d2.shape?.[String(seg)];
    else if (d2.type === "record") cur = d2.valueType;
    else if (d2.type === "array") cur = d2.element;
    else return [];
    if (!cur) return [];
  }
  const d = step(unwrap(cur));
  return d.type === "object" ? Object.keys(d.shape ?? {}) : [];
}

// src/config/guard-types.ts
var GuardConfigError = class extends Error {
  file;
  line;
  column;
  key;
  constructor(file, line, column, key, what) {
    super(`${file}:${line}:${column}: ${key || "(root)"}: ${what}`);
    this.name = "GuardConfigError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }
};

// src/config/guard.ts
function parseGuardConfig(text, file, env = process.env) {
  const path = resolve2(file);
  const doc = parseDocument(text, formatForPath(path));
  const fail = (at, message) => {
    const { line, column } = locateIssue(doc, at);
    throw new GuardConfigError(path, line, column, formatPath(at), message);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new GuardConfigError(path, e.line, e.column, "", `cannot parse: ${e.message}`);
  }
  if (doc.root?.kind !== "object") fail([], "expected a mapping with auth, servers, policies ...");
  const plain = interpolateTree(doc.root, [], env, fail);
  const parsed = rawGuardSchema.safeParse(plain);
  if (!parsed.success) reportFirst(doc, parsed.error.issues, path);
  return normalizeGuardConfig(parsed.data, path, fail);
}
async function loadGuardConfig(file, env = process.env) {
  const path = resolve2(file);
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GuardConfigError(
      path,
      1,
      1,
      "",
      `cannot read: ${error.code ?? error}`
    );
  }
  return parseGuardConfig(text, path, env);
}
function interpolateTree(node, path, env, fail) {
  switch (node.kind) {
    case "object": {
      const out = {};
      for (const e of node.entries) {
        if (Object.hasOwn(out, e.key)) fail([...path, e.key], "key given twice; keep one");
        out[e.key] = interpolateTree(e.value, [...path, e.key], env, fail);
      }
      return out;
    }
    case "array":
      return node.items.map((item, i) => interpolateTree(item, [...path, i], env, fail));
    case "string":
      try {
        return interpolate(node.value, env);
      } catch (error) {
        if (error instanceof UnsetVariableError)
          fail(
            path,
            `${error.message}; set it, or write \${${error.variable}:-default} for a value that is not a secret`
          );
        throw error;
      }
    default:
      return node.value;
  }
}
function reportFirst(doc, issues, file) {
  const located = issues.map((issue2) => {
    const base = issue2.path.filter((s) => typeof s !== "symbol");
    const at2 = issue2.code === "unrecognized_keys" ? [...base, issue2.keys[0]] : base;
    return { issue: issue2, at: at2, pos: locateIssue(doc, at2) };
  });
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  const { issue, at, pos } = located[0];
  throw new GuardConfigError(file, pos.line, pos.column, formatPath(at), describe(issue, at));
}
function describe(issue, at) {
  if (issue.code === "unrecognized_keys") {
    const expected = expectedKeys(at.slice(0, -1));
    const key = String(at[at.length - 1]);
    const near = expected.find((k) => editDistance(k, key) <= 2);
    return `unknown key${near ? `; did you mean ${near}?` : ""} (expected one of: ${expected.join(", ")})`;
  }
  if (issue.code === "invalid_type" && issue.input === void 0) return `required (${issue.expected})`;
  if (issue.code === "invalid_value")
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message.replace(/^Invalid input: /, "");
}
function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export {
  GuardConfigError,
  parseGuardConfig,
  loadGuardConfig
};
