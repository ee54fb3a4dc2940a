// readBody and stripCredentialHeaders over a real node:http server: a body in several chunks comes back
// whole, an oversized one is refused (and drained), a client that leaves mid-body makes the read fail
// rather than hand back half a body, and credential headers vanish from both header views.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type Body, readBody, stripCredentialHeaders } from './security.ts';

let server: Server;
let port: number;
/** What the server saw for the latest request. */
let seen: Promise<{ body?: Body; error?: Error; req: IncomingMessage }>;
let resolveSeen: (v: { body?: Body; error?: Error; req: IncomingMessage }) => void;
const expect = () => {
  seen = new Promise((r) => {
    resolveSeen = r;
  });
};

before(async () => {
  server = createServer((req, res) => {
    stripCredentialHeaders(req);
    readBody(req, 16).then(
      (body) => {
        resolveSeen({ body, req });
        res.end('ok');
      },
      (error: Error) => resolveSeen({ error, req }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((r) => server.close(() => r())));

/** Sends `chunks` one by one (chunked encoding), then ends, or destroys the request when `abort`. */
async function send(chunks: string[], abort = false): Promise<void> {
  const req = request({
    port,
    method: 'POST',
    headers: { authorization: 'Bearer secret', 'X-Api-Key': 'secret', 'x-other': '1' },
  });
  req.on('error', () => {});
  req.on('response', (res) => res.resume());
  for (const c of chunks) {
    req.write(c);
    await new Promise((r) => setTimeout(r, 10));
  }
  if (abort) req.destroy();
  else req.end();
}

test('a body in several chunks comes back whole; credential headers are gone', async () => {
  expect();
  await send(['{"a":', '1,', '"b":2}']);
  const { body, req } = await seen;
  assert.deepEqual(body, { ok: true, text: '{"a":1,"b":2}' });
  assert.equal(req.headers.authorization, undefined);
  assert.equal(req.headers['x-api-key'], undefined);
  assert.equal(req.headers['x-other'], '1');
  const names = req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
  assert.ok(!names.includes('authorization') && !names.includes('x-api-key'), names.join(','));
  assert.ok(names.includes('x-other'));
});

test('past the limit: refused, the rest read and dropped so the client still gets an answer', async () => {
  expect();
  await send(['0123456789', '0123456789']);
  assert.deepEqual((await seen).body, { ok: false, tooLarge: true });
});

test('a client leaving mid-body makes the read fail', async () => {
  expect();
  await send(['{"partial":'], true);
  const { body, error } = await seen;
  assert.equal(body, undefined);
  assert.ok(error instanceof Error);
});
