// The SQLite store's group commit: calls made in one tick run in one transaction, and must answer
// exactly as the same calls made one after another.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { openStore, type Store } from './index.ts';

const opened: Store[] = [];
async function fresh(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'guard-group-'));
  const store = await openStore({ type: 'sqlite', path: join(dir, 'state.db') });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

const T0 = 1_700_000_000_000;

type Hit = [key: string, limit: number, now: number];

/** Rounds of hits: each round is asked in one tick on one store and one at a time on the other. */
const ROUNDS: Hit[][] = [
  // a new key: a full burst of 3, then refusals with one retry time
  Array.from({ length: 5 }, (): Hit => ['a', 3, T0]),
  // 20 s later one token is back; two keys interleaved, one with another limit
  [
    ['a', 3, T0 + 20_000],
    ['b', 2, T0 + 20_000],
    ['a', 3, T0 + 20_000],
    ['b', 2, T0 + 20_000],
    ['b', 2, T0 + 20_000],
  ],
  // runs of one instant: a run of 3 at one time, one at a later time, a run of 2 at another limit
  [
    ['c', 4, T0 + 30_000],
    ['c', 4, T0 + 30_000],
    ['d', 1, T0 + 30_000],
    ['c', 4, T0 + 30_000],
    ['c', 4, T0 + 30_001],
    ['c', 9, T0 + 30_001],
    ['c', 9, T0 + 30_001],
    ['d', 1, T0 + 30_001],
  ],
  // mixed instants and limits on one key: answered one by one, in order
  [
    ['a', 3, T0 + 40_000],
    ['a', 3, T0 + 45_000],
    ['a', 5, T0 + 45_000],
  ],
  // a large limit: every hit of a burst is allowed
  Array.from({ length: 300 }, (): Hit => ['big', 100_000_000, T0 + 50_000]),
  // a fractional limit (not from the policies, but the store accepts it): answered one by one
  Array.from({ length: 4 }, (): Hit => ['frac', 2.5, T0 + 60_000]),
];

test('hits asked in one tick answer as the same hits asked one after another', async () => {
  const together = await fresh();
  const alone = await fresh();
  for (const round of ROUNDS) {
    const batched = await Promise.all(round.map(([k, l, t]) => together.hit(k, l, t)));
    const serial = [];
    for (const [k, l, t] of round) serial.push(await alone.hit(k, l, t));
    assert.deepEqual(batched, serial, JSON.stringify(round.slice(0, 3)));
  }
  // and the buckets were left in the same state
  for (const key of ['a', 'b', 'c', 'd', 'big', 'frac']) {
    assert.deepEqual(await together.hit(key, 3, T0 + 61_000), await alone.hit(key, 3, T0 + 61_000));
  }
});

test('reservations asked in one tick never overshoot a cap, and the first ones win', async () => {
  const store = await fresh();
  const asks = Array.from({ length: 10 }, () =>
    store.reserve({ agent: 'x', session: 's', amount: 3, sessionCap: 10, now: T0 }),
  );
  const results = await Promise.all(asks);
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, true, true, false, false, false, false, false, false, false],
  );
  assert.deepEqual(results[3], { ok: false, cap: 'session', remaining: 1 });
  // a release in the same tick as a reservation: the reservation sees the refund (asked after it)
  const first = results[0];
  assert.ok(first.ok);
  const [, again] = await Promise.all([
    store.release(first.id),
    store.reserve({ agent: 'x', session: 's', amount: 3, sessionCap: 10, now: T0 }),
  ]);
  assert.equal(again.ok, true);
});

test('pin lookups, hits and reservations share a tick; a closed store answers what was asked', async () => {
  const store = await fresh();
  await store.putPin({ server: 'srv', tool: 't', hash: 'h1', definition: '{}', trust: true, now: T0 });
  const [pin, missing, hit, reserved] = await Promise.all([
    store.getPin('srv', 't'),
    store.getPin('srv', 'other'),
    store.hit('k', 1, T0),
    store.reserve({ agent: 'x', session: 's', amount: 1, hourlyCap: 5, now: T0 }),
  ]);
  assert.equal(pin?.status, 'pinned');
  assert.equal(missing, undefined);
  assert.deepEqual(hit, { allowed: true, retryAfterMs: 0 });
  assert.equal(reserved.ok, true);
  // closing right after asking: the calls are committed and answered, not lost
  const late = store.hit('k2', 1, T0);
  await store.close();
  assert.deepEqual(await late, { allowed: true, retryAfterMs: 0 });
});
