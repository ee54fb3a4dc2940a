import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  setMember
} from "./chunk-KVJWATDP.js";

// src/guard/audit/record.ts
import { hash } from "node:crypto";
var RECORD_ORDER = [
  "agent",
  "amount",
  "approval",
  "args",
  "argsHash",
  "backend",
  "by",
  "call",
  "code",
  "decision",
  "id",
  "latencyMs",
  "lease",
  "method",
  "prev",
  "reason",
  "released",
  "replica",
  "reservation",
  "seq",
  "session",
  "time",
  "tool",
  "waiting"
];
var GENESIS = "0".repeat(64);
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      const v = value[k];
      if (v !== void 0) setMember(out, k, sortKeys(v));
    }
    return out;
  }
  return value;
}
function hashArgs(args) {
  return hash("sha256", canonicalJson(args ?? {}));
}
function sealRecord(body, canonical = false) {
  let sorted = body;
  if (!canonical) {
    sorted = {};
    for (const k of Object.keys(body).sort()) {
      const v = body[k];
      if (v !== void 0) setMember(sorted, k, v !== null && typeof v === "object" ? sortKeys(v) : v);
    }
  }
  const text = JSON.stringify(sorted);
  const sealed = hash("sha256", text);
  sorted.hash = sealed;
  return {
    record: sorted,
    line: `${text.slice(0, -1)},"hash":"${sealed}"}
`
  };
}
function recordHash(record) {
  if (record.hash === void 0) return hash("sha256", canonicalJson(record));
  const { hash: _ignored, ...rest } = record;
  return hash("sha256", canonicalJson(rest));
}
var SECRET_NAME = /(^|[_-])(token|secret|password|passwd|passphrase|api[_-]?key|apikey|authorization|auth|cookie|credentials?|private[_-]?key|session[_-]?key)$|^(token|secret|password|authorization|cookie)/i;
var REDACTED = "[REDACTED]";
function redact(value, extraKeys = []) {
  return redactor(extraKeys)(value);
}
var NAME_CACHE_MAX = 4096;
function redactor(extraKeys = []) {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const verdicts = /* @__PURE__ */ new Map();
  const secret = (k) => {
    let s = verdicts.get(k);
    if (s === void 0) {
      s = SECRET_NAME.test(k) || extra.has(k.toLowerCase());
      if (verdicts.size < NAME_CACHE_MAX) verdicts.set(k, s);
    }
    return s;
  };
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, inner] of Object.entries(v)) setMember(out, k, secret(k) ? REDACTED : walk(inner));
      return out;
    }
    return v;
  };
  const redactValue = ((value) => walk(value));
  redactValue.secret = secret;
  return redactValue;
}

export {
  RECORD_ORDER,
  GENESIS,
  canonicalJson,
  hashArgs,
  sealRecord,
  recordHash,
  REDACTED,
  redact,
  redactor
};
