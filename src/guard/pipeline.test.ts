// The policy pipeline as one piece, with the real policies, config loader and memory store: the order
// of the policies (each refusal is the one its position implies, not a later one) and the audit records
// of a request: one final record whether it was allowed, refused by any policy, held, or thrown, and a
// `forward` record written before a call reaches its backend; a record that cannot be written fails
// the request closed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGuardConfig } from '../config/guard.ts';
import type { AuditEntry } from './audit/index.ts';
import type { Ctx } from './context.ts';
import { errorResponse, type RpcResponse } from './jsonrpc.ts';
import { buildPipeline } from './pipeline.ts';
import { MemoryStore } from './store/memory.ts';

const ALICE = 'alice-pipeline-key-0123456789';

function setup(policies: string, options: { failAudit?: () => boolean; store?: MemoryStore } = {}) {
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
  const store = options.store ?? new MemoryStore();
  const pipeline = buildPipeline(config, {
    store,
    owner: 'test:audit.jsonl',
    audit: {
      append: (r) => {
        if (options.failAudit?.())
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        records.push(r);
      },
    },
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
  return { call, records, forwarded, session, store };
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

test('one final record per request (allowed, refused, held, backend error, no route, thrown), and a forward record before each forwarded call', async () => {
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
  const final = p.records.filter((r) => r.decision !== 'forward');
  assert.equal(final.length, outcomes.length);
  assert.deepEqual(
    final.map((r) => [r.id, r.tool, r.decision, r.code]),
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
  // Exactly the calls that reached the backend have a forward record, written before their outcome
  // and linked to it by `call`.
  const ahead = p.records.filter((r) => r.decision === 'forward');
  assert.deepEqual(
    ahead.map((r) => r.id),
    [1, 4, 6],
  );
  for (const f of ahead) {
    const outcome = final.find((r) => r.call === f.call)!;
    assert.ok(p.records.indexOf(f) < p.records.indexOf(outcome));
    assert.equal(outcome.id, f.id);
  }
  assert.equal(p.forwarded.length, 3);
  assert.match(outcomes[5].error?.message ?? '', /internal error: backend blew up/);
  assert.ok(final.every((r) => r.session === 's1' && typeof r.latencyMs === 'number'));
  assert.equal(final[0].agent, 'alice');
  assert.equal(final[0].backend, 'b');
});

test('the audit log cannot be written: a call is refused and never forwarded; a call already forwarded keeps its answer', async () => {
  let failing = true;
  const p = setup('  max_spend_per_session: 100', { failAudit: () => failing });
  const refused = await p.call('pay', { amount: 5 }, ALICE);
  assert.equal(code(refused), -32603);
  assert.match(
    refused.error?.message ?? '',
    /audit log unavailable \(ENOSPC: no space left on device\); the request was refused, not run/,
  );
  assert.equal(p.forwarded.length, 0);
  // The reservation was given back: the whole cap is still there once the disk has room again.
  failing = false;
  assert.ok((await p.call('pay', { amount: 100 })).result);
  // Fails after the forward record was written: the backend ran the call, so the client gets its answer.
  let writes = 0;
  const q = setup('  pinning: warn', { failAudit: () => ++writes > 1 });
  const answered = await q.call('echo', {}, ALICE);
  assert.deepEqual(answered.result, { ok: 'echo' });
  assert.deepEqual(
    q.records.map((r) => r.decision),
    ['forward'],
  );
});

test('spend: a reservation is marked forwarded before the backend sees the call; one never forwarded is released at restart', async () => {
  const store = new MemoryStore();
  const p = setup('  max_spend_per_session: 10\n  spend_per_hour_usd: 10', { store });
  // The forward record (naming the reservation) is written before the mark, the mark before sending.
  const order: string[] = [];
  const mark = store.forwarded.bind(store);
  store.forwarded = async (id) => {
    const forward = p.records.find((r) => r.decision === 'forward');
    order.push(`mark ${id} after a forward record of ${forward?.reservation}`);
    assert.equal(p.forwarded.length, 0, 'marked before the backend sees the call');
    await mark(id);
  };
  assert.ok((await p.call('pay', { amount: 4 }, ALICE)).result);
  store.forwarded = mark;
  assert.equal(p.forwarded.length, 1);
  assert.deepEqual(order, [
    `mark ${p.forwarded[0].reservation} after a forward record of ${p.forwarded[0].reservation}`,
  ]);
  // A crash between reserving and forwarding, simulated: a reservation of this owner never forwarded.
  const orphan = await store.reserve({
    agent: 'alice',
    session: 's0',
    amount: 6,
    hourlyCap: 10,
    now: Date.now(),
    owner: 'test:audit.jsonl',
  });
  assert.ok(orphan.ok);
  assert.equal(code(await p.call('pay', { amount: 1 })), -32002);
  // The next start of the same writer gives it back; the forwarded 4 stay counted.
  assert.deepEqual(await store.releaseUnforwarded('test:audit.jsonl'), [orphan.id]);
  assert.deepEqual(await store.releaseUnforwarded('test:audit.jsonl'), []);
  assert.ok((await p.call('pay', { amount: 6 })).result);
  assert.equal(code(await p.call('pay', { amount: 1 })), -32002);
});
