// The audit log on real files: the chain, resuming after reopen, redaction, hashed arguments,
// durability, and verification that finds an edited or a deleted record.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  AuditLog,
  AuditLogError,
  canonicalJson,
  GENESIS,
  hashArgs,
  REDACTED,
  recordHash,
  redact,
  verifyAuditLog,
} from './index.ts';
import { repairAuditLog } from './repair.ts';

async function tempLog(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'guard-audit-')), 'logs', 'audit.jsonl');
}

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

async function writeTen(path: string): Promise<void> {
  const log = await AuditLog.open(path);
  for (let i = 0; i < 10; i++)
    log.append({ decision: i % 2 ? 'deny' : 'allow', agent: 'a', method: 'tools/call', tool: 'pay', id: i });
  log.close();
}

describe('AuditLog', () => {
  test('chains records by hash and resumes seq and prev after reopen', async () => {
    const path = await tempLog();
    const log = await AuditLog.open(path);
    const first = log.append({ decision: 'allow', agent: 'a', method: 'initialize' });
    const second = log.append({
      decision: 'deny',
      agent: 'a',
      method: 'tools/call',
      tool: 'x',
      code: -32003,
    });
    log.close();
    assert.equal(first.seq, 1);
    assert.equal(first.prev, GENESIS);
    assert.equal(second.prev, first.hash);
    assert.equal(second.hash, recordHash(second));
    const again = await AuditLog.open(path);
    const third = again.append({ decision: 'allow', agent: 'b', method: 'ping' });
    again.close();
    assert.equal(third.seq, 3);
    assert.equal(third.prev, second.hash);
    assert.deepEqual(
      lines(path).map((r) => r.seq),
      [1, 2, 3],
    );
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 3 });
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  test('arguments are only hashed unless recorded; secrets are redacted', async () => {
    const path = await tempLog();
    const args = { amount: 5, to: 'bob', api_key: 'sk-live-123', nested: { password: 'p', memo: 'hi' } };
    const log = await AuditLog.open(path);
    log.append({ decision: 'allow', tool: 'pay', args, reason: 'ok', authorization: 'Bearer x' } as never);
    log.close();
    const [rec] = lines(path);
    assert.equal(rec.args, undefined);
    assert.equal(
      rec.argsHash,
      hashArgs({ nested: { memo: 'hi', password: 'p' }, to: 'bob', api_key: 'sk-live-123', amount: 5 }),
    );
    assert.equal(rec.authorization, REDACTED);
    assert.ok(!readFileSync(path, 'utf8').includes('sk-live-123'));

    const path2 = await tempLog();
    const withArgs = await AuditLog.open(path2, { recordArguments: true, redact: ['memo'] });
    withArgs.append({ decision: 'allow', tool: 'pay', args });
    withArgs.close();
    const [rec2] = lines(path2);
    assert.deepEqual(rec2.args, {
      amount: 5,
      to: 'bob',
      api_key: REDACTED,
      nested: { password: REDACTED, memo: REDACTED },
    });
    assert.equal(rec2.argsHash, hashArgs(args)); // the hash is of the real arguments, so a retry matches
  });

  test('redact handles arrays and leaves ordinary fields', () => {
    assert.deepEqual(redact({ list: [{ token: 't', name: 'n' }], clientSecret: 's', tool: 'x' }), {
      list: [{ token: REDACTED, name: 'n' }],
      clientSecret: 's',
      tool: 'x',
    });
    assert.deepEqual(redact({ client_secret: 's', accessToken: 'a' }, ['accessToken']), {
      client_secret: REDACTED,
      accessToken: REDACTED,
    });
  });

  test('each append is on disk when it returns (a crash loses nothing)', async () => {
    const path = await tempLog();
    const log = await AuditLog.open(path);
    log.append({ decision: 'allow', method: 'ping' });
    // read by another handle before flush or close, as a reader after a crash would
    assert.equal(lines(path).length, 1);
    await log.flush();
    log.close();
    assert.throws(() => log.append({ decision: 'allow' }), /closed/);
  });

  test('refuses to chain onto a torn or an edited last line, naming the command that helps', async () => {
    const path = await tempLog();
    await writeTen(path);
    const whole = readFileSync(path, 'utf8');
    writeFileSync(path, `${whole}{"seq": 11, "trunc`);
    await assert.rejects(AuditLog.open(path), (e: unknown) => {
      assert.ok(e instanceof AuditLogError);
      assert.equal(e.reason, 'torn');
      assert.equal(
        e.message,
        `${path}: the last line is torn (a write was interrupted); run \`mcp-guard guard audit repair ${path}\` to set it aside and continue the chain`,
      );
      return true;
    });
    writeFileSync(path, `${whole}not json\n`);
    await assert.rejects(
      AuditLog.open(path),
      /the last line is not a JSON record; run `mcp-guard guard audit verify/,
    );
    // A whole record that only lacks its newline is continued, not refused.
    writeFileSync(path, whole.slice(0, -1));
    const log = await AuditLog.open(path);
    assert.equal(log.append({ decision: 'allow' }).seq, 11);
    log.close();
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 11 });
  });

  test('repair sets a torn tail aside, records the repair in the chain, and the log opens again', async () => {
    const path = await tempLog();
    await writeTen(path);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"seq": 11, "trunc`);
    const result = await repairAuditLog(path);
    assert.equal(readFileSync(result.aside, 'utf8'), '{"seq": 11, "trunc');
    assert.equal(result.seq, 11);
    const records = lines(path);
    assert.equal(records[10].decision, 'repair');
    assert.equal(records[10].tornSha256, createHash('sha256').update('{"seq": 11, "trunc').digest('hex'));
    const log = await AuditLog.open(path);
    log.append({ decision: 'allow' });
    log.close();
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 12 });
    await assert.rejects(repairAuditLog(path), /the last line is whole; nothing to repair/);
  });

  test('a failed write leaves nothing behind, and the chain resumes once writing works again', async () => {
    const path = await tempLog();
    const log = await AuditLog.open(path);
    log.append({ decision: 'allow', method: 'a' });
    // RLIMIT_FSIZE is not settable from here; a write past the end of a full device is: point the
    // descriptor at /dev/full for a moment (the real error a full disk gives).
    const realFd = (log as unknown as { fd: number }).fd;
    const full = openSync('/dev/full', 'w');
    (log as unknown as { fd: number }).fd = full;
    assert.throws(() => log.append({ decision: 'allow', method: 'b' }), /ENOSPC/);
    await assert.rejects(log.appendBatched({ decision: 'allow', method: 'c' }), /ENOSPC/);
    assert.match(log.failing?.message ?? '', /ENOSPC/);
    assert.match((await log.health()) ?? '', /ENOSPC/);
    (log as unknown as { fd: number }).fd = realFd;
    closeSync(full);
    assert.equal(await log.health(), undefined);
    assert.equal(log.failing, undefined);
    log.append({ decision: 'allow', method: 'd' });
    log.close();
    assert.deepEqual(
      lines(path).map((r) => [r.seq, r.decision, r.method]),
      [
        [1, 'allow', 'a'],
        [2, 'resume', undefined],
        [3, 'allow', 'd'],
      ],
    );
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 3 });
  });
});

describe('verifyAuditLog', () => {
  test('finds the first edited record in the middle of the file', async () => {
    const path = await tempLog();
    await writeTen(path);
    const text = readFileSync(path, 'utf8').split('\n');
    const rec = JSON.parse(text[4]);
    rec.decision = 'deny'; // record 5 was an allow
    rec.agent = 'mallory';
    text[4] = JSON.stringify(rec);
    writeFileSync(path, text.join('\n'));
    const result = await verifyAuditLog(path);
    assert.equal(result.ok, false);
    assert.equal(result.records, 4);
    assert.deepEqual(result.firstBroken, {
      line: 5,
      seq: 5,
      reason: 'content does not match its hash (edited)',
    });
  });

  test('finds a deleted line', async () => {
    const path = await tempLog();
    await writeTen(path);
    const text = readFileSync(path, 'utf8').split('\n');
    text.splice(6, 1);
    writeFileSync(path, text.join('\n'));
    const result = await verifyAuditLog(path);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.line, 7);
    assert.equal(result.firstBroken?.seq, 8);
    assert.match(result.firstBroken!.reason, /seq 8 where 7 was expected/);
  });

  test('a record re-hashed after editing still breaks the chain', async () => {
    const path = await tempLog();
    await writeTen(path);
    const text = readFileSync(path, 'utf8').split('\n');
    const rec = JSON.parse(text[2]);
    rec.tool = 'drain';
    rec.hash = recordHash(rec);
    text[2] = JSON.stringify(rec);
    writeFileSync(path, text.join('\n'));
    const result = await verifyAuditLog(path);
    assert.deepEqual(result.firstBroken, {
      line: 4,
      seq: 4,
      reason: 'prev does not match the previous record (chain broken)',
    });
  });
});

test('every line is the record in canonical form with its hash last, whichever way it was built', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'audit-canonical-'));
  const path = join(dir, 'audit.jsonl');
  const log = await AuditLog.open(path, { replica: 'r1', redact: ['tool'] });
  // Known scalar fields only (built straight in order), a redacted one among them.
  log.append({
    decision: 'allow',
    session: 's',
    method: 'tools/call',
    tool: 'pay',
    id: 7,
    amount: 1.5,
    latencyMs: 3,
  });
  // Arguments (hashed), a field no record type knows, a value that is an object: the general way.
  log.append({ decision: 'forward', call: 'c1', args: { b: 1, a: [2, { d: 1, c: 2 }] } });
  log.append({ decision: 'allow', extra: 'x' } as never);
  log.append({ decision: 'deny', reason: 'r', code: -32003, id: null, args: { token: 'secret' } });
  await log.flush();
  log.close();
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines.length, 4);
  for (const line of lines) {
    const { hash, ...rest } = JSON.parse(line);
    assert.equal(line, `${canonicalJson(rest).slice(0, -1)},"hash":"${hash}"}`);
  }
  assert.equal(JSON.parse(lines[0]).tool, REDACTED);
  assert.equal(JSON.parse(lines[0]).replica, 'r1');
  assert.equal(JSON.parse(lines[2]).extra, 'x');
  assert.equal((await verifyAuditLog(path)).ok, true);
});
