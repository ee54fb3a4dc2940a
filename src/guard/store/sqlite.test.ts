// The SQLite store against a real file: rate windows, spend caps under concurrency (one and two
// Store instances on the same file), approvals across close and reopen, eviction and file modes.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { type Approval, openStore, type Store, StoreError } from './index.ts';

const opened: Store[] = [];
async function fresh(): Promise<{ store: Store; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'guard-store-'));
  const path = join(dir, 'state', 'state.db');
  const store = await openStore({ type: 'sqlite', path });
  opened.push(store);
  return { store, path };
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

const T0 = 1_700_000_000_000;

describe('rate limit (token bucket)', () => {
  test('a full burst, then one call per 60/limit seconds; refused hits take nothing', async () => {
    const { store } = await fresh();
    for (let i = 0; i < 3; i++) assert.equal((await store.hit('a', 3, T0 + i * 1000)).allowed, true);
    // 3 per minute refill one every 20 s: 2 s of refill is in the bucket, 18 s to go for a whole token
    assert.deepEqual(await store.hit('a', 3, T0 + 2000), { allowed: false, retryAfterMs: 18_000 });
    // other keys are independent
    assert.equal((await store.hit('b', 3, T0 + 5000)).allowed, true);
    // refused hits did not drain the bucket: the token is whole exactly when announced
    assert.equal((await store.hit('a', 3, T0 + 19_999)).allowed, false);
    assert.equal((await store.hit('a', 3, T0 + 20_000)).allowed, true);
    assert.deepEqual(await store.hit('a', 3, T0 + 20_000), { allowed: false, retryAfterMs: 20_000 });
    // idle for a minute: a full burst again, never more
    let burst = 0;
    for (let i = 0; i < 10; i++) if ((await store.hit('a', 3, T0 + 200_000)).allowed) burst++;
    assert.equal(burst, 3);
    await assert.rejects(store.hit('a', 0, T0), RangeError);
  });

  test('a clock running backwards (another process) refills nothing', async () => {
    const { store } = await fresh();
    assert.equal((await store.hit('k', 1, T0)).allowed, true);
    assert.equal((await store.hit('k', 1, T0 - 120_000)).allowed, false);
    assert.equal((await store.hit('k', 1, T0 + 59_999)).allowed, false);
    assert.equal((await store.hit('k', 1, T0 + 60_000)).allowed, true);
  });

  test('two Store instances on one file (as two processes) share one bucket', async () => {
    const { store, path } = await fresh();
    const other = await openStore({ type: 'sqlite', path });
    opened.push(other);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).hit('shared', 25, T0)),
    );
    assert.equal(results.filter((r) => r.allowed).length, 25);
  });

  test('no double burst across a minute boundary', async () => {
    const { store } = await fresh();
    // 10 hits at the end of one minute...
    for (let i = 0; i < 10; i++) assert.equal((await store.hit('k', 10, T0 + 59_000 + i)).allowed, true);
    // ...then at the start of the next minute a fixed window would allow 10 more; a sliding one does not.
    let allowed = 0;
    for (let i = 0; i < 10; i++) if ((await store.hit('k', 10, T0 + 60_500 + i)).allowed) allowed++;
    assert.equal(allowed, 0);
    assert.equal((await store.hit('k', 10, T0 + 119_000)).allowed, true);
  });
});

describe('spend reservations', () => {
  test('session and hourly caps, with what is left', async () => {
    const { store } = await fresh();
    const base = { agent: 'a', session: 's1', sessionCap: 10, hourlyCap: 15, now: T0 };
    assert.equal((await store.reserve({ ...base, amount: 0.1 })).ok, true);
    assert.equal((await store.reserve({ ...base, amount: 0.2 })).ok, true);
    assert.deepEqual(await store.reserve({ ...base, amount: 9.8 }), {
      ok: false,
      cap: 'session',
      remaining: 9.7,
    });
    assert.equal((await store.reserve({ ...base, amount: 9.7 })).ok, true); // exactly to the cap (no float drift)
    // another session of the same agent hits the hourly cap: 10 spent, 5 left
    assert.deepEqual(await store.reserve({ ...base, session: 's2', amount: 6 }), {
      ok: false,
      cap: 'hour',
      remaining: 5,
    });
    // an hour later the hourly budget is back (the session total is not)
    assert.equal((await store.reserve({ ...base, session: 's2', amount: 6, now: T0 + 3_600_001 })).ok, true);
    await assert.rejects(store.reserve({ ...base, amount: Number.NaN }), RangeError);
    await assert.rejects(store.reserve({ ...base, amount: -1 }), RangeError);
  });

  test('release refunds once', async () => {
    const { store } = await fresh();
    const base = { agent: 'a', session: 's', sessionCap: 5, hourlyCap: 5, now: T0 };
    const r = await store.reserve({ ...base, amount: 5 });
    assert.ok(r.ok);
    assert.equal((await store.reserve({ ...base, amount: 1 })).ok, false);
    await store.release(r.id);
    await store.release(r.id);
    assert.equal((await store.reserve({ ...base, amount: 5 })).ok, true);
    assert.equal((await store.reserve({ ...base, amount: 0.01 })).ok, false);
  });

  test('100 concurrent reservations never overshoot', async () => {
    const { store } = await fresh();
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        store.reserve({ agent: 'a', session: 's', amount: 3, sessionCap: 100, now: T0 }),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 33);
  });

  test('two Store instances on one file (as two processes) share the cap', async () => {
    const { store, path } = await fresh();
    const other = await openStore({ type: 'sqlite', path });
    opened.push(other);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? store : other).reserve({ agent: 'a', session: 's', amount: 1, hourlyCap: 40, now: T0 + i }),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 40);
  });
});

describe('approvals', () => {
  const call = {
    agent: 'a',
    tool: 'pay',
    argsHash: 'h1',
    amount: 75,
    summary: 'pay 75 USD',
    ttlSec: 60,
    now: T0,
  };

  test('request dedups pending, decide, consume exactly once', async () => {
    const { store } = await fresh();
    const first = await store.requestApproval(call);
    assert.equal(first.status, 'pending');
    assert.equal(first.expiresAt, T0 + 60_000);
    const again = await store.requestApproval({ ...call, now: T0 + 10 });
    assert.equal(again.id, first.id);
    assert.equal((await store.listApprovals('pending', T0 + 10)).length, 1);
    assert.equal(await store.consumeApproval(first.id, T0 + 20), false); // not approved yet
    const decided = await store.decideApproval(first.id, 'approved', 'alice', 'ok', T0 + 30);
    assert.equal(decided.status, 'approved');
    assert.equal(decided.decidedBy, 'alice');
    assert.equal(decided.reason, 'ok');
    assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 40))?.status, 'approved');
    const consumed = await Promise.all([1, 2, 3].map(() => store.consumeApproval(first.id, T0 + 50)));
    assert.deepEqual(consumed.sort(), [false, false, true]);
    assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 60))?.status, 'consumed');
    await assert.rejects(
      store.decideApproval(first.id, 'denied', 'bob', undefined, T0 + 70),
      /consumed, not pending/,
    );
    // the next identical call needs a new approval
    const next = await store.requestApproval({ ...call, now: T0 + 80 });
    assert.notEqual(next.id, first.id);
  });

  test('denied carries its reason; pending expires after the TTL', async () => {
    const { store } = await fresh();
    const a = await store.requestApproval(call);
    const denied = await store.decideApproval(a.id, 'denied', 'bob', 'too much', T0 + 1);
    assert.equal(denied.status, 'denied');
    assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 2))?.reason, 'too much');
    const b = await store.requestApproval({ ...call, argsHash: 'h2' });
    assert.equal((await store.findApproval('a', 'pay', 'h2', T0 + 60_000))?.status, 'expired');
    await assert.rejects(store.decideApproval(b.id, 'approved', 'x', undefined, T0 + 60_001), /expired/);
    assert.equal(await store.findApproval('a', 'pay', 'h3', T0), undefined);
  });

  test('prefix resolution: unique, ambiguous, empty, unknown', async () => {
    const { store } = await fresh();
    const made: Approval[] = [];
    for (let i = 0; i < 40; i++) made.push(await store.requestApproval({ ...call, argsHash: `h${i}` }));
    const id = made[0].id;
    assert.equal(await store.resolveApprovalId(id), id);
    // find a prefix shared by two ids and one unique to the first
    const unique = Array.from({ length: id.length }, (_, n) => id.slice(0, n + 1)).find(
      (p) => made.filter((m) => m.id.startsWith(p)).length === 1,
    )!;
    assert.equal(await store.resolveApprovalId(unique.toUpperCase()), id);
    const shared = made.map((m) => m.id[0]).find((c, _, all) => all.filter((d) => d === c).length > 1)!;
    await assert.rejects(
      store.resolveApprovalId(shared),
      (e) => e instanceof StoreError && /ambiguous/.test(e.message),
    );
    await assert.rejects(store.resolveApprovalId('  '), /empty approval id/);
    await assert.rejects(store.resolveApprovalId('zz'), /not an approval id/);
    const absent = 'fedcba9876543210'
      .split('')
      .map((_, n) => 'fedcba9876543210'.slice(0, n + 1))
      .find((p) => !made.some((m) => m.id.startsWith(p)))!;
    await assert.rejects(store.resolveApprovalId(absent), /no approval id starts with/);
  });

  test('survive close and reopen', async () => {
    const { store, path } = await fresh();
    const a = await store.requestApproval(call);
    await store.close();
    const reopened = await openStore({ type: 'sqlite', path });
    opened.push(reopened);
    const [listed] = await reopened.listApprovals();
    assert.equal(listed.id, a.id);
    assert.equal(listed.status, 'expired'); // listApprovals uses the wall clock; T0 is long past
  });
});

describe('housekeeping', () => {
  test('evictIdle drops old rate hits and spend rows', async () => {
    const { store, path } = await fresh();
    for (let i = 0; i < 50; i++) await store.hit(`agent-${i}`, 10, T0);
    await store.reserve({ agent: 'a', session: 's', amount: 1, now: T0 });
    await store.evictIdle(T0 + 25 * 3_600_000);
    await store.close();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(path);
    const count = (t: string) =>
      Number((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    assert.deepEqual(
      [count('rate_hits'), count('spend'), count('session_spend'), count('agent_hour')],
      [0, 0, 0, 0],
    );
    db.close();
  });

  test('file 0600 in a folder created 0700', async () => {
    const { path } = await fresh();
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
  });
});

describe('bounded state', () => {
  test('three hours of steady spend: the hourly cap stays exact and the rows stay bounded', async () => {
    const { store, path } = await fresh();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(path);
    const count = (t: string) =>
      Number((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    // A model of the rule: the unreleased reservations of the last hour, summed the slow way.
    const kept: { at: number; amount: number }[] = [];
    let accepted = 0;
    let refused = 0;
    for (let minute = 0; minute < 180; minute++) {
      for (let k = 0; k < 3; k++) {
        const now = T0 + minute * 60_000 + k * 1000;
        const spent = kept.filter((x) => x.at > now - 3_600_000).reduce((sum, x) => sum + x.amount, 0);
        const r = await store.reserve({
          agent: 'a',
          session: `s${minute % 5}`,
          amount: 1,
          hourlyCap: 100,
          now,
        });
        assert.equal(r.ok, spent + 1 <= 100, `minute ${minute}: ${spent} spent`);
        if (!r.ok) {
          refused++;
          continue;
        }
        accepted++;
        // every fourth call fails at the backend and gives its amount back
        if (accepted % 4 === 0) await store.release(r.id);
        else kept.push({ at: now, amount: 1 });
        await store.hit(`agent-${minute}`, 10, now);
      }
      if (minute % 10 === 9) {
        await store.evictIdle(T0 + minute * 60_000 + 59_000);
        // reservations of the last hour (three a minute) plus at most the ten minutes since the last prune
        assert.ok(count('spend') <= 3 * 70, `spend rows: ${count('spend')}`);
        assert.ok(count('rate_hits') <= 2, `rate rows: ${count('rate_hits')}`);
        assert.equal(count('agent_hour'), 1);
      }
    }
    assert.ok(refused > 100 && accepted > 300, `${accepted} accepted, ${refused} refused`);
    db.close();
  });

  test('a file of the first layout is migrated: reservations of the hour still count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guard-store-'));
    const path = join(dir, 'old.db');
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE rate_hits (key TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE spend (id TEXT PRIMARY KEY, agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL,
        at INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX spend_agent_at ON spend (agent, at);
      INSERT INTO rate_hits VALUES ('agent:a', ${T0});
      INSERT INTO spend VALUES ('x1', 'a', 's', 30000000, ${T0}, 0), ('x2', 'a', 's', 50000000, ${T0 + 1000}, 1),
        ('x3', 'a', 's', 60000000, ${T0 - 3_600_000}, 0);`);
    db.close();
    const store = await openStore({ type: 'sqlite', path });
    opened.push(store);
    // 30 of the hour count (x2 was released, x3 is past the hour): 70 left of 100
    assert.deepEqual(
      await store.reserve({ agent: 'a', session: 't', amount: 71, hourlyCap: 100, now: T0 + 2000 }),
      {
        ok: false,
        cap: 'hour',
        remaining: 70,
      },
    );
    assert.equal(
      (await store.reserve({ agent: 'a', session: 't', amount: 70, hourlyCap: 100, now: T0 + 2000 })).ok,
      true,
    );
    assert.equal((await store.hit('agent:a', 1, T0)).allowed, true);
  });
});
