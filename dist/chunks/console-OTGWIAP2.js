import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  definitionLines,
  lineDiff
} from "./chunk-JPW65KBU.js";
import {
  SECURITY_HEADERS,
  SignIn,
  UserDirectory,
  cookies,
  html,
  loadAssets,
  page,
  readFields,
  redirect,
  sameOrigin,
  sendApiJson,
  sendAsset,
  sendHtml,
  setCookie,
  signInRecord
} from "./chunk-PQJJCTUY.js";
import "./chunk-RXPDYJLS.js";
import "./chunk-QVM3XVF3.js";
import "./chunk-QYMOTCHV.js";
import "./chunk-U4W7KDUM.js";
import {
  makeVerifier
} from "./chunk-75BSUSJ7.js";
import "./chunk-CYAG4VY5.js";
import "./chunk-GVOOQYRM.js";
import "./chunk-2TU7KOET.js";
import "./chunk-JW5THHOE.js";
import {
  SignJWT,
  jwtVerify
} from "./chunk-RDICAMBL.js";
import {
  approvalJson
} from "./chunk-RUORUL4P.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-ESICICS6.js";
import "./chunk-UAZV4FOR.js";
import {
  verifyAuditLog
} from "./chunk-UO5BAW25.js";
import "./chunk-R4QOK6IO.js";
import "./chunk-KVJWATDP.js";
import "./chunk-YJ42EYLH.js";
import {
  StoreError,
  StoreUnavailableError
} from "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";

// src/guard/web/session.ts
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
var SIGNED_OUT = "web-signout";
var ISSUER = "mcp-guard-web";
var SessionKeeper = class {
  #o;
  #key;
  /** Session ids signed out in this process, until their expiry (seconds). */
  #revoked = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#o = options;
    this.#key = options.secret ?? randomBytes(32);
  }
  #csrf(sid) {
    return createHmac("sha256", this.#key).update(`csrf\0${sid}`).digest("base64url");
  }
  /** Starts a session for `user`; returns the `Set-Cookie` value and the session. */
  async issue(user) {
    const known = this.#o.users.get(user);
    if (!known) throw new Error(`unknown user ${user}`);
    const sid = randomBytes(16).toString("base64url");
    const exp = Math.floor(Date.now() / 1e3) + this.#o.ttlSec;
    const jwt = await new SignJWT({ sid, pwv: known.version }).setProtectedHeader({ alg: "HS256" }).setSubject(user).setIssuer(ISSUER).setExpirationTime(exp).sign(this.#key);
    const cookie = setCookie({
      name: this.#o.cookieName,
      value: jwt,
      httpOnly: true,
      secure: this.#o.secure,
      sameSite: "strict",
      path: this.#o.path,
      maxAge: this.#o.ttlSec
    });
    return { cookie, session: { user, sid, csrf: this.#csrf(sid), exp } };
  }
  /** The session of a request, if its cookie is valid, unexpired, not signed out and its user unchanged. */
  async read(req) {
    const token = cookies(req)[this.#o.cookieName];
    if (!token) return void 0;
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, algorithms: ["HS256"] });
      const { sub, sid, pwv, exp } = payload;
      if (typeof sub !== "string" || typeof sid !== "string" || typeof exp !== "number") return void 0;
      if (this.#revoked.has(sid)) return void 0;
      if (this.#o.users.get(sub)?.version !== pwv) return void 0;
      if (this.#shared && await this.#shared.getRecord(SIGNED_OUT, sid, Date.now())) {
        this.#revoked.set(sid, exp);
        return void 0;
      }
      return { user: sub, sid, csrf: this.#csrf(sid), exp };
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      return void 0;
    }
  }
  /** The store sign-outs are shared through: only with a configured secret (a random key's cookies never leave this process). */
  get #shared() {
    return this.#o.secret === void 0 ? void 0 : this.#o.store;
  }
  /** True when `token` is this session's CSRF token (compared in constant time). */
  csrfOk(session, token) {
    if (typeof token !== "string") return false;
    const want = Buffer.from(session.csrf);
    const given = Buffer.from(token);
    return want.length === given.length && timingSafeEqual(want, given);
  }
  /**
   * Ends a session (here, and in the store when shared, until the session would have expired); returns
   * the `Set-Cookie` value that clears the cookie.
   */
  async end(session) {
    const now = Math.floor(Date.now() / 1e3);
    for (const [sid, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(sid);
    if (session) {
      this.#revoked.set(session.sid, session.exp);
      await this.#shared?.putRecord(
        SIGNED_OUT,
        session.sid,
        { value: "1", expiresAt: session.exp * 1e3 },
        Date.now()
      );
    }
    return setCookie({
      name: this.#o.cookieName,
      value: "",
      httpOnly: true,
      secure: this.#o.secure,
      sameSite: "strict",
      path: this.#o.path,
      maxAge: 0
    });
  }
};

// src/guard/console/actions.ts
import { stat } from "node:fs/promises";
function consoleApproval(a) {
  return { ...approvalJson(a), args: a.args, args_hash: a.argsHash };
}
async function findApproval(store, id) {
  return (await store.listApprovals()).find((a) => a.id === id);
}
function parseTime(text) {
  if (!text) return void 0;
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(t) ? t : void 0;
}
function parseAuditQuery(q) {
  const text = (k) => q.get(k)?.trim() || void 0;
  const before = Number(q.get("before"));
  return {
    filter: {
      agent: text("agent"),
      tool: text("tool"),
      decision: text("decision"),
      from: parseTime(q.get("from")),
      to: parseTime(q.get("to")),
      fromText: text("from"),
      toText: text("to")
    },
    before: q.has("before") && Number.isSafeInteger(before) && before >= 0 ? before : void 0
  };
}
var ChainCache = class {
  #path;
  #key = "";
  #result;
  constructor(path) {
    this.#path = path;
  }
  async get() {
    const s = await stat(this.#path).catch(() => void 0);
    if (!s) return void 0;
    const key = `${s.ino}:${s.size}:${s.mtimeMs}`;
    if (key !== this.#key || !this.#result) {
      this.#key = key;
      this.#result = verifyAuditLog(this.#path).catch(() => void 0);
    }
    return this.#result;
  }
};
var ConsoleActions = class {
  #o;
  constructor(options) {
    this.#o = options;
  }
  /** Approves or denies; a refusal (no longer pending, unknown) is an outcome, not an exception. */
  async decide(id, approve, by, reason) {
    const note = reason?.trim() ? reason.trim().slice(0, 500) : void 0;
    try {
      const a = await this.#o.desk.decide(id, approve ? "approved" : "denied", by, note);
      return { ok: true, approval: a };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error: error.message };
      throw error;
    }
  }
  /** Accepts the version of a tool a human looked at (`expect`: its hash, so a newer change is not approved blindly). */
  async approvePin(server, tool, expect, by) {
    if (!server || !tool) return { ok: false, error: "server and tool are required" };
    try {
      const pin = await this.#o.store.approvePin(server, tool, by, Date.now(), expect || void 0);
      await this.#o.audit.append({
        decision: "pin-approved",
        method: "pins/approve",
        session: "-",
        backend: server,
        tool,
        by,
        reason: `pinned ${pin.hash?.slice(0, 12)}`,
        latencyMs: 0
      });
      return { ok: true, approval: pin };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error: error.message };
      throw error;
    }
  }
  /** Records a sign-in attempt. */
  signedIn(e) {
    this.#o.audit.append(signInRecord("console/signin", e));
  }
  /** The message a page shows after a change (built from known words, never from the URL's text as markup). */
  flash(q) {
    const error = q.get("error");
    if (error) return `Not done: ${error}`;
    const done = q.get("done");
    const id = q.get("id") ?? "";
    if (done === "approved" || done === "denied")
      return `${done === "approved" ? "Approved" : "Denied"} ${id}.`;
    if (done === "pinned") return `Pinned the offered version of ${id}.`;
    return void 0;
  }
};

// src/guard/console/audit-reader.ts
import { open } from "node:fs/promises";
var CHUNK = 64 * 1024;
var SCAN_MAX = 2e5;
function matches(r, f) {
  if (f.agent && r.agent !== f.agent) return false;
  if (f.tool && r.tool !== f.tool) return false;
  if (f.decision && r.decision !== f.decision) return false;
  const t = Date.parse(r.time);
  if (f.from !== void 0 && !(t >= f.from)) return false;
  if (f.to !== void 0 && !(t <= f.to)) return false;
  return true;
}
async function readAuditPage(path, options = {}) {
  const limit = options.limit ?? 50;
  const filter = options.filter ?? {};
  const file = await open(path, "r").catch((e) => {
    if (e.code === "ENOENT") return void 0;
    throw e;
  });
  if (!file) return { records: [], unreadable: 0 };
  try {
    const size = (await file.stat()).size;
    let end = Math.min(options.before ?? size, size);
    const records = [];
    let unreadable = 0;
    let scanned = 0;
    let tail = Buffer.alloc(0);
    let first = options.before === void 0;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      await file.read(chunk, 0, chunk.length, start);
      let buf = Buffer.concat([chunk, tail]);
      if (first) {
        const lastNl = buf.lastIndexOf(10);
        buf = lastNl < 0 ? Buffer.alloc(0) : buf.subarray(0, lastNl + 1);
        if (lastNl < 0 && start > 0) {
          end = start;
          tail = Buffer.alloc(0);
          continue;
        }
        first = false;
      }
      const firstNl = start === 0 ? -1 : buf.indexOf(10);
      const whole = buf.subarray(firstNl + 1);
      const wholeStart = start + firstNl + 1;
      const lines = whole.toString("utf8").split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      const offsets = [];
      let pos = 0;
      for (const line of lines) {
        offsets.push(wholeStart + pos);
        pos += Buffer.byteLength(line) + 1;
      }
      for (let i = lines.length - 1; i >= 0; i--) {
        if (++scanned > SCAN_MAX || records.length >= limit)
          return { records, older: offsets[i] + Buffer.byteLength(lines[i]) + 1, unreadable };
        let record;
        try {
          record = JSON.parse(lines[i]);
        } catch {
          unreadable++;
          continue;
        }
        if (filter.from !== void 0 && Date.parse(record.time) < filter.from)
          return { records, unreadable };
        if (matches(record, filter)) records.push({ at: offsets[i], record });
      }
      if (start === 0) break;
      tail = buf.subarray(0, firstNl + 1);
      end = start;
    }
    return { records, unreadable };
  } finally {
    await file.close();
  }
}
async function readAuditRecord(path, at) {
  if (!Number.isSafeInteger(at) || at < 0) return void 0;
  const file = await open(path, "r").catch(() => void 0);
  if (!file) return void 0;
  try {
    if (at > 0) {
      const before = Buffer.alloc(1);
      await file.read(before, 0, 1, at - 1);
      if (before[0] !== 10) return void 0;
    }
    const buf = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await file.read(buf, 0, buf.length, at);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl < 0) return void 0;
    return JSON.parse(buf.subarray(0, nl).toString("utf8"));
  } catch {
    return void 0;
  } finally {
    await file.close();
  }
}

// src/guard/console/api.ts
var verifiers = /* @__PURE__ */ new WeakMap();
async function caller(req, ctx) {
  const authz = req.headers.authorization;
  if (authz !== void 0) {
    const m = /^Bearer[ ]+(\S+)$/i.exec(authz.trim());
    if (!m || ctx.config.auth.mode !== "oauth") return void 0;
    let verify = verifiers.get(ctx.config);
    if (!verify) {
      verify = makeVerifier(ctx.config.auth, ctx.resource, ctx.store);
      verifiers.set(ctx.config, verify);
    }
    try {
      const v = await verify(m[1]);
      if (!v.scopes?.includes(ctx.config.console.oauthScope)) return void 0;
      return { user: `oauth:${v.agent}`, expiresMs: Date.now() + 36e5 };
    } catch {
      return void 0;
    }
  }
  const session = await ctx.sessions.read(req);
  return session && { user: session.user, csrf: session.csrf, expiresMs: session.exp * 1e3 };
}
async function handleApi(req, res, url, path, ctx) {
  const fail = (status, message, headers = {}) => sendApiJson(res, status, { error: message }, headers);
  if (path === "/login" && req.method === "POST") {
    const session = await ctx.signin.post(req, res, { api: true, refuse: fail });
    if (session)
      sendApiJson(res, 200, {
        user: session.user,
        csrf_token: session.csrf,
        expires_at: new Date(session.exp * 1e3).toISOString()
      });
    return;
  }
  const who = await caller(req, ctx);
  if (!who)
    return fail(401, "sign in first (POST /console/api/login) or send a token with the console scope");
  let fields = {};
  if (req.method === "POST") {
    const read = await readFields(req);
    if (!read) return fail(400, "expected a JSON object or a form body");
    if (who.csrf !== void 0) {
      const token = req.headers["x-csrf-token"];
      const given = typeof token === "string" ? token : read.csrf;
      const session = await ctx.sessions.read(req);
      if (!sameOrigin(req) || !session || !ctx.sessions.csrfOk(session, given))
        return fail(403, "missing or wrong CSRF token (X-CSRF-Token)");
    }
    fields = read;
  } else if (req.method !== "GET") return fail(405, "GET or POST");
  const q = url.searchParams;
  if (path === "/logout" && req.method === "POST") {
    const session = await ctx.sessions.read(req);
    sendApiJson(res, 200, { ok: true }, { "set-cookie": await ctx.sessions.end(session) });
    return;
  }
  if (path === "/events" && req.method === "GET") return ctx.events(req, res, who.expiresMs);
  if (path === "/approvals" && req.method === "GET") {
    const status = q.get("status") ?? void 0;
    const statuses = ["pending", "approved", "denied", "consumed", "expired", "withdrawn"];
    if (status !== void 0 && !statuses.includes(status))
      return fail(400, `status: one of ${statuses.join(", ")}`);
    const list = await ctx.store.listApprovals(status);
    return sendApiJson(res, 200, { approvals: list.map(consoleApproval) });
  }
  const decide = /^\/approvals\/([0-9a-f]{1,64})\/(approve|deny)$/.exec(path);
  if (decide && req.method === "POST") {
    const outcome = await ctx.actions.decide(decide[1], decide[2] === "approve", who.user, fields.reason);
    if (!outcome.ok) return fail(409, outcome.error);
    return sendApiJson(res, 200, { approval: consoleApproval(outcome.approval) });
  }
  const one = /^\/approvals\/([0-9a-f]{1,64})$/.exec(path);
  if (one && req.method === "GET") {
    const a = await findApproval(ctx.store, one[1]);
    if (!a) return fail(404, `no approval ${one[1]}`);
    return sendApiJson(res, 200, { approval: consoleApproval(a) });
  }
  if (path === "/audit" && req.method === "GET") {
    const { filter, before } = parseAuditQuery(q);
    const limit = Math.min(Math.max(Number(q.get("limit")) || 50, 1), 1e3);
    const { fromText: _f, toText: _t, ...plain } = filter;
    const page2 = await readAuditPage(ctx.auditPath, { before, limit, filter: plain });
    return sendApiJson(res, 200, {
      records: page2.records,
      older: page2.older ?? null,
      unreadable: page2.unreadable
    });
  }
  if (path === "/audit/chain" && req.method === "GET") {
    const state = await ctx.chain.get();
    return sendApiJson(res, 200, state ?? { ok: true, records: 0 });
  }
  if (path === "/audit/record" && req.method === "GET") {
    const r = await readAuditRecord(ctx.auditPath, Number(q.get("at")));
    if (!r) return fail(404, "no record starts at that offset");
    return sendApiJson(res, 200, { record: r });
  }
  if (path === "/pins" && req.method === "GET") {
    const status = q.get("status");
    const pins = (await ctx.store.listPins()).filter((p) => !status || p.status === status);
    return sendApiJson(res, 200, { pins });
  }
  if (path === "/pins/approve" && req.method === "POST") {
    const outcome = await ctx.actions.approvePin(fields.server, fields.tool, fields.expect_hash, who.user);
    if (!outcome.ok) return fail(409, outcome.error);
    return sendApiJson(res, 200, { pin: outcome.approval });
  }
  fail(404, `no such API endpoint: ${path}`);
}

// src/guard/console/views.ts
var iso = (ms) => ms === void 0 ? "" : new Date(ms).toISOString().replace(".000Z", "Z");
function argsBlock(args) {
  if (args === void 0) return html`<span class="muted">not recorded</span>`;
  let text = args;
  try {
    text = JSON.stringify(JSON.parse(args), null, 2);
  } catch {
  }
  return html`<pre class="args">${text}</pre>`;
}
function decideForms(base, a, csrf, focus) {
  const action = `${base}/approvals/${encodeURIComponent(a.id)}`;
  return html`<div class="decide">
<form method="post" action="${action}/approve" data-action="approve" class="approve${focus === "approve" ? " focus" : ""}">
<input type="hidden" name="csrf" value="${csrf}">
<input name="reason" placeholder="note (optional)" aria-label="approval note" maxlength="500">
<button type="submit" class="ok">Approve</button>
</form>
<form method="post" action="${action}/deny" data-action="deny" class="deny${focus === "deny" ? " focus" : ""}">
<input type="hidden" name="csrf" value="${csrf}">
<input name="reason" placeholder="reason" aria-label="denial reason" maxlength="500">
<button type="submit" class="danger">Deny</button>
</form>
</div>`;
}
function pendingRow(base, a, csrf) {
  return html`<tr data-id="${a.id}">
<td><a href="${base}/approvals/${encodeURIComponent(a.id)}" class="mono" data-field="id">${a.id.slice(0, 8)}</a><br><time data-field="created">${iso(a.createdAt)}</time></td>
<td data-field="agent">${a.agent}</td><td class="mono" data-field="tool">${a.tool}</td><td data-field="backend">${a.backend ?? ""}</td>
<td class="num" data-field="amount">${a.amount ?? ""}</td><td><time data-field="expires">${iso(a.expiresAt)}</time></td>
<td><span data-field="summary">${a.summary}</span><div data-field="args">${argsBlock(a.args)}</div></td>
<td>${decideForms(base, a, csrf)}</td>
</tr>`;
}
function pendingView(base, pending, csrf, flash) {
  return html`<h1>Waiting for a decision</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ""}
<p class="muted live" id="live-status" data-events="${base}/events">Updates live.</p>
<table class="approvals" id="pending">
<thead><tr><th>Approval</th><th>Agent</th><th>Tool</th><th>Backend</th><th>Amount</th><th>Expires</th><th>Call</th><th></th></tr></thead>
<tbody>${pending.map((a) => pendingRow(base, a, csrf))}</tbody>
</table>
<p class="empty" id="pending-empty"${pending.length ? html` hidden` : ""}>Nothing waits for a decision.</p>
<template id="approval-row">${pendingRow(base, TEMPLATE_APPROVAL, csrf)}</template>`;
}
var TEMPLATE_APPROVAL = {
  id: "",
  agent: "",
  tool: "",
  argsHash: "",
  summary: "",
  status: "pending",
  createdAt: 0,
  expiresAt: 0
};
function historyView(base, list) {
  return html`<h1>History</h1>
<table class="approvals">
<thead><tr><th>Approval</th><th>Status</th><th>Agent</th><th>Tool</th><th>Amount</th><th>Decided by</th><th>Reason</th></tr></thead>
<tbody>${list.map(
    (a) => html`<tr>
<td><a href="${base}/approvals/${encodeURIComponent(a.id)}" class="mono">${a.id.slice(0, 8)}</a><br><time>${iso(a.createdAt)}</time></td>
<td><span class="status ${a.status}">${a.status}</span></td><td>${a.agent}</td><td class="mono">${a.tool}</td>
<td class="num">${a.amount ?? ""}</td><td>${a.decidedBy ?? ""}<br><time>${iso(a.decidedAt)}</time></td><td>${a.reason ?? ""}</td>
</tr>`
  )}</tbody>
</table>
${list.length ? "" : html`<p class="empty">No decided approvals yet.</p>`}`;
}
function approvalView(base, a, csrf, focus) {
  const rows = [
    ["Status", html`<span class="status ${a.status}">${a.status}</span>`],
    ["Agent", a.agent],
    ["Tool", a.tool],
    ["Backend", a.backend],
    ["Amount", a.amount],
    ["Summary", a.summary],
    ["Held at", iso(a.createdAt)],
    [a.status === "pending" ? "Expires" : "Valid until", iso(a.expiresAt)],
    ["Decided by", a.decidedBy],
    ["Decided at", iso(a.decidedAt)],
    ["Reason", a.reason],
    ["Arguments hash", a.argsHash]
  ];
  return html`<h1>Approval <span class="mono">${a.id}</span></h1>
<dl class="detail">${rows.filter(([, v]) => v !== void 0 && v !== "").map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}<dt>Arguments</dt><dd>${argsBlock(a.args)}</dd></dl>
${a.status === "pending" ? decideForms(base, a, csrf, focus) : ""}
<p><a href="${base}/approvals">All pending approvals</a></p>`;
}
function chainBanner(chain) {
  if (!chain) return html`<p class="chain unknown">No audit log yet.</p>`;
  if (chain.ok) return html`<p class="chain ok">Chain intact: ${chain.records} records verified.</p>`;
  const b = chain.firstBroken;
  return html`<p class="chain broken" role="alert">Chain BROKEN at line ${b.line}${b.seq !== void 0 ? ` (seq ${b.seq})` : ""}: ${b.reason}. The ${chain.records} records before it are intact.</p>`;
}
var DECISIONS = ["allow", "deny", "error", "held", "approved", "denied", "pin-approved"];
function auditView(base, page2, chain, filter, query) {
  const older = new URLSearchParams(query);
  if (page2.older !== void 0) older.set("before", String(page2.older));
  const newest = new URLSearchParams(query);
  newest.delete("before");
  return html`<h1>Audit log</h1>
${chainBanner(chain)}
<form method="get" action="${base}/audit" class="filters">
<label>Agent <input name="agent" value="${filter.agent ?? ""}"></label>
<label>Tool <input name="tool" value="${filter.tool ?? ""}"></label>
<label>Decision <select name="decision"><option value="">any</option>${DECISIONS.map(
    (d) => html`<option value="${d}"${filter.decision === d ? html` selected` : ""}>${d}</option>`
  )}</select></label>
<label>From <input name="from" type="datetime-local" step="1" value="${filter.fromText ?? ""}"></label>
<label>To <input name="to" type="datetime-local" step="1" value="${filter.toText ?? ""}"></label>
<button type="submit">Filter</button> <a href="${base}/audit">Clear</a>
</form>
<table class="audit" id="audit">
<thead><tr><th>Seq</th><th>Time (UTC)</th><th>Decision</th><th>Agent</th><th>Method</th><th>Tool</th><th>Amount</th><th>By</th><th>Reason</th></tr></thead>
<tbody>${page2.records.map(
    ({ at, record: r }) => html`<tr>
<td><a href="${base}/audit/record?at=${at}">${r.seq}</a></td><td><time>${r.time}</time></td>
<td><span class="decision ${String(r.decision)}">${String(r.decision)}</span></td><td>${r.agent ?? ""}</td>
<td class="mono">${r.method ?? ""}</td><td class="mono">${r.tool ?? ""}</td><td class="num">${r.amount ?? ""}</td>
<td>${r.by ?? ""}</td><td>${r.reason ?? ""}</td>
</tr>`
  )}</tbody>
</table>
${page2.records.length ? "" : html`<p class="empty">No records match.</p>`}
${page2.unreadable ? html`<p class="error">${page2.unreadable} line(s) here are not JSON records.</p>` : ""}
<nav class="pager">${query.has("before") ? html`<a href="${base}/audit?${newest.toString()}">Newest</a>` : ""}
${page2.older !== void 0 ? html`<a href="${base}/audit?${older.toString()}" rel="next">Older</a>` : ""}</nav>`;
}
function recordView(base, r) {
  return html`<h1>Audit record ${r.seq}</h1>
<pre class="record">${JSON.stringify(r, null, 2)}</pre>
<p><a href="${base}/audit">Back to the log</a></p>`;
}
function pinsView(base, pins, csrf, flash) {
  const waiting = pins.filter((p) => p.status !== "pinned");
  const pinned = pins.length - waiting.length;
  return html`<h1>Tool pins</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ""}
<p class="muted">${pinned} tool(s) pinned and unchanged; ${waiting.length} waiting for review.</p>
${waiting.map((p) => {
    const diff = lineDiff(definitionLines(p.definition), definitionLines(p.pendingDefinition));
    return html`<section class="pin" data-pin="${p.server}/${p.tool}">
<h2><span class="status ${p.status}">${p.status}</span> <span class="mono">${p.server}/${p.tool}</span></h2>
<p class="muted">offered since <time>${iso(p.changedAt)}</time>; ${p.hash ? `pinned ${p.hash.slice(0, 12)}` : "never approved"} → ${p.pendingHash?.slice(0, 12) ?? ""}</p>
<pre class="diff">${diff.map((line) => html`<span class="${line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "same"}">${line}</span>\n`)}</pre>
<form method="post" action="${base}/pins/approve">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="server" value="${p.server}">
<input type="hidden" name="tool" value="${p.tool}">
<input type="hidden" name="expect" value="${p.pendingHash ?? ""}">
<button type="submit" class="ok">Approve this version</button>
</form>
</section>`;
  })}
${waiting.length ? "" : html`<p class="empty">No changed or new tools.</p>`}`;
}
function headerView(base, user, csrf, current) {
  const link = (path, label) => html`<a href="${base}${path}"${current === path ? html` aria-current="page"` : ""}>${label}</a>`;
  return html`<header>
<span class="brand">mcp-guard</span>
<nav>${link("/approvals", "Approvals")} ${link("/approvals/history", "History")} ${link("/audit", "Audit")} ${link("/pins", "Pins")}</nav>
<form method="post" action="${base}/logout" class="signout"><input type="hidden" name="csrf" value="${csrf}"><span>${user}</span> <button type="submit">Sign out</button></form>
</header>`;
}

// src/guard/console/index.ts
var CONSOLE_PATH = "/console";
function createConsole(config, deps) {
  const base = CONSOLE_PATH;
  const assets = loadAssets();
  const versions = { css: assets.get("console.css").version, js: assets.get("console.js").version };
  const users = new UserDirectory(config.console.users);
  const secure = config.http.publicUrl?.startsWith("https:") ?? false;
  const sessions = new SessionKeeper({
    users,
    secret: config.console.sessionSecret,
    ttlSec: config.console.sessionTtlSec,
    secure,
    path: base,
    cookieName: "mcp_guard_console",
    store: deps.store
  });
  const render = (title, body, session, current = "") => page({
    title,
    body,
    assets: `${base}/assets`,
    versions,
    header: session ? headerView(base, session.user, session.csrf, current) : void 0
  });
  const actions = new ConsoleActions({ ...deps, config });
  const signin = new SignIn({
    users,
    sessions,
    store: deps.store,
    attemptsPerMinute: config.console.loginAttemptsPerMinute,
    basePath: base,
    render,
    onAttempt: (e) => actions.signedIn(e)
  });
  const chain = new ChainCache(deps.auditPath);
  const streams = /* @__PURE__ */ new Set();
  const forbidden = (res, why, session) => sendHtml(res, 403, render("Refused", html`<h1>Refused</h1><p class="error">${why}</p>`, session));
  const notFound = (res, session) => sendHtml(res, 404, render("Not found", html`<h1>Not found</h1>`, session));
  async function events(req, res, expires) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream",
      connection: "keep-alive",
      "x-accel-buffering": "no"
    });
    res.write("retry: 3000\n\n");
    streams.add(res);
    const unsubscribe = await deps.desk.hub.subscribe((changed) => {
      for (const a of changed) res.write(`event: approval
data: ${JSON.stringify(consoleApproval(a))}

`);
    });
    const beat = setInterval(() => res.write(": keepalive\n\n"), 15e3);
    const end = setTimeout(() => res.end(), Math.max(0, expires - Date.now()));
    res.once("close", () => {
      unsubscribe();
      clearInterval(beat);
      clearTimeout(end);
      streams.delete(res);
    });
    req.once("close", () => res.end());
  }
  async function pages(req, res, url, path) {
    const session = await sessions.read(req);
    if (!session) {
      if (req.method === "GET") {
        redirect(res, `${base}/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      } else forbidden(res, "Your session has ended; sign in again.");
      return;
    }
    let fields = {};
    if (req.method === "POST") {
      const read = await readFields(req);
      if (!read || !sameOrigin(req) || !sessions.csrfOk(session, read.csrf)) {
        forbidden(res, "This form was not sent by the console (missing or wrong CSRF token).", session);
        return;
      }
      fields = read;
    } else if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, POST" }).end();
      return;
    }
    const show = (title, body, current) => sendHtml(res, 200, render(title, body, session, current));
    const q = url.searchParams;
    if (path === "/" || path === "") return redirect(res, `${base}/approvals`);
    if (path === "/events" && req.method === "GET") return events(req, res, session.exp * 1e3);
    if (path === "/logout" && req.method === "POST")
      return redirect(res, `${base}/login`, { "set-cookie": await sessions.end(session) });
    if (path === "/approvals" && req.method === "GET") {
      const pending = await deps.store.listApprovals("pending");
      return show("Approvals", pendingView(base, pending, session.csrf, actions.flash(q)), "/approvals");
    }
    if (path === "/approvals/history" && req.method === "GET") {
      const all = await deps.store.listApprovals();
      const done = all.filter((a) => a.status !== "pending").slice(0, 500);
      return show("History", historyView(base, done), "/approvals/history");
    }
    const decide = /^\/approvals\/([0-9a-f]{1,64})\/(approve|deny)$/.exec(path);
    if (decide && req.method === "POST") {
      const outcome = await actions.decide(decide[1], decide[2] === "approve", session.user, fields.reason);
      return redirect(
        res,
        `${base}/approvals?${new URLSearchParams(outcome.ok ? { done: outcome.approval.status, id: outcome.approval.id } : { error: outcome.error })}`
      );
    }
    const one = /^\/approvals\/([0-9a-f]{1,64})$/.exec(path);
    if (one && req.method === "GET") {
      const a = await findApproval(deps.store, one[1]);
      if (!a) return notFound(res, session);
      return show(`Approval ${a.id}`, approvalView(base, a, session.csrf, q.get("action") ?? void 0), "");
    }
    if (path === "/audit" && req.method === "GET") {
      const { filter, before } = parseAuditQuery(q);
      const [auditPage, state] = await Promise.all([
        readAuditPage(deps.auditPath, { before, limit: 50, filter }),
        chain.get()
      ]);
      return show("Audit", auditView(base, auditPage, state, filter, q), "/audit");
    }
    if (path === "/audit/record" && req.method === "GET") {
      const r = await readAuditRecord(deps.auditPath, Number(q.get("at")));
      if (!r) return notFound(res, session);
      return show(`Audit record ${r.seq}`, recordView(base, r), "/audit");
    }
    if (path === "/pins" && req.method === "GET") {
      const pins = await deps.store.listPins();
      return show("Pins", pinsView(base, pins, session.csrf, actions.flash(q)), "/pins");
    }
    if (path === "/pins/approve" && req.method === "POST") {
      const outcome = await actions.approvePin(fields.server, fields.tool, fields.expect, session.user);
      return redirect(
        res,
        `${base}/pins?${new URLSearchParams(outcome.ok ? { done: "pinned", id: `${fields.server}/${fields.tool}` } : { error: outcome.error })}`
      );
    }
    notFound(res, session);
  }
  return {
    prefix: base,
    async handle(req, res, url) {
      const path = url.pathname.slice(base.length) || "/";
      const asset = /^\/assets\/([a-z.]+)$/.exec(path);
      if (asset) {
        const a = assets.get(asset[1]);
        if (!a || !sendAsset(res, a, req.method)) notFound(res);
        return;
      }
      if (path === "/login") {
        if (req.method === "POST") {
          await signin.post(req, res, {
            api: false,
            refuse: (_status, message) => forbidden(res, message)
          });
          return;
        }
        const next = signin.safeNext(url.searchParams.get("next"));
        if (await sessions.read(req)) return redirect(res, next);
        signin.form(res, next);
        return;
      }
      if (path === "/api" || path.startsWith("/api/")) {
        await handleApi(req, res, url, path.slice(4) || "/", {
          config,
          store: deps.store,
          sessions,
          signin,
          actions,
          chain,
          auditPath: deps.auditPath,
          resource: deps.resource,
          events
        });
        return;
      }
      await pages(req, res, url, path);
    },
    listening(url) {
      deps.desk.base = url;
    },
    close() {
      for (const res of streams) res.end();
    }
  };
}
export {
  CONSOLE_PATH,
  createConsole
};
