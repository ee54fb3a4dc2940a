// The NDJSON transport's write batching: the first message of an event-loop turn goes out at once, the
// ones sent after it in the same turn leave together in one write at the end of the turn, in order, and
// every `send` resolves only once its line is in the stream.
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

/** The lines of every write, in order. */
const linesOf = (calls: string[][]) =>
  calls
    .flat()
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).id);

test('a burst of sends in one turn: the first at once, the rest in one write at its end, in order', async () => {
  const { out, calls } = recorder();
  const t = new NdjsonTransport(new PassThrough(), out);
  await t.start();
  const sent = [1, 2, 3, 4].map((id) => t.send({ jsonrpc: '2.0', id, result: {} }));
  // The first went straight out; the others wait for the end of the turn.
  assert.equal(calls.length, 1);
  await Promise.all(sent);
  assert.equal(calls.length, 2);
  assert.deepEqual(linesOf(calls), [1, 2, 3, 4]);
  assert.ok(calls[1][0].endsWith('}\n'));
  // A later turn's lone message goes straight out again.
  await new Promise((r) => setImmediate(r));
  const lone = t.send({ jsonrpc: '2.0', id: 5, result: {} });
  assert.equal(calls.length, 3);
  await lone;
  assert.deepEqual(linesOf(calls), [1, 2, 3, 4, 5]);
});

test('a send after the stream ended rejects: the line could not be delivered', async () => {
  const { out } = recorder();
  const t = new NdjsonTransport(new PassThrough(), out);
  await t.start();
  await t.send({ jsonrpc: '2.0', id: 1, result: {} });
  // The second of the turn waits for its end; the stream is gone by then.
  const sent = t.send({ jsonrpc: '2.0', id: 2, result: {} });
  out.destroy();
  await assert.rejects(sent, /transport is closed/);
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
  assert.deepEqual(linesOf(calls), [1, 2, 3]);
});
