// The memory store's rate buckets behave as the SQLite store's: a full burst, a steady refill, no
// second burst at a minute boundary, and idle buckets evicted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from './memory.ts';

const T0 = 1_700_000_000_000;

test('token bucket: burst, refill at limit per minute, refused hits take nothing', async () => {
  const store = new MemoryStore();
  for (let i = 0; i < 3; i++) assert.equal((await store.hit('a', 3, T0 + i * 1000)).allowed, true);
  assert.deepEqual(await store.hit('a', 3, T0 + 2000), { allowed: false, retryAfterMs: 18_000 });
  assert.equal((await store.hit('a', 3, T0 + 19_999)).allowed, false);
  assert.equal((await store.hit('a', 3, T0 + 20_000)).allowed, true);
  assert.equal((await store.hit('b', 3, T0 + 20_000)).allowed, true);
  await assert.rejects(store.hit('a', -1, T0), RangeError);
});

test('no double burst across a minute boundary; idle buckets are evicted', async () => {
  const store = new MemoryStore();
  for (let i = 0; i < 10; i++) assert.equal((await store.hit('k', 10, T0 + 59_000 + i)).allowed, true);
  let allowed = 0;
  for (let i = 0; i < 10; i++) if ((await store.hit('k', 10, T0 + 60_500 + i)).allowed) allowed++;
  assert.equal(allowed, 0);
  await store.hit('idle', 10, T0);
  await store.evictIdle(T0 + 60_509);
  assert.equal(store.sizes().rateKeys, 1);
  assert.equal((await store.hit('k', 10, T0 + 119_000)).allowed, true);
});
