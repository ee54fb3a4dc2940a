// Malformed input written raw to the guard's stdin: each gets a clear JSON-RPC error (or, for a
// notification, nothing), and the guard keeps serving. Then an orderly shutdown leaves no backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardDir, rawGuard } from './servers/harness.ts';

test('broken JSON, batches, huge lines, bad UTF-8 and wrong params: errors, and the session goes on', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
limits:
  max_message_bytes: 65536
`);
  const guard = rawGuard(g.config);
  guard.write('{"jsonrpc":"2.0","id":1,"method":\n');
  guard.write('[{"jsonrpc":"2.0","id":2,"method":"ping"}]\n');
  guard.write(
    `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"pay","arguments":{"to":"${'x'.repeat(200_000)}"}}}\n`,
  );
  guard.write(
    Buffer.concat([
      Buffer.from('{"jsonrpc":"2.0","id":4,"method":"ping","x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]),
  );
  guard.write('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":"pay"}\n');
  guard.write('{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"pay","arguments":[1,2]}}\n');
  guard.write('{"jsonrpc":"2.0","method":"notifications/progress","params":7}\n');
  guard.write('{"jsonrpc":"2.0","id":8,"method":"ping"}\n');
  const pong = await guard.response(8);
  assert.deepEqual(pong.result, {});
  const byId = (id: unknown) =>
    guard.out.find((m) => m.id === id) as { error?: { code: number; message: string } };
  assert.equal(byId(3).error?.code, -32600);
  assert.match(byId(3).error?.message ?? '', /65536 bytes/);
  assert.equal(byId(5).error?.code, -32600);
  assert.equal(byId(6).error?.code, -32602);
  const nulls = guard.out.filter((m) => m.id === null) as { error: { code: number; message: string } }[];
  assert.deepEqual(
    nulls.map((m) => m.error.code),
    [-32700, -32600, -32700],
  );
  assert.match(nulls[1].error.message, /batch/);
  assert.match(nulls[2].error.message, /UTF-8/);
  // The invalid notification got no answer: responses are exactly those above.
  assert.equal(guard.out.length, 3 + 4);
  guard.child.kill('SIGTERM');
  assert.equal(await guard.exited, 0);
  assert.match(guard.stderr(), /SIGTERM, shutting down/);
});
