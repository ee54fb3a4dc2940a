// The records of the SQLite store (`Store.putRecord` and its neighbours): one table keyed by kind and
// id, with partial indexes for the lookup, the group and the expiry. Each write is one statement
// (atomic by itself across processes); expired rows read as absent and are pruned by `evictRecords`.
import type { StatementSync } from 'node:sqlite';
import type { RecordWrite, StoredRecord } from './types.ts';

type Prepare = (sql: string) => StatementSync;

/** The table and its indexes. */
export const RECORDS_SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER, lookup TEXT, grp TEXT,
  consumed_at INTEGER, PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS records_lookup ON records (kind, lookup) WHERE lookup IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_group ON records (kind, grp) WHERE grp IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
`;

/** Rows pruned per statement by {@link evictRecords}. */
const PRUNE_BATCH = 500;

const LIVE = '(expires_at IS NULL OR expires_at > ?)';

function toRecord(r: Record<string, unknown> | undefined): StoredRecord | undefined {
  if (!r) return undefined;
  const out: StoredRecord = { id: String(r.id), value: String(r.value) };
  if (r.consumed_at !== null && r.consumed_at !== undefined) out.consumedAt = Number(r.consumed_at);
  return out;
}

/** Writes a record; with `ifAbsent`, only over nothing or an expired row. True when it wrote. */
export function putRecord(
  prepare: Prepare,
  kind: string,
  id: string,
  w: RecordWrite,
  now: number,
  ifAbsent: boolean,
): boolean {
  const sql = `INSERT INTO records (kind, id, value, expires_at, lookup, grp, consumed_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
      lookup = excluded.lookup, grp = excluded.grp, consumed_at = NULL${ifAbsent ? ` WHERE NOT ${LIVE.replaceAll('expires_at', 'records.expires_at')}` : ''}`;
  const params = [kind, id, w.value, w.expiresAt ?? null, w.lookup ?? null, w.group ?? null];
  const changes = ifAbsent ? prepare(sql).run(...params, now).changes : prepare(sql).run(...params).changes;
  return Number(changes) > 0;
}

/** A live record by id. */
export function getRecord(prepare: Prepare, kind: string, id: string, now: number): StoredRecord | undefined {
  return toRecord(
    prepare(`SELECT id, value, consumed_at FROM records WHERE kind = ? AND id = ? AND ${LIVE}`).get(
      kind,
      id,
      now,
    ) as Record<string, unknown> | undefined,
  );
}

/** The newest live record with this lookup. */
export function findRecord(
  prepare: Prepare,
  kind: string,
  lookup: string,
  now: number,
): StoredRecord | undefined {
  return toRecord(
    prepare(
      `SELECT id, value, consumed_at FROM records WHERE kind = ? AND lookup = ? AND ${LIVE} ORDER BY rowid DESC LIMIT 1`,
    ).get(kind, lookup, now) as Record<string, unknown> | undefined,
  );
}

/** Marks a live record consumed. */
export function consumeRecord(prepare: Prepare, kind: string, id: string, now: number): void {
  prepare(`UPDATE records SET consumed_at = ? WHERE kind = ? AND id = ? AND ${LIVE}`).run(now, kind, id, now);
}

/** Deletes one record. */
export function deleteRecord(prepare: Prepare, kind: string, id: string): void {
  prepare('DELETE FROM records WHERE kind = ? AND id = ?').run(kind, id);
}

/** Deletes a group's records. */
export function deleteRecordGroup(prepare: Prepare, kind: string, group: string): void {
  prepare('DELETE FROM records WHERE kind = ? AND grp = ?').run(kind, group);
}

/** Prunes a batch of expired records; true when there may be more. */
export function evictRecords(prepare: Prepare, now: number): boolean {
  const pruned = prepare(
    `DELETE FROM records WHERE rowid IN (SELECT rowid FROM records WHERE expires_at <= ? LIMIT ${PRUNE_BATCH})`,
  ).run(now);
  return Number(pruned.changes) === PRUNE_BATCH;
}
