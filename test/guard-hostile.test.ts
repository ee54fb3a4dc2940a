// Hostile messages over stdio (issue 17): deep nesting, `__proto__` members in arguments and a `_meta`
// that is not an object each get a JSON-RPC error or are told apart, and the guard keeps serving.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
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
    tools: [{ name: pay, amount: amount, currency: USD }]
  require_approval_above: 100
`;

type Reply = { error?: { code: number; message: string; data?: Record<string, unknown> }; result?: unknown };

test('arguments nested 5,000 levels deep: -32602 naming the limit, and the guard goes on', async () => {
  const g = guardDir(WALLET);
  const guard = rawGuard(g.config);
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  guard.write(
    `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"pay","arguments":{"a":${deep}}}}\n`,
  );
  // A notification and a response that deep are dropped without an answer; a deep id-less line too.
  guard.write(`{"jsonrpc":"2.0","method":"notifications/progress","params":{"x":${deep}}}\n`);
  guard.write(`${deep}\n`);
  guard.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
  const deepReply = (await guard.response(1)) as Reply;
  assert.equal(deepReply.error?.code, -32602);
  assert.match(deepReply.error?.message ?? '', /nested deeper than 64 levels \(limits\.max_depth\)/);
  assert.deepEqual(((await guard.response(2)) as Reply).result, {});
  assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"pay"')));
  const denied = g.records().filter((r) => r.method === '(invalid)');
  assert.ok(denied.some((r) => /max_depth/.test(String(r.reason))));
  guard.child.stdin.end();
  assert.equal(await guard.exited, 0);
});

test('a _meta that is not an object is -32602 and never reaches the backend', async () => {
  const g = guardDir(WALLET);
  const guard = rawGuard(g.config);
  guard.write(
    '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"balance","arguments":{},"_meta":"token"}}\n',
  );
  guard.write('{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"_meta":[1]}}\n');
  guard.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
  for (const id of [1, 2]) {
    const r = (await guard.response(id)) as Reply;
    assert.equal(r.error?.code, -32602, `id ${id}`);
    assert.match(r.error?.message ?? '', /_meta must be an object/);
  }
  await guard.response(3);
  assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"_meta"')));
  guard.child.stdin.end();
  await guard.exited;
});

test('an approved call replayed with an extra __proto__ member is a different call', async () => {
  const g = guardDir(WALLET);
  const guard = rawGuard(g.config);
  const call = (id: number, args: string) =>
    guard.write(
      `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"pay","arguments":${args}}}\n`,
    );
  call(1, '{"amount":500,"to":"landlord"}');
  const held = (await guard.response(1)) as Reply;
  assert.equal(held.error?.code, -32004);
  const approvalId = String(held.error?.data?.approval_id);
  execFileSync(NODE, [CLI, 'guard', 'approvals', 'approve', approvalId, '--config', g.config], { cwd: ROOT });
  // The same call with a member the canonical form used to drop: held again, not let through.
  call(2, '{"amount":500,"to":"landlord","__proto__":{"memo":"and 500 more"}}');
  const replay = (await guard.response(2)) as Reply;
  assert.equal(replay.error?.code, -32004);
  assert.notEqual(replay.error?.data?.approval_id, approvalId);
  assert.ok(!g.received().some((m) => JSON.stringify(m).includes('__proto__')));
  const [first, second] = g.records().filter((r) => r.tool === 'pay');
  assert.notEqual(first.argsHash, second.argsHash);
  // The approved call itself still passes, once.
  call(3, '{"amount":500,"to":"landlord"}');
  assert.ok(((await guard.response(3)) as Reply).result);
  guard.child.stdin.end();
  await guard.exited;
});
