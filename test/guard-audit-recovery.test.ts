// The audit log against crashes, full disks and several writers (issue 17), through the real CLI:
// two guards on one config each write their own file and both chains verify; a call in flight when
// the guard is killed shows as forwarded, then as unknown after the restart; a torn last line stops
// the guard with one line naming the repair command, which works; a full disk refuses calls without
// killing the guard, turns /ready 503, and service resumes once writing works again.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startHttpGuard } from './guard-http-harness.ts';
import { runCli } from './helpers/cli.ts';
import { CLI, guardDir, NODE, ROOT, rawGuard } from './servers/harness.ts';

const WALLET = `
auth:
  mode: none
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
    env:
      WALLET_LOG: "{{WALLET_LOG}}"
policies:
  spend:
    tools: [{ name: pay, amount: amount }, { name: slow_pay, amount: amount }]
  spend_per_hour_usd: 100
`;

type Reply = { error?: { code: number; message: string; data?: Record<string, unknown> }; result?: unknown };
const call = (id: number, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});
const records = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('several guard processes on one config', () => {
  test('each writes its own file; both chains verify; tail merges them by time; tampering still shows', async () => {
    const g = guardDir(`${WALLET}replica: eu-1\n`);
    const a = rawGuard(g.config);
    // a takes the first file (it names it once it holds it); b then gets the second.
    while (!/guarding wallet/.test(a.stderr())) await new Promise((r) => setTimeout(r, 20));
    const b = rawGuard(g.config);
    for (let i = 1; i <= 6; i++) {
      (i % 2 ? a : b).send(call(i, 'pay', { amount: 1, to: `x${i}` }));
      assert.ok(((await (i % 2 ? a : b).response(i)) as Reply).result);
    }
    a.child.stdin.end();
    b.child.stdin.end();
    await Promise.all([a.exited, b.exited]);
    const second = g.audit.replace(/\.jsonl$/, '.2.jsonl');
    assert.match(a.stderr(), new RegExp(`audit: ${g.audit}\\)`));
    assert.match(b.stderr(), new RegExp(`audit: ${second}\\)`));
    for (const file of [g.audit, second]) {
      const rs = records(file);
      assert.deepEqual(
        rs.map((r) => r.decision),
        ['forward', 'allow', 'forward', 'allow', 'forward', 'allow'],
      );
      assert.ok(rs.every((r) => r.replica === 'eu-1'));
    }
    const verify = await runCli(['guard', 'audit', 'verify', g.audit, second]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(
      verify.stdout,
      /^ok: 6 record\(s\), chain intact: .*audit\.jsonl\nok: 6 record\(s\), chain intact: .*audit\.2\.jsonl$/m,
    );
    const tail = await runCli(['guard', 'audit', 'tail', g.audit, second, '-n', '12']);
    const ids = tail.stdout
      .trim()
      .split('\n')
      .filter((l) => / ALLOW /.test(l));
    assert.equal(ids.length, 6);
    assert.ok(ids.every((l) => l.includes('@eu-1')));
    const times = tail.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    assert.deepEqual(times, [...times].sort());

    // An edit, a deletion and a reordering in the second file are each found.
    const lines = readFileSync(second, 'utf8').split('\n');
    const tamper = async (edit: (l: string[]) => string[], reason: RegExp) => {
      writeFileSync(second, edit([...lines]).join('\n'));
      const r = await runCli(['guard', 'audit', 'verify', g.audit, second]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^ok: /);
      assert.match(r.stdout, reason);
    };
    await tamper(
      (l) => [l[0], l[1].replace('"amount":1', '"amount":9'), ...l.slice(2)],
      /BROKEN at .*audit\.2\.jsonl:2 \(seq 2\): content does not match/,
    );
    await tamper(
      (l) => [l[0], ...l.slice(2)],
      /BROKEN at .*audit\.2\.jsonl:2 \(seq 3\): seq 3 where 2 was expected/,
    );
    await tamper((l) => [l[1], l[0], ...l.slice(2)], /BROKEN at .*audit\.2\.jsonl:1 \(seq 2\)/);
  });
});

describe('a crash with a call in flight', () => {
  test('the call shows as forwarded with no outcome, then as unknown after the restart; its spend stays counted', async () => {
    const g = guardDir(WALLET);
    const first = rawGuard(g.config);
    first.send(call(1, 'pay', { amount: 10, to: 'a' }));
    await first.response(1);
    first.send(call(2, 'slow_pay', { amount: 30, to: 'b', ms: 60_000 }));
    const deadline = Date.now() + 10_000;
    while (!g.received().some((m) => JSON.stringify(m).includes('slow_pay')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    await first.exited;
    const before = await runCli(['guard', 'audit', 'verify', g.audit]);
    assert.equal(before.code, 0);
    assert.match(before.stdout, /forwarded, no outcome recorded .*audit\.jsonl:3 \(seq 3\) slow_pay id 2/);
    const tail = await runCli(['guard', 'audit', 'tail', g.audit]);
    assert.match(tail.stdout, /FORWARD .*slow_pay .*\[no outcome recorded\]/);

    const second = rawGuard(g.config);
    // The forwarded 30 stay counted: 10 + 30 of the hourly 100 are gone.
    second.send(call(3, 'pay', { amount: 61, to: 'c' }));
    const refused = (await second.response(3)) as Reply;
    assert.equal(refused.error?.code, -32002);
    assert.equal(refused.error?.data?.remaining, 60);
    assert.match(second.stderr(), /after a crash: 1 call\(s\) forwarded before a crash recorded as unknown/);
    second.child.stdin.end();
    await second.exited;
    const rs = records(g.audit);
    const unknown = rs.find((r) => r.decision === 'unknown')!;
    assert.equal(unknown.tool, 'slow_pay');
    assert.equal(unknown.call, rs.find((r) => r.decision === 'forward' && r.tool === 'slow_pay')!.call);
    const after = await runCli(['guard', 'audit', 'verify', g.audit]);
    assert.equal(after.code, 0);
    assert.match(after.stdout, /1 call\(s\) forwarded before the guard stopped: outcome unknown/);
    assert.doesNotMatch(after.stdout, /no outcome recorded/);
  });
});

describe('a torn last line', () => {
  test('guard serve stops with one line naming the file and the repair; after the repair it starts', async () => {
    const g = guardDir(WALLET);
    const first = rawGuard(g.config);
    first.send(call(1, 'pay', { amount: 1, to: 'a' }));
    await first.response(1);
    first.child.stdin.end();
    await first.exited;
    writeFileSync(g.audit, `${readFileSync(g.audit, 'utf8')}{"time":"2026-`);
    const refused = spawnSync(NODE, [CLI, 'guard', 'serve', '--config', g.config], { cwd: ROOT, input: '' });
    assert.equal(refused.status, 2);
    assert.equal(
      refused.stderr.toString(),
      `mcp-guard: ${g.audit}: the last line is torn (a write was interrupted); run \`mcp-guard guard audit repair ${g.audit}\` to set it aside and continue the chain\n`,
    );
    const repair = await runCli(['guard', 'audit', 'repair', g.audit]);
    assert.equal(repair.code, 0, repair.stderr);
    assert.match(
      repair.stdout,
      /repaired .*: 14 torn byte\(s\) set aside in .*audit\.jsonl\.torn-.*; the repair is record seq 3/,
    );
    const again = rawGuard(g.config);
    again.send(call(2, 'pay', { amount: 1, to: 'b' }));
    assert.ok(((await again.response(2)) as Reply).result);
    again.child.stdin.end();
    await again.exited;
    const verify = await runCli(['guard', 'audit', 'verify', g.audit]);
    assert.match(verify.stdout, /ok: 5 record\(s\), chain intact/);
  });
});

describe('a full disk', () => {
  test('over stdio: calls are refused with a clear error, nothing reaches the backend, the guard lives', async () => {
    const g = guardDir(WALLET);
    // The harness writes audit.path last; point it at a device that is always full.
    writeFileSync(g.config, readFileSync(g.config, 'utf8').replace(`path: ${g.audit}`, 'path: /dev/full'));
    const guard = rawGuard(g.config);
    guard.send(call(1, 'pay', { amount: 1, to: 'a' }));
    guard.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    for (const id of [1, 2]) {
      const r = (await guard.response(id)) as Reply;
      assert.equal(r.error?.code, -32603);
      assert.match(r.error?.message ?? '', /audit log unavailable \(ENOSPC: no space left on device/);
    }
    assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"pay"')));
    guard.child.stdin.end();
    assert.equal(await guard.exited, 0, guard.stderr());
  });

  test('over HTTP: /ready turns 503, calls are refused, and both come back once the file can grow', async () => {
    const g = guardDir(WALLET);
    const guard = await startHttpGuard(g.config);
    const rpc = (id: number, body: unknown) =>
      fetch(`${guard.base}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(body as object), id }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Reply }));
    try {
      assert.ok((await rpc(1, call(1, 'pay', { amount: 1, to: 'a' }))).body.result);
      assert.equal((await fetch(`${guard.base}/ready`)).status, 200);
      // The file may grow no more (RLIMIT_FSIZE, the limit a full disk imposes, set on the running guard).
      const size = statSync(g.audit).size;
      execFileSync('prlimit', ['--pid', String(guard.child.pid), `--fsize=${size + 100}:unlimited`]);
      const refused = await rpc(2, call(2, 'pay', { amount: 1, to: 'b' }));
      assert.equal(refused.body.error?.code, -32603);
      assert.match(refused.body.error?.message ?? '', /audit log unavailable \(EFBIG/);
      assert.equal(statSync(g.audit).size, size, 'a half-written record was left in the file');
      const ready = await fetch(`${guard.base}/ready`);
      assert.equal(ready.status, 503);
      assert.match(JSON.stringify(await ready.json()), /audit log .*EFBIG/);
      assert.equal(guard.child.exitCode, null);
      execFileSync('prlimit', ['--pid', String(guard.child.pid), '--fsize=unlimited']);
      assert.equal((await fetch(`${guard.base}/ready`)).status, 200);
      assert.ok((await rpc(3, call(3, 'pay', { amount: 1, to: 'c' }))).body.result);
    } finally {
      await guard.stop();
    }
    const rs = records(g.audit);
    assert.ok(rs.some((r) => r.decision === 'resume'));
    assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"to":"b"')));
    const verify = await runCli(['guard', 'audit', 'verify', g.audit]);
    assert.equal(verify.code, 0, verify.stdout);
  });
});
