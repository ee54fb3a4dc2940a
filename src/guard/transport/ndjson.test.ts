// The NDJSON transport: framing across chunks, the size cap without unbounded buffering, UTF-8 and
// JSON errors, batches, invalid notifications (never answered), and writing one line per message.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { RpcMessage, RpcResponse } from '../jsonrpc.ts';
import { NdjsonTransport } from './ndjson.ts';
import { sniffId } from './sniff.ts';

function setup(maxMessageBytes?: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  const t = new NdjsonTransport(input, output, { maxMessageBytes });
  const messages: RpcMessage[] = [];
  const invalid: { reply: RpcResponse | undefined; reason: string }[] = [];
  t.onmessage = (m) => messages.push(m);
  t.oninvalid = (reply, reason) => invalid.push({ reply, reason });
  return { input, output, t, messages, invalid };
}

const tick = () => new Promise((r) => setImmediate(r));

test('frames messages split across chunks and several per chunk', async () => {
  const { input, t, messages } = setup();
  await t.start();
  input.write('{"jsonrpc":"2.0","id":1,"me');
  input.write('thod":"ping"}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\r\n\n');
  await tick();
  assert.deepEqual(messages, [
    { jsonrpc: '2.0', id: 1, method: 'ping' },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
  ]);
});

test('broken JSON and invalid UTF-8 give -32700 with id null, and reading goes on', async () => {
  const { input, t, messages, invalid } = setup();
  await t.start();
  input.write('{"jsonrpc":"2.0","id":1,\n');
  input.write(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
  input.write('{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
  await tick();
  assert.equal(invalid.length, 2);
  assert.equal(invalid[0].reply?.error?.code, -32700);
  assert.equal(invalid[0].reply?.id, null);
  assert.match(invalid[1].reason, /UTF-8/);
  assert.equal(invalid[1].reply?.error?.code, -32700);
  assert.deepEqual(messages, [{ jsonrpc: '2.0', id: 2, method: 'ping' }]);
});

test('a batch gets -32600 naming batches', async () => {
  const { input, t, invalid } = setup();
  await t.start();
  input.write('[{"jsonrpc":"2.0","id":1,"method":"ping"}]\n');
  await tick();
  assert.equal(invalid[0].reply?.error?.code, -32600);
  assert.match(invalid[0].reply?.error?.message ?? '', /batch/);
});

test('params of the wrong type: a request is answered with its id, a notification is not answered', async () => {
  const { input, t, invalid } = setup();
  await t.start();
  input.write('{"jsonrpc":"2.0","id":"a","method":"tools/list","params":"x"}\n');
  input.write('{"jsonrpc":"2.0","method":"notifications/progress","params":[1]}\n');
  await tick();
  assert.equal(invalid[0].reply?.id, 'a');
  assert.equal(invalid[0].reply?.error?.code, -32600);
  assert.equal(invalid[1].reply, undefined);
});

test('an over-long line is refused with its id, never buffered whole, and the next line is read', async () => {
  const { input, t, messages, invalid } = setup(1024);
  await t.start();
  input.write('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"x":"');
  for (let i = 0; i < 100; i++) input.write('y'.repeat(1000));
  input.write('"}}\n{"jsonrpc":"2.0","id":8,"method":"ping"}\n');
  await tick();
  assert.equal(invalid.length, 1);
  assert.equal(invalid[0].reply?.id, 7);
  assert.equal(invalid[0].reply?.error?.code, -32600);
  assert.match(invalid[0].reason, /1024 bytes/);
  assert.deepEqual(messages, [{ jsonrpc: '2.0', id: 8, method: 'ping' }]);
});

test('send writes one line per message', async () => {
  const { output, t } = setup();
  await t.start();
  await t.send({ jsonrpc: '2.0', id: 1, result: { text: 'a\nb' } });
  assert.equal(output.read().toString(), '{"jsonrpc":"2.0","id":1,"result":{"text":"a\\nb"}}\n');
});

test('end of input closes the transport', async () => {
  const { input, t } = setup();
  let closed = false;
  t.onclose = () => {
    closed = true;
  };
  await t.start();
  input.end();
  await tick();
  assert.equal(closed, true);
});

test('sniffId reads only the top-level id', () => {
  assert.equal(sniffId('{"jsonrpc":"2.0","id":"abc","params":{"x'), 'abc');
  assert.equal(sniffId('{"params":{"id":5},"id":6,"x":"'), 6);
  assert.equal(sniffId('{"method":"x","params":{"id":5,"data":"'), undefined);
  assert.equal(sniffId('[1,2'), undefined);
});

test('the depth limit holds for short and long lines alike; brackets inside strings do not count as nesting', async () => {
  const input = new PassThrough();
  const t = new NdjsonTransport(input, new PassThrough(), { maxDepth: 4 });
  const messages: RpcMessage[] = [];
  const invalid: string[] = [];
  t.onmessage = (m) => messages.push(m);
  t.oninvalid = (_reply, reason) => invalid.push(reason);
  await t.start();
  const call = (id: number, args: unknown) =>
    JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'x', arguments: args } });
  // Short lines: 5 levels (message, params, arguments, a, b) is one too many; 3 pass, brackets in a string or not.
  input.write(`${call(1, { a: { b: { c: 1 } } })}\n${call(2, { a: '[[[[{{{{' })}\n`);
  // A long line (past the bytes counted) gets the walk: too deep, and at the limit.
  const pad = 'x'.repeat(5000);
  input.write(`${call(3, { pad, a: { b: { c: 1 } } })}\n${call(4, { pad, a: { b: 1 } })}\n`);
  await tick();
  assert.deepEqual(
    messages.map((m) => ('id' in m ? m.id : undefined)),
    [2, 4],
  );
  assert.equal(invalid.length, 2);
  for (const reason of invalid) assert.match(reason, /nested deeper than 4 levels/);
});
