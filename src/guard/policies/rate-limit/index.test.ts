// The rate-limit policy over the store's sliding window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyError } from '../../errors.ts';
import { MemoryStore } from '../../store/memory.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { rateLimitPolicy } from './index.ts';

test('allows requestsPerMinute per agent, then -32029 with retry_after_ms; agents are counted apart', async () => {
  let now = 10_000;
  const policy = rateLimitPolicy({ requestsPerMinute: 2, store: new MemoryStore(), now: () => now });
  const next = makeNext();
  await policy(makeCtx('ping', {}, { agent: 'a' }), next);
  await policy(makeCtx('ping', {}, { agent: 'a' }), next);
  await policy(makeCtx('ping', {}, { agent: 'b' }), next);
  await assert.rejects(policy(makeCtx('ping', {}, { agent: 'a' }), next), (e: PolicyError) => {
    assert.equal(e.code, -32029);
    assert.equal(e.data?.retry_after_ms, 30_000); // token bucket: 2 a minute refill one every 30 s
    return true;
  });
  assert.equal(next.calls, 3);
  now += 60_001;
  await policy(makeCtx('ping', {}, { agent: 'a' }), next);
  assert.equal(next.calls, 4);
});

test('no limit configured: passes; nonsense limits are refused at start-up', async () => {
  const next = makeNext();
  await rateLimitPolicy({ store: new MemoryStore() })(makeCtx('ping', {}, { agent: 'a' }), next);
  assert.equal(next.calls, 1);
  assert.throws(
    () => rateLimitPolicy({ requestsPerMinute: 0, store: new MemoryStore() }),
    /positive integer/,
  );
});

test("an agent's own requests_per_minute replaces the default for that agent only", async () => {
  const policy = rateLimitPolicy({
    requestsPerMinute: 1,
    agents: { bulk: { requestsPerMinute: 3, approvals: true } },
    store: new MemoryStore(),
    now: () => 5_000,
  });
  const next = makeNext();
  for (let i = 0; i < 3; i++) await policy(makeCtx('ping', {}, { agent: 'bulk' }), next);
  await assert.rejects(
    policy(makeCtx('ping', {}, { agent: 'bulk' }), next),
    (e: PolicyError) => e.code === -32029,
  );
  await policy(makeCtx('ping', {}, { agent: 'other' }), next);
  await assert.rejects(
    policy(makeCtx('ping', {}, { agent: 'other' }), next),
    (e: PolicyError) => e.code === -32029,
  );
  assert.equal(next.calls, 4);
  assert.throws(
    () =>
      rateLimitPolicy({
        agents: { x: { requestsPerMinute: 1.5, approvals: true } },
        store: new MemoryStore(),
      }),
    /agents\.x\.requests_per_minute/,
  );
});
