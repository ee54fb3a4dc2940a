// The default Store: one SQLite file through `node:sqlite`, shared by the guard and the admin CLI
// (another process). WAL mode and a busy timeout let both use it at once; every check-then-write runs
// inside BEGIN IMMEDIATE, which takes the write lock first, so no two reservations (even from two
// processes) can both see the same remaining budget. Rate buckets and the spend ledger (the per-call
// path) live in sqlite-ledger.ts and cost the same on every call; nothing grows with the number of
// requests: idle buckets, reservations past the hour and old decided approvals are pruned by `evictIdle`.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { GroupCommit } from './group-commit.ts';
import { approve, observe, type PinRecord, withStatus } from './pins.ts';
import {
  APPROVAL_KEEP_MS,
  approvalPrefix,
  checkAmount,
  checkTake,
  MICROS,
  newApprovalId,
  pickApprovalId,
  SESSION_IDLE_MS,
  toMicros,
} from './rules.ts';
import { migrateApprovals, toApproval } from './sqlite-approvals.ts';
import {
  evictStep,
  forwardedIn,
  hitBucket,
  LEDGER_SCHEMA,
  migrateLedger,
  releaseIn,
  releaseUnforwardedIn,
  reserveIn,
  settleIn,
  takeBucket,
} from './sqlite-ledger.ts';
import * as records from './sqlite-records.ts';
import {
  type Approval,
  type ApprovalChanges,
  type ApprovalRequest,
  type PinObservation,
  type PinTarget,
  type RecordWrite,
  type ReserveRequest,
  type ReserveResult,
  type Store,
  type StoredRecord,
  StoreError,
  type ToolPin,
} from './types.ts';

/** Approvals returned by one `approvalChanges` call at most. */
const CHANGES_MAX = 500;

const SCHEMA = `
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

type Row = Record<string, unknown>;

/** Columns of `tool_pins` and the `PinRecord` fields they hold (NULL = absent). */
const PIN_COLUMNS = [
  ['hash', 'hash'],
  ['definition', 'definition'],
  ['pinned_at', 'pinnedAt'],
  ['approved_by', 'approvedBy'],
  ['pending_hash', 'pendingHash'],
  ['pending_definition', 'pendingDefinition'],
  ['changed_at', 'changedAt'],
] as const;

function toPinRecord(r: Row): PinRecord {
  const p: Record<string, unknown> = { server: String(r.server), tool: String(r.tool) };
  for (const [column, field] of PIN_COLUMNS) {
    const v = r[column];
    if (v !== null && v !== undefined) p[field] = typeof v === 'bigint' ? Number(v) : v;
  }
  return p as unknown as PinRecord;
}

/** Creates the folder (0700) and the file (0600) before SQLite does, so they never exist with looser modes. */
function prepareFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, '', { flag: 'a', mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The SQLite-backed {@link Store}. */
export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: DatabaseSync;
  /** Prepared statements by SQL text: preparing costs more than running, and each one holds native memory. */
  private readonly statements = new Map<string, StatementSync>();
  /** The same cache as a function, for sqlite-ledger.ts. */
  private readonly prepare = (sql: string): StatementSync => {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  };

  /** Per-call work batched into one transaction per tick (group-commit.ts). */
  private readonly group: GroupCommit;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
    this.group = new GroupCommit(this.prepare);
  }

  /** Opens (creating with mode 0600) the database at `path`. */
  static async open(path: string): Promise<SqliteStore> {
    if (path !== ':memory:') prepareFile(path);
    const db = new DatabaseSync(path);
    // Waits up to 5 s for another process's write lock (the admin CLI, a second guard). A pragma rather
    // than the constructor's `timeout` option, which Node 22 before 22.16 ignores (the floor is 22.13).
    db.exec('PRAGMA busy_timeout = 5000');
    // WAL + synchronous=NORMAL: a commit survives a crash of the process (not necessarily of the machine)
    // without an fsync per call; the WAL file is cut back to 16 MiB after each checkpoint.
    db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 16777216;',
    );
    db.exec(SCHEMA);
    db.exec(records.RECORDS_SCHEMA);
    db.exec('BEGIN IMMEDIATE');
    try {
      migrateApprovals(db);
      migrateLedger(db);
      db.exec(LEDGER_SCHEMA);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      db.close();
      throw error;
    }
    // The WAL and shared-memory files hold the same data: same permissions.
    for (const extra of ['-wal', '-shm']) if (existsSync(path + extra)) chmodSync(path + extra, 0o600);
    return new SqliteStore(path, db);
  }

  private get(sql: string, ...params: (string | number | null)[]): Row | undefined {
    return this.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: (string | number | null)[]): Row[] {
    return this.prepare(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: (string | number | null)[]): number {
    return Number(this.prepare(sql).run(...params).changes);
  }

  /** A token bucket per key (see `hitBucket`): one UPSERT, atomic across processes. */
  async hit(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (!(limitPerMinute > 0)) throw new RangeError('limitPerMinute must be positive');
    return this.group.grouped(() => hitBucket(this.prepare, key, limitPerMinute, now), true);
  }

  /** A lease on the same bucket (see `takeBucket`): one UPSERT, joining the group commit. */
  async take(
    key: string,
    limitPerMinute: number,
    want: number,
    now: number,
    refund = 0,
  ): Promise<{ granted: number; retryAfterMs: number }> {
    checkTake(limitPerMinute, want, refund);
    return this.group.grouped(() => takeBucket(this.prepare, key, limitPerMinute, want, now, refund), true);
  }

  async reserve(r: ReserveRequest): Promise<ReserveResult> {
    checkAmount(r.amount);
    const out = await this.group.grouped(() =>
      reserveIn(this.prepare, {
        agent: r.agent,
        session: r.session,
        micros: toMicros(r.amount),
        sessionCap: r.sessionCap === undefined ? undefined : toMicros(r.sessionCap),
        hourlyCap: r.hourlyCap === undefined ? undefined : toMicros(r.hourlyCap),
        now: r.now,
        owner: r.owner,
      }),
    );
    return out.ok ? out : { ok: false, cap: out.cap, remaining: Math.max(0, out.left) / MICROS };
  }

  /** Refunds once: a second release of the same id changes nothing. */
  async release(reservationId: string): Promise<void> {
    await this.group.grouped(() => releaseIn(this.prepare, reservationId));
  }

  /** One UPDATE, joining the group commit (it runs on every spending call, just before forwarding). */
  async forwarded(reservationId: string): Promise<void> {
    await this.group.grouped(() => forwardedIn(this.prepare, reservationId), true);
  }

  async settle(reservationId: string, amount: number): Promise<void> {
    checkAmount(amount);
    const micros = toMicros(amount);
    await this.group.grouped(() => settleIn(this.prepare, reservationId, micros));
  }

  async releaseUnforwarded(owner: string): Promise<string[]> {
    return this.group.tx(() => releaseUnforwardedIn(this.prepare, owner));
  }

  /** The next revision of the approvals change feed (inside a write transaction). */
  private bump(): number {
    return Number(this.get('UPDATE approval_clock SET rev = rev + 1 WHERE id = 1 RETURNING rev')!.rev);
  }

  /** Marks pending (and unconsumed approved) approvals past their time as expired: a change in the feed. */
  private expire(now: number): void {
    const stale = "status IN ('pending', 'approved') AND expires_at <= ?";
    // Cheap check first: the common case changes nothing and must not bump the clock.
    if (!this.get(`SELECT 1 FROM approvals WHERE ${stale} LIMIT 1`, now)) return;
    this.run(`UPDATE approvals SET status = 'expired', rev = ? WHERE ${stale}`, this.bump(), now);
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    return this.group.tx(() => {
      this.expire(a.now);
      const existing = this.get(
        "SELECT * FROM approvals WHERE agent = ? AND tool = ? AND args_hash = ? AND status = 'pending' ORDER BY created_at DESC LIMIT 1",
        a.agent,
        a.tool,
        a.argsHash,
      );
      if (existing) return toApproval(existing);
      const id = newApprovalId();
      const ttlMs = Math.round(a.ttlSec * 1000);
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
        this.bump(),
      );
      return toApproval(this.get('SELECT * FROM approvals WHERE id = ?', id)!);
    });
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    return this.group.tx(() => {
      this.expire(now);
      const row = this.get(
        'SELECT * FROM approvals WHERE agent = ? AND tool = ? AND args_hash = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
        agent,
        tool,
        argsHash,
      );
      return row ? toApproval(row) : undefined;
    });
  }

  async consumeApproval(id: string, now: number): Promise<boolean> {
    return this.group.tx(() => {
      this.expire(now);
      if (!this.get("SELECT 1 FROM approvals WHERE id = ? AND status = 'approved'", id)) return false;
      this.run("UPDATE approvals SET status = 'consumed', rev = ? WHERE id = ?", this.bump(), id);
      return true;
    });
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    return this.group.tx(() => {
      this.expire(now);
      const rows = status
        ? this.all('SELECT * FROM approvals WHERE status = ? ORDER BY created_at DESC, rowid DESC', status)
        : this.all('SELECT * FROM approvals ORDER BY created_at DESC, rowid DESC');
      return rows.map(toApproval);
    });
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    const p = approvalPrefix(prefix);
    const rows = this.all("SELECT id FROM approvals WHERE id LIKE ? || '%' ORDER BY id LIMIT 6", p);
    return pickApprovalId(
      p,
      rows.map((r) => String(r.id)),
    );
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    return this.group.tx(() => {
      this.expire(now);
      const row = this.get('SELECT * FROM approvals WHERE id = ?', id);
      if (!row) throw new StoreError(`no approval ${id}`);
      if (row.status !== 'pending') throw new StoreError(`approval ${id} is ${row.status}, not pending`);
      this.run(
        'UPDATE approvals SET status = ?, decided_by = ?, reason = ?, decided_at = ?, expires_at = ?, rev = ? WHERE id = ?',
        decision,
        by,
        reason ?? null,
        now,
        now + Number(row.ttl_ms),
        this.bump(),
        id,
      );
      return toApproval(this.get('SELECT * FROM approvals WHERE id = ?', id)!);
    });
  }

  async approvalChanges(after?: number, now = Date.now()): Promise<ApprovalChanges> {
    return this.group.tx(() => {
      this.expire(now);
      const clock = Number(this.get('SELECT rev FROM approval_clock WHERE id = 1')!.rev);
      if (after === undefined) return { cursor: clock, approvals: [] };
      const rows = this.all('SELECT * FROM approvals WHERE rev > ? ORDER BY rev LIMIT ?', after, CHANGES_MAX);
      // A full page may have more behind it: resume after its last row rather than at the clock.
      const cursor = rows.length === CHANGES_MAX ? Number(rows[rows.length - 1].rev) : clock;
      return { cursor, approvals: rows.map(toApproval) };
    });
  }

  private pinRow(server: string, tool: string): PinRecord | undefined {
    const row = this.get('SELECT * FROM tool_pins WHERE server = ? AND tool = ?', server, tool);
    return row ? toPinRecord(row) : undefined;
  }

  /** Replaces a pin's row with `p` (every column, absent fields as NULL). */
  private writePin(p: PinRecord): void {
    const values = PIN_COLUMNS.map(([, field]) => (p[field] ?? null) as string | number | null);
    this.run(
      `INSERT OR REPLACE INTO tool_pins (server, tool, ${PIN_COLUMNS.map(([c]) => c).join(', ')})
       VALUES (?, ?, ${PIN_COLUMNS.map(() => '?').join(', ')})`,
      p.server,
      p.tool,
      ...values,
    );
  }

  /** Asked on every `tools/call`: joins the group commit, so a burst of calls reads under one lock. */
  async getPin(server: string, tool: string): Promise<ToolPin | undefined> {
    const p = await this.group.grouped(() => this.pinRow(server, tool), true, true);
    return p && withStatus(p);
  }

  /** Read and write under one write lock: two guards seeing a tool first at once agree on one pin. */
  async putPin(o: PinObservation): Promise<ToolPin> {
    return this.group.tx(() => {
      const existing = this.pinRow(o.server, o.tool);
      const next = observe(existing, o);
      if (next !== existing) this.writePin(next);
      return withStatus(next);
    });
  }

  async listPins(target: PinTarget = {}): Promise<ToolPin[]> {
    const rows = this.all(
      `SELECT * FROM tool_pins WHERE (? IS NULL OR server = ?) AND (? IS NULL OR tool = ?)
       ORDER BY server, tool`,
      target.server ?? null,
      target.server ?? null,
      target.tool ?? null,
      target.tool ?? null,
    );
    return rows.map((r) => withStatus(toPinRecord(r)));
  }

  async approvePin(
    server: string,
    tool: string,
    by: string,
    now: number,
    expectHash?: string,
  ): Promise<ToolPin> {
    return this.group.tx(() => {
      const next = approve(this.pinRow(server, tool), server, tool, by, now, expectHash);
      this.writePin(next);
      return withStatus(next);
    });
  }

  async resetPins(target: PinTarget = {}): Promise<number> {
    return this.group.tx(() =>
      this.run(
        'DELETE FROM tool_pins WHERE (? IS NULL OR server = ?) AND (? IS NULL OR tool = ?)',
        target.server ?? null,
        target.server ?? null,
        target.tool ?? null,
        target.tool ?? null,
      ),
    );
  }

  async putRecord(kind: string, id: string, write: RecordWrite, now: number, ifAbsent = false) {
    return this.group.grouped(() => records.putRecord(this.prepare, kind, id, write, now, ifAbsent), true);
  }

  async getRecord(kind: string, id: string, now: number): Promise<StoredRecord | undefined> {
    return records.getRecord(this.prepare, kind, id, now);
  }

  async findRecord(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined> {
    return records.findRecord(this.prepare, kind, lookup, now);
  }

  async consumeRecord(kind: string, id: string, now: number): Promise<void> {
    await this.group.grouped(() => records.consumeRecord(this.prepare, kind, id, now), true);
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await this.group.grouped(() => records.deleteRecord(this.prepare, kind, id), true);
  }

  async deleteRecordGroup(kind: string, group: string): Promise<void> {
    await this.group.grouped(() => records.deleteRecordGroup(this.prepare, kind, group), true);
  }

  /**
   * Prunes in short transactions (a batch of old reservations each), yielding between them, so a guard
   * sharing the file is never locked out for long. Old approvals go once expired for `APPROVAL_KEEP_MS`.
   */
  async evictIdle(now: number): Promise<void> {
    this.group.tx(() => {
      this.expire(now);
      this.run(
        "DELETE FROM approvals WHERE status IN ('consumed', 'denied', 'expired', 'withdrawn') AND expires_at <= ?",
        now - APPROVAL_KEEP_MS,
      );
    });
    while (this.db.isOpen && this.group.tx(() => evictStep(this.prepare, now, SESSION_IDLE_MS))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (this.db.isOpen && this.group.tx(() => records.evictRecords(this.prepare, now))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A query on the open file (a closed store or an unreadable file rejects). */
  async ping(): Promise<void> {
    this.get('SELECT count(*) AS n FROM approvals WHERE 0');
  }

  async close(): Promise<void> {
    // Writes already asked for are committed (and answered) before the file closes.
    this.group.flush();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}
