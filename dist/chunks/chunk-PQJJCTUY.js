import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  clientAddress
} from "./chunk-RXPDYJLS.js";
import {
  verifyPassword
} from "./chunk-QVM3XVF3.js";
import {
  readBody
} from "./chunk-QYMOTCHV.js";
import {
  parsePasswordHash
} from "./chunk-ESICICS6.js";

// node_modules/cookie/dist/index.js
var cookieNameRegExp = /^[\u0021-\u003A\u003C\u003E-\u007E]+$/;
var cookieValueRegExp = /^[\u0021-\u003A\u003C-\u007E]*$/;
var cookieOctetInvalidRegExp = /[\u0000-\u0020\u007F-\uFFFF",;\\%]/;
var domainValueRegExp = /^([.]?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
var pathValueRegExp = /^[\u0020-\u003A\u003D-\u007E]*$/;
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parseCookie(str, options) {
  const obj = new NullObject();
  const len = str.length;
  if (len < 2)
    return obj;
  const dec = options?.decode ?? defaultDecode;
  let index = 0;
  do {
    const eqIdx = eqIndex(str, index, len);
    if (eqIdx === len)
      break;
    const endIdx = endIndex(str, index, len);
    if (eqIdx > endIdx) {
      index = str.lastIndexOf(";", eqIdx - 1) + 1;
      continue;
    }
    const key = valueSlice(str, index, eqIdx);
    if (obj[key] === void 0) {
      obj[key] = dec(valueSlice(str, eqIdx + 1, endIdx));
    }
    index = endIdx + 1;
  } while (index < len);
  return obj;
}
function stringifySetCookie(cookie, options) {
  const enc = options?.encode ?? defaultEncode;
  if (!cookieNameRegExp.test(cookie.name)) {
    throw new TypeError(`cookie name is invalid: ${cookie.name}`);
  }
  const value = cookie.value == null ? "" : enc(cookie.value);
  if (enc !== defaultEncode && !cookieValueRegExp.test(value)) {
    throw new TypeError(`cookie value is invalid: ${cookie.value}`);
  }
  let str = cookie.name + "=" + value;
  if (cookie.maxAge !== void 0) {
    if (!Number.isSafeInteger(cookie.maxAge)) {
      throw new TypeError(`cookie maxAge is invalid: ${cookie.maxAge}`);
    }
    str += "; Max-Age=" + cookie.maxAge;
  }
  if (cookie.domain) {
    if (!domainValueRegExp.test(cookie.domain)) {
      throw new TypeError(`cookie domain is invalid: ${cookie.domain}`);
    }
    str += "; Domain=" + cookie.domain;
  }
  if (cookie.path) {
    if (!pathValueRegExp.test(cookie.path)) {
      throw new TypeError(`cookie path is invalid: ${cookie.path}`);
    }
    str += "; Path=" + cookie.path;
  }
  if (cookie.expires) {
    const year = cookie.expires.getUTCFullYear();
    if (!(year >= 1601 && year <= 9999)) {
      throw new TypeError(`cookie expires is invalid: ${cookie.expires}`);
    }
    str += "; Expires=" + cookie.expires.toUTCString();
  }
  if (cookie.httpOnly) {
    str += "; HttpOnly";
  }
  if (cookie.secure) {
    str += "; Secure";
  }
  if (cookie.partitioned) {
    str += "; Partitioned";
  }
  if (cookie.priority) {
    const priority = typeof cookie.priority === "string" ? cookie.priority.toLowerCase() : void 0;
    switch (priority) {
      case "low":
        str += "; Priority=Low";
        break;
      case "medium":
        str += "; Priority=Medium";
        break;
      case "high":
        str += "; Priority=High";
        break;
      default:
        throw new TypeError(`cookie priority is invalid: ${cookie.priority}`);
    }
  }
  if (cookie.sameSite) {
    const sameSite = typeof cookie.sameSite === "string" ? cookie.sameSite.toLowerCase() : cookie.sameSite;
    switch (sameSite) {
      case true:
      case "strict":
        str += "; SameSite=Strict";
        break;
      case "lax":
        str += "; SameSite=Lax";
        break;
      case "none":
        str += "; SameSite=None";
        break;
      default:
        throw new TypeError(`cookie sameSite is invalid: ${cookie.sameSite}`);
    }
  }
  return str;
}
function endIndex(str, min, len) {
  const index = str.indexOf(";", min);
  return index === -1 ? len : index;
}
function eqIndex(str, min, len) {
  const index = str.indexOf("=", min);
  return index === -1 ? len : index;
}
function valueSlice(str, min, max) {
  if (min === max)
    return "";
  let start = min;
  let end = max;
  do {
    const code = str.charCodeAt(start);
    if (code !== 32 && code !== 9)
      break;
  } while (++start < end);
  while (end > start) {
    const code = str.charCodeAt(end - 1);
    if (code !== 32 && code !== 9)
      break;
    end--;
  }
  return str.slice(start, end);
}
function defaultDecode(str) {
  if (str.indexOf("%") === -1)
    return str;
  try {
    return decodeURIComponent(str);
  } catch (e) {
    return str;
  }
}
function defaultEncode(str) {
  return cookieOctetInvalidRegExp.test(str) ? encodeURIComponent(str) : str;
}

// src/guard/web/http.ts
var CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
var SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // Not no-referrer: with it, browsers send `Origin: null` on the pages' own form posts.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store"
};
function sendHtml(res, status, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8", ...headers });
  res.end(body);
}
function sendApiJson(res, status, value, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}
function redirect(res, location, headers = {}) {
  res.writeHead(303, { ...SECURITY_HEADERS, location, ...headers });
  res.end();
}
var MAX_FORM_BYTES = 64 * 1024;
async function readFields(req) {
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body.ok) return void 0;
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    try {
      const value = body.text === "" ? {} : JSON.parse(body.text);
      if (value === null || typeof value !== "object" || Array.isArray(value)) return void 0;
      const out = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
      return out;
    } catch {
      return void 0;
    }
  }
  if (type === "application/x-www-form-urlencoded" || type === "")
    return Object.fromEntries(new URLSearchParams(body.text));
  return void 0;
}
function cookies(req) {
  return req.headers.cookie ? parseCookie(req.headers.cookie) : {};
}
function setCookie(cookie) {
  return stringifySetCookie(cookie);
}
function sameOrigin(req) {
  const site = req.headers["sec-fetch-site"];
  if (site !== void 0 && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  if (origin === void 0 || origin === "null") return origin === void 0;
  try {
    return new URL(origin).host === (req.headers.host ?? "").toLowerCase();
  } catch {
    return false;
  }
}

// src/guard/console/assets.ts
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
function assetDir() {
  const candidates = ["./assets/", "./console-assets/", "../console-assets/"];
  for (const c of candidates) {
    const dir = fileURLToPath(new URL(c, import.meta.url));
    if (existsSync(`${dir}console.js`)) return dir;
  }
  throw new Error("mcp-guard: the console assets are missing from this installation (console.js)");
}
function loadAssets() {
  const dir = assetDir();
  const out = /* @__PURE__ */ new Map();
  for (const [name, type] of [
    ["console.js", "text/javascript; charset=utf-8"],
    ["console.css", "text/css; charset=utf-8"]
  ]) {
    const body = readFileSync(`${dir}${name}`);
    out.set(name, { body, type, version: createHash("sha256").update(body).digest("hex").slice(0, 12) });
  }
  return out;
}
function sendAsset(res, a, method) {
  if (method !== "GET" && method !== "HEAD") return false;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": a.type,
    "cache-control": "public, max-age=86400",
    etag: `"${a.version}"`
  });
  res.end(method === "HEAD" ? void 0 : a.body);
  return true;
}

// src/guard/web/html.ts
var Html = class {
  text;
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
};
var ESCAPES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
function render(value) {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === void 0 || value === false || value === true) return "";
  return escapeHtml(String(value));
}
function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}
function page(o) {
  return `<!doctype html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · mcp-guard</title>
<link rel="stylesheet" href="${o.assets}/console.css?v=${o.versions.css}">
<script src="${o.assets}/console.js?v=${o.versions.js}" defer></script>
</head>
<body>
${o.header ?? ""}
<main>
${o.body}
</main>
</body>
</html>
`.text}`;
}

// src/guard/web/signin.ts
function signInRecord(method, e) {
  return {
    decision: e.ok ? "allow" : "deny",
    method,
    session: "-",
    by: e.user || void 0,
    reason: e.ok ? `signed in from ${e.address}` : `${e.reason ?? "refused"} (from ${e.address})`,
    latencyMs: 0
  };
}
var SignIn = class {
  #o;
  /** Key (address or user) -> time until which it is refused outright. */
  #blocked = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#o = options;
  }
  /** A safe place to go after signing in: a path under the pages, never another site. */
  safeNext(next) {
    const base = this.#o.basePath;
    if (!next?.startsWith(`${base}/`) || next.startsWith("//") || /[\\\r\n]/.test(next)) return base;
    return next;
  }
  /**
   * The login page. `action`, `subtitle` and `hidden` let another page reuse it (the OAuth sign-in
   * posts to its interaction, names the client and carries its CSRF token); `headers` go with it.
   */
  form(res, next, options = {}) {
    const hidden = Object.entries(options.hidden ?? {}).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`
    );
    const body = html`<section class="signin">
<h1>Sign in</h1>
<p class="muted">${options.subtitle ?? this.#o.subtitle ?? "mcp-guard console"}</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ""}
<form method="post" action="${options.action ?? `${this.#o.basePath}/login`}">
<input type="hidden" name="next" value="${this.safeNext(next)}">${hidden}
<label>User <input name="user" autocomplete="username" required value="${options.user ?? ""}" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
</section>`;
    sendHtml(res, options.status ?? 200, this.#o.render("Sign in", body), options.headers);
  }
  #refusedFor(keys, now) {
    let until = 0;
    for (const k of keys) {
      const t = this.#blocked.get(k) ?? 0;
      if (t <= now) this.#blocked.delete(k);
      else until = Math.max(until, t);
    }
    return until;
  }
  /**
   * Checks one sign-in attempt: the rate limit (per address and per user name, counted in the store),
   * then the password. Every attempt is reported to `onAttempt`; a wrong password counts.
   */
  async attempt(req, fields) {
    const now = (this.#o.now ?? Date.now)();
    const address = clientAddress(req);
    const user = fields?.user ?? "";
    const keys = [`signin-address:${address}`, `signin-user:${user}`];
    const until = this.#refusedFor(keys, now);
    if (until > now) {
      this.#o.onAttempt?.({ user, ok: false, address, reason: "rate limited" });
      return { ok: false, status: 429, user, retryAfterSec: Math.ceil((until - now) / 1e3) };
    }
    const found = fields && user !== "" ? await this.#o.users.verify(user, fields.password ?? "") : void 0;
    if (!found) {
      this.#o.onAttempt?.({ user, ok: false, address, reason: "wrong user name or password" });
      const limit = this.#o.attemptsPerMinute;
      const [byAddress, byUser] = await Promise.all([
        this.#o.store.hit(keys[0], limit, now),
        this.#o.store.hit(keys[1], limit * 4, now)
      ]);
      for (const [k, r] of [
        [keys[0], byAddress],
        [keys[1], byUser]
      ])
        if (!r.allowed) this.#blocked.set(k, now + r.retryAfterMs);
      return { ok: false, status: 401, user };
    }
    this.#o.onAttempt?.({ user: found.name, ok: true, address });
    return { ok: true, user: found };
  }
  /**
   * Handles the POST: checks the rate limit, the password, then signs in. Returns the new session (the
   * cookie is set and the redirect sent), or undefined once a refusal has been answered. `api` answers
   * in JSON instead of pages.
   */
  async post(req, res, reply) {
    if (!sameOrigin(req)) {
      reply.refuse(403, "cross-site sign-in refused");
      return void 0;
    }
    const fields = await readFields(req);
    const next = this.safeNext(fields?.next);
    const outcome = await this.attempt(req, fields);
    if (!outcome.ok && outcome.status === 429) {
      const retry = String(outcome.retryAfterSec);
      if (reply.api) reply.refuse(429, "too many failed sign-ins; try again later", { "retry-after": retry });
      else
        this.form(res, next, {
          status: 429,
          user: outcome.user,
          error: `Too many failed sign-ins. Try again in ${retry} s.`
        });
      return void 0;
    }
    if (!outcome.ok) {
      if (reply.api) reply.refuse(401, "wrong user name or password");
      else this.form(res, next, { status: 401, user: outcome.user, error: "Wrong user name or password." });
      return void 0;
    }
    if (!this.#o.sessions) throw new Error("SignIn.post needs a session keeper");
    const { cookie, session } = await this.#o.sessions.issue(outcome.user.name);
    if (reply.api) {
      res.setHeader("set-cookie", cookie);
      return session;
    }
    redirect(res, next, { "set-cookie": cookie });
    return session;
  }
};

// src/guard/web/users.ts
import { createHash as createHash2 } from "node:crypto";
var UserDirectory = class {
  #users = /* @__PURE__ */ new Map();
  /** Verified when the name is unknown, so that it costs as long as a wrong password. */
  #decoy;
  constructor(users) {
    for (const u of users) {
      const version = createHash2("sha256").update(u.passwordHash).digest("hex").slice(0, 16);
      this.#users.set(u.name, { hash: parsePasswordHash(u.passwordHash), version });
    }
    const first = this.#users.values().next().value;
    this.#decoy = first && { ...first.hash, hash: Buffer.alloc(first.hash.hash.length) };
  }
  /** How many users there are. */
  get size() {
    return this.#users.size;
  }
  /** The user `name`, if configured. */
  get(name) {
    const u = this.#users.get(name);
    return u && { name, version: u.version };
  }
  /** The user when the password is right; undefined otherwise (after the same work either way). */
  async verify(name, password) {
    const u = this.#users.get(name);
    if (!u) {
      if (this.#decoy) await verifyPassword(password, this.#decoy);
      return void 0;
    }
    return await verifyPassword(password, u.hash) ? { name, version: u.version } : void 0;
  }
};

export {
  CSP,
  SECURITY_HEADERS,
  sendHtml,
  sendApiJson,
  redirect,
  readFields,
  cookies,
  setCookie,
  sameOrigin,
  loadAssets,
  sendAsset,
  Html,
  html,
  page,
  signInRecord,
  SignIn,
  UserDirectory
};
