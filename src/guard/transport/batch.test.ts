// The NDJSON transport's write batching: the first message of a tick goes straight out, the rest of
// the tick leave together in one write, in order, and every `send` resolves only once its line is in
// the stream.
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { NdjsonTransport } from './ndjson.ts';

/** A writable that records each write (and writev) call it receives. */
function recorder() {
  const calls: string[][] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => String(c.chunk)));
      done();
    },
  });
  return { out, calls };
}

test('a burst of sends in one tick: first written at once, the rest in one write, in order', async () => {
  const { out, calls } = recorder();
  const t = new NdjsonTransport(new PassThrough(), out);
  await t.start();
  const sent = [1, 2, 3, 4].map((id) => t.send({ jsonrpc: '2.0', id, result: {} }));
  // The first went straight out; the others are held until the end of the tick.
  assert.equal(calls.length, 1);
  await Promise.all(sent);
  assert.equal(calls.length, 2);
  assert.deepEqual(
    calls.map((c) => c.length),
    [1, 3],
  );
  const ids = calls.flat().map((line) => JSON.parse(line).id);
  assert.deepEqual(ids, [1, 2, 3, 4]);
  assert.ok(calls.flat().every((line) => line.endsWith('}\n')));
  // A later lone message goes straight out again.
  await new Promise((r) => setImmediate(r));
  await t.send({ jsonrpc: '2.0', id: 5, result: {} });
  assert.equal(calls.length, 3);
});

test('each send of a batch resolves only once its line is in the stream', async () => {
  const output = new PassThrough();
  const t = new NdjsonTransport(new PassThrough(), output);
  await t.start();
  const first = t.send({ jsonrpc: '2.0', id: 1, result: {} });
  const second = t.send({ jsonrpc: '2.0', id: 2, result: {} });
  await second;
  await first;
  const text = String(output.read());
  assert.deepEqual(
    text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id),
    [1, 2],
  );
});

test('closing with a batch pending still delivers it', async () => {
  const { out, calls } = recorder();
  const t = new NdjsonTransport(new PassThrough(), out);
  await t.start();
  const sends = [1, 2, 3].map((id) => t.send({ jsonrpc: '2.0', id, result: {} }));
  await t.close();
  await Promise.all(sends);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    calls.flat().map((l) => JSON.parse(l).id),
    [1, 2, 3],
  );
});
