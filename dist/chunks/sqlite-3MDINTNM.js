import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  APPROVAL_KEEP_MS,
  HOUR_MS,
  MICROS,
  SESSION_IDLE_MS,
  TOKEN,
  WINDOW_MS,
  approvalPrefix,
  approve,
  checkAmount,
  checkTake,
  newApprovalId,
  observe,
  pickApprovalId,
  toMicros,
  withStatus
} from "./chunk-DPX34IAT.js";
import {
  StoreError
} from "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";

// src/guard/store/sqlite.ts
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

// src/guard/store/group-commit.ts
var GroupCommit = class {
  prepare;
  /**
   * Per-call work (rate hits, reservations, releases, pin lookups) waiting for the group commit:
   * everything asked for in one event-loop turn runs in one transaction, so a burst of pipelined requests
   * pays one WAL commit (and far fewer checkpoints and lock calls) instead of one each. Nobody is
   * answered before the commit.
   */
  queue = [];
  /** A call already went straight through in this tick: the next ones wait for the group commit. */
  busy = false;
  idle = () => {
    this.busy = false;
  };
  constructor(prepare) {
    this.prepare = prepare;
  }
  /** Runs `fn` holding the write lock (BEGIN IMMEDIATE), so reads and writes inside are one atomic step. */
  tx(fn, begin = "BEGIN IMMEDIATE") {
    if (this.queue.length > 0) this.flush();
    this.prepare(begin).run();
    try {
      const out = fn();
      this.prepare("COMMIT").run();
      return out;
    } catch (error) {
      try {
        this.prepare("ROLLBACK").run();
      } catch {
      }
      throw error;
    }
  }
  /**
   * Runs `fn` in the next group commit (see the class comment). The flush is a `process.nextTick`, which Node runs
   * once the current microtasks are done: every request of a chunk read from the client reaches its
   * store call first, yet a lone request waits no longer than a tick. The jobs run in the order asked,
   * so each sees exactly what it would have seen alone; if anything fails, nothing is committed and
   * every job of the batch is rejected (none was answered yet).
   */
  grouped(fn, single = false, read = false) {
    if (!this.busy && this.queue.length === 0) {
      this.busy = true;
      process.nextTick(this.idle);
      try {
        return Promise.resolve(single ? fn() : this.tx(fn));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ fn, single, read, resolve, reject });
      if (this.queue.length === 1) process.nextTick(this.flush);
    });
  }
  flush = () => {
    const jobs = this.queue;
    if (jobs.length === 0) return;
    this.queue = [];
    let results;
    try {
      const run = () => this.runJobs(jobs);
      if (jobs.length === 1 && jobs[0].single) results = [jobs[0].fn()];
      else if (jobs.every((job) => job.read)) results = this.tx(run, "BEGIN");
      else results = this.tx(run);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (let i = 0; i < jobs.length; i++) jobs[i].resolve(results[i]);
  };
  /** Runs a batch's jobs inside its transaction, in the order they were asked. */
  runJobs(jobs) {
    return jobs.map((job) => job.fn());
  }
};

// src/guard/store/sqlite-approvals.ts
function toApproval(r) {
  const a = {
    id: String(r.id),
    agent: String(r.agent),
    tool: String(r.tool),
    argsHash: String(r.args_hash),
    summary: String(r.summary),
    status: r.status,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at)
  };
  if (r.amount !== null && r.amount !== void 0) a.amount = Number(r.amount);
  if (r.decided_by !== null && r.decided_by !== void 0) a.decidedBy = String(r.decided_by);
  if (r.reason !== null && r.reason !== void 0) a.reason = String(r.reason);
  if (r.decided_at !== null && r.decided_at !== void 0) a.decidedAt = Number(r.decided_at);
  if (r.backend !== null && r.backend !== void 0) a.backend = String(r.backend);
  if (r.args !== null && r.args !== void 0) a.args = String(r.args);
  return a;
}
function migrateApprovals(db) {
  const have = new Set(
    db.prepare("PRAGMA table_info(approvals)").all().map((c) => c.name)
  );
  if (!have.has("backend")) db.exec("ALTER TABLE approvals ADD COLUMN backend TEXT");
  if (!have.has("args")) db.exec("ALTER TABLE approvals ADD COLUMN args TEXT");
  if (!have.has("rev")) db.exec("ALTER TABLE approvals ADD COLUMN rev INTEGER NOT NULL DEFAULT 0");
  db.exec("CREATE INDEX IF NOT EXISTS approvals_rev ON approvals (rev)");
}

// src/guard/store/sqlite-ledger.ts
var PRUNE_BATCH = 5e3;
var LEDGER_SCHEMA = `
CREATE TABLE IF NOT EXISTS rate_hits (
  key TEXT PRIMARY KEY, units REAL NOT NULL, at INTEGER NOT NULL, ok INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spend (
  id INTEGER PRIMARY KEY AUTOINCREMENT, agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL,
  at INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0, owner TEXT, forwarded INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS spend_agent_at ON spend (agent, at);
CREATE INDEX IF NOT EXISTS spend_at ON spend (at);
CREATE INDEX IF NOT EXISTS spend_unforwarded ON spend (owner) WHERE forwarded = 0 AND released = 0;
CREATE TABLE IF NOT EXISTS agent_hour (
  agent TEXT PRIMARY KEY, micros INTEGER NOT NULL, swept_to INTEGER NOT NULL, last_at INTEGER NOT NULL)
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS session_spend (
  agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL, last_at INTEGER NOT NULL,
  PRIMARY KEY (agent, session));
`;
function migrateLedger(db) {
  const column = (table, name) => db.prepare("SELECT type FROM pragma_table_info(?) WHERE name = ?").get(table, name);
  if (column("rate_hits", "key") && !column("rate_hits", "units")) db.exec("DROP TABLE rate_hits");
  if (column("spend", "id")?.type === "INTEGER" && !column("spend", "owner"))
    db.exec(
      "ALTER TABLE spend ADD COLUMN owner TEXT; ALTER TABLE spend ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 1;"
    );
  if (column("spend", "id")?.type === "TEXT") {
    db.exec(`ALTER TABLE spend RENAME TO spend_v1; DROP INDEX IF EXISTS spend_agent_at; ${LEDGER_SCHEMA}
      INSERT INTO spend (agent, session, micros, at, released)
        SELECT agent, session, micros, at, released FROM spend_v1 ORDER BY at;
      INSERT OR REPLACE INTO agent_hour (agent, micros, swept_to, last_at)
        SELECT agent, sum(CASE WHEN released = 0 THEN micros ELSE 0 END), 0, max(at) FROM spend_v1 GROUP BY agent;
      DROP TABLE spend_v1;`);
  }
}
var HIT = `INSERT INTO rate_hits (key, units, at, ok) VALUES (?1, ?2 - ${TOKEN}, ?4, 1)
ON CONFLICT (key) DO UPDATE SET
  units = min(?2, units + max(0, ?4 - at) * ?3)
    - CASE WHEN min(?2, units + max(0, ?4 - at) * ?3) >= ${TOKEN} THEN ${TOKEN} ELSE 0 END,
  ok = min(?2, units + max(0, ?4 - at) * ?3) >= ${TOKEN},
  at = max(at, ?4)
RETURNING units, ok`;
function hitBucket(prepare, key, limitPerMinute, now) {
  const row = prepare(HIT).get(key, Math.max(1, limitPerMinute) * TOKEN, limitPerMinute, now);
  if (row.ok) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((TOKEN - row.units) / limitPerMinute)) };
}
var TAKE_LEASE = `INSERT INTO rate_hits (key, units, at, ok)
VALUES (?1, ?2 - min(?5, CAST(?2 / ${TOKEN} AS INTEGER)) * ${TOKEN}, ?4, min(?5, CAST(?2 / ${TOKEN} AS INTEGER)))
ON CONFLICT (key) DO UPDATE SET
  units = min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN})
    - min(?5, CAST(min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN}) / ${TOKEN} AS INTEGER)) * ${TOKEN},
  ok = min(?5, CAST(min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN}) / ${TOKEN} AS INTEGER)),
  at = max(at, ?4)
RETURNING units, ok`;
function takeBucket(prepare, key, limitPerMinute, want, now, refund) {
  const row = prepare(TAKE_LEASE).get(
    key,
    Math.max(1, limitPerMinute) * TOKEN,
    limitPerMinute,
    now,
    want,
    refund
  );
  const granted = Number(row.ok);
  if (granted >= want) return { granted, retryAfterMs: 0 };
  return { granted, retryAfterMs: Math.max(1, Math.ceil((TOKEN - row.units) / limitPerMinute)) };
}
var SWEEP = `UPDATE agent_hour SET
  micros = micros - (SELECT coalesce(sum(s.micros), 0) FROM spend s
    WHERE s.agent = agent_hour.agent AND s.at > agent_hour.swept_to AND s.at <= ?2 AND s.released = 0),
  swept_to = max(swept_to, ?2)`;
var SWEEP_ONE = `${SWEEP} WHERE agent = ?1 RETURNING micros`;
var SWEEP_ALL = SWEEP.replaceAll("?2", "?1");
function reserveIn(prepare, r) {
  if (r.sessionCap !== void 0) {
    const row = prepare("SELECT micros FROM session_spend WHERE agent = ? AND session = ?").get(
      r.agent,
      r.session
    );
    const left = r.sessionCap - Number(row?.micros ?? 0);
    if (r.micros > left) return { ok: false, cap: "session", left };
  }
  const hour = prepare(SWEEP_ONE).get(r.agent, r.now - HOUR_MS);
  if (r.hourlyCap !== void 0) {
    const left = r.hourlyCap - Number(hour?.micros ?? 0);
    if (r.micros > left) return { ok: false, cap: "hour", left };
  }
  const { id } = prepare(
    "INSERT INTO spend (agent, session, micros, at, owner, forwarded) VALUES (?1, ?2, ?3, ?4, ?5, ?5 IS NULL) RETURNING id"
  ).get(r.agent, r.session, r.micros, r.now, r.owner ?? null);
  prepare(
    `INSERT INTO agent_hour (agent, micros, swept_to, last_at) VALUES (?1, ?2, ?3 - ${HOUR_MS}, ?3)
     ON CONFLICT (agent) DO UPDATE SET
       micros = micros + CASE WHEN excluded.last_at > swept_to THEN excluded.micros ELSE 0 END,
       last_at = max(last_at, excluded.last_at)`
  ).run(r.agent, r.micros, r.now);
  prepare(
    `INSERT INTO session_spend (agent, session, micros, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent, session) DO UPDATE SET micros = micros + excluded.micros, last_at = excluded.last_at`
  ).run(r.agent, r.session, r.micros, r.now);
  return { ok: true, id: String(id) };
}
function releaseIn(prepare, reservationId) {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  const row = prepare(
    "UPDATE spend SET released = 1 WHERE id = ? AND released = 0 RETURNING agent, session, micros, at"
  ).get(Number(reservationId));
  if (!row) return;
  prepare("UPDATE agent_hour SET micros = micros - ?2 WHERE agent = ?1 AND swept_to < ?3").run(
    row.agent,
    row.micros,
    row.at
  );
  prepare("UPDATE session_spend SET micros = max(0, micros - ?) WHERE agent = ? AND session = ?").run(
    row.micros,
    row.agent,
    row.session
  );
}
function forwardedIn(prepare, reservationId) {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  prepare("UPDATE spend SET forwarded = 1 WHERE id = ?").run(Number(reservationId));
}
function settleIn(prepare, reservationId, micros) {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  const id = Number(reservationId);
  const row = prepare("SELECT agent, session, micros, at FROM spend WHERE id = ? AND released = 0").get(id);
  if (!row) return;
  if (micros <= 0) {
    releaseIn(prepare, reservationId);
    prepare("UPDATE spend SET forwarded = 1 WHERE id = ?").run(id);
    return;
  }
  const give = Number(row.micros) - micros;
  if (give <= 0) {
    prepare("UPDATE spend SET forwarded = 1 WHERE id = ?").run(id);
    return;
  }
  prepare("UPDATE spend SET micros = ?2, forwarded = 1 WHERE id = ?1").run(id, micros);
  prepare("UPDATE agent_hour SET micros = micros - ?2 WHERE agent = ?1 AND swept_to < ?3").run(
    row.agent,
    give,
    row.at
  );
  prepare("UPDATE session_spend SET micros = max(0, micros - ?) WHERE agent = ? AND session = ?").run(
    give,
    row.agent,
    row.session
  );
}
function releaseUnforwardedIn(prepare, owner) {
  const rows = prepare("SELECT id FROM spend WHERE owner = ? AND forwarded = 0 AND released = 0").all(
    owner
  );
  const ids = rows.map((row) => String(row.id));
  for (const id of ids) releaseIn(prepare, id);
  return ids;
}
function evictStep(prepare, now, sessionIdleMs) {
  prepare("DELETE FROM rate_hits WHERE at <= ?").run(now - WINDOW_MS);
  const cut = now - HOUR_MS;
  prepare(SWEEP_ALL).run(cut);
  prepare("DELETE FROM agent_hour WHERE last_at <= ?").run(cut);
  prepare("DELETE FROM session_spend WHERE last_at <= ?").run(now - sessionIdleMs);
  const pruned = prepare(
    `DELETE FROM spend WHERE id IN (SELECT id FROM spend WHERE at <= ? ORDER BY at LIMIT ${PRUNE_BATCH})`
  ).run(cut);
  return Number(pruned.changes) === PRUNE_BATCH;
}

// src/guard/store/sqlite-records.ts
var RECORDS_SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER, lookup TEXT, grp TEXT,
  consumed_at INTEGER, PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS records_lookup ON records (kind, lookup) WHERE lookup IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_group ON records (kind, grp) WHERE grp IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
`;
var PRUNE_BATCH2 = 500;
var LIVE = "(expires_at IS NULL OR expires_at > ?)";
function toRecord(r) {
  if (!r) return void 0;
  const out = { id: String(r.id), value: String(r.value) };
  if (r.consumed_at !== null && r.consumed_at !== void 0) out.consumedAt = Number(r.consumed_at);
  return out;
}
function putRecord(prepare, kind, id, w, now, ifAbsent) {
  const sql = `INSERT INTO records (kind, id, value, expires_at, lookup, grp, consumed_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
      lookup = excluded.lookup, grp = excluded.grp, consumed_at = NULL${ifAbsent ? ` WHERE NOT ${LIVE.replaceAll("expires_at", "records.expires_at")}` : ""}`;
  const params = [kind, id, w.value, w.expiresAt ?? null, w.lookup ?? null, w.group ?? null];
  const changes = ifAbsent ? prepare(sql).run(...params, now).changes : prepare(sql).run(...params).changes;
  return Number(changes) > 0;
}
function getRecord(prepare, kind, id, now) {
  return toRecord(
    prepare(`SELECT id, value, consumed_at FROM records WHERE kind = ? AND id = ? AND ${LIVE}`).get(
      kind,
      id,
      now
    )
  );
}
function findRecord(prepare, kind, lookup, now) {
  return toRecord(
    prepare(
      `SELECT id, value, consumed_at FROM records WHERE kind = ? AND lookup = ? AND ${LIVE} ORDER BY rowid DESC LIMIT 1`
    ).get(kind, lookup, now)
  );
}
function consumeRecord(prepare, kind, id, now) {
  prepare(`UPDATE records SET consumed_at = ? WHERE kind = ? AND id = ? AND ${LIVE}`).run(now, kind, id, now);
}
function deleteRecord(prepare, kind, id) {
  prepare("DELETE FROM records WHERE kind = ? AND id = ?").run(kind, id);
}
function deleteRecordGroup(prepare, kind, group) {
  prepare("DELETE FROM records WHERE kind = ? AND grp = ?").run(kind, group);
}
function evictRecords(prepare, now) {
  const pruned = prepare(
    `DELETE FROM records WHERE rowid IN (SELECT rowid FROM records WHERE expires_at <= ? LIMIT ${PRUNE_BATCH2})`
  ).run(now);
  return Number(pruned.changes) === PRUNE_BATCH2;
}

// src/guard/store/sqlite.ts
var CHANGES_MAX = 500;
var SCHEMA = `
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY, agent TEXT NOT NULL, tool TEXT NOT NULL, args_hash TEXT NOT NULL, amount REAL,
  summary TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  ttl_ms INTEGER NOT NULL, decided_by TEXT, reason TEXT, decided_at INTEGER);
CREATE INDEX IF NOT EXISTS approvals_call ON approvals (agent, tool, args_hash, created_at);
CREATE INDEX IF NOT EXISTS approvals_status ON approvals (status, expires_at);
CREATE TABLE IF NOT EXISTS approval_clock (id INTEGER PRIMARY KEY CHECK (id = 1), rev INTEGER NOT NULL);
INSERT OR IGNORE INTO approval_clock (id, rev) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS tool_pins (
  server TEXT NOT NULL, tool TEXT NOT NULL, hash TEXT, definition TEXT, pinned_at INTEGER, approved_by TEXT,
  pending_hash TEXT, pending_definition TEXT, changed_at INTEGER, PRIMARY KEY (server, tool));
`;
var PIN_COLUMNS = [
  ["hash", "hash"],
  ["definition", "definition"],
  ["pinned_at", "pinnedAt"],
  ["approved_by", "approvedBy"],
  ["pending_hash", "pendingHash"],
  ["pending_definition", "pendingDefinition"],
  ["changed_at", "changedAt"]
];
function toPinRecord(r) {
  const p = { server: String(r.server), tool: String(r.tool) };
  for (const [column, field] of PIN_COLUMNS) {
    const v = r[column];
    if (v !== null && v !== void 0) p[field] = typeof v === "bigint" ? Number(v) : v;
  }
  return p;
}
function prepareFile(path) {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 448 });
  writeFileSync(path, "", { flag: "a", mode: 384 });
  chmodSync(path, 384);
}
var SqliteStore = class _SqliteStore {
  path;
  db;
  /** Prepared statements by SQL text: preparing costs more than running, and each one holds native memory. */
  statements = /* @__PURE__ */ new Map();
  /** The same cache as a function, for sqlite-ledger.ts. */
  prepare = (sql) => {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  };
  /** Per-call work batched into one transaction per tick (group-commit.ts). */
  group;
  constructor(path, db) {
    this.path = path;
    this.db = db;
    this.group = new GroupCommit(this.prepare);
  }
  /** Opens (creating with mode 0600) the database at `path`. */
  static async open(path) {
    if (path !== ":memory:") prepareFile(path);
    const db = new DatabaseSync(path);
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 16777216;"
    );
    db.exec(SCHEMA);
    db.exec(RECORDS_SCHEMA);
    db.exec("BEGIN IMMEDIATE");
    try {
      migrateApprovals(db);
      migrateLedger(db);
      db.exec(LEDGER_SCHEMA);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      db.close();
      throw error;
    }
    for (const extra of ["-wal", "-shm"]) if (existsSync(path + extra)) chmodSync(path + extra, 384);
    return new _SqliteStore(path, db);
  }
  get(sql, ...params) {
    return this.prepare(sql).get(...params);
  }
  all(sql, ...params) {
    return this.prepare(sql).all(...params);
  }
  run(sql, ...params) {
    return Number(this.prepare(sql).run(...params).changes);
  }
  /** A token bucket per key (see `hitBucket`): one UPSERT, atomic across processes. */
  async hit(key, limitPerMinute, now) {
    if (!(limitPerMinute > 0)) throw new RangeError("limitPerMinute must be positive");
    return this.group.grouped(() => hitBucket(this.prepare, key, limitPerMinute, now), true);
  }
  /** A lease on the same bucket (see `takeBucket`): one UPSERT, joining the group commit. */
  async take(key, limitPerMinute, want, now, refund = 0) {
    checkTake(limitPerMinute, want, refund);
    return this.group.grouped(() => takeBucket(this.prepare, key, limitPerMinute, want, now, refund), true);
  }
  async reserve(r) {
    checkAmount(r.amount);
    const out = await this.group.grouped(
      () => reserveIn(this.prepare, {
        agent: r.agent,
        session: r.session,
        micros: toMicros(r.amount),
        sessionCap: r.sessionCap === void 0 ? void 0 : toMicros(r.sessionCap),
        hourlyCap: r.hourlyCap === void 0 ? void 0 : toMicros(r.hourlyCap),
        now: r.now,
        owner: r.owner
      })
    );
    return out.ok ? out : { ok: false, cap: out.cap, remaining: Math.max(0, out.left) / MICROS };
  }
  /** Refunds once: a second release of the same id changes nothing. */
  async release(reservationId) {
    await this.group.grouped(() => releaseIn(this.prepare, reservationId));
  }
  /** One UPDATE, joining the group commit (it runs on every spending call, just before forwarding). */
  async forwarded(reservationId) {
    await this.group.grouped(() => forwardedIn(this.prepare, reservationId), true);
  }
  async settle(reservationId, amount) {
    checkAmount(amount);
    const micros = toMicros(amount);
    await this.group.grouped(() => settleIn(this.prepare, reservationId, micros));
  }
  async releaseUnforwarded(owner) {
    return this.group.tx(() => releaseUnforwardedIn(this.prepare, owner));
  }
  /** The next revision of the approvals change feed (inside a write transaction). */
  bump() {
    return Number(this.get("UPDATE approval_clock SET rev = rev + 1 WHERE id = 1 RETURNING rev").rev);
  }
  /** Marks pending (and unconsumed approved) approvals past their time as expired: a change in the feed. */
  expire(now) {
    const stale = "status IN ('pending', 'approved') AND expires_at <= ?";
    if (!this.get(`SELECT 1 FROM approvals WHERE ${stale} LIMIT 1`, now)) return;
    this.run(`UPDATE approvals SET status = 'expired', rev = ? WHERE ${stale}`, this.bump(), now);
  }
  async requestApproval(a) {
    return this.group.tx(() => {
      this.expire(a.now);
      const existing = this.get(
        "SELECT * FROM approvals WHERE agent = ? AND tool = ? AND args_hash = ? AND status = 'pending' ORDER BY created_at DESC LIMIT 1",
        a.agent,
        a.tool,
        a.argsHash
      );
      if (existing) return toApproval(existing);
      const id = newApprovalId();
      const ttlMs = Math.round(a.ttlSec * 1e3);
      this.run(
        `INSERT INTO approvals (id, agent, tool, args_hash, amount, summary, status, created_at, expires_at, ttl_ms, backend, args, rev)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
        id,
        a.agent,
        a.tool,
        a.argsHash,
        a.amount ?? null,
        a.summary,
        a.now,
        a.now + ttlMs,
        ttlMs,
        a.backend ?? null,
        a.args ?? null,
        this.bump()
      );
      return toApproval(this.get("SELECT * FROM approvals WHERE id = ?", id));
    });
  }
  async findApproval(agent, tool, argsHash, now) {
    return this.group.tx(() => {
      this.expire(now);
      const row = this.get(
        "SELECT * FROM approvals WHERE agent = ? AND tool = ? AND args_hash = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
        agent,
        tool,
        argsHash
      );
      return row ? toApproval(row) : void 0;
    });
  }
  async consumeApproval(id, now) {
    return this.group.tx(() => {
      this.expire(now);
      if (!this.get("SELECT 1 FROM approvals WHERE id = ? AND status = 'approved'", id)) return false;
      this.run("UPDATE approvals SET status = 'consumed', rev = ? WHERE id = ?", this.bump(), id);
      return true;
    });
  }
  async listApprovals(status, now = Date.now()) {
    return this.group.tx(() => {
      this.expire(now);
      const rows = status ? this.all("SELECT * FROM approvals WHERE status = ? ORDER BY created_at DESC, rowid DESC", status) : this.all("SELECT * FROM approvals ORDER BY created_at DESC, rowid DESC");
      return rows.map(toApproval);
    });
  }
  async resolveApprovalId(prefix) {
    const p = approvalPrefix(prefix);
    const rows = this.all("SELECT id FROM approvals WHERE id LIKE ? || '%' ORDER BY id LIMIT 6", p);
    return pickApprovalId(
      p,
      rows.map((r) => String(r.id))
    );
  }
  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(id, decision, by, reason, now) {
    return this.group.tx(() => {
      this.expire(now);
      const row = this.get("SELECT * FROM approvals WHERE id = ?", id);
      if (!row) throw new StoreError(`no approval ${id}`);
      if (row.status !== "pending") throw new StoreError(`approval ${id} is ${row.status}, not pending`);
      this.run(
        "UPDATE approvals SET status = ?, decided_by = ?, reason = ?, decided_at = ?, expires_at = ?, rev = ? WHERE id = ?",
        decision,
        by,
        reason ?? null,
        now,
        now + Number(row.ttl_ms),
        this.bump(),
        id
      );
      return toApproval(this.get("SELECT * FROM approvals WHERE id = ?", id));
    });
  }
  async approvalChanges(after, now = Date.now()) {
    return this.group.tx(() => {
      this.expire(now);
      const clock = Number(this.get("SELECT rev FROM approval_clock WHERE id = 1").rev);
      if (after === void 0) return { cursor: clock, approvals: [] };
      const rows = this.all("SELECT * FROM approvals WHERE rev > ? ORDER BY rev LIMIT ?", after, CHANGES_MAX);
      const cursor = rows.length === CHANGES_MAX ? Number(rows[rows.length - 1].rev) : clock;
      return { cursor, approvals: rows.map(toApproval) };
    });
  }
  pinRow(server, tool) {
    const row = this.get("SELECT * FROM tool_pins WHERE server = ? AND tool = ?", server, tool);
    return row ? toPinRecord(row) : void 0;
  }
  /** Replaces a pin's row with `p` (every column, absent fields as NULL). */
  writePin(p) {
    const values = PIN_COLUMNS.map(([, field]) => p[field] ?? null);
    this.run(
      `INSERT OR REPLACE INTO tool_pins (server, tool, ${PIN_COLUMNS.map(([c]) => c).join(", ")})
       VALUES (?, ?, ${PIN_COLUMNS.map(() => "?").join(", ")})`,
      p.server,
      p.tool,
      ...values
    );
  }
  /** Asked on every `tools/call`: joins the group commit, so a burst of calls reads under one lock. */
  async getPin(server, tool) {
    const p = await this.group.grouped(() => this.pinRow(server, tool), true, true);
    return p && withStatus(p);
  }
  /** Read and write under one write lock: two guards seeing a tool first at once agree on one pin. */
  async putPin(o) {
    return this.group.tx(() => {
      const existing = this.pinRow(o.server, o.tool);
      const next = observe(existing, o);
      if (next !== existing) this.writePin(next);
      return withStatus(next);
    });
  }
  async listPins(target = {}) {
    const rows = this.all(
      `SELECT * FROM tool_pins WHERE (? IS NULL OR server = ?) AND (? IS NULL OR tool = ?)
       ORDER BY server, tool`,
      target.server ?? null,
      target.server ?? null,
      target.tool ?? null,
      target.tool ?? null
    );
    return rows.map((r) => withStatus(toPinRecord(r)));
  }
  async approvePin(server, tool, by, now, expectHash) {
    return this.group.tx(() => {
      const next = approve(this.pinRow(server, tool), server, tool, by, now, expectHash);
      this.writePin(next);
      return withStatus(next);
    });
  }
  async resetPins(target = {}) {
    return this.group.tx(
      () => this.run(
        "DELETE FROM tool_pins WHERE (? IS NULL OR server = ?) AND (? IS NULL OR tool = ?)",
        target.server ?? null,
        target.server ?? null,
        target.tool ?? null,
        target.tool ?? null
      )
    );
  }
  async putRecord(kind, id, write, now, ifAbsent = false) {
    return this.group.grouped(() => putRecord(this.prepare, kind, id, write, now, ifAbsent), true);
  }
  async getRecord(kind, id, now) {
    return getRecord(this.prepare, kind, id, now);
  }
  async findRecord(kind, lookup, now) {
    return findRecord(this.prepare, kind, lookup, now);
  }
  async consumeRecord(kind, id, now) {
    await this.group.grouped(() => consumeRecord(this.prepare, kind, id, now), true);
  }
  async deleteRecord(kind, id) {
    await this.group.grouped(() => deleteRecord(this.prepare, kind, id), true);
  }
  async deleteRecordGroup(kind, group) {
    await this.group.grouped(() => deleteRecordGroup(this.prepare, kind, group), true);
  }
  /**
   * Prunes in short transactions (a batch of old reservations each), yielding between them, so a guard
   * sharing the file is never locked out for long. Old approvals go once expired for `APPROVAL_KEEP_MS`.
   */
  async evictIdle(now) {
    this.group.tx(() => {
      this.expire(now);
      this.run(
        "DELETE FROM approvals WHERE status IN ('consumed', 'denied', 'expired', 'withdrawn') AND expires_at <= ?",
        now - APPROVAL_KEEP_MS
      );
    });
    while (this.db.isOpen && this.group.tx(() => evictStep(this.prepare, now, SESSION_IDLE_MS))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (this.db.isOpen && this.group.tx(() => evictRecords(this.prepare, now))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  /** A query on the open file (a closed store or an unreadable file rejects). */
  async ping() {
    this.get("SELECT count(*) AS n FROM approvals WHERE 0");
  }
  async close() {
    this.group.flush();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
};
export {
  SqliteStore
};
