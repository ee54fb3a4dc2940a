// The console's audit reader on a real log written by AuditLog: pages backwards across read chunks,
// filters, offsets that address records, and a last line still being written left alone.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditLog } from '../audit/index.ts';
import { readAuditPage, readAuditRecord } from './audit-reader.ts';

test('pages backwards through a log larger than a read chunk, with filters', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'audit-read-')), 'audit.jsonl');
  const log = await AuditLog.open(path);
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 1500; i++) {
    log.append({
      decision: i % 3 === 0 ? 'deny' : 'allow',
      agent: i % 2 ? 'bob' : 'alice',
      method: 'tools/call',
      tool: 'echo',
      reason: `r${i} ${'é'.repeat(i % 7)} ${'x'.repeat(100)}`,
      time: new Date(t0 + i * 1000).toISOString(),
    });
  }
  log.close();
  appendFileSync(path, '{"partial":');
  const seqs: number[] = [];
  let before: number | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await readAuditPage(path, { before, limit: 100 });
    seqs.push(...page.records.map((r) => r.record.seq));
    for (const r of page.records.slice(0, 3)) assert.deepEqual(await readAuditRecord(path, r.at), r.record);
    if (page.older === undefined) break;
    before = page.older;
  }
  assert.deepEqual(
    seqs,
    Array.from({ length: 1500 }, (_, i) => 1500 - i),
  );
  const denied = await readAuditPage(path, { limit: 1000, filter: { decision: 'deny', agent: 'alice' } });
  assert.ok(denied.records.every((r) => r.record.decision === 'deny' && r.record.agent === 'alice'));
  assert.equal(denied.records.length, 250);
  const window = await readAuditPage(path, {
    limit: 1000,
    filter: { from: t0 + 100_000, to: t0 + 109_000 },
  });
  assert.deepEqual(
    window.records.map((r) => r.record.seq),
    [110, 109, 108, 107, 106, 105, 104, 103, 102, 101],
  );
  assert.equal(await readAuditRecord(path, 5), undefined, 'not the start of a line');
});
