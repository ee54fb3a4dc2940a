// The state the guard shares between requests, restarts and processes (the CLI approves what the
// guard holds): rate windows, spend ledgers and approvals. One interface so a Redis implementation
// can serve several replicas; SQLite is the default.

/** A held call waiting for (or carrying) a human decision. */
export interface Approval {
  id: string;
  agent: string;
  tool: string;
  /** SHA-256 of the canonical arguments: the retry must be the same call. */
  argsHash: string;
  amount?: number;
  summary: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed' | 'expired';
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
  decidedBy?: string;
  reason?: string;
}

/** The guard's shared state. Times (`now`) are milliseconds since the epoch, passed in for testability. */
/** What a held call asks for: the exact call (agent, tool, argument hash) and how long to wait. */
export interface ApprovalRequest {
  agent: string;
  tool: string;
  argsHash: string;
  amount?: number;
  summary: string;
  ttlSec: number;
  now: number;
}

export interface Store {
  /** Sliding-window (or token-bucket) rate check; counts the hit when allowed. */
  hit(key: string, limitPerMinute: number, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Atomically reserves `amount` against the caps; never overshoots under concurrency. */
  reserve(r: {
    agent: string;
    session: string;
    amount: number;
    sessionCap?: number;
    hourlyCap?: number;
    now: number;
  }): Promise<{ ok: true; id: string } | { ok: false; cap: 'session' | 'hour'; remaining: number }>;
  /** Gives a reservation's amount back (the backend returned an error). */
  release(reservationId: string): Promise<void>;
  /** A pending approval for the same agent/tool/argsHash is returned instead of creating a second. */
  requestApproval(a: ApprovalRequest): Promise<Approval>;
  /** Latest approval for this exact call (any status), expiring stale pending ones. */
  findApproval(agent: string, tool: string, argsHash: string, now: number): Promise<Approval | undefined>;
  /** Marks an approved approval consumed; true exactly once. */
  consumeApproval(id: string, now: number): Promise<boolean>;
  /** All approvals (newest first), or those with one status; stale ones are expired first (`now` defaults to the clock). */
  listApprovals(status?: Approval['status'], now?: number): Promise<Approval[]>;
  /** Resolves a unique id prefix; throws a clear error for none/ambiguous/empty. */
  resolveApprovalId(prefix: string): Promise<string>;
  /** Approves or denies a pending approval; throws when it is not pending (decided, consumed, expired). */
  decideApproval(
    id: string,
    decision: 'approved' | 'denied',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval>;
  /** Drops idle rate windows (memory stays bounded). */
  evictIdle(now: number): Promise<void>;
  close(): Promise<void>;
}

/** A store refusal meant for a human (unknown or ambiguous approval id, approval no longer pending). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
