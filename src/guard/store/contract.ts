// The Store contract: one test suite that every implementation (memory, SQLite, Redis) runs unchanged,
// so they cannot drift apart. It covers rate buckets (`hit`, `take`), spend reservations (caps, exact
// hourly expiry, release once, concurrency, release of calls never forwarded after a crash), approvals
// (request, find, decide, consume exactly once, prefixes, expiry, the change feed), tool pins and eviction
// (the last three in contract-approvals.ts), and records (contract-records.ts). Times are passed
// in (`now`), never read from the clock, so hours and days pass in an instant. Run by contract.test.ts;
// a new store adds one line there, a new Store method its tests here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { approvalsPinsEviction } from './contract-approvals.ts';
import { recordsContract } from './contract-records.ts';
import type { Store } from './types.ts';

/** How the suite opens one implementation. */
export interface ContractSubject {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** A second handle on the same state as `store` (another process would open it so), if the store is shared. */
  openShared?(store: Store): Promise<Store>;
  /**
   * How many entries of rate, spend and approval state would stay if nobody touched the store again
   * (rows, map entries, keys without an expiry): 0 once `evictIdle` has run long after the last use.
   */
  footprint(store: Store): Promise<number>;
  /** Why the suite cannot run here (skipped with this reason), if so. */
  skip?: string;
}

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** What the parts of the suite share: the subject, a fresh store, and closing what was opened. */
export interface ContractHarness {
  subject: ContractSubject;
  fresh(): Promise<Store>;
  /** A second handle on `store`'s state (as another process), or `store` itself when it cannot be shared. */
  other(store: Store): Promise<Store>;
  closeAll(): Promise<void>;
}

/** Registers the contract's tests for `subject`. */
export function storeContract(subject: ContractSubject): void {
  const opened: Store[] = [];
  const fresh = async (): Promise<Store> => {
    const store = await subject.open();
    opened.push(store);
    return store;
  };
  const shared = async (store: Store): Promise<Store> => {
    const other = await subject.openShared!(store);
    opened.push(other);
    return other;
  };
  const closeAll = async () => {
    for (const s of opened.splice(0)) await s.close();
  };
  const other = async (store: Store): Promise<Store> => (subject.openShared ? shared(store) : store);
  const h: ContractHarness = { subject, fresh, other, closeAll };

  describe(`store contract: ${subject.name}`, { skip: subject.skip }, () => {
    describe('rate buckets', () => {
      test('a full burst, then one call per 60/limit seconds; refused hits take nothing', async () => {
        const store = await fresh();
        for (let i = 0; i < 3; i++) assert.equal((await store.hit('a', 3, T0 + i * 1000)).allowed, true);
        // 3 a minute refill one every 20 s: 2 s of refill is in the bucket, 18 s to go for a whole token
        assert.deepEqual(await store.hit('a', 3, T0 + 2000), { allowed: false, retryAfterMs: 18_000 });
        assert.equal((await store.hit('b', 3, T0 + 5000)).allowed, true);
        assert.equal((await store.hit('a', 3, T0 + 19_999)).allowed, false);
        assert.equal((await store.hit('a', 3, T0 + 20_000)).allowed, true);
        assert.deepEqual(await store.hit('a', 3, T0 + 20_000), { allowed: false, retryAfterMs: 20_000 });
        let burst = 0;
        for (let i = 0; i < 10; i++) if ((await store.hit('a', 3, T0 + 200_000)).allowed) burst++;
        assert.equal(burst, 3);
        await assert.rejects(store.hit('a', 0, T0), RangeError);
        await closeAll();
      });

      test('a clock running backwards refills nothing; no second burst at a minute boundary', async () => {
        const store = await fresh();
        assert.equal((await store.hit('k', 1, T0)).allowed, true);
        assert.equal((await store.hit('k', 1, T0 - 2 * MINUTE)).allowed, false);
        assert.equal((await store.hit('k', 1, T0 + 59_999)).allowed, false);
        assert.equal((await store.hit('k', 1, T0 + MINUTE)).allowed, true);
        for (let i = 0; i < 10; i++) assert.equal((await store.hit('m', 10, T0 + 59_000 + i)).allowed, true);
        let allowed = 0;
        for (let i = 0; i < 10; i++) if ((await store.hit('m', 10, T0 + 60_500 + i)).allowed) allowed++;
        assert.equal(allowed, 0);
        assert.equal((await store.hit('m', 10, T0 + 119_000)).allowed, true);
        await closeAll();
      });

      test('take leases whole tokens from the same bucket as hit; refunds are capped at a full bucket', async () => {
        const store = await fresh();
        assert.deepEqual(await store.take('k', 10, 4, T0), { granted: 4, retryAfterMs: 0 });
        assert.equal((await store.hit('k', 10, T0)).allowed, true);
        // 5 left: asking for 8 gets 5, and the next token is 6 s away
        assert.deepEqual(await store.take('k', 10, 8, T0), { granted: 5, retryAfterMs: 6000 });
        assert.deepEqual(await store.take('k', 10, 1, T0 + 5999), { granted: 0, retryAfterMs: 1 });
        // giving back 3 unused tokens makes them available again at once
        assert.deepEqual(await store.take('k', 10, 2, T0 + 5999, 3), { granted: 2, retryAfterMs: 0 });
        // a refund never lifts the bucket above its capacity
        assert.deepEqual(await store.take('k', 10, 10, T0 + 10 * MINUTE, 50), {
          granted: 10,
          retryAfterMs: 0,
        });
        assert.equal((await store.take('k', 10, 1, T0 + 10 * MINUTE)).granted, 0);
        await assert.rejects(store.take('k', 10, 0, T0), RangeError);
        await assert.rejects(store.take('k', 10, 1.5, T0), RangeError);
        await assert.rejects(store.take('k', 10, 1, T0, -1), RangeError);
        await assert.rejects(store.take('k', 0, 1, T0), RangeError);
        await closeAll();
      });

      test('concurrent hits and takes never grant more than the bucket holds', async () => {
        const store = await fresh();
        const hits = await Promise.all(Array.from({ length: 40 }, () => store.hit('h', 25, T0)));
        assert.equal(hits.filter((r) => r.allowed).length, 25);
        const takes = await Promise.all(Array.from({ length: 30 }, () => store.take('t', 50, 3, T0)));
        assert.equal(
          takes.reduce((sum, r) => sum + r.granted, 0),
          50,
        );
        await closeAll();
      });

      if (subject.openShared)
        test('two handles on the same state share one bucket', async () => {
          const store = await fresh();
          const other = await shared(store);
          const results = await Promise.all(
            Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).hit('shared', 25, T0)),
          );
          assert.equal(results.filter((r) => r.allowed).length, 25);
          await closeAll();
        });
    });

    describe('spend reservations', () => {
      test('session and hourly caps, with what is left, to the exact cent', async () => {
        const store = await fresh();
        const base = { agent: 'a', session: 's1', sessionCap: 10, hourlyCap: 15, now: T0 };
        assert.equal((await store.reserve({ ...base, amount: 0.1 })).ok, true);
        assert.equal((await store.reserve({ ...base, amount: 0.2 })).ok, true);
        assert.deepEqual(await store.reserve({ ...base, amount: 9.8 }), {
          ok: false,
          cap: 'session',
          remaining: 9.7,
        });
        assert.equal((await store.reserve({ ...base, amount: 9.7 })).ok, true);
        assert.deepEqual(await store.reserve({ ...base, session: 's2', amount: 6 }), {
          ok: false,
          cap: 'hour',
          remaining: 5,
        });
        // no caps: always granted, still counted
        assert.equal((await store.reserve({ agent: 'a', session: 's3', amount: 100, now: T0 })).ok, true);
        assert.deepEqual(await store.reserve({ ...base, session: 's2', amount: 1 }), {
          ok: false,
          cap: 'hour',
          remaining: 0,
        });
        await assert.rejects(store.reserve({ ...base, amount: Number.NaN }), RangeError);
        await assert.rejects(store.reserve({ ...base, amount: -1 }), RangeError);
        await closeAll();
      });

      test('a reservation counts against the hour for exactly one hour', async () => {
        const store = await fresh();
        const r = { agent: 'a', session: 's', amount: 10, hourlyCap: 10 };
        assert.equal((await store.reserve({ ...r, now: T0 })).ok, true);
        assert.equal((await store.reserve({ ...r, amount: 5, now: T0 + 30 * MINUTE })).ok, false);
        assert.deepEqual(await store.reserve({ ...r, amount: 0.01, now: T0 + HOUR - 1 }), {
          ok: false,
          cap: 'hour',
          remaining: 0,
        });
        assert.equal((await store.reserve({ ...r, now: T0 + HOUR })).ok, true);
        // the session total is not an hourly figure: it keeps both
        assert.deepEqual(
          await store.reserve({ ...r, hourlyCap: undefined, sessionCap: 25, now: T0 + 3 * HOUR }),
          {
            ok: false,
            cap: 'session',
            remaining: 5,
          },
        );
        await closeAll();
      });

      test('sessions are per agent: two agents with the same session id do not share a total', async () => {
        const store = await fresh();
        assert.equal(
          (await store.reserve({ agent: 'a', session: 's', amount: 5, sessionCap: 5, now: T0 })).ok,
          true,
        );
        assert.equal(
          (await store.reserve({ agent: 'b', session: 's', amount: 5, sessionCap: 5, now: T0 })).ok,
          true,
        );
        assert.equal(
          (await store.reserve({ agent: 'b', session: 's', amount: 1, sessionCap: 5, now: T0 })).ok,
          false,
        );
        await closeAll();
      });

      test('release gives the amount back once; unknown ids change nothing', async () => {
        const store = await fresh();
        const base = { agent: 'a', session: 's', sessionCap: 5, hourlyCap: 5, now: T0 };
        const r = await store.reserve({ ...base, amount: 5 });
        assert.ok(r.ok);
        assert.equal((await store.reserve({ ...base, amount: 1 })).ok, false);
        await store.release(r.id);
        await store.release(r.id);
        await store.release('no-such-reservation');
        await store.release('123456789');
        assert.equal((await store.reserve({ ...base, amount: 5 })).ok, true);
        assert.equal((await store.reserve({ ...base, amount: 0.01 })).ok, false);
        await closeAll();
      });

      test('releaseUnforwarded gives back exactly the owner’s reservations never forwarded', async () => {
        const store = await fresh();
        const base = { agent: 'a', session: 's', hourlyCap: 100, now: T0 };
        const reserve = async (amount: number, owner?: string) => {
          const r = await store.reserve({ ...base, amount, owner });
          assert.ok(r.ok);
          return r.id;
        };
        const sent = await reserve(10, 'eu-1:/var/log/audit.jsonl');
        await store.forwarded(sent);
        const unsent = await reserve(20, 'eu-1:/var/log/audit.jsonl'); // its guard crashed before forwarding
        await reserve(30, 'eu-2:/var/log/audit.jsonl'); // another guard's call, still in flight
        await reserve(5); // no owner: never released by owner
        assert.deepEqual(await store.reserve({ ...base, amount: 36 }), {
          ok: false,
          cap: 'hour',
          remaining: 35,
        });
        assert.deepEqual(await store.releaseUnforwarded('eu-1:/var/log/audit.jsonl'), [unsent]);
        assert.deepEqual(await store.releaseUnforwarded('eu-1:/var/log/audit.jsonl'), []);
        assert.deepEqual(await store.reserve({ ...base, amount: 56 }), {
          ok: false,
          cap: 'hour',
          remaining: 55,
        });
        // Marking an unknown id does nothing; a released reservation marked late stays released.
        await store.forwarded('999999');
        await closeAll();
      });

      test('settle keeps at most the amount, gives the rest back, only ever shrinks, and marks it forwarded', async () => {
        const store = await fresh();
        const owner = 'eu-1:/var/log/audit.jsonl';
        const base = { agent: 'a', session: 's', sessionCap: 100, hourlyCap: 100, now: T0 };
        const lease = await store.reserve({ ...base, amount: 64, owner });
        assert.ok(lease.ok);
        const remaining = async () => {
          const r = await store.reserve({ ...base, amount: 1000 });
          assert.equal(r.ok, false);
          return r.ok ? 0 : r.remaining;
        };
        assert.equal(await remaining(), 36);
        await store.settle(lease.id, 10.5);
        assert.equal(await remaining(), 89.5);
        // Larger than what is kept: nothing changes (a settle never grows a reservation).
        await store.settle(lease.id, 50);
        assert.equal(await remaining(), 89.5);
        await store.settle(lease.id, 4);
        assert.equal(await remaining(), 96);
        // Settled means forwarded: a takeover of its owner releases nothing.
        assert.deepEqual(await store.releaseUnforwarded(owner), []);
        assert.equal(await remaining(), 96);
        // The hour's sweep takes away what is left of it, not what it was.
        const hourly = { ...base, sessionCap: undefined };
        assert.equal((await store.reserve({ ...hourly, amount: 96 })).ok, true);
        assert.deepEqual(await store.reserve({ ...hourly, amount: 100.01, now: T0 + HOUR }), {
          ok: false,
          cap: 'hour',
          remaining: 100,
        });
        await closeAll();
      });

      test('settle to 0 releases; unknown and released ids change nothing', async () => {
        const store = await fresh();
        const base = { agent: 'a', session: 's', sessionCap: 10, now: T0 };
        const r = await store.reserve({ ...base, amount: 10, owner: 'o' });
        assert.ok(r.ok);
        await store.settle(r.id, 0);
        await store.settle(r.id, 0);
        await store.settle('no-such-reservation', 1);
        await store.settle('123456789', 1);
        assert.deepEqual(await store.releaseUnforwarded('o'), []);
        assert.equal((await store.reserve({ ...base, amount: 10 })).ok, true);
        assert.equal((await store.reserve({ ...base, amount: 0.01 })).ok, false);
        await closeAll();
      });

      test('100 concurrent reservations never overshoot either cap', async () => {
        const store = await fresh();
        const session = await Promise.all(
          Array.from({ length: 100 }, () =>
            store.reserve({ agent: 'a', session: 's', amount: 3, sessionCap: 100, now: T0 }),
          ),
        );
        assert.equal(session.filter((r) => r.ok).length, 33);
        const hour = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            store.reserve({ agent: 'b', session: `s${i % 7}`, amount: 1, hourlyCap: 40, now: T0 + i }),
          ),
        );
        assert.equal(hour.filter((r) => r.ok).length, 40);
        await closeAll();
      });

      if (subject.openShared)
        test('two handles on the same state share the caps', async () => {
          const store = await fresh();
          const other = await shared(store);
          const results = await Promise.all(
            Array.from({ length: 100 }, (_, i) =>
              (i % 2 ? store : other).reserve({
                agent: 'a',
                session: 's',
                amount: 1,
                hourlyCap: 40,
                now: T0 + i,
              }),
            ),
          );
          assert.equal(results.filter((r) => r.ok).length, 40);
          await closeAll();
        });
    });

    approvalsPinsEviction(h);
    recordsContract(h);
  });
}
