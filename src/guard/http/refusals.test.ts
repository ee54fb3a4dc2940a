// The refusal table: each refusal answers its status and JSON-RPC code; the request's id when known;
// shutting down closes the connection; a response already started is only ended.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { REFUSALS, type Refusal, refuse } from './refusals.ts';

async function answered(r: Refusal, start = false) {
  const server = createServer((_req, res) => {
    if (start) res.writeHead(200).write('partial');
    refuse(res, r);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: res.status, connection: res.headers.get('connection'), text: await res.text() };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test('a refusal answers its status and code, with the id when known', async () => {
  const notFound = await answered({ refusal: 'sessionNotFound', message: 'Session not found' });
  assert.equal(notFound.status, 404);
  assert.deepEqual(JSON.parse(notFound.text), {
    jsonrpc: '2.0',
    id: null,
    error: { code: -32001, message: 'Session not found' },
  });
  const deep = await answered({ refusal: 'invalidParams', message: 'too deep', id: 'a' });
  assert.equal(deep.status, 400);
  assert.deepEqual(JSON.parse(deep.text), {
    jsonrpc: '2.0',
    id: 'a',
    error: { code: -32602, message: 'too deep' },
  });
  const closing = await answered({ refusal: 'shuttingDown', message: 'the guard is shutting down' });
  assert.equal(closing.status, 503);
  assert.equal(closing.connection, 'close');
  assert.equal((await answered({ refusal: 'internal', message: 'x' }, true)).text, 'partial');
});

test('one meaning per code: -32001 is "unauthenticated" except for the 404 of an unknown session', () => {
  const uses = Object.entries(REFUSALS)
    .filter(([, r]) => r.code === -32001)
    .map(([kind, r]) => `${kind} ${r.status}`);
  assert.deepEqual(uses, ['unauthenticated 401', 'forbidden 403', 'sessionNotFound 404']);
});
