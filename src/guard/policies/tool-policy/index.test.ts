// The tool policy: globs, deny wins, per-agent lists, the same predicate filtering tools/list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyError } from '../../errors.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { toolPolicy, toolPredicate } from './index.ts';

const policies = {
  toolAllowlist: ['get-*', 'echo', 'wallet_*'],
  toolDenylist: ['get-env'],
  agents: { intern: { toolDenylist: ['wallet_*'] }, auditor: { toolAllowlist: ['get-sum'] } },
};

test('predicate: allow globs, deny wins, per-agent allow narrows and deny adds', () => {
  const may = toolPredicate(policies);
  assert.equal(may('x', 'get-sum'), true);
  assert.equal(may('x', 'get-env'), false);
  assert.equal(may('x', 'rm-rf'), false);
  assert.equal(may('x', 'wallet_pay'), true);
  assert.equal(may('intern', 'wallet_pay'), false);
  assert.equal(may('auditor', 'echo'), false);
  assert.equal(may('auditor', 'get-sum'), true);
});

test('tools/call of a refused tool is -32003 and does not reach the backend', async () => {
  const policy = toolPolicy(policies);
  const next = makeNext();
  await assert.rejects(
    policy(makeCtx('tools/call', { name: 'get-env', arguments: {} }, { agent: 'x' }), next),
    (e: PolicyError) => e.code === -32003 && /get-env/.test(e.message),
  );
  await policy(makeCtx('tools/call', { name: 'echo', arguments: {} }, { agent: 'x' }), next);
  assert.equal(next.calls, 1);
});

test('tools/call with a missing name or non-object arguments is -32602', async () => {
  const policy = toolPolicy(policies);
  const next = makeNext();
  for (const params of [
    {},
    { name: 3 },
    { name: 'echo', arguments: 'x' },
    { name: 'echo', arguments: [1] },
  ]) {
    await assert.rejects(
      policy(makeCtx('tools/call', params, { agent: 'x' }), next),
      (e: PolicyError) => e.code === -32602,
    );
  }
  assert.equal(next.calls, 0);
});

test('tools/list is filtered with the same predicate', async () => {
  const policy = toolPolicy(policies);
  const listed = {
    jsonrpc: '2.0' as const,
    id: 1,
    result: { tools: [{ name: 'echo' }, { name: 'get-env' }, { name: 'wallet_pay' }, { name: 'rm' }] },
  };
  const response = await policy(makeCtx('tools/list', {}, { agent: 'intern' }), makeNext(listed));
  assert.deepEqual(response.result?.tools, [{ name: 'echo' }]);
});
