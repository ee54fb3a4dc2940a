// The audit hot path: the one-shot hash must give the same digest as before (records and approvals
// already stored are keyed by it), a prepared redactor must redact exactly as `redact` does, and
// batched appends must keep the chain, the file order and the written-before-answered guarantee.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { AuditLog } from './log.ts';
import { hashArgs, recordHash, redact, redactor } from './record.ts';
import { verifyAuditLog } from './verify.ts';

test('hashArgs is the SHA-256 of the canonical arguments', () => {
  const args = { text: 'm1', amount: 0.01 };
  const expected = createHash('sha256').update('{"amount":0.01,"text":"m1"}').digest('hex');
  assert.equal(hashArgs(args), expected);
  assert.equal(hashArgs(undefined), createHash('sha256').update('{}').digest('hex'));
});

test('recordHash is the SHA-256 of the canonical record without its hash', () => {
  const record = { time: 't', seq: 1, decision: 'allow', prev: '0', hash: 'ignored' };
  const expected = createHash('sha256')
    .update('{"decision":"allow","prev":"0","seq":1,"time":"t"}')
    .digest('hex');
  assert.equal(recordHash(record), expected);
});

test('a prepared redactor redacts as redact does, extra names included', () => {
  const value = { api_key: 'k', nested: [{ Password: 'p', note: 'n' }], Custom: 'c', ok: 1 };
  const expected = {
    api_key: '[REDACTED]',
    nested: [{ Password: '[REDACTED]', note: 'n' }],
    Custom: '[REDACTED]',
    ok: 1,
  };
  assert.deepEqual(redact(value, ['custom']), expected);
  const r = redactor(['custom']);
  assert.deepEqual(r(value), expected);
  // The verdict cache must not leak between redactors with different extra names.
  assert.deepEqual(redactor()(value).Custom, 'c');
  assert.deepEqual(r(value), expected);
});

test('appendBatched: a tick of records in chain order, each promise settled once its line is in the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'guard-audit-batch-'));
  const path = join(dir, 'audit.jsonl');
  const log = await AuditLog.open(path);
  const lines = () => readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const seen: number[] = [];
  const burst = [1, 2, 3, 4].map((n) =>
    log.appendBatched({ decision: 'allow', method: `m${n}` }).then((record) => {
      // Settled only once this record (and those before it) is in the file.
      seen.push(lines().length);
      return record;
    }),
  );
  // The first of the tick went straight out; the rest wait for the batch.
  assert.equal(lines().length, 1);
  // A plain append in the same tick writes the batch first: the file stays in chain order.
  const plain = log.append({ decision: 'deny', method: 'm5' });
  assert.equal(lines().length, 5);
  const records = await Promise.all(burst);
  assert.deepEqual(
    records.map((r) => r.seq),
    [1, 2, 3, 4],
  );
  assert.equal(plain.seq, 5);
  assert.ok(seen.every((n) => n >= 4));
  // Later ticks batch again; the chain verifies end to end.
  await Promise.all([6, 7, 8].map((n) => log.appendBatched({ decision: 'allow', method: `m${n}` })));
  log.close();
  assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 8 });
  assert.deepEqual(
    lines().map((l) => JSON.parse(l).method),
    ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'],
  );
});

test('appendBatched: a record still in the batch is written by close', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'guard-audit-batch-'));
  const path = join(dir, 'audit.jsonl');
  const log = await AuditLog.open(path);
  const a = log.appendBatched({ decision: 'allow', method: 'a' });
  const b = log.appendBatched({ decision: 'allow', method: 'b' });
  log.close();
  assert.equal((await b).seq, 2);
  assert.equal((await a).seq, 1);
  assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 2 });
  await assert.rejects(log.appendBatched({ decision: 'allow' }), /closed/);
});
