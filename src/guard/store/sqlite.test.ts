// What only the SQLite store promises, against a real file (the shared contract is contract.ts): state
// across close and reopen, rows pruned by eviction, file modes, bounded rows over hours of spend, and
// the migration of a file written by the first version.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { openStore, type Store } from './index.ts';

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

describe('approvals', () => {
  test('survive close and reopen', async () => {
    const { store, path } = await fresh();
    const a = await store.requestApproval({
      agent: 'a',
      tool: 'pay',
      argsHash: 'h1',
      amount: 75,
      summary: 'pay 75 USD',
      ttlSec: 60,
      now: T0,
    });
    await store.close();
    const reopened = await openStore({ type: 'sqlite', path });
    opened.push(reopened);
    const [listed] = await reopened.listApprovals();
    assert.equal(listed.id, a.id);
    assert.equal(listed.status, 'expired'); // listApprovals uses the wall clock; T0 is long past
  });

  test('pins survive close and reopen', async () => {
    const { store, path } = await fresh();
    const seen = (hash: string, trust: boolean, now: number) => ({
      server: 'srv',
      tool: 'a',
      hash,
      definition: `{"v":"${hash}"}`,
      trust,
      now,
    });
    await store.putPin(seen('h1', true, 1));
    await store.putPin(seen('h2', false, 2));
    await store.close();
    const reopened = await openStore({ type: 'sqlite', path });
    opened.push(reopened);
    const pin = await reopened.getPin('srv', 'a');
    assert.equal(pin?.status, 'changed');
    assert.equal(pin?.pendingDefinition, '{"v":"h2"}');
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
