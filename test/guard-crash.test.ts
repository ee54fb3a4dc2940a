// Crash recovery (issue 17): a steady stream of spending calls through `guard serve`, the guard killed
// with SIGKILL at random moments and restarted on the same files, then every invariant checked: each
// audit chain verifies; every call the client got an answer for has its record, and every call the
// backend ran has a `forward` record; the spend the store counts is exactly what the backend ran, plus
// calls forwarded whose outcome is unknown (the guard died after forwarding, before the backend read
// them), and a call recorded as never sent was not run; an approval decided before the crashes is still there and passes exactly once; a pending one
// is still pending. The moments are drawn from a seed (printed; FUZZ_SEED replays it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SEED } from './fuzz/settings.ts';
import { runCli } from './helpers/cli.ts';
import { CLI, guardDir, NODE, ROOT, rawGuard } from './servers/harness.ts';

const CAP = 1_000_000;
const KILLS = Number(process.env.CRASH_KILLS ?? 12);

/** A small seeded PRNG (mulberry32): the kill moments and amounts are the same for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Msg = Record<string, unknown> & {
  error?: { code: number; data?: Record<string, unknown> };
  result?: unknown;
};
const pay = (id: number, amount: number, to = `c${id}`) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'pay', arguments: { amount, to } },
});

test('SIGKILLs at random moments lose no record, no spend and no approval', {
  timeout: 240_000,
}, async (t) => {
  t.diagnostic(`seed ${SEED}, ${KILLS} kills`);
  const random = prng(SEED);
  const g = guardDir(`
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
    tools: [{ name: pay, amount: amount }]
  spend_per_hour_usd: ${CAP}
  require_approval_above: 1000
`);
  let nextId = 1;
  const answered = new Map<number, Msg>();

  // Approvals made before the crashes: one approved, one left pending.
  const setup = rawGuard(g.config);
  setup.send(pay(nextId, 5000, 'landlord'));
  const held = (await setup.response(nextId++)) as Msg;
  setup.send(pay(nextId, 6000, 'someone'));
  const pending = (await setup.response(nextId++)) as Msg;
  setup.child.stdin.end();
  await setup.exited;
  const approvedId = String(held.error?.data?.approval_id);
  const pendingId = String(pending.error?.data?.approval_id);
  execFileSync(NODE, [CLI, 'guard', 'approvals', 'approve', approvedId, '--config', g.config], { cwd: ROOT });

  for (let k = 0; k < KILLS; k++) {
    const guard = rawGuard(g.config);
    // Writes racing the kill hit a closed pipe: expected here.
    guard.child.stdin.on('error', () => {});
    guard.send({ jsonrpc: '2.0', id: `up-${k}`, method: 'ping' });
    await guard.response(`up-${k}`);
    const ids: number[] = [];
    // A steady stream: a call every 2 ms, and the kill at a random moment in it.
    const stream = setInterval(() => {
      if (guard.child.exitCode !== null || guard.child.signalCode !== null) return;
      const id = nextId++;
      ids.push(id);
      guard.send(pay(id, 1 + Math.floor(random() * 9)));
    }, 2);
    await new Promise((r) => setTimeout(r, 20 + random() * 400));
    guard.child.kill('SIGKILL');
    await guard.exited;
    clearInterval(stream);
    for (const m of guard.out) if (typeof m.id === 'number' && !('method' in m)) answered.set(m.id, m as Msg);
  }

  // The last start: the approved call passes exactly once, the pending approval is still pending, and
  // a call over the whole cap says what the store counts as spent.
  const last = rawGuard(g.config);
  last.send(pay(nextId, 5000, 'landlord'));
  const approvedRun = (await last.response(nextId++)) as Msg;
  assert.ok(approvedRun.result, JSON.stringify(approvedRun));
  last.send(pay(nextId, 5000, 'landlord'));
  assert.equal(((await last.response(nextId++)) as Msg).error?.code, -32004);
  last.send(pay(nextId, CAP, 'probe'));
  const probe = (await last.response(nextId++)) as Msg;
  assert.equal(probe.error?.code, -32002);
  const counted = CAP - Number(probe.error?.data?.remaining);
  last.child.stdin.end();
  await last.exited;
  const stillPending = await runCli([
    'guard',
    'approvals',
    'list',
    '--status',
    'pending',
    '--config',
    g.config,
  ]);
  assert.match(stillPending.stdout, new RegExp(pendingId.slice(0, 8)));

  // Every audit file of the folder verifies.
  const files = readdirSync(g.dir)
    .filter((f) => /^audit.*\.jsonl$/.test(f))
    .map((f) => join(g.dir, f));
  const verify = await runCli(['guard', 'audit', 'verify', ...files]);
  assert.equal(verify.code, 0, verify.stdout);
  const records = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
  const final = new Map<unknown, Record<string, unknown>>();
  const forwards = new Map<unknown, Record<string, unknown>>();
  const outcomes = new Map<unknown, Record<string, unknown>>();
  for (const r of records) {
    if (r.decision === 'forward') forwards.set(r.id, r);
    else if (r.method === 'tools/call') final.set(r.id, r);
    if (r.call !== undefined && r.decision !== 'forward') outcomes.set(r.call, r);
  }
  // Every answered call has its record (a response leaves only after it is written).
  for (const [id, m] of answered) {
    const r = final.get(id);
    assert.ok(r, `call ${id} was answered but has no record`);
    assert.equal(r.decision, m.error ? (m.error.code === -32004 ? 'held' : r.decision) : 'allow');
  }
  // Every call the wallet ran has a forward record, written before it reached the wallet.
  const ran = readFileSync(g.walletLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          id?: unknown;
          method?: string;
          params?: { name?: string; arguments?: { amount: number } };
        },
    )
    .filter((m) => m.method === 'tools/call' && m.params?.name === 'pay');
  const ranIds = new Set(ran.map((m) => m.id));
  for (const m of ran)
    assert.ok(forwards.has(m.id), `the wallet ran call ${String(m.id)} with no forward record`);
  // No forward is left without an outcome: the restarts recorded the unknown ones, and the ones never
  // sent (recorded, then the guard died before marking their reservation and sending them).
  for (const f of forwards.values())
    assert.ok(outcomes.has(f.call), `forward ${String(f.id)} has no outcome`);
  const unsent = [...forwards.values()].filter((f) => outcomes.get(f.call)?.decision === 'error');
  for (const f of unsent)
    assert.ok(!ranIds.has(f.id), `call ${String(f.id)} is recorded as never sent, but the wallet ran it`);
  // The store counts exactly what ran, plus what was forwarded and may have run (the backend never
  // read it before the guard died: a forwarded reservation stays counted, by design).
  const ranTotal = ran.reduce((sum, m) => sum + (m.params?.arguments?.amount ?? 0), 0);
  const unknownNotRun = [...forwards.values()]
    .filter((f) => outcomes.get(f.call)?.decision === 'unknown' && !ranIds.has(f.id))
    .reduce((sum, f) => sum + Number(f.amount), 0);
  assert.equal(counted, ranTotal + unknownNotRun);
  t.diagnostic(
    `${answered.size} answered, ${ran.length} run by the wallet, ${[...outcomes.values()].filter((o) => o.decision === 'unknown').length} unknown outcomes, ${unsent.length} never sent, ${counted} counted`,
  );
});
