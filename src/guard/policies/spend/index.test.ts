// The spend policy: amount validation, reservations against caps (also under concurrency), release on error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyError } from '../../errors.ts';
import { MemoryStore } from '../../store/memory.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { readPath, spendPolicy } from './index.ts';

const spendTools = [
  { name: 'pay', amount: 'amount', currency: 'USD' },
  { name: 'transfer', amount: 'payment.value', currency: 'USD' },
];
const call = (name: string, args: Record<string, unknown>) =>
  makeCtx('tools/call', { name, arguments: args }, { agent: 'a' });

test('amounts that are strings, negative, huge or missing are -32602', async () => {
  const policy = spendPolicy({ policies: { spendTools, maxSpendPerSession: 100 }, store: new MemoryStore() });
  const next = makeNext();
  for (const amount of ['5', -1, 1e300, null, undefined]) {
    await assert.rejects(policy(call('pay', { amount }), next), (e: PolicyError) => e.code === -32602);
  }
  assert.equal(next.calls, 0);
});

test('the session cap holds and the refusal says what is left; nested amount paths work', async () => {
  const policy = spendPolicy({ policies: { spendTools, maxSpendPerSession: 10 }, store: new MemoryStore() });
  const next = makeNext();
  await policy(call('pay', { amount: 6 }), next);
  await policy(call('transfer', { payment: { value: 3 } }), next);
  await assert.rejects(policy(call('pay', { amount: 2 }), next), (e: PolicyError) => {
    assert.equal(e.code, -32002);
    assert.equal(e.data?.remaining, 1);
    assert.match(e.message, /1 left/);
    return true;
  });
  assert.equal(next.calls, 2);
});

test('the hourly cap per agent holds across sessions', async () => {
  const store = new MemoryStore();
  const policy = spendPolicy({ policies: { spendTools, spendPerHourUsd: 5 }, store, now: () => 1 });
  await policy(call('pay', { amount: 5 }), makeNext());
  const other = call('pay', { amount: 1 });
  other.session = { id: 'session-2', peer: 'test' };
  await assert.rejects(
    policy(other, makeNext()),
    (e: PolicyError) => e.code === -32002 && e.data?.cap === 'hour',
  );
});

test('a backend error or an isError result releases the reservation', async () => {
  const policy = spendPolicy({ policies: { spendTools, maxSpendPerSession: 10 }, store: new MemoryStore() });
  await policy(
    call('pay', { amount: 10 }),
    makeNext({ jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'x' } }),
  );
  await policy(call('pay', { amount: 10 }), makeNext({ jsonrpc: '2.0', id: 1, result: { isError: true } }));
  await policy(call('pay', { amount: 10 }), makeNext());
  await assert.rejects(policy(call('pay', { amount: 1 }), makeNext()), (e: PolicyError) => e.code === -32002);
});

test('100 concurrent calls never overshoot the cap', async () => {
  const policy = spendPolicy({ policies: { spendTools, maxSpendPerSession: 50 }, store: new MemoryStore() });
  const next = makeNext();
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, () => policy(call('pay', { amount: 1 }), next)),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 50);
  assert.equal(next.calls, 50);
});

test('non-spend tools pass untouched; readPath reads dotted paths', async () => {
  const next = makeNext();
  await spendPolicy({ policies: { spendTools, maxSpendPerSession: 0 }, store: new MemoryStore() })(
    call('echo', {}),
    next,
  );
  assert.equal(next.calls, 1);
  assert.equal(readPath({ a: { b: 2 } }, 'a.b'), 2);
  assert.equal(readPath({ a: 1 }, 'a.b'), undefined);
});

test("per-agent caps replace the defaults; a prefixed tool is matched by its backend's name", async () => {
  const policy = spendPolicy({
    policies: {
      spendTools,
      maxSpendPerSession: 100,
      agents: { small: { maxSpendPerSession: 5, approvals: true } },
    },
    store: new MemoryStore(),
  });
  const next = makeNext();
  const prefixed = (agent: string, amount: number) => {
    const ctx = makeCtx('tools/call', { name: 'wallet__pay', arguments: { amount } }, { agent });
    ctx.resolveTool = () => ({ server: 'wallet', name: 'pay' });
    return ctx;
  };
  await assert.rejects(policy(prefixed('small', 6), next), (e: PolicyError) => e.code === -32002);
  const big = prefixed('big', 50);
  await policy(big, next);
  assert.equal(big.amount, 50);
  assert.equal(next.calls, 1);
});
