// Runs the one Store contract (contract.ts) over every implementation: memory, SQLite (a real file
// through node:sqlite) and Redis (a real redis-server started here, on a free port).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type RedisProcess, redisSkipReason, startRedis } from '../../../test/helpers/redis.ts';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { storeContract } from './contract.ts';
import { MemoryStore } from './memory.ts';
import { RedisStore } from './redis.ts';
import { SqliteStore } from './sqlite.ts';

storeContract({
  name: 'memory',
  open: async () => new MemoryStore(),
  footprint: async (store) => {
    const s = (store as MemoryStore).sizes();
    return s.rateKeys + s.reservations + s.sessionTotals + s.approvals + s.records;
  },
});

storeContract({
  name: 'sqlite',
  open: () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'mcp-guard-contract-')), 'state.db')),
  openShared: (store) => SqliteStore.open((store as SqliteStore).path),
  footprint: async (store) => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync((store as SqliteStore).path);
    try {
      let n = 0;
      for (const table of ['rate_hits', 'spend', 'agent_hour', 'session_spend', 'approvals', 'records'])
        n += Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
      return n;
    } finally {
      db.close();
    }
  },
});

// Redis: one server for the whole suite; each test's store gets its own key prefix (a fresh, empty store).
const skip = redisSkipReason();
let server: RedisProcess | undefined;
let n = 0;
const redisConfig = (keyPrefix: string): RedisStoreConfig => ({
  type: 'redis',
  url: server!.url,
  keyPrefix,
  connectTimeoutMs: 5000,
  commandTimeoutMs: 5000,
  reconnectMaxDelayMs: 500,
});
if (!skip) {
  before(async () => {
    server = await startRedis();
  });
  after(async () => {
    await server?.destroy();
  });
}

storeContract({
  name: 'redis',
  skip,
  open: () => RedisStore.open(redisConfig(`contract${++n}:`)),
  openShared: (store) => RedisStore.open(redisConfig((store as RedisStore).keyPrefix)),
  // Keys without an expiry, pins aside (they stay on purpose): everything else must go by itself.
  footprint: async (store) => {
    const { client, keyPrefix } = store as RedisStore;
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        if (key.startsWith(`${keyPrefix}pin`)) continue;
        // The approvals change feed's revision counter: one key, kept so cursors never go back.
        if (key === `${keyPrefix}approvals:rev`) continue;
        if ((await client.pttl(key)) === -1) count++;
      }
    } while (cursor !== '0');
    return count;
  },
});
