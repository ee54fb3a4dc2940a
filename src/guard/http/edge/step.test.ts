// runEdge: steps run in order; the first that answers or refuses ends the request (a refusal sent with
// its status and JSON-RPC code from the table); a request that passes them all goes on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANSWERED, type EdgeStep } from './step.ts';
import { edgeServer, type Passed } from './test-server.ts';

test('steps run in order until one answers or refuses', async () => {
  const ran: string[] = [];
  const step = (name: string, outcome?: ReturnType<EdgeStep['run']>): EdgeStep => ({
    name,
    run() {
      ran.push(name);
      return outcome;
    },
  });
  const s = await edgeServer([
    step('first'),
    {
      name: 'teapot',
      run({ path, res }) {
        ran.push('teapot');
        if (path !== '/teapot') return undefined;
        res.writeHead(418).end();
        return ANSWERED;
      },
    },
    {
      name: 'refuser',
      async run({ path }) {
        ran.push('refuser');
        return path === '/no' ? { refusal: 'noSuchEndpoint', message: 'no such endpoint: /no' } : undefined;
      },
    },
    step('last'),
  ]);
  try {
    assert.equal((await fetch(`${s.base}/teapot`)).status, 418);
    assert.deepEqual(ran.splice(0), ['first', 'teapot']);
    const no = await fetch(`${s.base}/no`);
    assert.equal(no.status, 404);
    assert.deepEqual(await no.json(), {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'no such endpoint: /no' },
    });
    assert.deepEqual(ran.splice(0), ['first', 'teapot', 'refuser']);
    assert.equal(((await (await fetch(`${s.base}/yes`)).json()) as Passed).passed, true);
    assert.deepEqual(ran.splice(0), ['first', 'teapot', 'refuser', 'last']);
  } finally {
    await s.close();
  }
});
