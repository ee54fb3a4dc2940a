import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/policies/spend/lease.ts
var SPEND_LEASE_TTL_MS = 1e3;
var MAX_LEASE_CALLS = 1024;
var MICROS = 1e6;
var SETTLE_RETRY_MS = 1e3;
var SETTLE_TRIES = 60;
var SpendLeases = class {
  #store;
  #ttlMs;
  #leases = /* @__PURE__ */ new Map();
  /** Reservations being taken, per key: calls arriving meanwhile wait for them. */
  #taking = /* @__PURE__ */ new Map();
  /** Sizes (k) of retired leases, per key, for the next lease of that key. */
  #next = /* @__PURE__ */ new Map();
  /** Settles not yet answered by the store (awaited by `close`). */
  #settling = /* @__PURE__ */ new Set();
  #warn;
  constructor(store, options = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? SPEND_LEASE_TTL_MS;
    this.#warn = options.warn;
  }
  /** The part of the lease in hand for a call of `micros`, if it covers it (no I/O). */
  #carve(key, r, micros) {
    const lease = this.#leases.get(key);
    if (lease !== void 0 && !lease.retired && lease.sessionCap === r.sessionCap && lease.hourlyCap === r.hourlyCap && r.now < lease.takenAt + this.#ttlMs && lease.used + micros <= lease.size)
      return this.#part(lease, micros);
    return void 0;
  }
  /**
   * Budget for one call from the lease in hand, without I/O, when it covers the call; undefined means
   * nothing was taken, and `reserve` decides (reserving a new lease when needed).
   */
  tryReserve(r) {
    return this.#carve(`${r.agent}\0${r.session}`, r, Math.round(r.amount * MICROS));
  }
  /** Budget for one call of `r.amount` in `r`'s session (same fields as `Store.reserve`). */
  async reserve(r) {
    const micros = Math.round(r.amount * MICROS);
    const key = `${r.agent}\0${r.session}`;
    for (; ; ) {
      const part = this.#carve(key, r, micros);
      if (part !== void 0) return { ok: true, part };
      const lease = this.#leases.get(key);
      const taking = this.#taking.get(key);
      if (taking !== void 0) {
        await taking;
        continue;
      }
      const take = this.#take(key, lease, r, micros);
      this.#taking.set(key, take);
      try {
        const result = await take;
        if (result !== void 0) return result;
      } finally {
        this.#taking.delete(key);
      }
    }
  }
  /** Retires `current` (if any) and reserves the key's next lease; undefined: try carving again. */
  async #take(key, current, r, micros) {
    let k = this.#next.get(key) ?? 1;
    if (current !== void 0) {
      const usedUp = current.used + micros > current.size && r.now < current.takenAt + this.#ttlMs;
      k = usedUp ? Math.min(MAX_LEASE_CALLS, current.k * 2) : Math.max(1, current.k >> 1);
      this.#retire(current);
    }
    let size = micros * k;
    let reserved = await this.#store.reserve({ ...r, amount: size / MICROS });
    if (!reserved.ok && k > 1) {
      k = 1;
      size = micros;
      reserved = await this.#store.reserve({ ...r, amount: size / MICROS });
    }
    if (!reserved.ok) {
      this.#next.set(key, 1);
      return reserved;
    }
    const lease = {
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
      settledTo: void 0,
      forwarded: void 0,
      timer: void 0
    };
    lease.timer = setTimeout(() => this.#retire(lease), this.#ttlMs);
    lease.timer.unref();
    this.#leases.set(key, lease);
    this.#next.set(key, k);
    if (this.#next.size > 4096) this.#next.clear();
    return { ok: true, part: this.#part(lease, micros) };
  }
  #part(lease, micros) {
    lease.used += micros;
    lease.inflight++;
    let ended = false;
    return {
      reservation: lease.id,
      forwarded: () => {
        if (lease.forwarded === void 0) {
          const marking = this.#store.forwarded(lease.id);
          lease.forwarded = marking;
          marking.catch(() => {
            if (lease.forwarded === marking) lease.forwarded = void 0;
          });
        }
        return lease.forwarded;
      },
      end: (spent) => {
        if (ended) return;
        ended = true;
        lease.inflight--;
        if (!spent) lease.used -= micros;
        if (lease.retired && (lease.inflight === 0 || !spent && lease.forwarded !== void 0))
          this.#settle(lease);
      }
    };
  }
  /**
   * No more budget from `lease`: it is settled to what its calls hold, and again as they end. A settle
   * marks the lease forwarded, so while none of its calls has been forwarded and some are still on their
   * way, it waits for them: a crash meanwhile leaves the lease unforwarded, and the next start releases it.
   */
  #retire(lease) {
    if (lease.retired) return;
    lease.retired = true;
    clearTimeout(lease.timer);
    if (this.#leases.get(lease.key) === lease) this.#leases.delete(lease.key);
    if (lease.inflight === 0 || lease.forwarded !== void 0) this.#settle(lease);
  }
  /**
   * Asks the store to keep only what `lease`'s calls hold (never more than asked before). A store that
   * cannot be reached leaves it reserved (the safe side) and is asked again a second later, a minute long.
   */
  #settle(lease, tries = 0) {
    const keep = Math.min(lease.used, lease.size);
    if (lease.settledTo !== void 0 && keep >= lease.settledTo) return;
    lease.settledTo = keep;
    const settling = this.#store.settle(lease.id, keep / MICROS).catch((error) => {
      if (lease.settledTo === keep) lease.settledTo = void 0;
      if (tries === 0) this.#warn?.(`mcp-guard: cannot give back unused spend budget yet: ${error.message}`);
      if (tries < SETTLE_TRIES) setTimeout(() => this.#settle(lease, tries + 1), SETTLE_RETRY_MS).unref();
    });
    this.#settling.add(settling);
    void settling.finally(() => this.#settling.delete(settling));
  }
  /** Retires every lease and waits for the store (at shutdown, before the store closes). */
  async close() {
    for (const lease of [...this.#leases.values()]) this.#retire(lease);
    await Promise.all(this.#settling);
  }
  /** Retires the leases of one session (it ended: its budget goes back now rather than within a second). */
  async closeSession(session) {
    for (const lease of [...this.#leases.values()])
      if (lease.key.endsWith(`\0${session}`)) this.#retire(lease);
    await Promise.all(this.#settling);
  }
  /** Budget of `agent`'s `session` held in this process and not handed out (tests and diagnostics). */
  held(agent, session) {
    const lease = this.#leases.get(`${agent}\0${session}`);
    return lease === void 0 ? 0 : (lease.size - lease.used) / MICROS;
  }
};
var shared = /* @__PURE__ */ new WeakMap();
function spendLeasesFor(store, warn) {
  let leases = shared.get(store);
  if (!leases) {
    leases = new SpendLeases(store, { warn });
    shared.set(store, leases);
  }
  return leases;
}
async function closeSpendLeases(store) {
  await shared.get(store)?.close();
}
async function closeSessionLeases(store, session) {
  await shared.get(store)?.closeSession(session);
}

export {
  spendLeasesFor,
  closeSpendLeases,
  closeSessionLeases
};
