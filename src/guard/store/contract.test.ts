// Runs the one Store contract (contract.ts) over every implementation: memory, SQLite (a real file
// through node:sqlite) and Redis (a real redis-server started here, on a free port).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from './contract.ts';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';

storeContract({
  name: 'memory',
  open: async () => new MemoryStore(),
  footprint: async (store) => {
    const s = (store as MemoryStore).sizes();
    return s.rateKeys + s.reservations + s.sessionTotals + s.approvals;
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
      for (const table of ['rate_hits', 'spend', 'agent_hour', 'session_spend', 'approvals'])
        n += Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
      return n;
    } finally {
      db.close();
    }
  },
});
