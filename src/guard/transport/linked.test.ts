// The in-memory linked pair: delivery on a later microtask, in order, held until `start`, and a close
// that reaches both ends once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RpcMessage } from '../jsonrpc.ts';
import { LinkedTransport } from './linked.ts';

test('messages cross asynchronously and in order, after start', async () => {
  const [a, b] = LinkedTransport.pair();
  const got: RpcMessage[] = [];
  b.onmessage = (m) => got.push(m);
  await a.send({ jsonrpc: '2.0', method: 'one' });
  await a.send({ jsonrpc: '2.0', method: 'two' });
  await new Promise((r) => setImmediate(r));
  assert.equal(got.length, 0, 'nothing before start');
  await b.start();
  assert.deepEqual(
    got.map((m) => ('method' in m ? m.method : '')),
    ['one', 'two'],
  );
  let sync = true;
  b.onmessage = () => assert.equal(sync, false, 'never delivered synchronously');
  await a.start();
  void a.send({ jsonrpc: '2.0', method: 'three' });
  sync = false;
  await new Promise((r) => setImmediate(r));
  assert.equal(a.sent.length, 3);
});

test('close ends both sides once; the far side hears the reason; sending after close fails', async () => {
  const [a, b] = LinkedTransport.pair();
  const closes: (string | undefined)[] = [];
  a.onclose = (reason) => closes.push(`a:${reason}`);
  b.onclose = (reason) => closes.push(`b:${reason}`);
  await a.close('crashed');
  await b.close();
  assert.deepEqual(closes, ['a:undefined', 'b:crashed']);
  await assert.rejects(b.send({ jsonrpc: '2.0', method: 'x' }), /closed/);
});
