import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  AuditLog
} from "./chunk-Z4IN2HOT.js";

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
    let unfinished;
    try {
      unfinished = unfinishedCalls(path);
    } catch (error) {
      log.close();
      lock.close();
      throw error;
    }
    return {
      log,
      path,
      id: `${options.replica}:${resolve(path)}`,
      unfinished,
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
  const fd = openSync(path, "r");
  let text;
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    text = buf.toString("utf8");
    if (start > 0) text = text.slice(text.indexOf("\n") + 1);
  } finally {
    closeSync(fd);
  }
  const open = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    if (!line.includes('"call"')) continue;
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof r.call !== "string") continue;
    if (r.decision === "forward") open.set(r.call, r);
    else open.delete(r.call);
  }
  return [...open.values()];
}

export {
  MAX_WRITERS,
  slotPath,
  lockWriter,
  openWriter,
  recordUnfinished,
  unfinishedCalls
};
