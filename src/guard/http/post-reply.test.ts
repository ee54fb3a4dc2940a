// PostReply over a real node:http server: JSON when the response comes first, SSE once anything else
// (an event, a keep-alive tick) had to go out first, an empty stream when ended unanswered, and `gone`
// once the client left.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { PostReply } from './post-reply.ts';

/** What each test does with the reply of its request (by path). */
const scripts = new Map<string, (reply: PostReply) => void>();
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    const script = scripts.get(req.url ?? '');
    assert.ok(script, `no script for ${req.url}`);
    script(new PostReply(res, 'sid-1', 30));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((r) => server.close(() => r())));

const response = { jsonrpc: '2.0', id: 1, result: { ok: true } };

test('the response first: one JSON body with length and session id', async () => {
  scripts.set('/json', (reply) => setImmediate(() => reply.respond(response)));
  const res = await fetch(`${base}/json`);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal(res.headers.get('mcp-session-id'), 'sid-1');
  const text = await res.text();
  assert.equal(res.headers.get('content-length'), String(text.length));
  assert.deepEqual(JSON.parse(text), response);
});

test('an event first: an SSE stream with the SDK headers, the response as its last event', async () => {
  const progress = {
    jsonrpc: '2.0',
    method: 'notifications/progress',
    params: { progressToken: 1, progress: 1 },
  };
  scripts.set('/sse', (reply) => {
    reply.event(progress);
    setImmediate(() => reply.respond(response));
  });
  const res = await fetch(`${base}/sse`);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
  assert.equal(res.headers.get('x-accel-buffering'), 'no');
  assert.equal(res.headers.get('mcp-session-id'), 'sid-1');
  assert.equal(
    await res.text(),
    `event: message\ndata: ${JSON.stringify(progress)}\n\nevent: message\ndata: ${JSON.stringify(response)}\n\n`,
  );
});

test('a long call turns into a stream of keep-alive comments before its response', async () => {
  scripts.set('/slow', (reply) => setTimeout(() => reply.respond(response), 100));
  const res = await fetch(`${base}/slow`);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const text = await res.text();
  assert.match(text, /^: keepalive\n\n(: keepalive\n\n)*event: message\n/);
  assert.ok(text.endsWith(`data: ${JSON.stringify(response)}\n\n`));
});

test('ended without a response: an empty SSE stream; nothing is written after', async () => {
  scripts.set('/end', (reply) => {
    reply.end();
    reply.respond(response);
    reply.event({ jsonrpc: '2.0', method: 'notifications/message' });
  });
  const res = await fetch(`${base}/end`);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(await res.text(), '');
});

test('the client leaving marks the reply gone; a late response writes nothing', async () => {
  let held: PostReply | undefined;
  const arrived = new Promise<void>((resolve) => {
    scripts.set('/gone', (reply) => {
      held = reply;
      resolve();
    });
  });
  const abort = new AbortController();
  const request = fetch(`${base}/gone`, { signal: abort.signal }).catch((e: Error) => e);
  await arrived;
  assert.equal(held?.gone, false);
  abort.abort();
  assert.ok((await request) instanceof Error);
  for (let i = 0; i < 50 && !held?.gone; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(held?.gone, true);
  held?.respond(response);
});
