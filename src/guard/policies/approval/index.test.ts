// The approval policy: held with an id and the command, the approved retry passes exactly once,
// a denial is refused with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyError } from '../../errors.ts';
import { MemoryStore } from '../../store/memory.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { approvalPolicy } from './index.ts';

const call = (amount: number) => ({
  ...makeCtx('tools/call', { name: 'pay', arguments: { amount } }, { agent: 'a', amount }),
  argsHash: `h${amount}`,
});

async function held(promise: Promise<unknown>): Promise<PolicyError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof PolicyError);
    assert.equal(e.code, -32004);
    return e;
  }
  assert.fail('expected -32004');
}

test('above the threshold: held; after approval the same call passes exactly once', async () => {
  const store = new MemoryStore();
  const policy = approvalPolicy({
    policies: { requireApprovalAbove: 10, approvalTtlSec: 60 },
    store,
    configFile: '/x/g.yaml',
  });
  const next = makeNext();
  const first = await held(policy(call(50), next));
  assert.equal(first.decision, 'held');
  const id = String(first.data?.approval_id);
  assert.match(first.message, new RegExp(`approvals approve ${id} --config /x/g.yaml`));
  const again = await held(policy(call(50), next));
  assert.equal(again.data?.approval_id, id);
  await store.decideApproval(id, 'approved', 'ops', undefined, Date.now());
  await policy(call(50), next);
  assert.equal(next.calls, 1);
  const third = await held(policy(call(50), next));
  assert.notEqual(third.data?.approval_id, id);
  assert.equal(next.calls, 1);
});

test('a denial is refused with the reason; small amounts pass', async () => {
  const store = new MemoryStore();
  const policy = approvalPolicy({
    policies: { requireApprovalAbove: 10, approvalTtlSec: 60 },
    store,
    configFile: 'g.yaml',
  });
  const e = await held(policy(call(20), makeNext()));
  await store.decideApproval(String(e.data?.approval_id), 'denied', 'ops', 'too much', Date.now());
  const denied = await held(policy(call(20), makeNext()));
  assert.equal(denied.decision, 'deny');
  assert.match(denied.message, /too much/);
  const next = makeNext();
  await policy(call(10), next);
  assert.equal(next.calls, 1);
});

test('per agent: its own threshold applies, and approvals: false refuses (-32003) instead of holding', async () => {
  const store = new MemoryStore();
  const policy = approvalPolicy({
    policies: {
      requireApprovalAbove: 100,
      approvalTtlSec: 60,
      agents: {
        a: { requireApprovalAbove: 10, approvals: true },
        bot: { approvals: false },
      },
    },
    store,
    configFile: '/x/mcp-guard.yaml',
  });
  const next = makeNext();
  await held(policy(call(20), next));
  const bot = { ...call(200), agent: 'bot' };
  await assert.rejects(
    policy(bot, next),
    (e: PolicyError) => e.code === -32003 && /approvals/.test(e.message),
  );
  assert.equal((await store.listApprovals('pending')).length, 1);
  await policy({ ...call(50), agent: 'bot' }, next);
  assert.equal(next.calls, 1);
});
