// The state the guard shares between requests, restarts and processes (the CLI approves what the
// guard holds): rate windows, spend ledgers, approvals, tool pins and records (the OAuth issuer's).
// One interface so a Redis implementation can serve several replicas; SQLite is the default.

/** A held call waiting for (or carrying) a human decision. */
export interface Approval {
  id: string;
  agent: string;
  tool: string;
  /** SHA-256 of the canonical arguments: the retry must be the same call. */
  argsHash: string;
  amount?: number;
  summary: string;
  /** `withdrawn`: the client cancelled the waiting call (`approvals.mode: wait`) before anyone decided. */
  status: 'pending' | 'approved' | 'denied' | 'consumed' | 'expired' | 'withdrawn';
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
  decidedBy?: string;
  reason?: string;
  /** When it was approved, denied or withdrawn. */
  decidedAt?: number;
  /** The backend the call goes to, when known. */
  backend?: string;
  /** The call's arguments as JSON (redacted), kept only with `audit.record_arguments: true`. */
  args?: string;
}

/** What changed in the approvals after a cursor (see `Store.approvalChanges`). */
export interface ApprovalChanges {
  /** Pass it to the next call to get only later changes. */
  cursor: number;
  /** Approvals created or changed (decided, consumed, expired) since, each once, oldest change first. */
  approvals: Approval[];
}

/**
 * A tool's pinned definition (rug-pull defence), per backend server and tool name. `hash` is the
 * SHA-256 of the approved canonical definition; `pendingHash` the one the backend offers now when it
 * differs and no human has approved it yet.
 */
export interface ToolPin {
  server: string;
  tool: string;
  /** `pinned`: offered as approved; `changed`: the backend offers another version; `new`: never approved. */
  status: 'pinned' | 'changed' | 'new';
  /** The approved version (absent for a `new` tool). */
  hash?: string;
  /** Canonical JSON of the approved definition. */
  definition?: string;
  /** The unapproved version the backend offers (absent when `pinned`). */
  pendingHash?: string;
  pendingDefinition?: string;
  /** When the approved version was pinned (first sight or approval), ms since the epoch. */
  pinnedAt?: number;
  /** When the pending version was first seen. */
  changedAt?: number;
  /** Who approved the current version (absent: trusted on first use). */
  approvedBy?: string;
}

/** What a backend offers for one tool right now, as `putPin` records it. */
export interface PinObservation {
  server: string;
  tool: string;
  hash: string;
  /** Canonical JSON of the definition (kept so `pins diff` can show it). */
  definition: string;
  /** Pin it as approved when the store has no pin for this tool (trust on first use). */
  trust: boolean;
  now: number;
}

/** Which pins `listPins` / `resetPins` touch: everything, one server, or one tool of one server. */
export interface PinTarget {
  server?: string;
  tool?: string;
}

/** What a held call asks for: the exact call (agent, tool, argument hash) and how long to wait. */
export interface ApprovalRequest {
  agent: string;
  tool: string;
  argsHash: string;
  amount?: number;
  summary: string;
  ttlSec: number;
  now: number;
  backend?: string;
  /** JSON of the redacted arguments (only with `audit.record_arguments: true`). */
  args?: string;
}

/** What a spend call reserves: its amount against the agent's session and hourly caps (absent: no cap). */
export interface ReserveRequest {
  agent: string;
  session: string;
  amount: number;
  sessionCap?: number;
  hourlyCap?: number;
  now: number;
  /** The guard's writer id (see `Store.releaseUnforwarded`); absent: never released by owner. */
  owner?: string;
}

/** A reservation made (its id, for `release`), or the cap it would exceed and what is left of it. */
export type ReserveResult =
  | { ok: true; id: string }
  | { ok: false; cap: 'session' | 'hour'; remaining: number };

/**
 * A record the store keeps for another part of the guard (the OAuth authorization server's grants,
 * codes, sessions, refresh tokens and signing keys): an opaque value under a kind and an id, with an
 * optional expiry, one optional secondary key to find it by, and an optional group whose records can be
 * deleted together. Records of one kind never meet another kind's.
 */
export interface RecordWrite {
  /** What is kept (JSON, as the owner wrote it); the store never reads it. */
  value: string;
  /** Gone after this time (milliseconds since the epoch); absent: kept until deleted. */
  expiresAt?: number;
  /** A second key, unique within the kind, that `findRecord` finds it by (a session's uid, a device's user code). */
  lookup?: string;
  /** A group within the kind (a grant's id): `deleteRecordGroup` removes all its records at once. */
  group?: string;
}

/** A record as read back. */
export interface StoredRecord {
  id: string;
  value: string;
  /** When `consumeRecord` marked it (milliseconds since the epoch); absent until then. */
  consumedAt?: number;
}

/** The guard's shared state. Times (`now`) are milliseconds since the epoch, passed in for testability. */
export interface Store {
  /**
   * Guard replicas on several machines share this store (Redis). Spend is then reserved call by call:
   * budget one replica leased for its sessions (policies/spend/lease.ts) would be out of the others'
   * reach, and their refusals would understate what is left. Absent: false (memory, SQLite).
   */
  readonly replicated?: boolean;
  /** Sliding-window (or token-bucket) rate check; counts the hit when allowed. */
  hit(key: string, limitPerMinute: number, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /**
   * A rate-limit lease on `hit`'s bucket for `key`: gives back `refund` unused tokens of an earlier lease
   * (capped at the capacity), then takes up to `want` whole tokens, atomically (one UPSERT in SQLite; a
   * Lua script or MULTI in Redis). The caller hands the granted tokens out itself, so tokens always leave
   * the shared bucket before they admit a call. `retryAfterMs` (when fewer than `want` were granted) is
   * when the next token will be there.
   */
  take(
    key: string,
    limitPerMinute: number,
    want: number,
    now: number,
    refund?: number,
  ): Promise<{ granted: number; retryAfterMs: number }>;
  /**
   * Atomically reserves `amount` against the caps; never overshoots under concurrency. With an `owner`
   * (the guard instance's writer id, stable across its restarts) the reservation starts as not yet
   * forwarded; see `forwarded` and `releaseUnforwarded`. Without one it counts until released or an hour old.
   */
  reserve(r: ReserveRequest): Promise<ReserveResult>;
  /** Gives a reservation's amount back (the backend returned an error). */
  release(reservationId: string): Promise<void>;
  /**
   * Marks a reservation's call as forwarded: the guard calls this just before the backend sees the call.
   * A forwarded reservation stays counted whatever happens to the guard (the backend may have spent).
   * Unknown or released ids do nothing.
   */
  forwarded(reservationId: string): Promise<void>;
  /**
   * Keeps at most `amount` of a reservation and gives the rest back, and marks it forwarded (so
   * `releaseUnforwarded` leaves it alone). A spend lease (a process's budget for many calls, see
   * policies/spend/lease.ts) is settled so: to what its calls used, when it retires, and again, lower,
   * after a crash from the audit log. Only ever shrinks: an `amount` at or above what is reserved keeps it
   * whole; 0 releases it. Unknown or released ids do nothing.
   */
  settle(reservationId: string, amount: number): Promise<void>;
  /**
   * Releases every reservation of `owner` not marked forwarded, and returns their ids. A guard calls this
   * at start-up for the owner id it has just taken over (no other live process holds it): such
   * reservations were made by its predecessor, which crashed between reserving and forwarding; the ids
   * tell which of its `forward` records were never sent (the guard marks a reservation before sending).
   */
  releaseUnforwarded(owner: string): Promise<string[]>;
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
  /**
   * Approves, denies or withdraws (the waiting client cancelled) a pending approval; throws a
   * `StoreError` when it is not pending (decided, consumed, expired, withdrawn).
   */
  decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval>;
  /**
   * The approvals change feed, across processes: without `after`, only the current cursor; with it,
   * the approvals created or changed since (stale pending ones are expired first). A guard polls it
   * while calls wait or a console watches, so a decision made anywhere (the CLI, another replica)
   * wakes the waiting call. SQLite: a revision column bumped by every write; memory: a counter.
   */
  approvalChanges(after?: number, now?: number): Promise<ApprovalChanges>;
  /** The pin of one tool, if any. */
  getPin(server: string, tool: string): Promise<ToolPin | undefined>;
  /**
   * Records what a backend offers for a tool, atomically: no pin yet gives an approved pin (`trust`) or
   * a `new` one; the approved hash clears any pending version (the backend went back); another hash
   * becomes (or replaces) the pending version. Returns the pin as it now stands.
   */
  putPin(o: PinObservation): Promise<ToolPin>;
  /** Pins sorted by server and tool, optionally only one server's (or one tool's). */
  listPins(target?: PinTarget): Promise<ToolPin[]>;
  /**
   * Accepts the pending version of a tool as the pinned one. With `expectHash` (a prefix), refuses when
   * the pending version is another one (the backend changed again after a human looked). Throws a
   * `StoreError` when there is no such pin or nothing is pending.
   */
  approvePin(server: string, tool: string, by: string, now: number, expectHash?: string): Promise<ToolPin>;
  /** Forgets the pins of the target (all when empty); returns how many were forgotten. */
  resetPins(target?: PinTarget): Promise<number>;
  /**
   * Writes a record (replacing one with the same kind and id, and its consumed mark). With `ifAbsent`,
   * writes only when there is no live record of that id, atomically (two replicas creating the same
   * record: one wins); resolves true when it wrote.
   */
  putRecord(kind: string, id: string, write: RecordWrite, now: number, ifAbsent?: boolean): Promise<boolean>;
  /** A live (unexpired) record, if any. */
  getRecord(kind: string, id: string, now: number): Promise<StoredRecord | undefined>;
  /** The live record of `kind` written with this `lookup`, if any. */
  findRecord(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined>;
  /** Marks a live record consumed (a used code or refresh token); its value is kept until it expires. */
  consumeRecord(kind: string, id: string, now: number): Promise<void>;
  /** Deletes a record (nothing when there is none). */
  deleteRecord(kind: string, id: string): Promise<void>;
  /** Deletes every record of `kind` written with this `group`. */
  deleteRecordGroup(kind: string, group: string): Promise<void>;
  /** Drops idle rate windows (memory stays bounded). */
  evictIdle(now: number): Promise<void>;
  /** Resolves when the store answers (readiness); rejects with a `StoreUnavailableError` when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store cannot be reached or did not answer in time (Redis down, a network partition, a command
 * timeout). Nothing was decided: the guard refuses what needs the store (fail closed) and says so.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A store refusal meant for a human (unknown or ambiguous approval id, approval no longer pending). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
