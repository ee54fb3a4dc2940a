// Auth end to end: the guard (real process) in front of the wallet server that records what it
// receives. Wrong key, missing key, key in the wrong _meta field, expired JWT, alg none, HS/RS
// confusion and a wrong audience are all -32001, audited, and nothing reaches the backend.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { guardDir, rawGuard } from './servers/harness.ts';

const init = (id: number, meta?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
    ...(meta ? { _meta: meta } : {}),
  },
});

test('api_key: wrong, missing and misplaced keys are refused; the right one passes and is stripped', async () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: alice-secret-key-0123456789
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
    env:
      WALLET_LOG: "{{WALLET_LOG}}"
`);
  const guard = rawGuard(g.config);
  guard.send(init(1, { api_key: 'wrong' }));
  guard.send(init(2));
  guard.send(init(3, { apiKey: 'alice-secret-key-0123456789' }));
  guard.send({ ...init(4), params: { ...init(4).params, api_key: 'alice-secret-key-0123456789' } });
  for (const id of [1, 2, 3, 4]) {
    const r = (await guard.response(id)) as { error?: { code: number } };
    assert.equal(r.error?.code, -32001, `request ${id}`);
  }
  // Nothing reached the backend; the wallet's log holds no message at all.
  assert.deepEqual(g.received(), []);
  guard.send(init(5, { api_key: 'alice-secret-key-0123456789' }));
  const ok = (await guard.response(5)) as { result?: { serverInfo?: { name: string } } };
  assert.equal(ok.result?.serverInfo?.name, 'test-wallet');
  const received = g.received();
  assert.equal(received.length, 1);
  assert.doesNotMatch(JSON.stringify(received), /alice-secret-key/);
  const records = g.records();
  assert.equal(records.filter((r) => r.code === -32001 && r.decision === 'deny').length, 4);
  assert.ok(records.some((r) => r.decision === 'allow' && r.agent === 'alice'));
  assert.doesNotMatch(JSON.stringify(records), /alice-secret-key/);
  guard.child.stdin.end();
  assert.equal(await guard.exited, 0);
});

test('MCP_GUARD_API_KEY authenticates, and never reaches the backend environment', async () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys: ["env-key-0123456789abcdef"]
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
`);
  const guard = rawGuard(g.config, { MCP_GUARD_API_KEY: 'env-key-0123456789abcdef', OTHER_SECRET: 'x' });
  guard.send(init(1));
  assert.ok((await guard.response(1)).result);
  guard.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  guard.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'env', arguments: {} } });
  const r = (await guard.response(2)) as { result: { content: { text: string }[] } };
  const names = JSON.parse(r.result.content[0].text) as string[];
  assert.ok(names.includes('PATH'));
  assert.ok(!names.includes('MCP_GUARD_API_KEY'));
  assert.ok(!names.includes('OTHER_SECRET'));
  assert.ok(g.records().some((x) => x.agent === 'agent-1' && x.decision === 'allow'));
  guard.child.stdin.end();
  await guard.exited;
});

test('jwt: expired, alg none, HS/RS confusion and wrong audience are -32001 and never forwarded', async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const g = guardDir(`
auth:
  mode: jwt
  jwt:
    algorithms: [RS256]
    public_key: |
${pem
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
    audience: mcp-guard
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
    env:
      WALLET_LOG: "{{WALLET_LOG}}"
`);
  const base = () => new SignJWT({}).setSubject('robot').setAudience('mcp-guard');
  const now = Math.floor(Date.now() / 1000);
  const bad = [
    await base()
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime(now - 600)
      .sign(privateKey),
    new UnsecuredJWT({ sub: 'robot', aud: 'mcp-guard' }).setExpirationTime('5m').encode(),
    await base()
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem)),
    await new SignJWT({})
      .setSubject('robot')
      .setAudience('other')
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime('5m')
      .sign(privateKey),
  ];
  const guard = rawGuard(g.config);
  for (const [i, token] of bad.entries()) guard.send(init(i + 1, { token }));
  for (let i = 1; i <= bad.length; i++) {
    const r = (await guard.response(i)) as { error?: { code: number; message: string } };
    assert.equal(r.error?.code, -32001, `token ${i}: ${r.error?.message}`);
  }
  assert.deepEqual(g.received(), []);
  const good = await base().setProtectedHeader({ alg: 'RS256' }).setExpirationTime('5m').sign(privateKey);
  guard.send(init(9, { authorization: `Bearer ${good}` }));
  assert.ok((await guard.response(9)).result);
  assert.equal(g.records().filter((r) => r.code === -32001).length, 4);
  assert.ok(g.records().some((r) => r.agent === 'robot'));
  guard.child.stdin.end();
  await guard.exited;
});
