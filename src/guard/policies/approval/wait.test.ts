// The approval policy with `approvals.mode: wait`: the call stays open until a decision made through
// another store handle (as the CLI in another process), sends progress while it waits, is refused on a
// denial, falls back to -32004 when the wait ends, and a cancellation withdraws the approval.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseGuardConfig } from '../../../config/guard.ts';
import { ApprovalDesk } from '../../approvals/desk.ts';
import type { RpcNotification } from '../../jsonrpc.ts';
import { openStore, type Store } from '../../store/index.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { approvalPolicy } from './index.ts';

const opened: { close(): unknown }[] = [];
after(async () => {
  for (const o of opened) await o.close();
});

async function setup(waitSec = 30) {
  const path = join(await mkdtemp(join(tmpdir(), 'guard-wait-')), 'state.db');
  const store = await openStore({ type: 'sqlite', path });
  const cli = await openStore({ type: 'sqlite', path });
  const config = parseGuardConfig(
    `auth: {mode: none}\nservers: {w: {command: x}}\napprovals: {mode: wait, wait_sec: ${waitSec}}\n`,
    '/x/g.yaml',
  );
  const desk = new ApprovalDesk({ store, config, pollMs: 20 });
  opened.push(desk, store, cli);
  const policy = approvalPolicy({
    policies: { requireApprovalAbove: 10, approvalTtlSec: 600 },
    store,
    configFile: '/x/g.yaml',
    approvals: config.approvals,
    desk,
    progressMs: 30,
  });
  return { store, cli, policy };
}

function call(amount: number, signal?: AbortSignal) {
  const notes: RpcNotification[] = [];
  const ctx = {
    ...makeCtx(
      'tools/call',
      { name: 'pay', arguments: { amount }, _meta: { progressToken: 'p1' } },
      { agent: 'bot', amount, signal, notify: (n: RpcNotification) => notes.push(n) },
    ),
    argsHash: `h${amount}`,
  };
  return { ctx, notes };
}

async function pendingId(store: Store): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const [a] = await store.listApprovals('pending');
    if (a) return a.id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('nothing held');
}

test('held call waits; approval from another store handle lets it through once, with progress', async () => {
  const { store, cli, policy } = await setup();
  const next = makeNext();
  const { ctx, notes } = call(50);
  const result = policy(ctx, next);
  const id = await pendingId(cli);
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(next.calls, 0);
  await cli.decideApproval(id, 'approved', 'ops', undefined, Date.now());
  await result;
  assert.equal(next.calls, 1);
  assert.deepEqual(ctx.approval, { id, by: 'ops' });
  assert.ok(notes.length >= 2, 'progress sent at once and then periodically');
  assert.equal(notes[0].params?.progressToken, 'p1');
  assert.match(String(notes[0].params?.message), new RegExp(`held for approval ${id}`));
  const values = notes.map((n) => Number(n.params?.progress));
  assert.deepEqual(
    [...values].sort((a, b) => a - b),
    values,
  );
  assert.equal((await store.listApprovals('consumed')).length, 1);
});

test('a denial ends the wait with the reason', async () => {
  const { cli, policy } = await setup();
  const result = policy(call(60).ctx, makeNext());
  const id = await pendingId(cli);
  await cli.decideApproval(id, 'denied', 'ops', 'not today', Date.now());
  await assert.rejects(
    result,
    (e: Error & { code?: number }) => e.code === -32004 && /not today/.test(e.message),
  );
});

test('no decision within wait_sec: the -32004 answer, the approval still pending', async () => {
  const { store, policy } = await setup(1);
  const started = Date.now();
  await assert.rejects(
    policy(call(70).ctx, makeNext()),
    (e: Error & { code?: number; data?: { waited_ms?: number } }) => {
      assert.equal(e.code, -32004);
      assert.ok((e.data?.waited_ms ?? 0) >= 900);
      return true;
    },
  );
  assert.ok(Date.now() - started >= 900);
  assert.equal((await store.listApprovals('pending')).length, 1);
});

test('the client cancelling withdraws the approval', async () => {
  const { cli, policy } = await setup();
  const controller = new AbortController();
  const result = policy(call(80, controller.signal).ctx, makeNext());
  const id = await pendingId(cli);
  controller.abort();
  await assert.rejects(result, (e: Error & { code?: number }) => e.code === -32800);
  const [a] = (await cli.listApprovals()).filter((x) => x.id === id);
  assert.equal(a.status, 'withdrawn');
  assert.equal(a.decidedBy, 'bot');
});
