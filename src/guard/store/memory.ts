// An in-memory `Store`: the same contract as the SQLite store, for unit tests and for one-process
// uses that need no persistence. Single-threaded JavaScript makes each method atomic on its own.
import { randomUUID } from 'node:crypto';
import { approve, comparePins, inTarget, observe, type PinRecord, withStatus } from './pins.ts';
import type { Approval, ApprovalRequest, PinObservation, PinTarget, Store, ToolPin } from './types.ts';
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
  owner?: string;
  /** The call reached its backend (or has no owner to release it): kept after a crash. */
  forwarded: boolean;
}

/** A `Store` kept in process memory; state is lost when the process exits. */
export class MemoryStore implements Store {
  /** Token buckets (see `hitBucket` in sqlite-ledger.ts): units left and the time of the last refill. */
  readonly #hits = new Map<string, { units: number; at: number }>();
  readonly #reservations = new Map<string, Reservation>();
  /** Per session: the amount of reservations older than the hour, folded by `evictIdle`. */
  readonly #sessionTotals = new Map<string, { amount: number; lastAt: number }>();
  readonly #approvals = new Map<string, Approval>();
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
    owner?: string;
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
    this.#reservations.set(id, {
      agent: r.agent,
      session: r.session,
      amount: r.amount,
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

  async releaseUnforwarded(owner: string): Promise<number> {
    let n = 0;
    for (const [id, x] of this.#reservations) {
      if (x.owner !== owner || x.forwarded) continue;
      this.#reservations.delete(id);
      n++;
    }
    return n;
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    const existing = await this.findApproval(a.agent, a.tool, a.argsHash, a.now);
    if (existing?.status === 'pending') return existing;
    const approval: Approval = {
      id: randomUUID(),
      agent: a.agent,
      tool: a.tool,
      argsHash: a.argsHash,
      amount: a.amount,
      summary: a.summary,
      status: 'pending',
      createdAt: a.now,
      expiresAt: a.now + a.ttlSec * 1000,
    };
    this.#approvals.set(approval.id, approval);
    return { ...approval };
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    let latest: Approval | undefined;
    for (const a of this.#approvals.values()) {
      if (a.status === 'pending' && a.expiresAt <= now) a.status = 'expired';
      if (a.agent !== agent || a.tool !== tool || a.argsHash !== argsHash) continue;
      if (!latest || a.createdAt >= latest.createdAt) latest = a;
    }
    return latest && { ...latest };
  }

  async consumeApproval(id: string, _now: number): Promise<boolean> {
    const a = this.#approvals.get(id);
    if (a?.status !== 'approved') return false;
    a.status = 'consumed';
    return true;
  }

  async listApprovals(status?: Approval['status']): Promise<Approval[]> {
    return [...this.#approvals.values()]
      .filter((a) => status === undefined || a.status === status)
      .sort((x, y) => y.createdAt - x.createdAt)
      .map((a) => ({ ...a }));
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    if (prefix.trim() === '') throw new Error('an approval id (or a unique prefix of one) is required');
    const matches = [...this.#approvals.keys()].filter((id) => id.startsWith(prefix));
    if (matches.length === 0) throw new Error(`no approval id starts with ${prefix}`);
    if (matches.length > 1)
      throw new Error(`approval id prefix ${prefix} is ambiguous (${matches.length} match)`);
    return matches[0];
  }

  async decideApproval(
    id: string,
    decision: 'approved' | 'denied',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    const a = this.#approvals.get(id);
    if (!a) throw new Error(`no approval ${id}`);
    if (a.status === 'pending' && a.expiresAt <= now) a.status = 'expired';
    if (a.status !== 'pending') throw new Error(`approval ${id} is ${a.status}, not pending`);
    a.status = decision;
    a.decidedBy = by;
    a.reason = reason;
    return { ...a };
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
