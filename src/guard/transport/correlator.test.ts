// The correlator over an in-memory linked pair, with a scripted peer on the far end: ids and tokens
// kept or minted and restored, responses matched by id value (1 and "1" apart), progress restarting
// the timeout, cancellation by the requester's id, a failed send, and everything answered on failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRequest, type RpcMessage, type RpcRequest } from '../jsonrpc.ts';
import { Correlator } from './correlator.ts';
import { LinkedTransport } from './linked.ts';

/** A correlator whose sends go to `peer`, and the peer's view of what arrives. */
async function setup(timedOut?: boolean) {
  const [near, peer] = LinkedTransport.pair();
  const c = new Correlator<string>({
    send: (m) => near.send(m),
    timedOut: timedOut
      ? (r, ms) => ({ jsonrpc: '2.0', id: r.original, error: { code: 1, message: `${ms}` } })
      : undefined,
  });
  near.onmessage = (m) => {
    if (!('method' in m)) c.receive(m);
    else if (m.method === 'notifications/progress') c.progress(m);
  };
  const seen: RpcMessage[] = [];
  peer.onmessage = (m) => seen.push(m);
  await near.start();
  await peer.start();
  const tick = () => new Promise((r) => setImmediate(r));
  return { c, peer, seen, tick };
}

const call = (id: string | number, token?: string | number): RpcRequest => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'x', ...(token === undefined ? {} : { _meta: { progressToken: token, other: 1 } }) },
});

test('kept ids go out as they are and the response comes back as the same object', async () => {
  const { c, peer, seen, tick } = await setup();
  const answer = c.request(call(1), { owner: 'a', keepId: true });
  await tick();
  assert.deepEqual(seen[0], call(1));
  const response = { jsonrpc: '2.0' as const, id: 1, result: { ok: true } };
  await peer.send(response);
  assert.equal(await answer, response, 'nothing copied when nothing was rewritten');
  assert.equal(c.size, 0);
});

test('minted ids and tokens are unique, the original id and token come back, other _meta stays', async () => {
  const { c, peer, seen, tick } = await setup();
  const progress: RpcMessage[] = [];
  const a = c.request(call(1, 'tok'), { owner: 'a', onprogress: (n) => progress.push(n) });
  const b = c.request(call(1, 'tok'), { owner: 'b' });
  await tick();
  const [outA, outB] = seen as RpcRequest[];
  assert.notEqual(outA.id, outB.id);
  assert.notEqual(outA.id, 1);
  const meta = outA.params?._meta as Record<string, unknown>;
  assert.notEqual(meta.progressToken, 'tok');
  assert.equal(meta.other, 1);
  await peer.send({
    jsonrpc: '2.0',
    method: 'notifications/progress',
    params: { progressToken: meta.progressToken, progress: 1 },
  });
  await peer.send({ jsonrpc: '2.0', id: outB.id, result: { who: 'b' } });
  await peer.send({ jsonrpc: '2.0', id: outA.id, result: { who: 'a' } });
  assert.deepEqual(await a, { jsonrpc: '2.0', id: 1, result: { who: 'a' } });
  assert.deepEqual(await b, { jsonrpc: '2.0', id: 1, result: { who: 'b' } });
  assert.deepEqual(progress, [
    { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'tok', progress: 1 } },
  ]);
  assert.equal(c.tokens, 0);
});

test('ids are matched by value and type: 1 and "1" are two requests', async () => {
  const { c, peer, tick } = await setup();
  const num = c.request(call(1), { owner: 'a', keepId: true });
  const str = c.request(call('1'), { owner: 'a', keepId: true });
  await tick();
  await peer.send({ jsonrpc: '2.0', id: '1', result: { t: 'string' } });
  await peer.send({ jsonrpc: '2.0', id: 1, result: { t: 'number' } });
  assert.deepEqual((await num)?.result, { t: 'number' });
  assert.deepEqual((await str)?.result, { t: 'string' });
});

test('a kept id already in flight is refused; an unknown response is reported, not thrown', async () => {
  const { c, tick } = await setup();
  void c.request(call(5), { owner: 'a', keepId: true });
  const again = await c.request(call(5), { owner: 'a', keepId: true });
  assert.equal(again?.error?.code, -32600);
  await tick();
  assert.equal(c.receive({ jsonrpc: '2.0', id: 99, result: {} }), false);
  assert.equal(
    c.progress({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'no' } }),
    false,
  );
});

test('a timeout tells the peer to cancel; progress restarts the timer', async () => {
  const { c, peer, seen } = await setup(true);
  const slow = c.request(call(1, 't'), { owner: 'a', keepId: true, timeoutMs: 80 });
  // Progress every 40 ms keeps it alive well past 80 ms.
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 40));
    await peer.send({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 't', progress: i },
    });
  }
  assert.equal(c.size, 1, 'still waiting after 160 ms of progress');
  const answer = await slow;
  assert.deepEqual(answer?.error, { code: 1, message: '80' });
  await new Promise((r) => setImmediate(r));
  const cancelled = seen.find((m) => 'method' in m && m.method === 'notifications/cancelled');
  assert.deepEqual((cancelled as RpcRequest).params, { requestId: 1, reason: 'timed out in mcp-guard' });
});

test('cancel by the requester id: the peer gets the id it knows, the request ends without an answer', async () => {
  const { c, seen, tick } = await setup();
  const mine = c.request(call(7), { owner: 'a' });
  const theirs = c.request(call(7), { owner: 'b' });
  await tick();
  assert.equal(c.cancel(7, 'the user changed their mind', 'a'), 1);
  assert.equal(await mine, undefined);
  await tick();
  const wire = (seen[0] as RpcRequest).id;
  const note = seen.find((m) => 'method' in m && m.method === 'notifications/cancelled') as RpcMessage & {
    params: unknown;
  };
  assert.deepEqual(note.params, { requestId: wire, reason: 'the user changed their mind' });
  assert.equal(c.size, 1, "b's request with the same id is untouched");
  c.fail(undefined, 'closing');
  assert.equal((await theirs)?.error?.message, 'closing');
});

test('fail and abandon answer only the owner given; a failed send answers at once', async () => {
  const [near] = LinkedTransport.pair();
  const c = new Correlator<string>({
    send: async (m) => {
      if (isRequest(m) && m.id === 'broken') throw new Error('pipe closed');
      await near.send(m);
    },
  });
  const unsent = await c.request(call('broken'), { owner: 'a', keepId: true });
  assert.equal(unsent?.error?.message, 'pipe closed');
  const a = c.request(call(1), { owner: 'a' });
  const b = c.request(call(2), { owner: 'b' });
  c.fail('a', 'backend crashed', { backend: 'x' });
  assert.deepEqual((await a)?.error, { code: -32603, message: 'backend crashed', data: { backend: 'x' } });
  assert.equal(c.newest()?.owner, 'b');
  c.abandon('b', 'session ended', false);
  assert.equal(await b, undefined);
  assert.equal(c.size, 0);
});
