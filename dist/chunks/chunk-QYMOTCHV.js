import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  isLoopbackListen
} from "./chunk-UAZV4FOR.js";

// src/guard/http/security.ts
var LOOPBACK_NAMES = /* @__PURE__ */ new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
function isLoopback(host) {
  return isLoopbackListen(host);
}
function splitHost(value) {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(value.trim().toLowerCase());
  if (!m) return { name: value.toLowerCase() };
  return { name: m[1], port: m[2] };
}
var WireGuard = class {
  #http;
  #loopback;
  #port = 0;
  /** The last Host value allowed (the verdict depends only on the value, the config and the port). */
  #lastAllowed;
  constructor(http, boundHost) {
    this.#http = http;
    this.#loopback = isLoopback(boundHost);
  }
  /** The port actually bound (known after listen; 0 picks one). */
  set port(port) {
    this.#port = port;
    this.#lastAllowed = void 0;
  }
  /**
   * Host check. Bound to loopback, only loopback names (and `allowed_hosts`) pass: a DNS-rebinding
   * page reaches 127.0.0.1 under its own name, which shows in Host. Elsewhere, `allowed_hosts` when set.
   */
  hostAllowed(value) {
    if (value === void 0 || value === "") return !this.#loopback && this.#http.allowedHosts.length === 0;
    if (value === this.#lastAllowed) return true;
    const allowed = this.#judgeHost(value);
    if (allowed && this.#port !== 0) this.#lastAllowed = value;
    return allowed;
  }
  #judgeHost(value) {
    const { name, port } = splitHost(value);
    const listed = this.#http.allowedHosts.some((h) => {
      const want = h.toLowerCase();
      return want === value.toLowerCase() || want === name;
    });
    if (listed) return true;
    if (this.#loopback)
      return LOOPBACK_NAMES.has(name) && (port === void 0 || port === String(this.#port));
    return this.#http.allowedHosts.length === 0;
  }
  /**
   * Origin check: absent passes (non-browser clients send none); otherwise it must be listed in
   * `allowed_origins` or be the guard's own origin (a page the guard itself would serve, as the
   * conformance suite's same-origin request is).
   */
  originAllowed(origin, hostHeader) {
    if (origin === void 0) return true;
    if (this.#http.allowedOrigins.includes(origin)) return true;
    if (!URL.canParse(origin) || hostHeader === void 0) return false;
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return url.host === hostHeader.toLowerCase() && this.hostAllowed(url.host);
  }
};
var TOKEN_PARAMS = ["access_token", "token", "api_key", "apikey", "key", "authorization", "auth"];
function queryCredential(url) {
  for (const name of url.searchParams.keys()) {
    if (TOKEN_PARAMS.includes(name.toLowerCase())) return name;
  }
  return void 0;
}
function stripCredentialHeaders(req) {
  delete req.headers.authorization;
  delete req.headers["x-api-key"];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    const length = raw[i].length;
    if (length !== 13 && length !== 9) continue;
    const name = raw[i].toLowerCase();
    if (name === "authorization" || name === "x-api-key") raw.splice(i, 2);
  }
}
var DRAIN_BYTES = 64 * 1024 * 1024;
async function readBody(req, max) {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > Math.max(max, DRAIN_BYTES)) {
    req.resume();
    return { ok: false, tooLarge: true };
  }
  return new Promise((resolve, reject) => {
    const parts = [];
    let length = 0;
    let tooLarge = Number.isFinite(declared) && declared > max;
    const detach = () => req.off("data", onData).off("end", onEnd).off("error", onAbort).off("close", onAbort);
    const finish = (body) => {
      detach();
      resolve(body);
    };
    const onAbort = (error) => {
      detach();
      reject(error ?? new Error("the request was aborted before its body ended"));
    };
    const onData = (chunk) => {
      length += chunk.length;
      if (length > max) tooLarge = true;
      if (!tooLarge) parts.push(chunk);
      else if (length > DRAIN_BYTES) {
        req.destroy();
        parts.length = 0;
        finish({ ok: false, tooLarge: true });
      }
    };
    const onEnd = () => {
      if (tooLarge) {
        parts.length = 0;
        finish({ ok: false, tooLarge: true });
        return;
      }
      finish({
        ok: true,
        text: parts.length === 1 ? parts[0].toString("utf8") : Buffer.concat(parts).toString("utf8")
      });
    };
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("close", onAbort);
  });
}
function sendJson(res, status, value) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(value));
}

export {
  isLoopback,
  splitHost,
  WireGuard,
  queryCredential,
  stripCredentialHeaders,
  readBody,
  sendJson
};
