// The per-session SSE event store: events are replayed after the one named, on its own stream only;
// the store keeps at most so many events and so many bytes, the oldest going first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { SessionEventStore } from './event-store.ts';

const note = (n: number, pad = ''): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data: `${n}${pad}` },
});

async function replay(store: SessionEventStore, after: string): Promise<{ stream: string; seen: string[] }> {
  const seen: string[] = [];
  const stream = await store.replayEventsAfter(after, {
    send: async (_id, message) => {
      seen.push(String((message as unknown as { params: { data: string } }).params.data));
    },
  });
  return { stream, seen };
}

test('replays the events after the one named, of its stream only', async () => {
  const store = new SessionEventStore();
  const first = await store.storeEvent('get', note(1));
  await store.storeEvent('post-7', note(2));
  await store.storeEvent('get', note(3));
  await store.storeEvent('get', note(4));
  assert.equal(await store.getStreamIdForEventId(first), 'get');
  assert.deepEqual(await replay(store, first), { stream: 'get', seen: ['3', '4'] });
});

test('keeps at most so many events: the oldest go first, and cannot be resumed from', async () => {
  const store = new SessionEventStore(3);
  const ids: string[] = [];
  for (let n = 1; n <= 5; n++) ids.push(await store.storeEvent('get', note(n)));
  assert.equal(store.size, 3);
  assert.equal(await store.getStreamIdForEventId(ids[0]), undefined);
  await assert.rejects(replay(store, ids[0]), /unknown event id/);
  assert.deepEqual((await replay(store, ids[2])).seen, ['4', '5']);
});

test('keeps at most so many bytes', async () => {
  const store = new SessionEventStore(1000, 1000);
  for (let n = 1; n <= 10; n++) await store.storeEvent('get', note(n, 'x'.repeat(300)));
  // Each event is about 370 bytes: two fit under 1000.
  assert.equal(store.size, 2);
});
