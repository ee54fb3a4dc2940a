// Spend leases: instead of one store reservation per spend call, a process reserves budget for several
// calls of one session at once (one `Store.reserve` of k times the call's amount) and hands it out from
// memory, like the rate limit's token leases. k adapts to the load: it starts at 1 (a light or tightly
// capped session behaves exactly like a reservation per call), doubles when a lease is used up within its
// lifetime, up to MAX_LEASE_CALLS, and halves when one expires with budget left. A lease hands budget out
// for `ttlMs` (1 s), then retires: it is settled (`Store.settle`) to what its calls used, the rest going
// back to the shared caps, and settled again, lower, when a call still in flight then fails. Leases are
// reservations within the caps, so the shared total never overshoots a cap; near a cap a lease that does
// not fit falls back to reserving the call's exact amount, and what other sessions or processes hold in
// their leases is unavailable until those retire (at most `ttlMs`), as with rate-limit tokens.
// Crash safety: a lease is marked forwarded (`Store.forwarded`) before the first of its calls reaches a
// backend and after that call's `forward` record is written, as a single reservation is; each call's
// `forward` record names the lease (`reservation`, `lease: true`) and its amount, and its outcome record
// says when its amount was given back (`released`). A guard that takes over a crashed one's audit file
// settles each lease the file names to the sum of its calls that were not given back (writers.ts); a
// lease none of whose calls was forwarded is released by `releaseUnforwarded`, like a reservation.
import type { ReserveRequest, Store } from '../../store/types.ts';

/** How long a lease hands budget out after it was reserved. */
export const SPEND_LEASE_TTL_MS = 1000;
/** The most calls one lease is sized for. */
export const MAX_LEASE_CALLS = 1024;
const MICROS = 1_000_000;
/** A settle the store refused is tried again this often, this many times. */
const SETTLE_RETRY_MS = 1000;
const SETTLE_TRIES = 60;

/** One session's lease in this process. */
interface Lease {
  key: string;
  /** The store's reservation id. */
  id: string;
  sessionCap: number | undefined;
  hourlyCap: number | undefined;
  /** Millionths reserved. */
  size: number;
  /** Millionths handed to calls and not given back. */
  used: number;
  /** Calls holding a part that has not ended. */
  inflight: number;
  /** Calls this lease was sized for. */
  k: number;
  takenAt: number;
  retired: boolean;
  /** The millionths the store was last asked to keep (settles only ever go down). */
  settledTo: number | undefined;
  /** Resolves once the store has the lease marked forwarded (shared by all its calls). */
  forwarded: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** A call's part of a lease: what the pipeline and the spend policy hold for it. */
export interface LeasePart {
  /** The lease's reservation id (named by the call's `forward` record). */
  readonly reservation: string;
  /** Marks the lease forwarded in the store, once for all its calls; the call waits for it before it is sent. */
  forwarded(): Promise<void>;
  /** The call is over: `spent` false gives its amount back to the lease. Once only. */
  end(spent: boolean): void;
}

/** The outcome of asking for budget. */
export type LeaseResult =
  | { ok: true; part: LeasePart }
  | { ok: false; cap: 'session' | 'hour'; remaining: number };

/** Hands out spend budget per session from leases reserved in a shared `Store` (see the module comment). */
export class SpendLeases {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #leases = new Map<string, Lease>();
  /** Reservations being taken, per key: calls arriving meanwhile wait for them. */
  readonly #taking = new Map<string, Promise<unknown>>();
  /** Sizes (k) of retired leases, per key, for the next lease of that key. */
  readonly #next = new Map<string, number>();
  /** Settles not yet answered by the store (awaited by `close`). */
  readonly #settling = new Set<Promise<void>>();
  readonly #warn: ((line: string) => void) | undefined;

  constructor(store: Store, options: { ttlMs?: number; warn?: (line: string) => void } = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? SPEND_LEASE_TTL_MS;
    this.#warn = options.warn;
  }

  /** The part of the lease in hand for a call of `micros`, if it covers it (no I/O). */
  #carve(key: string, r: ReserveRequest, micros: number): LeasePart | undefined {
    const lease = this.#leases.get(key);
    if (
      lease !== undefined &&
      !lease.retired &&
      lease.sessionCap === r.sessionCap &&
      lease.hourlyCap === r.hourlyCap &&
      r.now < lease.takenAt + this.#ttlMs &&
      lease.used + micros <= lease.size
    )
      return this.#part(lease, micros);
    return undefined;
  }

  /**
   * Budget for one call from the lease in hand, without I/O, when it covers the call; undefined means
   * nothing was taken, and `reserve` decides (reserving a new lease when needed).
   */
  tryReserve(r: ReserveRequest): LeasePart | undefined {
    return this.#carve(`${r.agent}\u0000${r.session}`, r, Math.round(r.amount * MICROS));
  }

  /** Budget for one call of `r.amount` in `r`'s session (same fields as `Store.reserve`). */
  async reserve(r: ReserveRequest): Promise<LeaseResult> {
    const micros = Math.round(r.amount * MICROS);
    const key = `${r.agent}\u0000${r.session}`;
    for (;;) {
      const part = this.#carve(key, r, micros);
      if (part !== undefined) return { ok: true, part };
      const lease = this.#leases.get(key);
      const taking = this.#taking.get(key);
      if (taking !== undefined) {
        await taking;
        continue;
      }
      const take = this.#take(key, lease, r, micros);
      this.#taking.set(key, take);
      try {
        const result = await take;
        if (result !== undefined) return result;
      } finally {
        this.#taking.delete(key);
      }
    }
  }

  /** Retires `current` (if any) and reserves the key's next lease; undefined: try carving again. */
  async #take(
    key: string,
    current: Lease | undefined,
    r: ReserveRequest,
    micros: number,
  ): Promise<LeaseResult | undefined> {
    let k = this.#next.get(key) ?? 1;
    if (current !== undefined) {
      // Used up within its lifetime: the next one is larger; expired with budget left: smaller.
      const usedUp = current.used + micros > current.size && r.now < current.takenAt + this.#ttlMs;
      k = usedUp ? Math.min(MAX_LEASE_CALLS, current.k * 2) : Math.max(1, current.k >> 1);
      this.#retire(current);
    }
    let size = micros * k;
    let reserved = await this.#store.reserve({ ...r, amount: size / MICROS });
    if (!reserved.ok && k > 1) {
      // Near a cap: the call's own amount may still fit.
      k = 1;
      size = micros;
      reserved = await this.#store.reserve({ ...r, amount: size / MICROS });
    }
    if (!reserved.ok) {
      this.#next.set(key, 1);
      return reserved;
    }
    const lease: Lease = {
      key,
      id: reserved.id,
      sessionCap: r.sessionCap,
      hourlyCap: r.hourlyCap,
      size,
      used: 0,
      inflight: 0,
      k,
      takenAt: r.now,
      retired: false,
      settledTo: undefined,
      forwarded: undefined,
      timer: undefined,
    };
    lease.timer = setTimeout(() => this.#retire(lease), this.#ttlMs);
    lease.timer.unref();
    this.#leases.set(key, lease);
    this.#next.set(key, k);
    if (this.#next.size > 4096) this.#next.clear();
    return { ok: true, part: this.#part(lease, micros) };
  }

  #part(lease: Lease, micros: number): LeasePart {
    lease.used += micros;
    lease.inflight++;
    let ended = false;
    return {
      reservation: lease.id,
      forwarded: () => {
        if (lease.forwarded === undefined) {
          const marking = this.#store.forwarded(lease.id);
          lease.forwarded = marking;
          // A mark that failed is tried again by the next call (this one is refused).
          marking.catch(() => {
            if (lease.forwarded === marking) lease.forwarded = undefined;
          });
        }
        return lease.forwarded;
      },
      end: (spent) => {
        if (ended) return;
        ended = true;
        lease.inflight--;
        if (!spent) lease.used -= micros;
        if (lease.retired && (lease.inflight === 0 || (!spent && lease.forwarded !== undefined)))
          this.#settle(lease);
      },
    };
  }

  /**
   * No more budget from `lease`: it is settled to what its calls hold, and again as they end. A settle
   * marks the lease forwarded, so while none of its calls has been forwarded and some are still on their
   * way, it waits for them: a crash meanwhile leaves the lease unforwarded, and the next start releases it.
   */
  #retire(lease: Lease): void {
    if (lease.retired) return;
    lease.retired = true;
    clearTimeout(lease.timer);
    if (this.#leases.get(lease.key) === lease) this.#leases.delete(lease.key);
    if (lease.inflight === 0 || lease.forwarded !== undefined) this.#settle(lease);
  }

  /**
   * Asks the store to keep only what `lease`'s calls hold (never more than asked before). A store that
   * cannot be reached leaves it reserved (the safe side) and is asked again a second later, a minute long.
   */
  #settle(lease: Lease, tries = 0): void {
    const keep = Math.min(lease.used, lease.size);
    if (lease.settledTo !== undefined && keep >= lease.settledTo) return;
    lease.settledTo = keep;
    const settling = this.#store.settle(lease.id, keep / MICROS).catch((error: Error) => {
      if (lease.settledTo === keep) lease.settledTo = undefined;
      if (tries === 0) this.#warn?.(`mcp-guard: cannot give back unused spend budget yet: ${error.message}`);
      if (tries < SETTLE_TRIES) setTimeout(() => this.#settle(lease, tries + 1), SETTLE_RETRY_MS).unref();
    });
    this.#settling.add(settling);
    void settling.finally(() => this.#settling.delete(settling));
  }

  /** Retires every lease and waits for the store (at shutdown, before the store closes). */
  async close(): Promise<void> {
    for (const lease of [...this.#leases.values()]) this.#retire(lease);
    await Promise.all(this.#settling);
  }

  /** Retires the leases of one session (it ended: its budget goes back now rather than within a second). */
  async closeSession(session: string): Promise<void> {
    for (const lease of [...this.#leases.values()])
      if (lease.key.endsWith(`\u0000${session}`)) this.#retire(lease);
    await Promise.all(this.#settling);
  }

  /** Budget of `agent`'s `session` held in this process and not handed out (tests and diagnostics). */
  held(agent: string, session: string): number {
    const lease = this.#leases.get(`${agent}\u0000${session}`);
    return lease === undefined ? 0 : (lease.size - lease.used) / MICROS;
  }
}

/** One `SpendLeases` per store: every pipeline of a process (one per HTTP session) shares them. */
const shared = new WeakMap<Store, SpendLeases>();

/** The process-wide spend leases on `store`. */
export function spendLeasesFor(store: Store, warn?: (line: string) => void): SpendLeases {
  let leases = shared.get(store);
  if (!leases) {
    leases = new SpendLeases(store, { warn });
    shared.set(store, leases);
  }
  return leases;
}

/** Settles the leases of `store`, if any were made (at shutdown, before the store closes). */
export async function closeSpendLeases(store: Store): Promise<void> {
  await shared.get(store)?.close();
}

/** Settles the leases of one session on `store`, if it has any (the session ended). */
export async function closeSessionLeases(store: Store, session: string): Promise<void> {
  await shared.get(store)?.closeSession(session);
}
