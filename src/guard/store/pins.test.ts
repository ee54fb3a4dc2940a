// The tool-pin contract, run against both stores: trust on first use, pending versions, reverts,
// approval (with the hash check), listing, reset, and (SQLite) pins surviving a reopen.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';
import { type Store, StoreError } from './types.ts';

const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => new MemoryStore()],
  ['sqlite', () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'mcp-guard-pins-')), 'state.db'))],
];

const seen = (tool: string, hash: string, trust: boolean, now = 1) => ({
  server: 'srv',
  tool,
  hash,
  definition: `{"name":"${tool}","v":"${hash}"}`,
  trust,
  now,
});

for (const [kind, open] of stores) {
  test(`${kind}: first sight pins (trust) or records a new tool; getPin and listPins agree`, async () => {
    const store = await open();
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
    await store.close();
  });

  test(`${kind}: a changed hash is pending (trust ignored), a revert clears it`, async () => {
    const store = await open();
    await store.putPin(seen('a', 'h1', true));
    const changed = await store.putPin(seen('a', 'h2', true, 7));
    assert.equal(changed.status, 'changed');
    assert.equal(changed.hash, 'h1');
    assert.equal(changed.pendingHash, 'h2');
    assert.equal(changed.changedAt, 7);
    // Seeing the same pending version again keeps its first time.
    assert.equal((await store.putPin(seen('a', 'h2', false, 9))).changedAt, 7);
    const back = await store.putPin(seen('a', 'h1', false, 10));
    assert.equal(back.status, 'pinned');
    assert.equal(back.pendingHash, undefined);
    assert.equal(back.pendingDefinition, undefined);
    await store.close();
  });

  test(`${kind}: approvePin accepts the pending version, checks the hash, refuses when nothing is pending`, async () => {
    const store = await open();
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
    await store.close();
  });

  test(`${kind}: resetPins forgets one tool, one server, or everything`, async () => {
    const store = await open();
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
    await store.close();
  });
}

test('sqlite: pins survive closing and reopening the database', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'mcp-guard-pins-')), 'state.db');
  const first = await SqliteStore.open(path);
  await first.putPin(seen('a', 'h1', true));
  await first.putPin(seen('a', 'h2', false, 2));
  await first.close();
  const second = await SqliteStore.open(path);
  const pin = await second.getPin('srv', 'a');
  assert.equal(pin?.status, 'changed');
  assert.equal(pin?.pendingDefinition, '{"name":"a","v":"h2"}');
  await second.close();
});
