// The hot half of the SQLite store: rate buckets and the spend ledger, built so that every call does a
// fixed amount of work however many calls came before (the first version counted every hit of the last
// minute and summed every reservation of the last hour on each call, so each call got slower than the
// last). Rate limits are token buckets, one row per key, updated by one UPSERT ... RETURNING. Spend keeps
// a running total per session and per agent for the hour; the hour total sheds reservations as they
// pass the hour, found through an index range that holds only the newly expired rows (amortized O(1)).
// Reservation rows exist so that a release is exact and happens once; they are pruned after the hour.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { HOUR_MS, TOKEN, WINDOW_MS } from './rules.ts';

/** Rows deleted per transaction when pruning, so a big prune never holds the write lock for long. */
const PRUNE_BATCH = 5_000;

/**
 * `rate_hits`: one token bucket per key (`units` left, `at` of the last refill, `ok` = the last hit was
 * allowed, read back by RETURNING). `spend`: one row per reservation, kept an hour for exact release.
 * `agent_hour`: the unreleased amount an agent reserved in the hour after `swept_to` (rows at or before
 * `swept_to` have been subtracted). `session_spend`: running totals per (agent, session).
 */
export const LEDGER_SCHEMA = `
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

/**
 * Brings a file written by the first version (a row per rate hit; reservations keyed by random text)
 * to the current layout. Rate state is dropped (every key starts with a full bucket); reservations are
 * copied and every agent's hour total rebuilt, so an upgrade does not hand out a fresh hourly budget.
 * Runs inside the caller's write transaction, so two processes opening the file at once migrate once.
 */
export function migrateLedger(db: DatabaseSync): void {
  const column = (table: string, name: string) =>
    db.prepare('SELECT type FROM pragma_table_info(?) WHERE name = ?').get(table, name) as
      | { type: string }
      | undefined;
  if (column('rate_hits', 'key') && !column('rate_hits', 'units')) db.exec('DROP TABLE rate_hits');
  // Before writer ids: every reservation counts as forwarded (nothing can release it by owner).
  if (column('spend', 'id')?.type === 'INTEGER' && !column('spend', 'owner'))
    db.exec(
      'ALTER TABLE spend ADD COLUMN owner TEXT; ALTER TABLE spend ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 1;',
    );
  if (column('spend', 'id')?.type === 'TEXT') {
    db.exec(`ALTER TABLE spend RENAME TO spend_v1; DROP INDEX IF EXISTS spend_agent_at; ${LEDGER_SCHEMA}
      INSERT INTO spend (agent, session, micros, at, released)
        SELECT agent, session, micros, at, released FROM spend_v1 ORDER BY at;
      INSERT OR REPLACE INTO agent_hour (agent, micros, swept_to, last_at)
        SELECT agent, sum(CASE WHEN released = 0 THEN micros ELSE 0 END), 0, max(at) FROM spend_v1 GROUP BY agent;
      DROP TABLE spend_v1;`);
  }
}

/** Cached prepared statements by SQL text (preparing on every call was a tenth of the guard's CPU). */
export type Prepare = (sql: string) => StatementSync;

/** ?1 key, ?2 capacity (units), ?3 refill (units per ms), ?4 now. Elapsed time never runs backwards. */
const HIT = `INSERT INTO rate_hits (key, units, at, ok) VALUES (?1, ?2 - ${TOKEN}, ?4, 1)
ON CONFLICT (key) DO UPDATE SET
  units = min(?2, units + max(0, ?4 - at) * ?3)
    - CASE WHEN min(?2, units + max(0, ?4 - at) * ?3) >= ${TOKEN} THEN ${TOKEN} ELSE 0 END,
  ok = min(?2, units + max(0, ?4 - at) * ?3) >= ${TOKEN},
  at = max(at, ?4)
RETURNING units, ok`;

/**
 * A token bucket per key holding up to `limitPerMinute` calls (at least one) and refilling at
 * `limitPerMinute` a minute: a full burst, then one call every 60/limit seconds. A burst cannot repeat at
 * a minute boundary (there is no boundary: after a burst the bucket is empty, whenever it happened).
 * Refused hits take nothing. One statement, atomic across processes.
 */
export function hitBucket(
  prepare: Prepare,
  key: string,
  limitPerMinute: number,
  now: number,
): { allowed: boolean; retryAfterMs: number } {
  const row = prepare(HIT).get(key, Math.max(1, limitPerMinute) * TOKEN, limitPerMinute, now) as {
    units: number;
    ok: number;
  };
  if (row.ok) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((TOKEN - row.units) / limitPerMinute)) };
}

/**
 * A lease (see `Store.take`): ?1 key, ?2 capacity (units), ?3 refill (units per ms), ?4 now, ?5 tokens
 * wanted, ?6 unused tokens given back. The refund joins the refill under the capacity cap, then up to ?5
 * whole tokens are taken; `ok` holds how many (RETURNING reads it back). A new key starts full.
 */
const TAKE_LEASE = `INSERT INTO rate_hits (key, units, at, ok)
VALUES (?1, ?2 - min(?5, CAST(?2 / ${TOKEN} AS INTEGER)) * ${TOKEN}, ?4, min(?5, CAST(?2 / ${TOKEN} AS INTEGER)))
ON CONFLICT (key) DO UPDATE SET
  units = min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN})
    - min(?5, CAST(min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN}) / ${TOKEN} AS INTEGER)) * ${TOKEN},
  ok = min(?5, CAST(min(?2, units + max(0, ?4 - at) * ?3 + ?6 * ${TOKEN}) / ${TOKEN} AS INTEGER)),
  at = max(at, ?4)
RETURNING units, ok`;

/**
 * Takes up to `want` whole tokens from a key's bucket in one UPSERT, after giving back `refund` unused
 * ones (capped at the capacity, so a refund never lifts the bucket above a full one). `retryAfterMs`
 * (when fewer than `want` were granted) is when the next whole token will be there. Integer limits only.
 */
export function takeBucket(
  prepare: Prepare,
  key: string,
  limitPerMinute: number,
  want: number,
  now: number,
  refund: number,
): { granted: number; retryAfterMs: number } {
  const row = prepare(TAKE_LEASE).get(
    key,
    Math.max(1, limitPerMinute) * TOKEN,
    limitPerMinute,
    now,
    want,
    refund,
  ) as {
    units: number;
    ok: number;
  };
  const granted = Number(row.ok);
  if (granted >= want) return { granted, retryAfterMs: 0 };
  return { granted, retryAfterMs: Math.max(1, Math.ceil((TOKEN - row.units) / limitPerMinute)) };
}

/** Subtracts reservations that passed the hour (?2 = now - hour) from one agent's total (?1), or all. */
const SWEEP = `UPDATE agent_hour SET
  micros = micros - (SELECT coalesce(sum(s.micros), 0) FROM spend s
    WHERE s.agent = agent_hour.agent AND s.at > agent_hour.swept_to AND s.at <= ?2 AND s.released = 0),
  swept_to = max(swept_to, ?2)`;
const SWEEP_ONE = `${SWEEP} WHERE agent = ?1 RETURNING micros`;
const SWEEP_ALL = SWEEP.replaceAll('?2', '?1');

/** What `reserveIn` checks: the amount and caps in millionths. */
export interface Reservation {
  agent: string;
  session: string;
  micros: number;
  sessionCap?: number;
  hourlyCap?: number;
  now: number;
  /** The guard's writer id: the reservation starts unforwarded (see `Store.releaseUnforwarded`). */
  owner?: string;
}

/**
 * Checks both caps and records the reservation; the caller holds the write lock (BEGIN IMMEDIATE), so
 * no other reservation, in this process or another, sees the same remaining budget. Five indexed
 * statements, whatever the history.
 */
export function reserveIn(
  prepare: Prepare,
  r: Reservation,
): { ok: true; id: string } | { ok: false; cap: 'session' | 'hour'; left: number } {
  if (r.sessionCap !== undefined) {
    const row = prepare('SELECT micros FROM session_spend WHERE agent = ? AND session = ?').get(
      r.agent,
      r.session,
    ) as { micros: number } | undefined;
    const left = r.sessionCap - Number(row?.micros ?? 0);
    if (r.micros > left) return { ok: false, cap: 'session', left };
  }
  const hour = prepare(SWEEP_ONE).get(r.agent, r.now - HOUR_MS) as { micros: number } | undefined;
  if (r.hourlyCap !== undefined) {
    const left = r.hourlyCap - Number(hour?.micros ?? 0);
    if (r.micros > left) return { ok: false, cap: 'hour', left };
  }
  const { id } = prepare(
    'INSERT INTO spend (agent, session, micros, at, owner, forwarded) VALUES (?1, ?2, ?3, ?4, ?5, ?5 IS NULL) RETURNING id',
  ).get(r.agent, r.session, r.micros, r.now, r.owner ?? null) as { id: number };
  // A reservation already past the sweep (a clock an hour behind another process's) never counts.
  prepare(
    `INSERT INTO agent_hour (agent, micros, swept_to, last_at) VALUES (?1, ?2, ?3 - ${HOUR_MS}, ?3)
     ON CONFLICT (agent) DO UPDATE SET
       micros = micros + CASE WHEN excluded.last_at > swept_to THEN excluded.micros ELSE 0 END,
       last_at = max(last_at, excluded.last_at)`,
  ).run(r.agent, r.micros, r.now);
  prepare(
    `INSERT INTO session_spend (agent, session, micros, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent, session) DO UPDATE SET micros = micros + excluded.micros, last_at = excluded.last_at`,
  ).run(r.agent, r.session, r.micros, r.now);
  return { ok: true, id: String(id) };
}

/** Gives a reservation back once (inside the caller's write transaction); unknown or pruned ids do nothing. */
export function releaseIn(prepare: Prepare, reservationId: string): void {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  const row = prepare(
    'UPDATE spend SET released = 1 WHERE id = ? AND released = 0 RETURNING agent, session, micros, at',
  ).get(Number(reservationId)) as { agent: string; session: string; micros: number; at: number } | undefined;
  if (!row) return;
  // Still in the agent's hour total only if the sweep has not passed it.
  prepare('UPDATE agent_hour SET micros = micros - ?2 WHERE agent = ?1 AND swept_to < ?3').run(
    row.agent,
    row.micros,
    row.at,
  );
  prepare('UPDATE session_spend SET micros = max(0, micros - ?) WHERE agent = ? AND session = ?').run(
    row.micros,
    row.agent,
    row.session,
  );
}

/** Marks a reservation's call forwarded (inside the caller's transaction). */
export function forwardedIn(prepare: Prepare, reservationId: string): void {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  prepare('UPDATE spend SET forwarded = 1 WHERE id = ?').run(Number(reservationId));
}

/**
 * Shrinks a reservation to at most `micros` (inside the caller's write transaction) and marks it
 * forwarded: the difference leaves the session and hour totals as a release would (the hour's only while
 * the sweep has not passed the reservation). 0 releases it.
 */
export function settleIn(prepare: Prepare, reservationId: string, micros: number): void {
  if (!/^[1-9]\d{0,15}$/.test(reservationId)) return;
  const id = Number(reservationId);
  const row = prepare('SELECT agent, session, micros, at FROM spend WHERE id = ? AND released = 0').get(id) as
    | { agent: string; session: string; micros: number; at: number }
    | undefined;
  if (!row) return;
  if (micros <= 0) {
    releaseIn(prepare, reservationId);
    prepare('UPDATE spend SET forwarded = 1 WHERE id = ?').run(id);
    return;
  }
  const give = Number(row.micros) - micros;
  if (give <= 0) {
    prepare('UPDATE spend SET forwarded = 1 WHERE id = ?').run(id);
    return;
  }
  prepare('UPDATE spend SET micros = ?2, forwarded = 1 WHERE id = ?1').run(id, micros);
  prepare('UPDATE agent_hour SET micros = micros - ?2 WHERE agent = ?1 AND swept_to < ?3').run(
    row.agent,
    give,
    row.at,
  );
  prepare('UPDATE session_spend SET micros = max(0, micros - ?) WHERE agent = ? AND session = ?').run(
    give,
    row.agent,
    row.session,
  );
}

/**
 * Releases the owner's reservations never marked forwarded (inside the caller's write transaction);
 * returns their ids.
 */
export function releaseUnforwardedIn(prepare: Prepare, owner: string): string[] {
  const rows = prepare('SELECT id FROM spend WHERE owner = ? AND forwarded = 0 AND released = 0').all(
    owner,
  ) as {
    id: number;
  }[];
  const ids = rows.map((row) => String(row.id));
  for (const id of ids) releaseIn(prepare, id);
  return ids;
}

/**
 * One step of housekeeping, inside the caller's write transaction: drops full (idle a minute) buckets,
 * sweeps every agent's hour, drops agents idle for the hour and sessions idle for `sessionIdleMs`, and up
 * to one batch of reservations past the hour. True when more reservations remain to prune.
 */
export function evictStep(prepare: Prepare, now: number, sessionIdleMs: number): boolean {
  // A bucket untouched for a minute has refilled completely: the same as no row.
  prepare('DELETE FROM rate_hits WHERE at <= ?').run(now - WINDOW_MS);
  const cut = now - HOUR_MS;
  prepare(SWEEP_ALL).run(cut);
  prepare('DELETE FROM agent_hour WHERE last_at <= ?').run(cut);
  prepare('DELETE FROM session_spend WHERE last_at <= ?').run(now - sessionIdleMs);
  const pruned = prepare(
    `DELETE FROM spend WHERE id IN (SELECT id FROM spend WHERE at <= ? ORDER BY at LIMIT ${PRUNE_BATCH})`,
  ).run(cut);
  return Number(pruned.changes) === PRUNE_BATCH;
}
