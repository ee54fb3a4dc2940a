// Backends that fail in time rather than in content: one that never answers (the client gets -32603
// naming the backend after `limits.request_timeout_ms`, and the backend gets `notifications/cancelled`)
// and one that crashes on every start (restarts with growing delays; requests fail fast meanwhile).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { guardDir, ROOT, rawGuard } from './servers/harness.ts';

const MISBEHAVING = join(ROOT, 'test/servers/misbehaving.ts');

test('a backend that never answers: -32603 after request_timeout_ms, and the backend is told', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  silent:
    command: "{{NODE}}"
    args: ["${MISBEHAVING}"]
    env:
      MODE: silent
      MISBEHAVING_LOG: "{{WALLET_LOG}}"
limits:
  request_timeout_ms: 300
`);
  const guard = rawGuard(g.config);
  try {
    const began = Date.now();
    guard.send({
      jsonrpc: '2.0',
      id: 'slow-1',
      method: 'tools/call',
      params: { name: 'anything', arguments: {} },
    });
    const response = await guard.response('slow-1', 10_000);
    const elapsed = Date.now() - began;
    const error = response.error as { code: number; message: string; data: { backend: string } };
    assert.equal(error.code, -32603);
    assert.match(error.message, /backend silent did not answer in time/);
    assert.equal(error.data.backend, 'silent');
    assert.ok(elapsed >= 280 && elapsed < 5_000, `answered after ${elapsed} ms`);
    // The backend saw the request, then its cancellation.
    const deadline = Date.now() + 5_000;
    while (g.received().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const [request, cancel] = g.received();
    assert.equal(request.method, 'tools/call');
    assert.equal(cancel.method, 'notifications/cancelled');
    assert.deepEqual((cancel.params as { requestId: unknown }).requestId, 'slow-1');
    const record = g.records().find((r) => r.id === 'slow-1');
    assert.equal(record?.code, -32603);
  } finally {
    guard.child.stdin.end();
    await guard.exited;
  }
});

test('a backend stuck before answering initialize: -32603 after initialize_timeout_ms, quoting its last stderr lines', async () => {
  // Like an npx download hanging behind a proxy: it says what it is doing, then never answers.
  const stuck = [
    "process.stderr.write('npm http fetch GET https://registry.npmjs.org/@acme%2fwallet\\n');",
    "process.stderr.write('npm http fetch GET attempt 2 failed with ETIMEDOUT\\n');",
    'setInterval(() => {}, 1000);',
  ].join(' ');
  const g = guardDir(`
auth:
  mode: none
servers:
  wallet:
    command: "{{NODE}}"
    args: ["-e", ${JSON.stringify(stuck)}]
limits:
  initialize_timeout_ms: 400
`);
  const guard = rawGuard(g.config);
  try {
    guard.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    const response = await guard.response(1, 10_000);
    const error = response.error as { code: number; message: string; data: { backend: string } };
    assert.equal(error.code, -32603);
    assert.match(
      error.message,
      /backend wallet did not answer initialize within 400 ms \(limits\.initialize_timeout_ms\)/,
    );
    assert.match(error.message, /last stderr lines: .*registry\.npmjs\.org.* \/ .*ETIMEDOUT/);
    assert.equal(error.data.backend, 'wallet');
    assert.match(guard.stderr(), /did not answer initialize/);
  } finally {
    guard.child.stdin.end();
    await guard.exited;
  }
});

test('a backend that crashes on start: exponential restart delays, requests fail fast meanwhile', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  crashy:
    command: "{{NODE}}"
    args: ["${MISBEHAVING}"]
    env:
      MODE: crash
`);
  const guard = rawGuard(g.config);
  try {
    const delays = () =>
      [...guard.stderr().matchAll(/\[crashy\] guard: restarting in (\d+) ms/g)].map((m) => Number(m[1]));
    const deadline = Date.now() + 15_000;
    while (!delays().includes(2_000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // Defaults: 250 ms doubling per consecutive crash (cap 30 s; the cap itself is unit-tested).
    assert.deepEqual(delays().slice(0, 4), [250, 500, 1_000, 2_000]);
    assert.match(
      guard.stderr(),
      /\[crashy\] cannot start: missing configuration/,
      'backend stderr is prefixed',
    );

    const began = Date.now();
    guard.send({ jsonrpc: '2.0', id: 9, method: 'tools/list' });
    const response = await guard.response(9, 5_000);
    const error = response.error as { code: number; message: string; data: { backend: string } };
    assert.ok(Date.now() - began < 1_000, 'failed fast, without waiting for the restart');
    assert.equal(error.code, -32603);
    assert.match(error.message, /backend crashy is down; restarting in \d+ ms/);
    assert.equal(error.data.backend, 'crashy');
  } finally {
    guard.child.stdin.end();
    await guard.exited;
  }
});
