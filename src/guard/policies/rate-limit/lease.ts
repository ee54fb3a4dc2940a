// Rate-limit leases: instead of one store write per request, a process takes a lease of k tokens from
// the shared bucket in one `Store.take` and hands them out from memory. k adapts to the load: it starts
// at 1 (so a light or tightly limited agent behaves exactly like one `hit` per call), doubles when a lease
// is used up within its lifetime, up to max(1, floor(limit / 10)), and halves when a lease expires with
// tokens left. Leased tokens live `ttlMs` (1 s); leftovers of an expired lease are given back with the
// key's next lease (the store caps the bucket at its capacity, so a refund never makes a fuller bucket
// than no lease would have). Tokens always leave the shared bucket before they admit a call, so several
// guard processes on one store never admit more than the bucket grants; the only slack is timing: a
// token may be spent up to `ttlMs` after it was taken.
import type { Store } from '../../store/types.ts';

/** How long leased tokens may be handed out after they were taken from the store. */
export const LEASE_TTL_MS = 1000;
/** Above this many keys, leases expired for a whole TTL are forgotten (their leftovers are lost). */
const SWEEP_ABOVE = 1024;

/** The outcome of the store call a lease is waiting for. */
interface TakeResult {
  want: number;
  granted: number;
  retryAfterMs: number;
}

/** One key's lease in this process. */
interface Lease {
  limit: number;
  /** Tokens taken from the store and not handed out yet. */
  tokens: number;
  takenAt: number;
  expiresAt: number;
  /** The next lease's size (k). */
  size: number;
  /** The store call in flight for this key: calls arriving meanwhile wait for it instead of asking too. */
  pending?: Promise<TakeResult>;
}

/** Hands out rate-limit tokens per key from leases taken from a shared `Store` (see the module comment). */
export class TokenLeases {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #leases = new Map<string, Lease>();

  constructor(store: Store, ttlMs = LEASE_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  /**
   * Admits one call for `key` from the lease in hand, without I/O, when it has a token left: true. False
   * means nothing was taken, and `acquire` decides (asking the store when needed).
   */
  tryAcquire(key: string, limitPerMinute: number, now: number): boolean {
    const lease = this.#leases.get(key);
    if (lease === undefined || lease.limit !== limitPerMinute || lease.tokens <= 0 || now >= lease.expiresAt)
      return false;
    lease.tokens--;
    return true;
  }

  /** Admits one call for `key` under `limitPerMinute` at `now`, or says when to retry. */
  async acquire(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    let lease = this.#leases.get(key);
    if (lease === undefined || lease.limit !== limitPerMinute) {
      // A changed limit starts afresh (the old lease's tokens are given back with the next take).
      const refund = lease && !lease.pending ? lease.tokens : 0;
      lease = { limit: limitPerMinute, tokens: refund, takenAt: -Infinity, expiresAt: now, size: 1 };
      this.#leases.set(key, lease);
    }
    for (;;) {
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens--;
        return { allowed: true, retryAfterMs: 0 };
      }
      // Ask the store unless a call is already asking for this key: then wait for its lease.
      if (!lease.pending) {
        const pending = this.#take(key, lease, now);
        lease.pending = pending;
        pending.then(
          () => this.#settled(lease, pending),
          () => this.#settled(lease, pending),
        );
      }
      const result = await lease.pending;
      if (lease.tokens > 0 && now < lease.expiresAt) continue;
      // The bucket could not fill the last lease: it is empty now, so do not ask again in this burst.
      if (result.granted < result.want) return { allowed: false, retryAfterMs: result.retryAfterMs };
    }
  }

  /** Clears the in-flight marker (before any waiter resumes: it was registered first). */
  #settled(lease: Lease, pending: Promise<TakeResult>): void {
    if (lease.pending === pending) lease.pending = undefined;
  }

  /** Takes the next lease for `key` (giving back an expired one's leftovers) and adapts its size. */
  async #take(key: string, lease: Lease, now: number): Promise<TakeResult> {
    const max = Math.max(1, Math.floor(lease.limit / 10));
    if (lease.tokens === 0 && now - lease.takenAt < this.#ttlMs) lease.size = Math.min(max, lease.size * 2);
    else if (lease.tokens > 0) lease.size = Math.max(1, Math.floor(lease.size / 2));
    lease.size = Math.min(lease.size, max);
    const refund = lease.tokens;
    lease.tokens = 0;
    if (this.#leases.size > SWEEP_ABOVE) this.#sweep(key, now);
    const want = lease.size;
    const { granted, retryAfterMs } = await this.#store.take(key, lease.limit, want, now, refund);
    lease.tokens = granted;
    lease.takenAt = now;
    lease.expiresAt = now + this.#ttlMs;
    return { want, granted, retryAfterMs };
  }

  /** Forgets idle keys (memory stays bounded with many agents). */
  #sweep(current: string, now: number): void {
    for (const [key, lease] of this.#leases) {
      if (key !== current && !lease.pending && lease.expiresAt + this.#ttlMs <= now) this.#leases.delete(key);
    }
  }

  /** Unused tokens held for `key` (tests and diagnostics). */
  held(key: string): number {
    return this.#leases.get(key)?.tokens ?? 0;
  }
}

/** One `TokenLeases` per store: every pipeline of a process (one per HTTP session) shares its leases. */
const shared = new WeakMap<Store, TokenLeases>();

/** The process-wide leases on `store` (an HTTP session's pipeline must not hold tokens of its own). */
export function leasesFor(store: Store): TokenLeases {
  let leases = shared.get(store);
  if (!leases) {
    leases = new TokenLeases(store);
    shared.set(store, leases);
  }
  return leases;
}
