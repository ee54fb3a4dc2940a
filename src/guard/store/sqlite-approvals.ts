// The SQLite store's approvals table: its rows as `Approval`s, and the columns added after the first
// release (added in place to an older file). Split from sqlite.ts.
import type { DatabaseSync } from 'node:sqlite';
import type { Approval } from './types.ts';

type Row = Record<string, unknown>;

/** An approvals row as an `Approval`. */
export function toApproval(r: Row): Approval {
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
  if (r.decided_at !== null && r.decided_at !== undefined) a.decidedAt = Number(r.decided_at);
  if (r.backend !== null && r.backend !== undefined) a.backend = String(r.backend);
  if (r.args !== null && r.args !== undefined) a.args = String(r.args);
  return a;
}

/**
 * Columns added after the first release (the change feed's revision, the backend, the arguments):
 * added in place to an older file, so a store written by an earlier guard keeps working.
 */
export function migrateApprovals(db: DatabaseSync): void {
  const have = new Set(
    (db.prepare('PRAGMA table_info(approvals)').all() as { name: string }[]).map((c) => c.name),
  );
  if (!have.has('backend')) db.exec('ALTER TABLE approvals ADD COLUMN backend TEXT');
  if (!have.has('args')) db.exec('ALTER TABLE approvals ADD COLUMN args TEXT');
  if (!have.has('rev')) db.exec('ALTER TABLE approvals ADD COLUMN rev INTEGER NOT NULL DEFAULT 0');
  db.exec('CREATE INDEX IF NOT EXISTS approvals_rev ON approvals (rev)');
}
