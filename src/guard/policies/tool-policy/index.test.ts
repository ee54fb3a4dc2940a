// The tool policy: globs, deny wins, per-agent lists, the same predicate filtering tools/list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyError } from '../../errors.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { toolPolicy, toolPredicate } from './index.ts';

const policies = {
  toolAllowlist: ['get-*', 'echo', 'wallet_*'],
  toolDenylist: ['get-env'],
  agents: {
    intern: { toolDenylist: ['wallet_*'], approvals: true },
    auditor: { toolAllowlist: ['get-sum'], approvals: true },
    reader: { servers: ['fs'], approvals: true },
  },
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

test('predicate with a backend: globs match the original or the prefixed name; servers limit agents', () => {
  const may = toolPredicate(policies);
  const at = (server: string, name: string) => ({ server, name });
  // `echo` is allowed by its original name even though the client sees `everything__echo`.
  assert.equal(may('x', 'everything__echo', at('everything', 'echo')), true);
  assert.equal(may('x', 'everything__get-env', at('everything', 'get-env')), false);
  assert.equal(may('x', 'everything__rm', at('everything', 'rm')), false);
  // reader may reach fs only.
  assert.equal(may('reader', 'everything__echo', at('everything', 'echo')), false);
  assert.equal(may('reader', 'fs__echo', at('fs', 'echo')), true);
  // A prefixed glob works too.
  const byPrefix = toolPredicate({ toolAllowlist: [], toolDenylist: ['fs__*'], agents: {} });
  assert.equal(byPrefix('x', 'fs__write', at('fs', 'write')), false);
  assert.equal(byPrefix('x', 'everything__write', at('everything', 'write')), true);
});

test('a request routed to a server the agent may not reach is -32003; lists drop its tools', async () => {
  const policy = toolPolicy(policies);
  const next = makeNext();
  await assert.rejects(
    policy(makeCtx('prompts/get', { name: 'p' }, { agent: 'reader', backend: 'everything' }), next),
    (e: PolicyError) => e.code === -32003 && /server everything/.test(e.message),
  );
  assert.equal(next.calls, 0);
  const list = makeNext({
    jsonrpc: '2.0',
    id: 1,
    result: { tools: [{ name: 'fs__echo' }, { name: 'everything__echo' }] },
  });
  const ctx = makeCtx('tools/list', {}, { agent: 'reader', backend: '*' });
  ctx.resolveTool = (n) => ({ server: n.split('__')[0], name: n.split('__')[1] });
  const response = await policy(ctx, list);
  assert.deepEqual(response.result?.tools, [{ name: 'fs__echo' }]);
});
