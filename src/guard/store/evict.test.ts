// The eviction timer against both stores: idle agents' rate windows (and old spend) disappear without
// anyone calling `evictIdle` by hand, active ones stay, and the timer never holds the process open.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { startEviction } from './evict.ts';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('memory store: the timer evicts idle windows and folds old spend, keeping session caps', async () => {
  const store = new MemoryStore();
  const t0 = Date.now() - 2 * HOUR;
  for (let i = 0; i < 1_000; i++) await store.hit(`agent-${i}`, 10, t0);
  await store.hit('active', 10, Date.now());
  const r = await store.reserve({ agent: 'a', session: 's', amount: 8, sessionCap: 10, now: t0 });
  assert.ok(r.ok);
  assert.deepEqual(store.sizes(), {
    rateKeys: 1_001,
    reservations: 1,
    sessionTotals: 0,
    approvals: 0,
    records: 0,
  });

  const eviction = startEviction(store, { everyMs: 20 });
  try {
    await until(() => store.sizes().rateKeys === 1);
  } finally {
    eviction.stop();
  }
  assert.deepEqual(store.sizes(), {
    rateKeys: 1,
    reservations: 0,
    sessionTotals: 1,
    approvals: 0,
    records: 0,
  });
  // The folded amount still counts against the session cap (8 of 10 spent).
  const over = await store.reserve({ agent: 'a', session: 's', amount: 3, sessionCap: 10, now: Date.now() });
  assert.deepEqual(over, { ok: false, cap: 'session', remaining: 2 });
  // The active agent's window survived: its hit still counts.
  const hits = [];
  for (let i = 0; i < 10; i++) hits.push((await store.hit('active', 10, Date.now())).allowed);
  assert.deepEqual(hits.filter((a) => !a).length, 1, 'one earlier hit is still in the window');

  // A day without spending: the session total goes too.
  await store.evictIdle(Date.now() + 25 * HOUR);
  assert.equal(store.sizes().sessionTotals, 0);
});

test('SQLite store: the timer evicts idle rate windows and old spend rows', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'mcp-guard-evict-')), 'state.db');
  const store = await SqliteStore.open(path);
  const t0 = Date.now() - 2 * HOUR;
  for (let i = 0; i < 200; i++) await store.hit(`agent-${i}`, 10, t0);
  await store.hit('active', 10, Date.now() - MINUTE / 2);
  await store.reserve({ agent: 'a', session: 's', amount: 1, now: t0 });
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(path);
  const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
  try {
    assert.equal(count('SELECT count(*) AS n FROM rate_hits'), 201);
    const eviction = startEviction(store, { everyMs: 20 });
    try {
      await until(() => count('SELECT count(*) AS n FROM rate_hits') === 1);
    } finally {
      eviction.stop();
    }
    assert.equal(count("SELECT count(*) AS n FROM rate_hits WHERE key = 'active'"), 1);
    assert.equal(count('SELECT count(*) AS n FROM spend'), 0);
  } finally {
    db.close();
    await store.close();
  }
});

test('errors are reported to onerror, and the unref-ed timer does not keep a process alive', async () => {
  const store = new MemoryStore();
  const failing = Object.assign(Object.create(store), {
    evictIdle: async () => {
      throw new Error('store unavailable');
    },
  }) as MemoryStore;
  const errors: string[] = [];
  const eviction = startEviction(failing, { everyMs: 10, onerror: (e) => errors.push(e.message) });
  await until(() => errors.length >= 2);
  eviction.stop();
  assert.equal(errors[0], 'store unavailable');

  // A process whose only handle is the eviction timer exits at once.
  const script = `import { startEviction } from ${JSON.stringify(resolve(import.meta.dirname, 'evict.ts'))};
import { MemoryStore } from ${JSON.stringify(resolve(import.meta.dirname, 'memory.ts'))};
startEviction(new MemoryStore(), { everyMs: 10 });`;
  const began = Date.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 });
  assert.equal(child.status, 0, child.stderr.toString());
  assert.ok(Date.now() - began < 5_000);
});
