// The Store contract, continued (see contract.ts): approvals (request, find, decide, consume exactly
// once, prefixes, expiry), tool pins (trust on first use, pending versions, approval, reset) and eviction.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContractHarness } from './contract.ts';
import { type Approval, StoreError } from './types.ts';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Registers the approval, pin and eviction tests (inside the subject's describe). */
export function approvalsPinsEviction({ subject, fresh, other, closeAll }: ContractHarness): void {
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
      const store = await fresh();
      const first = await store.requestApproval(call);
      assert.equal(first.status, 'pending');
      assert.equal(first.expiresAt, T0 + 60_000);
      assert.equal(first.amount, 75);
      assert.equal(first.summary, 'pay 75 USD');
      const again = await store.requestApproval({ ...call, now: T0 + 10 });
      assert.equal(again.id, first.id);
      assert.equal((await store.listApprovals('pending', T0 + 10)).length, 1);
      assert.equal(await store.consumeApproval(first.id, T0 + 20), false);
      const decided = await store.decideApproval(first.id, 'approved', 'alice', 'ok', T0 + 30);
      assert.equal(decided.status, 'approved');
      assert.equal(decided.decidedBy, 'alice');
      assert.equal(decided.reason, 'ok');
      // usable for one TTL from the decision
      assert.equal(decided.expiresAt, T0 + 30 + 60_000);
      assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 40))?.status, 'approved');
      const consumed = await Promise.all([1, 2, 3].map(() => store.consumeApproval(first.id, T0 + 50)));
      assert.deepEqual(consumed.sort(), [false, false, true]);
      assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 60))?.status, 'consumed');
      await assert.rejects(
        store.decideApproval(first.id, 'denied', 'bob', undefined, T0 + 70),
        (e) => e instanceof StoreError && /consumed, not pending/.test(e.message),
      );
      const next = await store.requestApproval({ ...call, now: T0 + 80 });
      assert.notEqual(next.id, first.id);
      assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 90))?.id, next.id);
      await closeAll();
    });

    test('the change feed: creations and decisions from another handle, each once, in order', async () => {
      const guard = await fresh();
      const cli = await other(guard);
      const start = await guard.approvalChanges(undefined, T0);
      assert.deepEqual(start.approvals, []);
      const a = await guard.requestApproval({ ...call, backend: 'wallet', args: '{"amount":75}' });
      const b = await guard.requestApproval({ ...call, tool: 'transfer', argsHash: 'h2' });
      assert.equal(a.backend, 'wallet');
      assert.equal(a.args, '{"amount":75}');
      const first = await guard.approvalChanges(start.cursor, T0);
      assert.deepEqual(
        first.approvals.map((x) => [x.id, x.status]),
        [
          [a.id, 'pending'],
          [b.id, 'pending'],
        ],
      );
      assert.deepEqual(await guard.approvalChanges(first.cursor, T0), {
        cursor: first.cursor,
        approvals: [],
      });
      await cli.decideApproval(b.id, 'denied', 'ops', 'too much', T0 + 5);
      await cli.decideApproval(a.id, 'approved', 'ops', undefined, T0 + 6);
      const decided = await guard.approvalChanges(first.cursor, T0 + 7);
      assert.deepEqual(
        decided.approvals.map((x) => [x.id, x.status, x.decidedBy, x.decidedAt]),
        [
          [b.id, 'denied', 'ops', T0 + 5],
          [a.id, 'approved', 'ops', T0 + 6],
        ],
      );
      assert.equal(await guard.consumeApproval(a.id, T0 + 8), true);
      const consumed = await cli.approvalChanges(decided.cursor, T0 + 8);
      assert.deepEqual(
        consumed.approvals.map((x) => [x.id, x.status]),
        [[a.id, 'consumed']],
      );
      await closeAll();
    });

    test('the change feed: expiry is a change; withdrawn is final and a retry asks anew', async () => {
      const guard = await fresh();
      const cli = await other(guard);
      const start = await guard.approvalChanges(undefined, T0);
      const a = await guard.requestApproval(call);
      const w = await guard.requestApproval({ ...call, tool: 'charge' });
      const withdrawn = await guard.decideApproval(w.id, 'withdrawn', 'a', 'cancelled by the client', T0 + 1);
      assert.equal(withdrawn.status, 'withdrawn');
      await assert.rejects(cli.decideApproval(w.id, 'approved', 'ops', undefined, T0 + 2), StoreError);
      const again = await guard.requestApproval({ ...call, tool: 'charge', now: T0 + 3 });
      assert.notEqual(again.id, w.id);
      const changes = await cli.approvalChanges(start.cursor, T0 + 61_000);
      const byId = new Map(changes.approvals.map((x) => [x.id, x.status]));
      assert.equal(byId.get(a.id), 'expired');
      assert.equal(byId.get(w.id), 'withdrawn');
      assert.equal(byId.get(again.id), 'expired');
      assert.deepEqual(await cli.approvalChanges(changes.cursor, T0 + 62_000), {
        cursor: changes.cursor,
        approvals: [],
      });
      await closeAll();
    });

    test('concurrent requests for one call make one approval', async () => {
      const store = await fresh();
      const all = await Promise.all(Array.from({ length: 10 }, () => store.requestApproval(call)));
      assert.equal(new Set(all.map((a) => a.id)).size, 1);
      await closeAll();
    });

    test('denied carries its reason; pending and unconsumed approvals expire', async () => {
      const store = await fresh();
      const a = await store.requestApproval(call);
      const denied = await store.decideApproval(a.id, 'denied', 'bob', 'too much', T0 + 1);
      assert.equal(denied.status, 'denied');
      assert.equal((await store.findApproval('a', 'pay', 'h1', T0 + 2))?.reason, 'too much');
      const b = await store.requestApproval({ ...call, argsHash: 'h2' });
      assert.equal((await store.findApproval('a', 'pay', 'h2', T0 + 60_000))?.status, 'expired');
      await assert.rejects(
        store.decideApproval(b.id, 'approved', 'x', undefined, T0 + 60_001),
        (e) => e instanceof StoreError && /expired/.test(e.message),
      );
      assert.equal(await store.findApproval('a', 'pay', 'h3', T0), undefined);
      // an approval nobody used within its TTL expires too, and cannot be consumed
      const c = await store.requestApproval({ ...call, argsHash: 'h4' });
      await store.decideApproval(c.id, 'approved', 'alice', undefined, T0 + 5);
      assert.equal(await store.consumeApproval(c.id, T0 + 5 + 60_000), false);
      assert.equal((await store.findApproval('a', 'pay', 'h4', T0 + 5 + 60_000))?.status, 'expired');
      // an expired one is not handed out again: the call asks anew
      assert.notEqual((await store.requestApproval({ ...call, argsHash: 'h2', now: T0 + 70_000 })).id, b.id);
      await assert.rejects(
        store.decideApproval('0123456789abcdef', 'approved', 'x', undefined, T0),
        (e) => e instanceof StoreError && /no approval/.test(e.message),
      );
      await closeAll();
    });

    test('listApprovals: newest first, by status, expiring stale ones', async () => {
      const store = await fresh();
      const made: Approval[] = [];
      for (let i = 0; i < 4; i++)
        made.push(await store.requestApproval({ ...call, argsHash: `h${i}`, now: T0 + i * 1000 }));
      await store.decideApproval(made[1].id, 'denied', 'bob', undefined, T0 + 5000);
      assert.deepEqual(
        (await store.listApprovals(undefined, T0 + 5000)).map((a) => a.id),
        [...made].reverse().map((a) => a.id),
      );
      assert.deepEqual(
        (await store.listApprovals('denied', T0 + 5000)).map((a) => a.id),
        [made[1].id],
      );
      // made[0] was asked at T0 with 60 s to live
      assert.deepEqual(
        (await store.listApprovals('expired', T0 + 60_500)).map((a) => a.id),
        [made[0].id],
      );
      assert.equal((await store.listApprovals('pending', T0 + 60_500)).length, 2);
      await closeAll();
    });

    test('prefix resolution: unique, ambiguous, empty, unknown, not an id', async () => {
      const store = await fresh();
      const made: Approval[] = [];
      for (let i = 0; i < 40; i++) made.push(await store.requestApproval({ ...call, argsHash: `h${i}` }));
      const id = made[0].id;
      assert.match(id, /^[0-9a-f]{16}$/);
      assert.equal(await store.resolveApprovalId(id), id);
      const unique = Array.from({ length: id.length }, (_, n) => id.slice(0, n + 1)).find(
        (p) => made.filter((m) => m.id.startsWith(p)).length === 1,
      )!;
      assert.equal(await store.resolveApprovalId(unique.toUpperCase()), id);
      const sharedPrefix = made
        .map((m) => m.id[0])
        .find((c, _, all) => all.filter((d) => d === c).length > 1)!;
      await assert.rejects(
        store.resolveApprovalId(sharedPrefix),
        (e) => e instanceof StoreError && /ambiguous/.test(e.message),
      );
      await assert.rejects(
        store.resolveApprovalId('  '),
        (e) => e instanceof StoreError && /empty/.test(e.message),
      );
      await assert.rejects(store.resolveApprovalId('zz'), /not an approval id/);
      const absent = 'fedcba9876543210'
        .split('')
        .map((_, n) => 'fedcba9876543210'.slice(0, n + 1))
        .find((p) => !made.some((m) => m.id.startsWith(p)))!;
      await assert.rejects(store.resolveApprovalId(absent), /no approval id starts with/);
      await closeAll();
    });
  });

  describe('tool pins', () => {
    const seen = (tool: string, hash: string, trust: boolean, now = 1) => ({
      server: 'srv',
      tool,
      hash,
      definition: `{"name":"${tool}","v":"${hash}"}`,
      trust,
      now,
    });

    test('first sight pins (trust) or records a new tool; getPin and listPins agree', async () => {
      const store = await fresh();
      const a = await store.putPin(seen('a', 'h1', true));
      assert.deepEqual(a, {
        server: 'srv',
        tool: 'a',
        status: 'pinned',
        hash: 'h1',
        definition: '{"name":"a","v":"h1"}',
        pinnedAt: 1,
      });
      const b = await store.putPin(seen('b', 'h2', false, 5));
      assert.equal(b.status, 'new');
      assert.equal(b.hash, undefined);
      assert.equal(b.pendingHash, 'h2');
      assert.equal(b.changedAt, 5);
      assert.deepEqual(await store.getPin('srv', 'a'), a);
      assert.equal(await store.getPin('srv', 'zzz'), undefined);
      assert.deepEqual(
        (await store.listPins()).map((p) => p.tool),
        ['a', 'b'],
      );
      assert.deepEqual(
        (await store.listPins({ server: 'srv', tool: 'b' })).map((p) => p.status),
        ['new'],
      );
      assert.deepEqual(await store.listPins({ server: 'other' }), []);
      await closeAll();
    });

    test('a changed hash is pending (trust ignored), a revert clears it', async () => {
      const store = await fresh();
      await store.putPin(seen('a', 'h1', true));
      const changed = await store.putPin(seen('a', 'h2', true, 7));
      assert.equal(changed.status, 'changed');
      assert.equal(changed.hash, 'h1');
      assert.equal(changed.pendingHash, 'h2');
      assert.equal(changed.changedAt, 7);
      assert.equal((await store.putPin(seen('a', 'h2', false, 9))).changedAt, 7);
      const back = await store.putPin(seen('a', 'h1', false, 10));
      assert.equal(back.status, 'pinned');
      assert.equal(back.pendingHash, undefined);
      assert.equal(back.pendingDefinition, undefined);
      await closeAll();
    });

    test('concurrent first sights agree on one pin', async () => {
      const store = await fresh();
      const pins = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.putPin(seen('race', `h${i}`, true, i))),
      );
      const final = await store.getPin('srv', 'race');
      // whichever came first is pinned; every later one sees it and at most proposes a pending version
      assert.equal(final?.status === 'pinned' || final?.status === 'changed', true);
      assert.ok(pins.every((p) => p.hash === final?.hash));
      await closeAll();
    });

    test('approvePin accepts the pending version, checks the hash, refuses when nothing is pending', async () => {
      const store = await fresh();
      await store.putPin(seen('a', 'h1', true));
      await store.putPin(seen('a', 'abc2', false));
      await assert.rejects(store.approvePin('srv', 'a', 'bob', 3, 'ffff'), StoreError);
      const approved = await store.approvePin('srv', 'a', 'bob', 3, 'ABC');
      assert.deepEqual(approved, {
        server: 'srv',
        tool: 'a',
        status: 'pinned',
        hash: 'abc2',
        definition: '{"name":"a","v":"abc2"}',
        pinnedAt: 3,
        approvedBy: 'bob',
      });
      assert.deepEqual(await store.getPin('srv', 'a'), approved);
      await assert.rejects(store.approvePin('srv', 'a', 'bob', 4), /no pending change/);
      await assert.rejects(store.approvePin('srv', 'nope', 'bob', 4), /no pin for srv\/nope/);
      await closeAll();
    });

    test('resetPins forgets one tool, one server, or everything', async () => {
      const store = await fresh();
      await store.putPin(seen('a', 'h1', true));
      await store.putPin(seen('b', 'h1', true));
      await store.putPin({ ...seen('a', 'h1', true), server: 'other' });
      assert.equal(await store.resetPins({ server: 'srv', tool: 'a' }), 1);
      assert.deepEqual(
        (await store.listPins()).map((p) => `${p.server}/${p.tool}`),
        ['other/a', 'srv/b'],
      );
      assert.equal(await store.resetPins({ server: 'srv' }), 1);
      assert.equal(await store.resetPins(), 1);
      assert.deepEqual(await store.listPins(), []);
      await closeAll();
    });
  });

  describe('eviction', () => {
    test('idle state goes; what still counts (session totals, fresh approvals) stays', async () => {
      const store = await fresh();
      for (let i = 0; i < 50; i++) await store.hit(`agent-${i}`, 10, T0);
      await store.take('lease', 10, 5, T0);
      const r = await store.reserve({
        agent: 'a',
        session: 's',
        amount: 8,
        sessionCap: 10,
        hourlyCap: 8,
        now: T0,
      });
      assert.ok(r.ok);
      const held = await store.requestApproval({
        agent: 'a',
        tool: 'pay',
        argsHash: 'x',
        summary: 'pay',
        ttlSec: 60,
        now: T0,
      });
      await store.decideApproval(held.id, 'denied', 'bob', undefined, T0 + 1);
      await store.putPin({ server: 'srv', tool: 't', hash: 'h', definition: '{}', trust: true, now: T0 });
      assert.ok((await subject.footprint(store)) > 0);

      await store.evictIdle(T0 + 2 * HOUR);
      // a bucket idle for a minute is full again
      assert.deepEqual(await store.take('lease', 10, 10, T0 + 2 * HOUR), { granted: 10, retryAfterMs: 0 });
      // the hour has passed: the hourly budget is back, the session total is not
      assert.deepEqual(
        await store.reserve({
          agent: 'a',
          session: 's',
          amount: 3,
          sessionCap: 10,
          hourlyCap: 8,
          now: T0 + 2 * HOUR,
        }),
        { ok: false, cap: 'session', remaining: 2 },
      );
      assert.equal((await store.listApprovals(undefined, T0 + 2 * HOUR)).length, 1);

      // a week after their expiry, decided approvals go; a day without spending forgets a session
      const later = T0 + 9 * DAY;
      await store.evictIdle(later);
      assert.deepEqual(await store.listApprovals(undefined, later), []);
      assert.equal(await store.findApproval('a', 'pay', 'x', later), undefined);
      assert.equal(
        (await store.reserve({ agent: 'a', session: 's', amount: 10, sessionCap: 10, now: later })).ok,
        true,
      );
      await store.evictIdle(later + 2 * DAY);
      assert.equal(await subject.footprint(store), 0);
      // pins are never evicted: they are what a human approved
      assert.equal((await store.getPin('srv', 't'))?.status, 'pinned');
      await closeAll();
    });
  });
}
