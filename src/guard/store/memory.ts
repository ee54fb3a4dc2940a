// An in-memory `Store`: the same contract as the SQLite store, for unit tests and for one-process
// uses that need no persistence. Single-threaded JavaScript makes each method atomic on its own.
import { randomUUID } from 'node:crypto';
import { approve, comparePins, inTarget, observe, type PinRecord, withStatus } from './pins.ts';
import {
  type Approval,
  type ApprovalChanges,
  type ApprovalRequest,
  type PinObservation,
  type PinTarget,
  type Store,
  StoreError,
  type ToolPin,
} from './types.ts';
import { checkTake } from './validate.ts';

const MINUTE = 60_000;
/** Bucket contents in 1/60,000 of a token, as in sqlite-ledger.ts: a limit L refills L units a millisecond. */
const TOKEN = 60_000;
const HOUR = 3_600_000;
/** A session's spend total is forgotten after a day without spending (as in the SQLite store). */
const SESSION_IDLE = 24 * HOUR;

interface Reservation {
  agent: string;
  session: string;
  amount: number;
  at: number;
}

/** A `Store` kept in process memory; state is lost when the process exits. */
export class MemoryStore implements Store {
  /** Token buckets (see `hitBucket` in sqlite-ledger.ts): units left and the time of the last refill. */
  readonly #hits = new Map<string, { units: number; at: number }>();
  readonly #reservations = new Map<string, Reservation>();
  /** Per session: the amount of reservations older than the hour, folded by `evictIdle`. */
  readonly #sessionTotals = new Map<string, { amount: number; lastAt: number }>();
  readonly #approvals = new Map<string, Approval>();
  /** The change feed: the revision of each approval's last change, and the latest revision. */
  readonly #revs = new Map<string, number>();
  #rev = 0;
  /** Each approval's TTL: an approved call must be used within one TTL of the decision. */
  readonly #ttl = new Map<string, number>();
  readonly #pins = new Map<string, PinRecord>();

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

  async reserve(r: {
    agent: string;
    session: string;
    amount: number;
    sessionCap?: number;
    hourlyCap?: number;
    now: number;
  }): Promise<{ ok: true; id: string } | { ok: false; cap: 'session' | 'hour'; remaining: number }> {
    let sessionSpent = this.#sessionTotals.get(r.session)?.amount ?? 0;
    let hourSpent = 0;
    for (const x of this.#reservations.values()) {
      if (x.session === r.session) sessionSpent += x.amount;
      if (x.agent === r.agent && x.at > r.now - HOUR) hourSpent += x.amount;
    }
    if (r.sessionCap !== undefined && sessionSpent + r.amount > r.sessionCap) {
      return { ok: false, cap: 'session', remaining: Math.max(0, r.sessionCap - sessionSpent) };
    }
    if (r.hourlyCap !== undefined && hourSpent + r.amount > r.hourlyCap) {
      return { ok: false, cap: 'hour', remaining: Math.max(0, r.hourlyCap - hourSpent) };
    }
    const id = randomUUID();
    this.#reservations.set(id, { agent: r.agent, session: r.session, amount: r.amount, at: r.now });
    return { ok: true, id };
  }

  async release(reservationId: string): Promise<void> {
    this.#reservations.delete(reservationId);
  }

  /** Records a change of `a` in the feed. */
  #touch(a: Approval): void {
    this.#revs.set(a.id, ++this.#rev);
  }

  /** Expires pending approvals past their time (and approved ones never used within it). */
  #expire(now: number): void {
    for (const a of this.#approvals.values()) {
      if ((a.status === 'pending' || a.status === 'approved') && a.expiresAt <= now) {
        a.status = 'expired';
        this.#touch(a);
      }
    }
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    const existing = await this.findApproval(a.agent, a.tool, a.argsHash, a.now);
    if (existing?.status === 'pending') return existing;
    const approval: Approval = {
      id: randomUUID().replaceAll('-', '').slice(0, 16),
      agent: a.agent,
      tool: a.tool,
      argsHash: a.argsHash,
      amount: a.amount,
      summary: a.summary,
      status: 'pending',
      createdAt: a.now,
      expiresAt: a.now + a.ttlSec * 1000,
    };
    if (a.backend !== undefined) approval.backend = a.backend;
    if (a.args !== undefined) approval.args = a.args;
    this.#approvals.set(approval.id, approval);
    this.#ttl.set(approval.id, a.ttlSec * 1000);
    this.#touch(approval);
    return { ...approval };
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    this.#expire(now);
    let latest: Approval | undefined;
    for (const a of this.#approvals.values()) {
      if (a.agent !== agent || a.tool !== tool || a.argsHash !== argsHash) continue;
      if (!latest || a.createdAt >= latest.createdAt) latest = a;
    }
    return latest && { ...latest };
  }

  async consumeApproval(id: string, now: number): Promise<boolean> {
    this.#expire(now);
    const a = this.#approvals.get(id);
    if (a?.status !== 'approved') return false;
    a.status = 'consumed';
    this.#touch(a);
    return true;
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    this.#expire(now);
    return [...this.#approvals.values()]
      .filter((a) => status === undefined || a.status === status)
      .sort((x, y) => y.createdAt - x.createdAt)
      .map((a) => ({ ...a }));
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    if (prefix.trim() === '') throw new StoreError('an approval id (or a unique prefix of one) is required');
    if (this.#approvals.has(prefix)) return prefix;
    const matches = [...this.#approvals.keys()].filter((id) => id.startsWith(prefix));
    if (matches.length === 0) throw new StoreError(`no approval id starts with ${prefix}`);
    if (matches.length > 1)
      throw new StoreError(`approval id prefix ${prefix} is ambiguous (${matches.length} match)`);
    return matches[0];
  }

  async decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    this.#expire(now);
    const a = this.#approvals.get(id);
    if (!a) throw new StoreError(`no approval ${id}`);
    if (a.status !== 'pending') throw new StoreError(`approval ${id} is ${a.status}, not pending`);
    a.status = decision;
    a.decidedBy = by;
    if (reason !== undefined) a.reason = reason;
    a.decidedAt = now;
    a.expiresAt = now + (this.#ttl.get(id) ?? 0);
    this.#touch(a);
    return { ...a };
  }

  async approvalChanges(after?: number, now = Date.now()): Promise<ApprovalChanges> {
    this.#expire(now);
    if (after === undefined) return { cursor: this.#rev, approvals: [] };
    const changed = [...this.#revs].filter(([, rev]) => rev > after).sort((x, y) => x[1] - y[1]);
    return {
      cursor: this.#rev,
      approvals: changed.map(([id]) => ({ ...this.#approvals.get(id)! })),
    };
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

  async evictIdle(now: number): Promise<void> {
    // A bucket untouched for a minute has refilled completely: the same as no entry.
    for (const [key, bucket] of this.#hits) {
      if (bucket.at <= now - MINUTE) this.#hits.delete(key);
    }
    // Reservations past the hour only matter to their session's total: fold them into it.
    for (const [id, x] of this.#reservations) {
      if (x.at > now - HOUR) continue;
      const total = this.#sessionTotals.get(x.session) ?? { amount: 0, lastAt: 0 };
      this.#sessionTotals.set(x.session, {
        amount: total.amount + x.amount,
        lastAt: Math.max(total.lastAt, x.at),
      });
      this.#reservations.delete(id);
    }
    for (const [session, total] of this.#sessionTotals) {
      if (total.lastAt <= now - SESSION_IDLE) this.#sessionTotals.delete(session);
    }
  }

  /** How many entries the store holds, per kind (tests and diagnostics: memory stays bounded). */
  sizes(): { rateKeys: number; reservations: number; sessionTotals: number } {
    return {
      rateKeys: this.#hits.size,
      reservations: this.#reservations.size,
      sessionTotals: this.#sessionTotals.size,
    };
  }

  async close(): Promise<void> {}
}
