// The approvals change feed and the `withdrawn` status, one suite over every store (memory and SQLite,
// and SQLite as two processes on one file): a decision made through one store instance shows up in
// the feed of another, each change once, in order.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore, type Store, StoreError } from './index.ts';
import { MemoryStore } from './memory.ts';

const T0 = 1_700_000_000_000;
const opened: Store[] = [];
after(async () => {
  for (const s of opened) await s.close();
});

/** Two handles on one store: the same object for memory, two connections to one file for SQLite. */
const kinds: Record<string, () => Promise<[Store, Store]>> = {
  memory: async () => {
    const s = new MemoryStore();
    return [s, s];
  },
  sqlite: async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'guard-feed-')), 'state.db');
    const a = await openStore({ type: 'sqlite', path });
    const b = await openStore({ type: 'sqlite', path });
    opened.push(a, b);
    return [a, b];
  },
};

const request = (tool: string, now = T0) => ({
  agent: 'bot',
  tool,
  argsHash: `h-${tool}`,
  amount: 75,
  summary: `bot calls ${tool} for 75`,
  ttlSec: 60,
  now,
  backend: 'wallet',
  args: '{"amount":75}',
});

for (const [kind, make] of Object.entries(kinds)) {
  describe(`approvals change feed (${kind})`, () => {
    test('creations and decisions from another handle appear once, in order', async () => {
      const [guard, cli] = await make();
      const start = await guard.approvalChanges(undefined, T0);
      assert.deepEqual(start.approvals, []);
      const a = await guard.requestApproval(request('pay'));
      const b = await guard.requestApproval(request('transfer'));
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
      // Nothing new: nothing returned, the cursor stays.
      const quiet = await guard.approvalChanges(first.cursor, T0);
      assert.deepEqual(quiet, { cursor: first.cursor, approvals: [] });
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
      const consumed = await guard.approvalChanges(decided.cursor, T0 + 8);
      assert.deepEqual(
        consumed.approvals.map((x) => [x.id, x.status]),
        [[a.id, 'consumed']],
      );
    });

    test('expiry is a change; a withdrawn approval is final and a retry asks anew', async () => {
      const [guard, cli] = await make();
      const start = await guard.approvalChanges(undefined, T0);
      const a = await guard.requestApproval(request('pay'));
      const w = await guard.requestApproval(request('charge'));
      const withdrawn = await guard.decideApproval(
        w.id,
        'withdrawn',
        'bot',
        'cancelled by the client',
        T0 + 1,
      );
      assert.equal(withdrawn.status, 'withdrawn');
      await assert.rejects(cli.decideApproval(w.id, 'approved', 'ops', undefined, T0 + 2), StoreError);
      const again = await guard.requestApproval(request('charge', T0 + 3));
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
    });
  });
}
