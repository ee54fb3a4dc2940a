// Spend and approvals end to end, with the SDK client, the guard process, the wallet server and
// the admin CLI as a separate process: caps hold under 100 concurrent calls, an approval round trip
// passes exactly once and survives a guard restart, and a backend killed mid-call is -32603 then
// restarted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI, connect, guardDir, NODE, ROOT, rawGuard } from './servers/harness.ts';

const WALLET_YAML = (policies: string) => `
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
${policies}
`;

const code = (e: unknown) => (e as { code?: number }).code;

test('100 concurrent payments never overshoot the session cap', async () => {
  const g = guardDir(WALLET_YAML('  max_spend_per_session: 50'));
  const { client, transport } = await connect(g.config);
  await client.connect(transport);
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      client.callTool({ name: 'pay', arguments: { amount: 1, to: `x${i}` } }),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r) => r.status === 'rejected');
  assert.equal(ok.length, 50);
  assert.ok(refused.every((r) => code(r.reason) === -32002));
  const balance = await client.callTool({ name: 'balance', arguments: {} });
  assert.match(JSON.stringify(balance.content), /\\"paid\\":50\b/);
  // A failed payment gives its reservation back, so the cap still shows nothing left, not less.
  await assert.rejects(client.callTool({ name: 'pay', arguments: { amount: 1, to: 'y' } }), (e) => {
    assert.equal(code(e), -32002);
    assert.match(String(e), /0 left/);
    return true;
  });
  await client.close();
});

test('amounts that are strings, negative or huge are -32602 and never reach the wallet', async () => {
  const g = guardDir(WALLET_YAML('  max_spend_per_session: 50'));
  const guard = rawGuard(g.config);
  // OVERFLOW is written as the literal 1e400, which JSON.parse turns into Infinity.
  const bad = ['10', -5, 'OVERFLOW', 1e300, null];
  const line = (id: number, amount: unknown) =>
    `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"pay","arguments":{"amount":${amount === 'OVERFLOW' ? '1e400' : JSON.stringify(amount)},"to":"z"}}}\n`;
  for (const [i, amount] of bad.entries()) guard.write(line(i + 1, amount));
  for (let i = 1; i <= bad.length; i++) {
    const r = (await guard.response(i)) as { error?: { code: number } };
    assert.equal(r.error?.code, -32602, `amount ${bad[i - 1]}`);
  }
  assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"pay"')));
  guard.child.stdin.end();
  await guard.exited;
});

test('approval: held, approved through the CLI, the retry passes exactly once, across a guard restart', async () => {
  const g = guardDir(WALLET_YAML('  require_approval_above: 100'));
  const first = await connect(g.config);
  await first.client.connect(first.transport);
  const call = { name: 'pay', arguments: { amount: 500, to: 'landlord' } };
  let approvalId = '';
  await assert.rejects(
    first.client.callTool(call),
    (e: { code?: number; data?: { approval_id: string } }) => {
      assert.equal(e.code, -32004);
      approvalId = e.data!.approval_id;
      return true;
    },
  );
  assert.ok(!g.received().some((m) => JSON.stringify(m).includes('landlord')));
  await first.client.close();

  // A human approves from another process, against the same store.
  execFileSync(
    NODE,
    [CLI, 'guard', 'approvals', 'approve', approvalId.slice(0, 8), '--config', g.config, '--by', 'ops'],
    {
      cwd: ROOT,
    },
  );

  const second = await connect(g.config);
  await second.client.connect(second.transport);
  const paid = await second.client.callTool(call);
  assert.match(JSON.stringify(paid.content), /paid 500 to landlord/);
  await assert.rejects(second.client.callTool(call), (e) => code(e) === -32004);
  const records = g.records();
  assert.ok(records.some((r) => r.decision === 'held' && r.tool === 'pay'));
  assert.ok(records.some((r) => r.decision === 'allow' && r.tool === 'pay' && /ops/.test(String(r.reason))));
  await second.client.close();
});

test('a backend killed mid-call: -32603 naming it, then restarted and usable', async () => {
  const g = guardDir(WALLET_YAML(''));
  const { client, transport, stderr } = await connect(g.config);
  await client.connect(transport);
  await assert.rejects(client.callTool({ name: 'crash', arguments: {} }), (e) => {
    assert.equal(code(e), -32603);
    assert.match(String(e), /wallet/);
    return true;
  });
  let result: unknown;
  for (let i = 0; i < 50 && result === undefined; i++) {
    await new Promise((r) => setTimeout(r, 100));
    result = await client.callTool({ name: 'balance', arguments: {} }).catch(() => undefined);
  }
  assert.ok(result, `backend came back; stderr:\n${stderr()}`);
  assert.match(stderr(), /\[wallet\] guard: backend wallet exited/);
  assert.match(stderr(), /re-initialized/);
  await client.close();
});
