// A SQLite file written before reservations had owners is migrated, its reservations still counted
// (the behaviour itself, on every store, is in the store contract, contract.ts).
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { SqliteStore } from './sqlite.ts';

const T0 = 1_700_000_000_000;

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
  assert.deepEqual(await store.releaseUnforwarded('anyone'), []);
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
