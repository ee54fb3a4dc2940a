// One audit file per writer: slots taken in order, a slot given up on close (or death) taken back,
// the folder created when missing, and a device (not a file) written directly without locks.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openWriter, recordUnfinished, slotPath } from './writers.ts';

test('writers take the first free slot, and a slot given up is taken back', async () => {
  const base = join(await mkdtemp(join(tmpdir(), 'guard-writers-')), 'new', 'folder', 'audit.jsonl');
  const options = { replica: 'r1' };
  const a = await openWriter(base, options);
  const b = await openWriter(base, options);
  assert.equal(a.path, base);
  assert.equal(b.path, slotPath(base, 2));
  assert.equal(b.path.endsWith('audit.2.jsonl'), true);
  assert.equal(a.id, `r1:${base}`);
  a.log.append({ decision: 'allow' });
  a.close();
  const c = await openWriter(base, options);
  assert.equal(c.path, base);
  assert.equal(c.log.append({ decision: 'allow' }).seq, 2);
  assert.equal(c.log.append({ decision: 'allow' }).replica, 'r1');
  b.close();
  c.close();
  assert.equal(slotPath('/x/log', 3), '/x/log.3');
});

test('a device is written directly, without a lock file beside it', async () => {
  const w = await openWriter('/dev/null', { replica: 'r1' });
  w.log.append({ decision: 'allow' });
  w.close();
  assert.equal(existsSync('/dev/null.lock'), false);
});

test("a crashed holder's calls in flight are taken over: never sent when their reservation was released", async () => {
  const base = join(await mkdtemp(join(tmpdir(), 'guard-writers-')), 'audit.jsonl');
  const first = await openWriter(base, { replica: 'r1' });
  const fields = { method: 'tools/call', tool: 'pay', amount: 3 };
  first.log.append({ ...fields, decision: 'forward', call: 'c1', id: 1, reservation: '11' });
  first.log.append({ ...fields, decision: 'forward', call: 'c2', id: 2, reservation: '12' });
  first.log.append({ ...fields, decision: 'forward', call: 'c3', id: 3 });
  first.log.append({ ...fields, decision: 'forward', call: 'c4', id: 4, reservation: '14' });
  first.log.append({ ...fields, decision: 'allow', call: 'c4', id: 4 });
  first.close();
  const next = await openWriter(base, { replica: 'r1' });
  assert.deepEqual(
    next.unfinished.map((r) => r.call),
    ['c1', 'c2', 'c3'],
  );
  // The store released reservation 12 (never marked forwarded): that call was never sent.
  assert.deepEqual(recordUnfinished(next.log, next.unfinished, new Set(['12'])), { unknown: 2, unsent: 1 });
  next.close();
  const records = readFileSync(base, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const outcome = (call: string) => records.filter((r) => r.call === call).at(-1);
  assert.equal(outcome('c1').decision, 'unknown');
  assert.equal(outcome('c2').decision, 'error');
  assert.match(outcome('c2').reason, /never sent/);
  assert.equal(outcome('c3').decision, 'unknown');
  assert.equal(outcome('c4').decision, 'allow');
  const again = await openWriter(base, { replica: 'r1' });
  assert.deepEqual(again.unfinished, [], 'every call has its outcome now');
  again.close();
});

test("a crashed holder's spend leases: each at what its forwarded calls spent, less what was given back", async () => {
  const base = join(await mkdtemp(join(tmpdir(), 'guard-writers-')), 'audit.jsonl');
  const first = await openWriter(base, { replica: 'r1' });
  const call = { method: 'tools/call', tool: 'pay' };
  const forward = (id: number, lease: string, amount: number) =>
    first.log.append({
      ...call,
      decision: 'forward',
      call: `c${id}`,
      id,
      amount,
      reservation: lease,
      lease: true,
    });
  forward(1, 'L1', 2);
  forward(2, 'L1', 3);
  forward(3, 'L2', 5);
  // A reservation of its own (a call held for approval): not a lease.
  first.log.append({ ...call, decision: 'forward', call: 'c4', id: 4, amount: 9, reservation: 'R4' });
  first.log.append({ ...call, decision: 'allow', call: 'c1', id: 1, amount: 2 });
  // The backend failed c2: its amount went back to the lease.
  first.log.append({ ...call, decision: 'error', call: 'c2', id: 2, amount: 3, released: true });
  forward(5, 'L2', 0.25);
  first.close();
  const next = await openWriter(base, { replica: 'r1' });
  assert.deepEqual(next.leases, [
    { reservation: 'L1', amount: 2, complete: true },
    // c3 and c5 have no outcome (unknown): the backend may have run them, so they count.
    { reservation: 'L2', amount: 5.25, complete: true },
  ]);
  next.close();
});
