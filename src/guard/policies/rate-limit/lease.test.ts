// Rate-limit leases: several processes (TokenLeases) on one shared bucket never hand out a token the
// bucket did not grant, stay within the token bucket's bound, adapt the lease size, give leftovers back
// capped at the capacity, and keep retry_after_ms meaningful. Checked against a model with a fake clock
// (MemoryStore) and with two SQLite stores on one file (two guard processes).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemoryStore } from '../../store/memory.ts';
import { SqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { rateLimitPolicy } from './index.ts';
import { LEASE_TTL_MS, leasesFor, TokenLeases } from './lease.ts';

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('store.take: grants up to the whole tokens, refunds are capped at the capacity', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lease-'));
  const stores: Store[] = [new MemoryStore(), await SqliteStore.open(join(dir, 's.db'))];
  try {
    for (const store of stores) {
      assert.deepEqual(await store.take('k', 60, 10, 0), { granted: 10, retryAfterMs: 0 });
      // 10 unused come back: a full bucket again (60), minus the one taken now.
      assert.deepEqual(await store.take('k', 60, 1, 0, 10), { granted: 1, retryAfterMs: 0 });
      // A refund on a full bucket is lost, never above the capacity: 59 left, not 69.
      assert.deepEqual(await store.take('k', 60, 100, 0, 10), { granted: 60, retryAfterMs: 1000 });
      assert.deepEqual(await store.take('k', 60, 1, 400), { granted: 0, retryAfterMs: 600 });
      assert.deepEqual(await store.take('k', 60, 3, 2500), { granted: 2, retryAfterMs: 500 });
      // `hit` shares the bucket.
      assert.deepEqual(await store.hit('k', 60, 2500), { allowed: false, retryAfterMs: 500 });
    }
  } finally {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('model check: three processes on one bucket, random load, fake clock', async () => {
  for (const seed of [1, 2, 3, 4]) {
    const rnd = random(seed);
    const limit = [60, 600, 1200, 6000][seed - 1];
    const store = new MemoryStore();
    // Everything the bucket granted (net of refunds), by time.
    const granted: { at: number; n: number }[] = [];
    const take = store.take.bind(store);
    store.take = async (key, l, want, now, refund = 0) => {
      const out = await take(key, l, want, now, refund);
      granted.push({ at: now, n: out.granted - refund });
      return out;
    };
    const procs = [new TokenLeases(store), new TokenLeases(store), new TokenLeases(store)];
    const admitted: number[] = [];
    let now = 1_000_000;
    for (let step = 0; step < 1500; step++) {
      // Bursts, steady trickles and idle gaps, each process at its own rate.
      now += rnd() < 0.05 ? Math.floor(rnd() * 5000) : Math.floor(rnd() * 40);
      const burst = rnd() < 0.1 ? 1 + Math.floor(rnd() * 50) : 1;
      const at = now;
      const answers = await Promise.all(
        Array.from({ length: burst }, () => procs[Math.floor(rnd() * 3)].acquire('agent:a', limit, at)),
      );
      for (const a of answers) {
        if (a.allowed) admitted.push(at);
        else {
          // retry_after_ms is when the bucket will hold a token: positive, at most one token's refill.
          assert.ok(a.retryAfterMs >= 1 && a.retryAfterMs <= Math.ceil(60_000 / limit), `${a.retryAfterMs}`);
        }
      }
      // Never more handed out than the bucket granted so far (net of refunds and leftovers held).
      const net = granted.reduce((sum, g) => sum + g.n, 0);
      const held = procs.reduce((sum, p) => sum + p.held('agent:a'), 0);
      assert.equal(admitted.length + held, net, 'every admitted call spent a token taken from the bucket');
    }
    // The token bucket's bound, with a lease's life of slack: in any window of W ms at most
    // limit + limit * (W + TTL) / 60,000 calls.
    for (let i = 0; i < admitted.length; i += 7) {
      for (const w of [0, 500, 1000, 10_000, 60_000]) {
        let n = 0;
        for (let j = i; j < admitted.length && admitted[j] <= admitted[i] + w; j++) n++;
        const bound = limit + Math.ceil((limit * (w + LEASE_TTL_MS)) / 60_000);
        assert.ok(n <= bound, `seed ${seed}: ${n} calls in ${w} ms > ${bound}`);
      }
    }
    assert.ok(admitted.length > 0);
  }
});

test('the lease grows under load up to limit / 10 and shrinks when idle', async () => {
  const store = new MemoryStore();
  const takes: number[] = [];
  const take = store.take.bind(store);
  store.take = (key, l, want, now, refund) => {
    takes.push(want);
    return take(key, l, want, now, refund);
  };
  const leases = new TokenLeases(store);
  let now = 0;
  // Sequential calls 1 ms apart: each lease is used up quickly, so k doubles up to 6000 / 10.
  for (let i = 0; i < 2000; i++) assert.equal((await leases.acquire('k', 6000, now++)).allowed, true);
  assert.deepEqual(takes.slice(0, 11), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600]);
  assert.ok(takes.length < 15, `${takes.length} store calls for 2000 requests`);
  // A slow trickle: leases expire with tokens left, so k halves (and the leftovers go back).
  takes.length = 0;
  for (let i = 0; i < 4; i++) {
    now += LEASE_TTL_MS;
    await leases.acquire('k', 6000, now);
  }
  assert.deepEqual(takes, [300, 150, 75, 37]);
  // Small limits never lease more than one token: exactly one store write per call, as before.
  const small = new TokenLeases(store);
  takes.length = 0;
  for (let i = 0; i < 5; i++) await small.acquire('s', 19, i);
  assert.deepEqual(takes, [1, 1, 1, 1, 1]);
});

test('a burst waits for one store call instead of asking once per request', async () => {
  const store = new MemoryStore();
  let calls = 0;
  const take = store.take.bind(store);
  store.take = (...args) => {
    calls++;
    return take(...args);
  };
  const leases = new TokenLeases(store);
  const answers = await Promise.all(Array.from({ length: 256 }, () => leases.acquire('k', 1e8, 5)));
  assert.ok(answers.every((a) => a.allowed));
  assert.ok(calls <= 9, `${calls} store calls for a burst of 256`);
  // An empty bucket refuses the rest of a burst after one store call, with its retry time.
  const tight = new TokenLeases(store);
  calls = 0;
  const refused = await Promise.all(Array.from({ length: 50 }, () => tight.acquire('t', 20, 5)));
  assert.equal(refused.filter((a) => a.allowed).length, 20);
  assert.ok(refused.filter((a) => !a.allowed).every((a) => a.retryAfterMs === 3000));
  // Leases of at most 20 / 10 = 2 tokens: ten full ones, then one that came back short.
  assert.equal(calls, 11);
});

test('two SQLite stores on one file (two guard processes) never admit more than the bucket holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lease-'));
  const file = join(dir, 'guard.db');
  const a = await SqliteStore.open(file);
  const b = await SqliteStore.open(file);
  try {
    const pa = new TokenLeases(a);
    const pb = new TokenLeases(b);
    const burst = (at: number) =>
      Promise.all(Array.from({ length: 1000 }, (_, i) => (i % 2 ? pa : pb).acquire('agent:x', 600, at))).then(
        (answers) => answers.filter((x) => x.allowed).length,
      );
    // A full bucket of 600 at one instant: exactly 600 across both processes.
    assert.equal(await burst(50_000), 600);
    // One lease life later the bucket refilled 10 (600 a minute): exactly 10 more, nothing held over.
    assert.equal(await burst(50_000 + LEASE_TTL_MS), 10);
    // Process A leases tokens it does not use; B still gets the rest, and A's leftovers come back later.
    const t = 200_000; // the bucket is full again
    for (let i = 0; i < 40; i++) await pa.acquire('agent:x', 600, t);
    const heldByA = pa.held('agent:x');
    assert.ok(heldByA > 0);
    const onlyB = await Promise.all(Array.from({ length: 1000 }, () => pb.acquire('agent:x', 600, t)));
    assert.equal(onlyB.filter((x) => x.allowed).length, 600 - 40 - heldByA);
    // A's held tokens are still A's to hand out within their life, and no more.
    for (let i = 0; i < heldByA; i++) assert.equal((await pa.acquire('agent:x', 600, t + 10)).allowed, true);
    assert.equal((await pa.acquire('agent:x', 600, t + 10)).allowed, false);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pipelines on one store share their leases (an HTTP session holds no tokens of its own)', async () => {
  const store = new MemoryStore();
  assert.equal(leasesFor(store), leasesFor(store));
  assert.notEqual(leasesFor(store), leasesFor(new MemoryStore()));
  const policy = () => rateLimitPolicy({ requestsPerMinute: 6000, store, now: () => 7 });
  const [one, two] = [policy(), policy()];
  for (let i = 0; i < 2; i++) await one(makeCtx('ping', {}, { agent: 'a' }), makeNext());
  // The second call took a lease of 2 (k doubled) and used one: the other session spends the leftover.
  assert.equal(leasesFor(store).held('agent:a'), 1);
  await two(makeCtx('ping', {}, { agent: 'a' }), makeNext());
  assert.equal(leasesFor(store).held('agent:a'), 0);
});

test('tryAcquire admits from the lease in hand only: never asks the store, never takes what is not there', async () => {
  const store = new MemoryStore();
  const leases = new TokenLeases(store);
  assert.equal(leases.tryAcquire('k', 600, 0), false, 'no lease yet');
  // Busy: the lease grows to several tokens, then the next ones come from memory.
  for (let i = 0; i < 8; i++) assert.equal((await leases.acquire('k', 600, i)).allowed, true);
  const held = leases.held('k');
  assert.ok(held > 0);
  assert.equal(leases.tryAcquire('k', 600, 10), true);
  assert.equal(leases.held('k'), held - 1);
  // Another limit, or a lease past its time: the store decides (acquire).
  assert.equal(leases.tryAcquire('k', 60, 10), false);
  assert.equal(leases.tryAcquire('k', 600, 10 + LEASE_TTL_MS), false);
  assert.equal(leases.held('k'), held - 1);
});
