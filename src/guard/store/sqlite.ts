// The default Store: one SQLite file through `node:sqlite`, shared by the guard and the admin CLI
// (another process). WAL mode and a busy timeout let both use it at once; every check-then-write runs
// inside BEGIN IMMEDIATE, which takes the write lock first, so no two reservations (even from two
// processes) can both see the same remaining budget. Nothing grows with the number of requests:
// rate hits older than the window and spend rows older than the hour are dropped by `evictIdle`.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { type Approval, type ApprovalRequest, type Store, StoreError } from './types.ts';

const WINDOW_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Session totals are kept this long after a session's last spend, then forgotten. */
const SESSION_IDLE_MS = 24 * HOUR_MS;
/** Amounts are kept as integer millionths, so sums never drift (0.1 + 0.2 is exactly 0.3). */
const MICROS = 1_000_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rate_hits (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS rate_hits_key_at ON rate_hits (key, at);
CREATE TABLE IF NOT EXISTS spend (
  id TEXT PRIMARY KEY, agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL,
  at INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS spend_agent_at ON spend (agent, at);
CREATE TABLE IF NOT EXISTS session_spend (
  agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL, last_at INTEGER NOT NULL,
  PRIMARY KEY (agent, session));
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY, agent TEXT NOT NULL, tool TEXT NOT NULL, args_hash TEXT NOT NULL, amount REAL,
  summary TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  ttl_ms INTEGER NOT NULL, decided_by TEXT, reason TEXT, decided_at INTEGER);
CREATE INDEX IF NOT EXISTS approvals_call ON approvals (agent, tool, args_hash, created_at);
`;

type Row = Record<string, unknown>;

function toApproval(r: Row): Approval {
  const a: Approval = {
    id: String(r.id),
    agent: String(r.agent),
    tool: String(r.tool),
    argsHash: String(r.args_hash),
    summary: String(r.summary),
    status: r.status as Approval['status'],
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  };
  if (r.amount !== null && r.amount !== undefined) a.amount = Number(r.amount);
  if (r.decided_by !== null && r.decided_by !== undefined) a.decidedBy = String(r.decided_by);
  if (r.reason !== null && r.reason !== undefined) a.reason = String(r.reason);
  return a;
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

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
  }

  /** Opens (creating with mode 0600) the database at `path`. */
  static async open(path: string): Promise<SqliteStore> {
    if (path !== ':memory:') prepareFile(path);
    const db = new DatabaseSync(path, { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    db.exec(SCHEMA);
    // The WAL and shared-memory files hold the same data: same permissions.
    for (const extra of ['-wal', '-shm']) if (existsSync(path + extra)) chmodSync(path + extra, 0o600);
    return new SqliteStore(path, db);
  }

  /** Runs `fn` holding the write lock (BEGIN IMMEDIATE), so reads and writes inside are one atomic step. */
  private tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private get(sql: string, ...params: (string | number | null)[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: (string | number | null)[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: (string | number | null)[]): number {
    return Number(this.db.prepare(sql).run(...params).changes);
  }

  /** A sliding log over the last minute: exact, no double burst at a window edge, at most `limit` rows a key. */
  async hit(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (!(limitPerMinute > 0)) throw new RangeError('limitPerMinute must be positive');
    return this.tx(() => {
      this.run('DELETE FROM rate_hits WHERE key = ? AND at <= ?', key, now - WINDOW_MS);
      const r = this.get('SELECT count(*) AS n, min(at) AS oldest FROM rate_hits WHERE key = ?', key)!;
      if (Number(r.n) < limitPerMinute) {
        this.run('INSERT INTO rate_hits (key, at) VALUES (?, ?)', key, now);
        return { allowed: true, retryAfterMs: 0 };
      }
      // The window frees a slot when the (n - limit + 1)-th oldest hit leaves it.
      const nth = this.get(
        'SELECT at FROM rate_hits WHERE key = ? ORDER BY at LIMIT 1 OFFSET ?',
        key,
        Number(r.n) - Math.floor(limitPerMinute),
      );
      const freedAt = Number(nth?.at ?? r.oldest) + WINDOW_MS;
      return { allowed: false, retryAfterMs: Math.max(1, freedAt - now) };
    });
  }

  async reserve(r: {
    agent: string;
    session: string;
    amount: number;
    sessionCap?: number;
    hourlyCap?: number;
    now: number;
  }): Promise<{ ok: true; id: string } | { ok: false; cap: 'session' | 'hour'; remaining: number }> {
    if (!Number.isFinite(r.amount) || r.amount < 0)
      throw new RangeError('amount must be finite and non-negative');
    const micros = Math.round(r.amount * MICROS);
    return this.tx(() => {
      if (r.sessionCap !== undefined) {
        const row = this.get(
          'SELECT micros FROM session_spend WHERE agent = ? AND session = ?',
          r.agent,
          r.session,
        );
        const left = Math.round(r.sessionCap * MICROS) - Number(row?.micros ?? 0);
        if (micros > left)
          return { ok: false as const, cap: 'session' as const, remaining: Math.max(0, left) / MICROS };
      }
      if (r.hourlyCap !== undefined) {
        const row = this.get(
          'SELECT coalesce(sum(micros), 0) AS spent FROM spend WHERE agent = ? AND at > ? AND released = 0',
          r.agent,
          r.now - HOUR_MS,
        )!;
        const left = Math.round(r.hourlyCap * MICROS) - Number(row.spent);
        if (micros > left)
          return { ok: false as const, cap: 'hour' as const, remaining: Math.max(0, left) / MICROS };
      }
      const id = randomBytes(12).toString('hex');
      this.run(
        'INSERT INTO spend (id, agent, session, micros, at) VALUES (?, ?, ?, ?, ?)',
        id,
        r.agent,
        r.session,
        micros,
        r.now,
      );
      this.run(
        `INSERT INTO session_spend (agent, session, micros, last_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (agent, session) DO UPDATE SET micros = micros + excluded.micros, last_at = excluded.last_at`,
        r.agent,
        r.session,
        micros,
        r.now,
      );
      return { ok: true as const, id };
    });
  }

  /** Refunds once: a second release of the same id changes nothing. */
  async release(reservationId: string): Promise<void> {
    this.tx(() => {
      const row = this.get(
        'SELECT agent, session, micros FROM spend WHERE id = ? AND released = 0',
        reservationId,
      );
      if (!row) return;
      this.run('UPDATE spend SET released = 1 WHERE id = ?', reservationId);
      this.run(
        'UPDATE session_spend SET micros = max(0, micros - ?) WHERE agent = ? AND session = ?',
        Number(row.micros),
        String(row.agent),
        String(row.session),
      );
    });
  }

  /** Marks pending (and unconsumed approved) approvals past their time as expired. */
  private expire(now: number): void {
    this.run(
      "UPDATE approvals SET status = 'expired' WHERE status IN ('pending', 'approved') AND expires_at <= ?",
      now,
    );
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    return this.tx(() => {
      this.expire(a.now);
      const existing = this.get(
        "SELECT * FROM approvals WHERE agent = ? AND tool = ? AND args_hash = ? AND status = 'pending' ORDER BY created_at DESC LIMIT 1",
        a.agent,
        a.tool,
        a.argsHash,
      );
      if (existing) return toApproval(existing);
      const id = randomBytes(8).toString('hex');
      const ttlMs = Math.round(a.ttlSec * 1000);
      this.run(
        `INSERT INTO approvals (id, agent, tool, args_hash, amount, summary, status, created_at, expires_at, ttl_ms)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
        id,
        a.agent,
        a.tool,
        a.argsHash,
        a.amount ?? null,
        a.summary,
        a.now,
        a.now + ttlMs,
        ttlMs,
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
    return this.tx(() => {
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
    return this.tx(() => {
      this.expire(now);
      return (
        this.run("UPDATE approvals SET status = 'consumed' WHERE id = ? AND status = 'approved'", id) === 1
      );
    });
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    return this.tx(() => {
      this.expire(now);
      const rows = status
        ? this.all('SELECT * FROM approvals WHERE status = ? ORDER BY created_at DESC, rowid DESC', status)
        : this.all('SELECT * FROM approvals ORDER BY created_at DESC, rowid DESC');
      return rows.map(toApproval);
    });
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    const p = prefix.trim().toLowerCase();
    if (p === '')
      throw new StoreError('empty approval id; give the id (or a unique prefix) shown by `approvals list`');
    if (!/^[0-9a-f]+$/.test(p))
      throw new StoreError(`"${prefix}" is not an approval id (ids are hexadecimal)`);
    const rows = this.all("SELECT id FROM approvals WHERE id LIKE ? || '%' ORDER BY id LIMIT 6", p);
    if (rows.length === 0) throw new StoreError(`no approval id starts with "${p}"`);
    const exact = rows.find((r) => r.id === p);
    if (exact) return p;
    if (rows.length > 1) {
      const ids = rows.slice(0, 5).map((r) => String(r.id));
      throw new StoreError(
        `"${p}" is ambiguous: ${ids.join(', ')}${rows.length > 5 ? ', ...' : ''}; give more characters`,
      );
    }
    return String(rows[0].id);
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(
    id: string,
    decision: 'approved' | 'denied',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    return this.tx(() => {
      this.expire(now);
      const row = this.get('SELECT * FROM approvals WHERE id = ?', id);
      if (!row) throw new StoreError(`no approval ${id}`);
      if (row.status !== 'pending') throw new StoreError(`approval ${id} is ${row.status}, not pending`);
      this.run(
        'UPDATE approvals SET status = ?, decided_by = ?, reason = ?, decided_at = ?, expires_at = ? WHERE id = ?',
        decision,
        by,
        reason ?? null,
        now,
        now + Number(row.ttl_ms),
        id,
      );
      return toApproval(this.get('SELECT * FROM approvals WHERE id = ?', id)!);
    });
  }

  async evictIdle(now: number): Promise<void> {
    this.tx(() => {
      this.run('DELETE FROM rate_hits WHERE at <= ?', now - WINDOW_MS);
      this.run('DELETE FROM spend WHERE at <= ?', now - HOUR_MS);
      this.run('DELETE FROM session_spend WHERE last_at <= ?', now - SESSION_IDLE_MS);
    });
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
