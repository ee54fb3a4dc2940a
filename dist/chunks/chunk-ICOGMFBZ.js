import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  splitShell
} from "./chunk-ZZFFYHML.js";
import {
  parsePasswordHash
} from "./chunk-WQ3BRZWN.js";
import {
  normalizeStore
} from "./chunk-NPU2CCGS.js";

// src/config/guard-normalize.ts
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { dirname, isAbsolute, resolve } from "node:path";

// src/config/guard-approvals.ts
var APPROVAL_DEFAULTS = {
  waitSec: 300,
  webhookTimeoutMs: 5e3,
  webhookRetries: 3,
  sessionTtlSec: 28800,
  loginAttemptsPerMinute: 5,
  oauthScope: "console"
};
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
      timeoutMs: positive(w.timeout_ms, at("timeout_ms"), fail) ?? APPROVAL_DEFAULTS.webhookTimeoutMs,
      retries: w.retries ?? APPROVAL_DEFAULTS.webhookRetries
    };
  });
  if (notify.some((w) => w.retries > 10)) fail(["approvals", "notify"], "retries: at most 10");
  return {
    mode: a.mode ?? "error",
    waitSec: positive(a.wait_sec, ["approvals", "wait_sec"], fail) ?? APPROVAL_DEFAULTS.waitSec,
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
    sessionTtlSec: positive(c.session_ttl_sec, at("session_ttl_sec"), fail) ?? APPROVAL_DEFAULTS.sessionTtlSec,
    loginAttemptsPerMinute: positive(c.login_attempts_per_minute, at("login_attempts_per_minute"), fail) ?? APPROVAL_DEFAULTS.loginAttemptsPerMinute,
    oauthScope: c.oauth_scope ?? APPROVAL_DEFAULTS.oauthScope
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

// src/config/guard-normalize.ts
var MIN_HS_SECRET_BYTES = 32;
var GUARD_DEFAULTS = {
  approvalTtlSec: 3600,
  maxMessageBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 12e4,
  initializeTimeoutMs: 6e4,
  host: "127.0.0.1",
  port: 8080,
  clockToleranceSec: 5,
  agentClaim: "sub",
  headersTimeoutMs: 1e4,
  sessionIdleSec: 1800,
  maxSessions: 1e3,
  maxSessionsPerPrincipal: 50,
  shutdownGraceMs: 1e4,
  oauthAlgorithms: ["RS256", "ES256", "PS256", "EdDSA"],
  jwksTimeoutMs: 5e3,
  jwksCacheSec: 600
};
var DEFAULT_SPEND_TOOLS = [
  "wallet_request",
  "wallet_approve",
  "wallet_pay",
  "pay_create_checkout",
  "x402_pay",
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
    requestTimeoutMs: positive(raw.limits?.request_timeout_ms, ["limits", "request_timeout_ms"], fail) ?? GUARD_DEFAULTS.requestTimeoutMs,
    initializeTimeoutMs: positive(raw.limits?.initialize_timeout_ms, ["limits", "initialize_timeout_ms"], fail) ?? GUARD_DEFAULTS.initializeTimeoutMs
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
    store: normalizeStore(raw, anchor, fail),
    limits,
    namespacing: raw.namespacing ?? (Object.keys(servers).length > 1 ? "prefix" : "none"),
    replica: normalizeReplica(raw.replica, fail)
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
function normalizeReplica(replica, fail) {
  if (replica === void 0) return hostname();
  if (replica.trim() === "") fail(["replica"], "empty replica id; remove the key to use the host name");
  return replica.trim();
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
    const agent = { approvals: a.approvals ?? true };
    if (a.servers !== void 0) {
      a.servers.forEach((s, i) => {
        if (!serverNames.includes(s))
          fail([...at, "servers", i], `no server named "${s}"; servers: ${serverNames.join(", ")}`);
      });
      agent.servers = a.servers;
    }
    if (a.tool_allowlist !== void 0) agent.toolAllowlist = a.tool_allowlist;
    if (a.tool_denylist !== void 0) agent.toolDenylist = a.tool_denylist;
    if (a.requests_per_minute !== void 0) {
      if (a.requests_per_minute === 0) fail([...at, "requests_per_minute"], "must be greater than 0");
      agent.requestsPerMinute = a.requests_per_minute;
    }
    if (a.spend_per_hour_usd !== void 0) agent.spendPerHourUsd = a.spend_per_hour_usd;
    if (a.max_spend_per_session !== void 0) agent.maxSpendPerSession = a.max_spend_per_session;
    if (a.require_approval_above !== void 0) agent.requireApprovalAbove = a.require_approval_above;
    policies.agents[id] = agent;
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
        const { agent, key, key_sha256, ...rest } = k;
        const extra = Object.keys(rest)[0];
        if (extra) fail([...at, i, extra], `unknown key; expected agent with key or key_sha256`);
        if (typeof agent !== "string" || agent.trim() === "") fail([...at, i], "needs agent: <id>");
        if (key === void 0 === (key_sha256 === void 0))
          fail([...at, i], "give exactly one of key, key_sha256");
        let digest;
        if (key !== void 0) digest = secret(key, [...at, i, "key"]);
        else {
          if (typeof key_sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(key_sha256.trim()))
            fail([...at, i, "key_sha256"], "expected 64 hex digits (sha256 of the key)");
          digest = Buffer.from(key_sha256.trim(), "hex");
        }
        out.push({ agent, sha256: digest, path: [...at, i] });
      } else fail([...at, i], "expected a key string or {agent, key | key_sha256}");
    });
  } else if (typeof keys === "object") {
    for (const [agent, key] of Object.entries(keys))
      out.push({ agent, sha256: secret(key, [...at, agent]), path: [...at, agent] });
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
  return out.map(({ agent, sha256: sha2562 }) => ({ agent, sha256: sha2562 }));
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

export {
  MIN_HS_SECRET_BYTES,
  normalizeGuardConfig
};
