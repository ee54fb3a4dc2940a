// Spend leases: budget reserved for several calls of a session at once never lets the shared total
// overshoot a cap (two processes on one SQLite file, calls failing at random), a busy session costs a
// store write per lease rather than per call, what was not spent goes back when the lease retires, a
// lease is marked forwarded once for all its calls, and a lease none of whose calls was forwarded is
// left for `releaseUnforwarded` (a crash then gives it back).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStore } from '../../store/memory.ts';
import { SqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { spendPolicy } from './index.ts';
import { MAX_LEASE_CALLS, SpendLeases, spendLeasesFor } from './lease.ts';

/** A store that counts the calls made to it. */
function counted(store: Store): Store & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'calls') return calls;
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  }) as Store & { calls: Record<string, number> };
}

/** What the store has left under an hourly cap of `cap` for agent `a` (a probe that cannot fit). */
async function left(store: Store, cap: number): Promise<number> {
  const r = await store.reserve({
    agent: 'a',
    session: 'probe',
    amount: cap + 1,
    hourlyCap: cap,
    now: Date.now(),
  });
  assert.equal(r.ok, false);
  return r.ok ? 0 : r.remaining;
}

test('a busy session reserves once per lease; what it did not spend goes back when the lease retires', async () => {
  const store = counted(new MemoryStore());
  const leases = new SpendLeases(store, { ttlMs: 60_000 });
  const base = { agent: 'a', session: 's', hourlyCap: 1000, owner: 'o' };
  let spent = 0;
  for (let i = 0; i < 200; i++) {
    const r = await leases.reserve({ ...base, amount: 1, now: Date.now() });
    assert.ok(r.ok);
    await r.part.forwarded();
    // Every tenth call fails: its amount goes back.
    r.part.end(i % 10 !== 0);
    if (i % 10 !== 0) spent += 1;
  }
  // 1 + 2 + 4 + ... + 64, then 64 at a time: far fewer reservations than calls, one mark per lease.
  assert.ok(store.calls.reserve <= 8, `reserved ${store.calls.reserve} times for 200 calls`);
  assert.equal(store.calls.forwarded, store.calls.reserve);
  assert.ok(leases.held('a', 's') > 0);
  await leases.close();
  assert.equal(leases.held('a', 's'), 0);
  assert.equal(await left(store, 1000), 1000 - spent);
  // Settled leases count as forwarded: a takeover releases nothing of them.
  assert.deepEqual(await store.releaseUnforwarded('o'), []);
});

test('two processes leasing from one SQLite file never overshoot the cap, and settle to exactly what was spent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spend-lease-'));
  const one = await SqliteStore.open(join(dir, 's.db'));
  const two = await SqliteStore.open(join(dir, 's.db'));
  try {
    const processes = [new SpendLeases(one, { ttlMs: 5 }), new SpendLeases(two, { ttlMs: 5 })];
    const cap = 500;
    let granted = 0;
    let spent = 0;
    let refused = 0;
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < 600; i++) {
      const leases = processes[i % 2];
      const amount = 1 + (i % 3);
      inflight.push(
        (async () => {
          const r = await leases.reserve({
            agent: 'a',
            session: `s${i % 4}`,
            amount,
            hourlyCap: cap,
            now: Date.now(),
          });
          if (!r.ok) {
            refused++;
            return;
          }
          granted += amount;
          // The shared total never goes over the cap, whatever is in flight.
          assert.ok(granted <= cap, `granted ${granted} of ${cap}`);
          await r.part.forwarded();
          await sleep(i % 7);
          const ok = i % 5 !== 0;
          r.part.end(ok);
          if (ok) spent += amount;
          else granted -= amount;
        })(),
      );
      if (i % 50 === 0) await sleep(2);
    }
    await Promise.all(inflight);
    assert.ok(refused > 0, 'the cap was reached');
    await Promise.all(processes.map((p) => p.close()));
    assert.equal(await left(one, cap), cap - spent);
  } finally {
    await one.close();
    await two.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('near the cap a lease that does not fit falls back to the call’s own amount; a refusal says what is left', async () => {
  const store = new MemoryStore();
  const leases = new SpendLeases(store, { ttlMs: 60_000 });
  const base = { agent: 'a', session: 's', sessionCap: 10 };
  const parts = [];
  for (let i = 0; i < 3; i++) {
    const r = await leases.reserve({ ...base, amount: 3, now: Date.now() });
    assert.ok(r.ok, `call ${i}`);
    parts.push(r.part);
  }
  // 9 of 10 handed out: a fourth call of 3 does not fit, whatever lease size was next.
  const over = await leases.reserve({ ...base, amount: 3, now: Date.now() });
  assert.deepEqual(over, { ok: false, cap: 'session', remaining: 1 });
  const exact = await leases.reserve({ ...base, amount: 1, now: Date.now() });
  assert.ok(exact.ok);
  for (const p of parts) p.end(true);
  exact.part.end(true);
  await leases.close();
  assert.deepEqual(await store.reserve({ ...base, amount: 0.01, now: Date.now() }), {
    ok: false,
    cap: 'session',
    remaining: 0,
  });
});

test('a lease whose calls were never forwarded stays unforwarded until they end: a crash meanwhile gives it back', async () => {
  const store = new MemoryStore();
  const leases = new SpendLeases(store, { ttlMs: 5 });
  const r = await leases.reserve({
    agent: 'a',
    session: 's',
    amount: 7,
    hourlyCap: 100,
    owner: 'o',
    now: Date.now(),
  });
  assert.ok(r.ok);
  // The lease retires (its time is up) while its call is still on the way to the backend.
  await sleep(30);
  // The guard dies here: the next start releases the lease (the call's forward record, if any, is
  // recorded as never sent).
  assert.deepEqual(await store.releaseUnforwarded('o'), [r.part.reservation]);
  assert.equal(await left(store, 100), 100);
});

test('a lease is marked forwarded once for all its calls; a failed mark is tried again by the next call', async () => {
  const store = counted(new MemoryStore());
  let fail = true;
  const forwarded = store.forwarded.bind(store);
  store.forwarded = async (id: string) => {
    if (fail) {
      fail = false;
      throw new Error('store down');
    }
    return forwarded(id);
  };
  const leases = new SpendLeases(store, { ttlMs: 60_000 });
  const parts = [];
  for (let i = 0; i < MAX_LEASE_CALLS; i++) {
    const r = await leases.reserve({ agent: 'a', session: 's', amount: 1, hourlyCap: 1e6, now: Date.now() });
    assert.ok(r.ok);
    parts.push(r.part);
  }
  await assert.rejects(parts[0].forwarded(), /store down/);
  parts[0].end(false);
  await Promise.all(parts.slice(1).map((p) => p.forwarded()));
  for (const p of parts.slice(1)) p.end(true);
  await leases.close();
  assert.equal(await left(store, 1e6), 1e6 - (MAX_LEASE_CALLS - 1));
});

test('tryReserve hands out from the lease in hand only; otherwise nothing is taken', async () => {
  const store = counted(new MemoryStore());
  const leases = new SpendLeases(store, { ttlMs: 60_000 });
  const r = { agent: 'a', session: 's', amount: 1, hourlyCap: 100, now: Date.now() };
  assert.equal(leases.tryReserve(r), undefined, 'no lease yet');
  const first = await leases.reserve(r);
  const second = await leases.reserve(r);
  assert.ok(first.ok && second.ok);
  // The second lease was sized for two calls: one is left, handed out without the store.
  const reserved = store.calls.reserve;
  const part = leases.tryReserve(r);
  assert.ok(part);
  assert.equal(store.calls.reserve, reserved);
  assert.equal(leases.tryReserve(r), undefined, 'used up');
  assert.equal(leases.tryReserve({ ...r, hourlyCap: 50 }), undefined, 'other caps: a lease of its own');
  for (const p of [first.part, second.part, part]) p.end(true);
  await leases.close();
  assert.equal(await left(store, 100), 97);
});

test('the spend policy leases on a local store, and reserves per call on one replicas share', async () => {
  for (const replicated of [false, true]) {
    const inner = new MemoryStore();
    const store = counted(inner);
    const shared = new Proxy(store, {
      get: (target, name, receiver) =>
        name === 'replicated' ? replicated : Reflect.get(target, name, receiver),
    });
    const policy = spendPolicy({
      policies: { spendTools: [{ name: 'pay', amount: 'amount', currency: 'USD' }], spendPerHourUsd: 100 },
      store: shared,
      owner: 'o',
    });
    const next = makeNext();
    for (let i = 0; i < 20; i++) {
      const ctx = makeCtx('tools/call', { name: 'pay', arguments: { amount: 1 } }, { agent: 'a' });
      await policy(ctx, next);
      assert.equal(ctx.lease !== undefined, !replicated);
    }
    assert.equal(next.calls, 20);
    if (replicated) assert.equal(store.calls.reserve, 20);
    else assert.ok(store.calls.reserve < 8, `reserved ${store.calls.reserve} times`);
    await spendLeasesFor(shared).close();
  }
});

test('a settle the store refused is tried again: the unused budget goes back once the store answers', async () => {
  const store = new MemoryStore();
  const settle = store.settle.bind(store);
  let down = true;
  store.settle = async (id: string, amount: number) => {
    if (down) throw new Error('store down');
    return settle(id, amount);
  };
  const warnings: string[] = [];
  const leases = new SpendLeases(store, { ttlMs: 60_000, warn: (l) => warnings.push(l) });
  const base = { agent: 'a', session: 's', amount: 1, hourlyCap: 100 };
  for (let i = 0; i < 4; i++) {
    const r = await leases.reserve({ ...base, now: Date.now() });
    assert.ok(r.ok);
    r.part.end(true);
  }
  await leases.close();
  assert.match(warnings.join('\n'), /cannot give back unused spend budget yet: store down/);
  // Leases of 1, 2 and 4 calls: 7 reserved for 4 calls until the store answers again.
  assert.equal(await left(store, 100), 93);
  down = false;
  const deadline = Date.now() + 5000;
  while ((await left(store, 100)) !== 96) {
    assert.ok(Date.now() < deadline, 'the settle was not tried again');
    await sleep(50);
  }
});

test('a session that ends gives its unused budget back at once; other sessions keep their leases', async () => {
  const store = new MemoryStore();
  const leases = new SpendLeases(store, { ttlMs: 60_000 });
  for (const session of ['s1', 's2']) {
    for (let i = 0; i < 4; i++) {
      const r = await leases.reserve({ agent: 'a', session, amount: 1, hourlyCap: 100, now: Date.now() });
      assert.ok(r.ok);
      r.part.end(true);
    }
  }
  // Each session holds the rest of a lease of 4 calls (after leases of 1 and 2): 3 unused each.
  assert.equal(leases.held('a', 's1'), 3);
  assert.equal(await left(store, 100), 86);
  await leases.closeSession('s1');
  assert.equal(leases.held('a', 's1'), 0);
  assert.equal(leases.held('a', 's2'), 3);
  assert.equal(await left(store, 100), 89);
  await leases.close();
  assert.equal(await left(store, 100), 92);
});
