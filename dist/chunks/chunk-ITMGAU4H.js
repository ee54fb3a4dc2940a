import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  auditPathFor
} from "./chunk-CGKOU7XJ.js";
import {
  canonicalResource,
  issuerFor
} from "./chunk-YJ42EYLH.js";
import {
  describeStore
} from "./chunk-TU4FYB7A.js";

// src/cli/guard-describe.ts
var list = (xs) => xs.length ? xs.join(", ") : "(none)";
var SECRET_FLAG = /^--?[\w-]*(token|secret|key|password|passwd|auth)[\w-]*$/i;
function maskArgs(words) {
  return words.map((w, i) => {
    const eq = /^(--?[\w-]+)=/.exec(w);
    if (eq && SECRET_FLAG.test(eq[1])) return `${eq[1]}=***`;
    return i > 0 && SECRET_FLAG.test(words[i - 1]) && !w.startsWith("-") ? "***" : w;
  });
}
var money = (n) => n === void 0 ? "no limit" : String(n);
function describeGuardConfig(c) {
  const out = [`${c.file}: ok`, ""];
  const a = c.auth;
  if (a.mode === "none") out.push("auth: none (every client is trusted)");
  else if (a.mode === "api_key") out.push(`auth: api_key, agents: ${list(a.keys.map((k) => k.agent))}`);
  else if (a.mode === "oauth" && a.self) {
    const audience = canonicalResource(c.http);
    const s = a.self;
    out.push(
      `auth: oauth, the guard's own authorization server (issuer ${issuerFor(audience)}; signs with ${a.algorithms[0]}; keys in the store)`,
      `  audience: ${audience}`
    );
    if (s.migrated) out.push(`  mapped from the original: ${s.migrated}`);
    for (const cl of s.clients)
      out.push(
        `  client ${cl.clientId}: ${cl.secretSha256 ? "confidential" : "public, PKCE"}; ${list(cl.grantTypes.map((g) => g.replace(/^urn:.*:/, "")))}${cl.scopes ? `; scopes ${list(cl.scopes)}` : ""}`
      );
    out.push(
      `  dynamic registration: ${s.dynamicRegistration ? "on (anyone who reaches the guard may register a client)" : "off"}`,
      `  client ID metadata documents: ${s.clientIdMetadataDocuments.length === 0 ? "off" : s.clientIdMetadataDocuments.includes("*") ? "any https URL (not on private or loopback addresses)" : `under ${list(s.clientIdMetadataDocuments)}`}`,
      `  access tokens ${s.accessTokenTtlSec}s, refresh tokens ${s.refreshTokenTtlSec}s (rotated on each use), device codes ${s.deviceCodeTtlSec}s (poll every ${s.devicePollIntervalSec}s)`,
      `  sign-in: ${list(c.console.users.map((u) => u.scopes ? `${u.name} (${list(u.scopes)})` : u.name))}`
    );
    if (a.scopes.length) out.push(`  scopes: ${list(a.scopes)}`);
    for (const [glob, scopes] of Object.entries(a.toolScopes)) out.push(`  tool ${glob}: ${list(scopes)}`);
  } else if (a.mode === "oauth") {
    out.push(
      `auth: oauth resource server (${list(a.algorithms)}; JWKS ${a.jwksUrl}; agent claim ${a.agentClaim})`,
      `  issuers: ${list(a.issuers)}`,
      `  audience: ${c.http.publicUrl ?? `http://${c.http.host}:${c.http.port}/mcp`}`
    );
    if (a.scopes.length) out.push(`  scopes: ${list(a.scopes)}`);
    for (const [glob, scopes] of Object.entries(a.toolScopes)) out.push(`  tool ${glob}: ${list(scopes)}`);
  } else {
    const key = a.secret ? "shared secret" : a.publicKey ? "public key" : a.jwksFile ? `JWKS file ${a.jwksFile}` : `JWKS ${a.jwksUrl}`;
    out.push(
      `auth: jwt (${list(a.algorithms)}; ${key}; agent claim ${a.agentClaim}; clock tolerance ${a.clockToleranceSec}s)`
    );
    if (a.issuer) out.push(`  issuer: ${a.issuer}`);
    if (a.audience) out.push(`  audience: ${list(a.audience)}`);
  }
  out.push("", "servers:");
  for (const s of Object.values(c.servers)) {
    const launch = s.url ?? maskArgs([s.command ?? "", ...s.args]).map((w) => /[\s"']/.test(w ?? "") ? JSON.stringify(w) : w).join(" ");
    const env = Object.keys(s.env);
    out.push(
      `  ${s.name}: ${launch}${env.length ? ` (env: ${env.join(", ")})` : ""}${s.cwd ? ` (cwd: ${s.cwd})` : ""}`
    );
  }
  out.push("", "routes:");
  if (c.routes.length === 0) {
    const names = Object.keys(c.servers);
    out.push(
      names.length === 1 ? `  everything -> ${names[0]}` : "  (none: several servers are aggregated; names are routed to the server that lists them)"
    );
  }
  for (const r of c.routes) {
    const what = r.mode === "tool" ? `tool ${r.toolName}` : r.mode === "method" ? `method ${r.methodPrefix}*` : "default";
    out.push(`  ${what} -> ${r.target}`);
  }
  const p = c.policies;
  out.push(
    "",
    "policies:",
    `  rate limit: ${p.requestsPerMinute === void 0 ? "none" : `${p.requestsPerMinute} requests/minute per agent`}`,
    `  spend cap per session: ${money(p.maxSpendPerSession)}`,
    `  spend cap per hour: ${money(p.spendPerHourUsd)}`,
    `  approval above: ${p.requireApprovalAbove === void 0 ? "never" : `${p.requireApprovalAbove} (pending approvals expire after ${p.approvalTtlSec}s)`}`,
    `  spend tools: ${list(p.spendTools.map((t) => `${t.name}(${t.amount} ${t.currency})`))}`,
    `  tools allowed: ${p.toolAllowlist.length ? list(p.toolAllowlist) : "all"}`,
    `  tools denied: ${list(p.toolDenylist)}`
  );
  if (Object.keys(c.servers).length > 1) {
    out.push(
      `  namespacing: ${c.namespacing}${c.namespacing === "prefix" ? " (tools and prompts listed as <server>__<name>)" : " (a name offered by two servers is an error)"}`
    );
  }
  out.push(...describeAgents(c));
  const ap = c.approvals;
  out.push(
    "",
    `approvals: ${ap.mode === "wait" ? `held calls wait up to ${ap.waitSec}s for a decision, then -32004` : "held calls are answered -32004 at once; the retry passes once approved"}`
  );
  for (const w of ap.notify) {
    const u = new URL(w.url);
    out.push(`  notify: ${w.format} ${u.protocol}//${u.host}/...${w.secret ? " (signed)" : ""}`);
  }
  out.push(
    `console: ${c.console.enabled ? `on (serve-http, /console); users: ${list(c.console.users.map((u) => u.name))}${c.auth.mode === "oauth" ? `; or a token with scope ${c.console.oauthScope}` : ""}` : "off"}`
  );
  out.push(
    "",
    // The same function serve uses: what is printed here is the first writer's file; each further guard
    // process on this config writes its own (<stem>.2<ext> ...).
    `audit: ${auditPathFor(c)}${c.audit.path ? "" : ` (default: ${c.store.type === "sqlite" ? "beside the store" : "beside the config"})`}, one file per guard process; arguments ${c.audit.recordArguments ? "recorded (redacted)" : "hashed"}${c.audit.redact.length ? `; also redacting ${list(c.audit.redact)}` : ""}`,
    `store: ${describeStore(c.store)}`,
    `replica: ${c.replica} (in every audit record, and the replica label of /metrics)`,
    `limits: messages up to ${c.limits.maxMessageBytes} bytes and ${c.limits.maxDepth} levels deep, requests time out after ${c.limits.requestTimeoutMs} ms`,
    ""
  );
  return out.join("\n");
}
function describeAgents(c) {
  const p = c.policies;
  const ids = new Set(Object.keys(p.agents));
  if (c.auth.mode === "api_key") for (const k of c.auth.keys) ids.add(k.agent);
  if (ids.size === 0) return [];
  const out = ["", "agents (effective policy):"];
  for (const id of [...ids].sort()) {
    const a = p.agents[id];
    const allowed = [a?.toolAllowlist, p.toolAllowlist.length ? p.toolAllowlist : void 0].filter((x) => x !== void 0).map(list);
    const denied = [...p.toolDenylist, ...a?.toolDenylist ?? []];
    const threshold = a?.requireApprovalAbove ?? p.requireApprovalAbove;
    const rpm = a?.requestsPerMinute ?? p.requestsPerMinute;
    out.push(
      `  agent ${id}: allowed ${allowed.length ? allowed.join(" and ") : "all"}; denied ${list(denied)}${a ? "" : " (defaults only)"}`,
      `    servers: ${a?.servers ? list(a.servers) : "all"}`,
      `    rate limit: ${rpm === void 0 ? "none" : `${rpm} requests/minute`}`,
      `    spend cap per session: ${money(a?.maxSpendPerSession ?? p.maxSpendPerSession)}; per hour: ${money(a?.spendPerHourUsd ?? p.spendPerHourUsd)}`,
      `    approval above: ${threshold === void 0 ? "never" : `${threshold}${a?.approvals === false ? " (refused: this agent may not use approvals)" : " (held for a human)"}`}`
    );
  }
  return out;
}
function formatApprovalLine(a) {
  const when = new Date(a.createdAt).toISOString();
  const amount = a.amount === void 0 ? "" : ` ${a.amount}`;
  const decided = a.decidedBy ? ` by ${a.decidedBy}${a.reason ? ` (${a.reason})` : ""}` : "";
  return `${a.id}  ${a.status.padEnd(8)} ${when}  ${a.agent}  ${a.tool}${amount}  ${a.summary}${decided}`;
}
function formatAuditLine(line) {
  let r;
  try {
    r = JSON.parse(line);
  } catch {
    return `(not a record) ${line}`;
  }
  const parts = [
    r.time,
    `#${r.seq}`,
    String(r.decision).toUpperCase().padEnd(5),
    r.agent ?? "-",
    r.method ?? "-"
  ];
  if (r.replica) parts.push(`@${r.replica}`);
  if (r.tool) parts.push(r.tool);
  if (r.amount !== void 0) parts.push(`amount=${r.amount}`);
  if (r.code !== void 0) parts.push(`code=${r.code}`);
  if (r.latencyMs !== void 0) parts.push(`${r.latencyMs}ms`);
  if (r.backend) parts.push(`-> ${r.backend}`);
  if (r.call) parts.push(`call=${r.call}`);
  if (r.reason) parts.push(`: ${r.reason}`);
  return parts.join(" ");
}

export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
