import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  normalizeGuardConfig
} from "./chunk-ICOGMFBZ.js";
import {
  locateIssue
} from "./chunk-LHWLHLWE.js";
import {
  external_exports
} from "./chunk-PSWTDCTJ.js";
import {
  UnsetVariableError,
  formatForPath,
  formatPath,
  interpolate,
  parseDocument
} from "./chunk-7WMYWOMW.js";

// src/config/guard-types.ts
var GuardConfigError = class extends Error {
  file;
  line;
  column;
  key;
  constructor(file, line, column, key, what) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${key || "(root)"}: ${what}`);
    this.name = "GuardConfigError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }
};

// src/config/guard.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

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
  replica: external_exports.string().optional(),
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
  store: external_exports.strictObject({
    type: external_exports.enum(["sqlite", "redis"]).optional(),
    path: external_exports.string().optional(),
    url: external_exports.string().optional(),
    key_prefix: external_exports.string().optional(),
    username: external_exports.string().optional(),
    password: external_exports.string().optional(),
    db: int.optional(),
    tls: external_exports.strictObject({
      ca_file: external_exports.string().optional(),
      cert_file: external_exports.string().optional(),
      key_file: external_exports.string().optional(),
      servername: external_exports.string().optional()
    }).optional(),
    connect_timeout_ms: int.optional(),
    command_timeout_ms: int.optional(),
    reconnect_max_delay_ms: int.optional()
  }).optional(),
  limits: external_exports.strictObject({
    max_message_bytes: int.optional(),
    request_timeout_ms: int.optional(),
    initialize_timeout_ms: int.optional()
  }).optional()
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

// src/config/guard.ts
function parseGuardConfig(text, file, env = process.env) {
  const path = resolve(file);
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
var OBJECT_CONFIG_NAME = "<config object>";
async function loadGuardConfig(source, env = process.env) {
  if (typeof source !== "string") return guardConfigFromObject(source, env);
  const path = resolve(source);
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
function guardConfigFromObject(input, env = process.env) {
  const file = OBJECT_CONFIG_NAME;
  const fail = (at, message) => {
    throw new GuardConfigError(file, 0, 0, formatPath(at), message);
  };
  if (input === null || typeof input !== "object" || Array.isArray(input))
    fail([], "expected an object with auth, servers, policies ...");
  const plain = interpolatePlain(input, [], env, fail);
  const parsed = rawGuardSchema.safeParse(plain);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const at = issuePath(issue);
    fail(at, describe(issue, at));
  }
  return normalizeGuardConfig(parsed.data, file, fail);
}
function interpolatePlain(value, path, env, fail) {
  if (typeof value === "string") return interpolateString(value, path, env, fail);
  if (Array.isArray(value)) return value.map((v, i) => interpolatePlain(v, [...path, i], env, fail));
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      fail(path, `expected a plain object, got ${proto?.constructor?.name ?? "an object"}`);
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== void 0) out[k] = interpolatePlain(v, [...path, k], env, fail);
    }
    return out;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  return fail(path, `expected a string, number, boolean, list or object, got a ${typeof value}`);
}
function interpolateString(text, path, env, fail) {
  try {
    return interpolate(text, env);
  } catch (error) {
    if (error instanceof UnsetVariableError)
      fail(
        path,
        `${error.message}; set it, or write \${${error.variable}:-default} for a value that is not a secret`
      );
    throw error;
  }
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
      return interpolateString(node.value, path, env, fail);
    default:
      return node.value;
  }
}
function reportFirst(doc, issues, file) {
  const located = issues.map((issue2) => {
    const at2 = issuePath(issue2);
    return { issue: issue2, at: at2, pos: locateIssue(doc, at2) };
  });
  located.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  const { issue, at, pos } = located[0];
  throw new GuardConfigError(file, pos.line, pos.column, formatPath(at), describe(issue, at));
}
function issuePath(issue) {
  const base = issue.path.filter((s) => typeof s !== "symbol");
  return issue.code === "unrecognized_keys" ? [...base, issue.keys[0]] : base;
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
