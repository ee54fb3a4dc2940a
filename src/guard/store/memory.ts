// An in-memory `Store`: the same contract as the SQLite store, for unit tests and for one-process
// uses that need no persistence. Single-threaded JavaScript makes each method atomic on its own.
import { randomUUID } from 'node:crypto';
import type { Approval, ApprovalRequest, Store } from './types.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Reservation {
  agent: string;
  session: string;
  amount: number;
  at: number;
}

/** A `Store` kept in process memory; state is lost when the process exits. */
export class MemoryStore implements Store {
  readonly #hits = new Map<string, number[]>();
  readonly #reservations = new Map<string, Reservation>();
  readonly #approvals = new Map<string, Approval>();

  async hit(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const window = (this.#hits.get(key) ?? []).filter((t) => t > now - MINUTE);
    this.#hits.set(key, window);
    if (window.length >= limitPerMinute) {
      return { allowed: false, retryAfterMs: Math.max(1, window[0] + MINUTE - now) };
    }
    window.push(now);
    return { allowed: true, retryAfterMs: 0 };
  }

  async reserve(r: {
    agent: string;
    session: string;
    amount: number;
    sessionCap?: number;
    hourlyCap?: number;
    now: number;
  }): Promise<{ ok: true; id: string } | { ok: false; cap: 'session' | 'hour'; remaining: number }> {
    let sessionSpent = 0;
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

  async evictIdle(now: number): Promise<void> {
    for (const [key, window] of this.#hits) {
      if (window.every((t) => t <= now - MINUTE)) this.#hits.delete(key);
    }
  }

  async close(): Promise<void> {}
}
