// Spend reservations across a crash, the same on every store (memory and SQLite): a reservation whose
// call was forwarded stays counted; one of the same owner never forwarded is released when that owner
// starts again; other owners' reservations and reservations without an owner are left alone. And a
// SQLite file written before owners existed is migrated, its reservations still counted.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, test } from 'node:test';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

const T0 = 1_700_000_000_000;
const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => new MemoryStore()],
  ['sqlite', async () => SqliteStore.open(join(await mkdtemp(join(tmpdir(), 'guard-fwd-')), 'state.db'))],
];

for (const [name, make] of stores) {
  describe(`${name} store`, () => {
    test('releaseUnforwarded gives back exactly the owner’s reservations never forwarded', async () => {
      const store = await make();
      const base = { agent: 'a', session: 's', hourlyCap: 100, now: T0 };
      const reserve = async (amount: number, owner?: string) => {
        const r = await store.reserve({ ...base, amount, owner });
        assert.ok(r.ok);
        return r.id;
      };
      const sent = await reserve(10, 'eu-1:audit.jsonl');
      await store.forwarded(sent);
      await reserve(20, 'eu-1:audit.jsonl'); // crashed before forwarding
      await reserve(30, 'eu-2:audit.jsonl'); // another guard's call, still in flight
      await reserve(5); // no owner: never released by owner
      assert.deepEqual(await store.reserve({ ...base, amount: 36 }), {
        ok: false,
        cap: 'hour',
        remaining: 35,
      });
      assert.equal(await store.releaseUnforwarded('eu-1:audit.jsonl'), 1);
      assert.equal(await store.releaseUnforwarded('eu-1:audit.jsonl'), 0);
      assert.deepEqual(await store.reserve({ ...base, amount: 56 }), {
        ok: false,
        cap: 'hour',
        remaining: 55,
      });
      // Marking an unknown or released id does nothing.
      await store.forwarded('999999');
      await store.close();
    });
  });
}

test('a SQLite file from before owners is migrated: its reservations keep counting', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'guard-fwd-')), 'state.db');
  const old = new DatabaseSync(path);
  old.exec(`CREATE TABLE spend (
    id INTEGER PRIMARY KEY AUTOINCREMENT, agent TEXT NOT NULL, session TEXT NOT NULL, micros INTEGER NOT NULL,
    at INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE agent_hour (agent TEXT PRIMARY KEY, micros INTEGER NOT NULL, swept_to INTEGER NOT NULL, last_at INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO spend (agent, session, micros, at) VALUES ('a', 's', 40000000, ${T0});
    INSERT INTO agent_hour VALUES ('a', 40000000, ${T0 - 3_600_000}, ${T0});`);
  old.close();
  const store = await SqliteStore.open(path);
  assert.equal(await store.releaseUnforwarded('anyone'), 0);
  assert.deepEqual(
    await store.reserve({ agent: 'a', session: 's2', amount: 61, hourlyCap: 100, now: T0 + 1 }),
    {
      ok: false,
      cap: 'hour',
      remaining: 60,
    },
  );
  await store.close();
});
