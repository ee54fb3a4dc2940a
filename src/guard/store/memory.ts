// An in-memory `Store`: the same contract as the SQLite store (contract.ts checks both), for unit tests
// and for one-process uses that need no persistence. Each method does its work synchronously before
// its first await, so single-threaded JavaScript makes it atomic on its own.
import { MemoryRecords } from './memory-records.ts';
import { approve, comparePins, inTarget, observe, type PinRecord, withStatus } from './pins.ts';
import {
  APPROVAL_KEEP_MS,
  approvalPrefix,
  checkAmount,
  checkTake,
  HOUR_MS,
  MICROS,
  newApprovalId,
  pickApprovalId,
  SESSION_IDLE_MS,
  statusAt,
  TOKEN,
  toMicros,
  WINDOW_MS,
} from './rules.ts';
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

interface Reservation {
  agent: string;
  session: string;
  /** Millionths. */
  micros: number;
  at: number;
  owner?: string;
  /** The call reached its backend (or has no owner to release it): kept after a crash. */
  forwarded: boolean;
}

/** An approval as kept: with its time to live, which a decision restarts. */
type StoredApproval = Approval & { ttlMs: number };

/** The key of an (agent, session) pair. */
const sessionKey = (agent: string, session: string) => JSON.stringify([agent, session]);

/** A `Store` kept in process memory; state is lost when the process exits. */
export class MemoryStore implements Store {
  /** Token buckets (see `hitBucket` in sqlite-ledger.ts): units left and the time of the last refill. */
  readonly #hits = new Map<string, { units: number; at: number }>();
  readonly #reservations = new Map<string, Reservation>();
  /** Per (agent, session): millionths of reservations older than the hour, folded by `evictIdle`. */
  readonly #sessionTotals = new Map<string, { micros: number; lastAt: number }>();
  readonly #approvals = new Map<string, StoredApproval>();
  /** The change feed: the revision of each approval's last change, and the latest revision. */
  readonly #revs = new Map<string, number>();
  #rev = 0;
  #nextReservation = 1;
  readonly #pins = new Map<string, PinRecord>();
  readonly #records = new MemoryRecords();

  async hit(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (!(limitPerMinute > 0)) throw new RangeError('limitPerMinute must be positive');
    const capacity = Math.max(1, limitPerMinute) * TOKEN;
    const bucket = this.#hits.get(key) ?? { units: capacity, at: now };
    bucket.units = Math.min(capacity, bucket.units + Math.max(0, now - bucket.at) * limitPerMinute);
    bucket.at = Math.max(bucket.at, now);
    this.#hits.set(key, bucket);
    if (bucket.units < TOKEN) {
      return {
        allowed: false,
        retryAfterMs: Math.max(1, Math.ceil((TOKEN - bucket.units) / limitPerMinute)),
      };
    }
    bucket.units -= TOKEN;
    return { allowed: true, retryAfterMs: 0 };
  }

  /** A lease on the same bucket as `hit` (see `Store.take`). */
  async take(
    key: string,
    limitPerMinute: number,
    want: number,
    now: number,
    refund = 0,
  ): Promise<{ granted: number; retryAfterMs: number }> {
    checkTake(limitPerMinute, want, refund);
    const capacity = Math.max(1, limitPerMinute) * TOKEN;
    const bucket = this.#hits.get(key) ?? { units: capacity, at: now };
    const refilled = bucket.units + Math.max(0, now - bucket.at) * limitPerMinute + refund * TOKEN;
    bucket.units = Math.min(capacity, refilled);
    bucket.at = Math.max(bucket.at, now);
    this.#hits.set(key, bucket);
    const granted = Math.min(want, Math.floor(bucket.units / TOKEN));
    bucket.units -= granted * TOKEN;
    if (granted >= want) return { granted, retryAfterMs: 0 };
    return { granted, retryAfterMs: Math.max(1, Math.ceil((TOKEN - bucket.units) / limitPerMinute)) };
  }

  async reserve(r: ReserveRequest): Promise<ReserveResult> {
    checkAmount(r.amount);
    const micros = toMicros(r.amount);
    const session = sessionKey(r.agent, r.session);
    let sessionSpent = this.#sessionTotals.get(session)?.micros ?? 0;
    let hourSpent = 0;
    for (const x of this.#reservations.values()) {
      if (x.agent !== r.agent) continue;
      if (x.session === r.session) sessionSpent += x.micros;
      if (x.at > r.now - HOUR_MS) hourSpent += x.micros;
    }
    const refuse = (cap: 'session' | 'hour', left: number) =>
      ({ ok: false, cap, remaining: Math.max(0, left) / MICROS }) as const;
    if (r.sessionCap !== undefined && micros > toMicros(r.sessionCap) - sessionSpent)
      return refuse('session', toMicros(r.sessionCap) - sessionSpent);
    if (r.hourlyCap !== undefined && micros > toMicros(r.hourlyCap) - hourSpent)
      return refuse('hour', toMicros(r.hourlyCap) - hourSpent);
    const id = String(this.#nextReservation++);
    this.#reservations.set(id, {
      agent: r.agent,
      session: r.session,
      micros,
      at: r.now,
      owner: r.owner,
      forwarded: r.owner === undefined,
    });
    return { ok: true, id };
  }

  async release(reservationId: string): Promise<void> {
    this.#reservations.delete(reservationId);
  }

  async forwarded(reservationId: string): Promise<void> {
    const x = this.#reservations.get(reservationId);
    if (x) x.forwarded = true;
  }

  async settle(reservationId: string, amount: number): Promise<void> {
    checkAmount(amount);
    const x = this.#reservations.get(reservationId);
    if (!x) return;
    x.forwarded = true;
    x.micros = Math.min(x.micros, toMicros(amount));
    if (x.micros === 0) this.#reservations.delete(reservationId);
  }

  async releaseUnforwarded(owner: string): Promise<string[]> {
    const released: string[] = [];
    for (const [id, x] of this.#reservations) {
      if (x.owner !== owner || x.forwarded) continue;
      this.#reservations.delete(id);
      released.push(id);
    }
    return released;
  }

  /** Records a change of `a` in the feed. */
  #touch(a: Approval): void {
    this.#revs.set(a.id, ++this.#rev);
  }

  /** Applies the status at `now` (expiry); an approval that expires is a change in the feed. */
  #settle(a: StoredApproval, now: number): void {
    const status = statusAt(a, now);
    if (status === a.status) return;
    a.status = status;
    this.#touch(a);
  }

  /** The latest approval of one exact call, with its status at `now` applied. */
  #latest(agent: string, tool: string, argsHash: string, now: number): StoredApproval | undefined {
    let latest: StoredApproval | undefined;
    for (const a of this.#approvals.values()) {
      if (a.agent !== agent || a.tool !== tool || a.argsHash !== argsHash) continue;
      // Map order is insertion order: on equal times the later one wins, as in SQLite (rowid).
      if (!latest || a.createdAt >= latest.createdAt) latest = a;
    }
    if (latest) this.#settle(latest, now);
    return latest;
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    const existing = this.#latest(a.agent, a.tool, a.argsHash, a.now);
    if (existing?.status === 'pending') return copy(existing);
    const ttlMs = Math.round(a.ttlSec * 1000);
    const approval: StoredApproval = {
      id: newApprovalId(),
      agent: a.agent,
      tool: a.tool,
      argsHash: a.argsHash,
      summary: a.summary,
      status: 'pending',
      createdAt: a.now,
      expiresAt: a.now + ttlMs,
      ttlMs,
    };
    if (a.amount !== undefined) approval.amount = a.amount;
    if (a.backend !== undefined) approval.backend = a.backend;
    if (a.args !== undefined) approval.args = a.args;
    this.#approvals.set(approval.id, approval);
    this.#touch(approval);
    return copy(approval);
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    const latest = this.#latest(agent, tool, argsHash, now);
    return latest && copy(latest);
  }

  async consumeApproval(id: string, now: number): Promise<boolean> {
    const a = this.#approvals.get(id);
    if (!a) return false;
    this.#settle(a, now);
    if (a.status !== 'approved') return false;
    a.status = 'consumed';
    this.#touch(a);
    return true;
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    const all = [...this.#approvals.values()];
    for (const a of all) this.#settle(a, now);
    // Newest first; on equal times the later insertion first (as SQLite's rowid).
    return all
      .reverse()
      .filter((a) => status === undefined || a.status === status)
      .sort((x, y) => y.createdAt - x.createdAt)
      .map(copy);
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    const p = approvalPrefix(prefix);
    const matches = [...this.#approvals.keys()].filter((id) => id.startsWith(p)).sort();
    return pickApprovalId(p, matches.slice(0, 6));
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    const a = this.#approvals.get(id);
    if (!a) throw new StoreError(`no approval ${id}`);
    this.#settle(a, now);
    if (a.status !== 'pending') throw new StoreError(`approval ${id} is ${a.status}, not pending`);
    a.status = decision;
    a.decidedBy = by;
    a.decidedAt = now;
    if (reason !== undefined) a.reason = reason;
    a.expiresAt = now + a.ttlMs;
    this.#touch(a);
    return copy(a);
  }

  async approvalChanges(after?: number, now = Date.now()): Promise<ApprovalChanges> {
    for (const a of this.#approvals.values()) this.#settle(a, now);
    if (after === undefined) return { cursor: this.#rev, approvals: [] };
    const changed = [...this.#revs].filter(([, rev]) => rev > after).sort((x, y) => x[1] - y[1]);
    return { cursor: this.#rev, approvals: changed.map(([id]) => copy(this.#approvals.get(id)!)) };
  }

  async getPin(server: string, tool: string): Promise<ToolPin | undefined> {
    const p = this.#pins.get(JSON.stringify([server, tool]));
    return p && withStatus({ ...p });
  }

  async putPin(o: PinObservation): Promise<ToolPin> {
    const key = JSON.stringify([o.server, o.tool]);
    const next = observe(this.#pins.get(key), o);
    this.#pins.set(key, next);
    return withStatus({ ...next });
  }

  async listPins(target?: PinTarget): Promise<ToolPin[]> {
    return [...this.#pins.values()]
      .filter((p) => inTarget(p, target))
      .sort(comparePins)
      .map((p) => withStatus({ ...p }));
  }

  async approvePin(
    server: string,
    tool: string,
    by: string,
    now: number,
    expectHash?: string,
  ): Promise<ToolPin> {
    const key = JSON.stringify([server, tool]);
    const next = approve(this.#pins.get(key), server, tool, by, now, expectHash);
    this.#pins.set(key, next);
    return withStatus({ ...next });
  }

  async resetPins(target?: PinTarget): Promise<number> {
    let n = 0;
    for (const [key, p] of this.#pins) {
      if (!inTarget(p, target)) continue;
      this.#pins.delete(key);
      n++;
    }
    return n;
  }

  async putRecord(kind: string, id: string, write: RecordWrite, now: number, ifAbsent?: boolean) {
    return this.#records.put(kind, id, write, now, ifAbsent);
  }

  async getRecord(kind: string, id: string, now: number): Promise<StoredRecord | undefined> {
    return this.#records.get(kind, id, now);
  }

  async findRecord(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined> {
    return this.#records.find(kind, lookup, now);
  }

  async consumeRecord(kind: string, id: string, now: number): Promise<void> {
    this.#records.consume(kind, id, now);
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    this.#records.delete(kind, id);
  }

  async deleteRecordGroup(kind: string, group: string): Promise<void> {
    this.#records.deleteGroup(kind, group);
  }

  async evictIdle(now: number): Promise<void> {
    this.#records.evict(now);
    // A bucket untouched for a minute has refilled completely: the same as no entry.
    for (const [key, bucket] of this.#hits) {
      if (bucket.at <= now - WINDOW_MS) this.#hits.delete(key);
    }
    // Reservations past the hour only matter to their session's total: fold them into it.
    for (const [id, x] of this.#reservations) {
      if (x.at > now - HOUR_MS) continue;
      const key = sessionKey(x.agent, x.session);
      const total = this.#sessionTotals.get(key) ?? { micros: 0, lastAt: 0 };
      this.#sessionTotals.set(key, { micros: total.micros + x.micros, lastAt: Math.max(total.lastAt, x.at) });
      this.#reservations.delete(id);
    }
    for (const [key, total] of this.#sessionTotals) {
      if (total.lastAt <= now - SESSION_IDLE_MS) this.#sessionTotals.delete(key);
    }
    for (const [id, a] of this.#approvals) {
      this.#settle(a, now);
      if (a.status !== 'pending' && a.status !== 'approved' && a.expiresAt <= now - APPROVAL_KEEP_MS) {
        this.#approvals.delete(id);
        this.#revs.delete(id);
      }
    }
  }

  /** How many entries the store holds, per kind (tests and diagnostics: memory stays bounded). */
  sizes(): {
    rateKeys: number;
    reservations: number;
    sessionTotals: number;
    approvals: number;
    records: number;
  } {
    return {
      rateKeys: this.#hits.size,
      reservations: this.#reservations.size,
      sessionTotals: this.#sessionTotals.size,
      approvals: this.#approvals.size,
      records: this.#records.size,
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A copy without the stored-only fields, so callers never hold the store's own object. */
function copy(a: StoredApproval): Approval {
  const { ttlMs: _ttl, ...rest } = a;
  return { ...rest };
}
