import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  AuditLog
} from "./chunk-2TU7KOET.js";

// src/guard/audit/writers.ts
import {
  chmodSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync
} from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
var MAX_WRITERS = 64;
var TAIL_BYTES = 16 * 1024 * 1024;
function slotPath(base, n) {
  if (n === 1) return base;
  const ext = extname(base);
  return `${ext ? base.slice(0, -ext.length) : base}.${n}${ext}`;
}
function lockWriter(path) {
  const lock = `${path}.lock`;
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 448 });
  writeFileSync(lock, "", { flag: "a", mode: 384 });
  chmodSync(lock, 384);
  const db = new DatabaseSync(lock, { timeout: 0 });
  try {
    db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE");
    return db;
  } catch (error) {
    db.close();
    if (/locked|busy/i.test(error.message)) return void 0;
    throw error;
  }
}
async function openWriter(base, options) {
  if (existsSync(base) && !statSync(base).isFile()) {
    const log = await AuditLog.open(base, options);
    return {
      log,
      path: base,
      id: `${options.replica}:${resolve(base)}`,
      unfinished: [],
      leases: [],
      close: () => log.close()
    };
  }
  for (let n = 1; n <= MAX_WRITERS; n++) {
    const path = slotPath(base, n);
    const lock = lockWriter(path);
    if (!lock) continue;
    let log;
    try {
      log = await AuditLog.open(path, options);
    } catch (error) {
      lock.close();
      throw error;
    }
    let tail;
    try {
      tail = scanTail(path);
    } catch (error) {
      log.close();
      lock.close();
      throw error;
    }
    return {
      log,
      path,
      id: `${options.replica}:${resolve(path)}`,
      unfinished: tail.unfinished,
      leases: tail.leases,
      close() {
        try {
          log.close();
        } finally {
          lock.close();
        }
      }
    };
  }
  throw new Error(`${base}: all ${MAX_WRITERS} audit files are in use by other guard processes`);
}
function recordUnfinished(log, unfinished, released) {
  let unknown = 0;
  let unsent = 0;
  for (const r of unfinished) {
    const sent = r.reservation === void 0 || !released.has(r.reservation);
    log.append({
      decision: sent ? "unknown" : "error",
      code: sent ? void 0 : -32603,
      call: r.call,
      agent: r.agent,
      session: r.session,
      method: r.method,
      tool: r.tool,
      id: r.id,
      amount: r.amount,
      backend: r.backend,
      argsHash: r.argsHash,
      reason: sent ? `forwarded at ${r.time} (seq ${r.seq}); the guard stopped before the outcome was recorded: the backend may have run it` : `recorded at ${r.time} (seq ${r.seq}) but never sent: the guard stopped first; its spend reservation was released`
    });
    if (sent) unknown++;
    else unsent++;
  }
  return { unknown, unsent };
}
function unfinishedCalls(path, tailBytes = TAIL_BYTES) {
  return scanTail(path, tailBytes).unfinished;
}
var LEASE_SPREAD_MS = 6e4;
function scanTail(path, tailBytes = TAIL_BYTES) {
  const fd = openSync(path, "r");
  let text;
  let truncated = false;
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    text = buf.toString("utf8");
    if (start > 0) {
      text = text.slice(text.indexOf("\n") + 1);
      truncated = true;
    }
  } finally {
    closeSync(fd);
  }
  const open = /* @__PURE__ */ new Map();
  const leased = /* @__PURE__ */ new Map();
  const leases = /* @__PURE__ */ new Map();
  const timeOf = (line) => Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? "");
  const lines = text.split("\n");
  const from = truncated ? timeOf(lines[0]) : void 0;
  let end = Number.NEGATIVE_INFINITY;
  for (let i = lines.length - 1; i >= 0 && !(end > 0); i--) end = timeOf(lines[i]);
  for (const line of lines) {
    if (!line.includes('"call"')) continue;
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof r.call !== "string") continue;
    if (r.decision === "forward") {
      open.set(r.call, r);
      if (r.lease === true && typeof r.reservation === "string") {
        const micros = Math.round((typeof r.amount === "number" ? r.amount : 0) * 1e6);
        leased.set(r.call, { lease: r.reservation, micros });
        const at = Date.parse(r.time);
        const lease = leases.get(r.reservation);
        if (lease) {
          lease.micros += micros;
          lease.last = at;
        } else leases.set(r.reservation, { micros, first: at, last: at });
      }
    } else {
      open.delete(r.call);
      const part = leased.get(r.call);
      const lease = part === void 0 ? void 0 : leases.get(part.lease);
      if (part !== void 0 && lease !== void 0) {
        if (r.released === true) lease.micros -= part.micros;
        lease.last = Date.parse(r.time);
      }
      leased.delete(r.call);
    }
  }
  return {
    unfinished: [...open.values()],
    // Leases of runs long over were settled by their guard (a lease settles within a second of its last
    // call): only those with a record near the end of the file can have been left unsettled.
    leases: [...leases].filter(([, l]) => !(end - l.last > LEASE_SPREAD_MS)).map(([reservation, l]) => ({
      reservation,
      amount: l.micros / 1e6,
      complete: !truncated || l.first - (from ?? Number.POSITIVE_INFINITY) > LEASE_SPREAD_MS
    }))
  };
}

export {
  MAX_WRITERS,
  slotPath,
  lockWriter,
  openWriter,
  recordUnfinished,
  unfinishedCalls
};
