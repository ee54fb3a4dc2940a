// The policy pipeline as one piece, with the real policies, config loader and memory store: the order
// of the policies (each refusal is the one its position implies, not a later one) and exactly one
// audit record per request, whether it was allowed, refused by any policy, held, or thrown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGuardConfig } from '../config/guard.ts';
import type { AuditEntry } from './audit/index.ts';
import type { Ctx } from './context.ts';
import { errorResponse, type RpcResponse } from './jsonrpc.ts';
import { buildPipeline } from './pipeline.ts';
import { MemoryStore } from './store/memory.ts';

const ALICE = 'alice-pipeline-key-0123456789';

function setup(policies: string) {
  const config = parseGuardConfig(
    `
auth:
  mode: api_key
  keys:
    alice: "${ALICE}"
servers:
  b:
    command: backend
policies:
${policies}
`,
    '/tmp/mcp-guard-pipeline.yaml',
    {},
  );
  const records: AuditEntry[] = [];
  const forwarded: Ctx[] = [];
  // A tiny in-process backend: answers, answers with an error, or throws.
  const forward = async (ctx: Ctx): Promise<RpcResponse> => {
    forwarded.push(ctx);
    if (ctx.tool === 'boom') throw new Error('backend blew up');
    if (ctx.tool === 'fails') return errorResponse(ctx.request.id, -32603, 'backend said no');
    return { jsonrpc: '2.0', id: ctx.request.id, result: { ok: ctx.tool ?? ctx.method } };
  };
  const pipeline = buildPipeline(config, {
    store: new MemoryStore(),
    audit: { append: (r) => records.push(r) },
    router: (_method, tool) => (tool === 'nowhere' ? undefined : 'b'),
    forward,
    env: {},
  });
  const session = { id: 's1', peer: 'test' };
  let id = 0;
  const call = (tool: string, args: Record<string, unknown> = {}, credential?: string) => {
    const request = {
      jsonrpc: '2.0' as const,
      id: ++id,
      method: 'tools/call',
      params: { name: tool, arguments: args },
    };
    return pipeline({ session, request, method: 'tools/call', tool, args, credential });
  };
  return { call, records, forwarded, session };
}

const code = (r: RpcResponse) => r.error?.code;

test('auth comes first: an unauthenticated call to a denied tool is -32001, not -32003', async () => {
  const p = setup('  tool_denylist: ["rm"]');
  assert.equal(code(await p.call('rm')), -32001);
  assert.equal(code(await p.call('rm', {}, ALICE)), -32003);
  assert.equal(p.forwarded.length, 0);
});

test('rate limit before tool policy: denied calls count, and the third call is -32029', async () => {
  const p = setup('  requests_per_minute: 2\n  tool_denylist: ["rm"]');
  assert.equal(code(await p.call('rm', {}, ALICE)), -32003);
  assert.equal(code(await p.call('rm')), -32003);
  const limited = await p.call('rm');
  assert.equal(code(limited), -32029);
  assert.ok((limited.error?.data as { retry_after_ms: number } | undefined)?.retry_after_ms);
});

test('tool policy before spend: a denied spend tool with a bad amount is -32003, not -32602', async () => {
  const p = setup('  tool_denylist: ["pay"]\n  max_spend_per_session: 10');
  assert.equal(code(await p.call('pay', { amount: 'lots' }, ALICE)), -32003);
});

test('spend before approval, approval before routing and forwarding', async () => {
  const p = setup('  max_spend_per_session: 10\n  require_approval_above: 5');
  // Over the cap and above the approval threshold: the cap refuses first.
  assert.equal(code(await p.call('pay', { amount: 50 }, ALICE)), -32002);
  // Under the cap, above the threshold: held, never forwarded, even with no route.
  const held = await p.call('pay', { amount: 6 });
  assert.equal(code(held), -32004);
  assert.ok((held.error?.data as { approval_id: string } | undefined)?.approval_id);
  assert.equal(p.forwarded.length, 0);
  // Small enough: routed and forwarded.
  assert.deepEqual((await p.call('pay', { amount: 1 })).result, { ok: 'pay' });
  assert.equal(p.forwarded.length, 1);
  assert.equal(p.forwarded[0].backend, 'b');
  assert.equal(p.forwarded[0].agent, 'alice');
});

test('exactly one audit record per request: allowed, refused, held, backend error, no route, thrown', async () => {
  const p = setup('  tool_denylist: ["rm"]\n  require_approval_above: 5');
  const outcomes = [
    await p.call('echo', {}, ALICE),
    await p.call('rm'),
    await p.call('pay', { amount: 9 }),
    await p.call('fails'),
    await p.call('nowhere'),
    await p.call('boom'),
    await p.call('echo', {}, 'wrong-key'),
  ];
  assert.deepEqual(outcomes.map(code), [undefined, -32003, -32004, -32603, -32005, -32603, -32001]);
  assert.equal(p.records.length, outcomes.length);
  assert.deepEqual(
    p.records.map((r) => [r.id, r.tool, r.decision, r.code]),
    [
      [1, 'echo', 'allow', undefined],
      [2, 'rm', 'deny', -32003],
      [3, 'pay', 'held', -32004],
      [4, 'fails', 'error', -32603],
      [5, 'nowhere', 'deny', -32005],
      [6, 'boom', 'error', -32603],
      [7, 'echo', 'deny', -32001],
    ],
  );
  assert.match(outcomes[5].error?.message ?? '', /internal error: backend blew up/);
  assert.ok(p.records.every((r) => r.session === 's1' && typeof r.latencyMs === 'number'));
  assert.equal(p.records[0].agent, 'alice');
  assert.equal(p.records[0].backend, 'b');
});
