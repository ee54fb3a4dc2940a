// The body-limit step: a POST body is read whole up to the limit; beyond it 413 (-32600) and the
// connection closes. Other methods have no body to read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyLimit } from './body-limit.ts';
import { edgeServer, type Passed } from './test-server.ts';

test('reads a body up to the limit; beyond it 413 and the connection closes', async () => {
  const s = await edgeServer([bodyLimit(16)]);
  try {
    const ok = await fetch(`${s.base}/mcp`, { method: 'POST', body: '0123456789' });
    assert.equal(((await ok.json()) as Passed).text, '0123456789');
    const big = await fetch(`${s.base}/mcp`, { method: 'POST', body: 'x'.repeat(17) });
    assert.equal(big.status, 413);
    assert.equal(big.headers.get('connection'), 'close');
    assert.deepEqual(((await big.json()) as { error: unknown }).error, {
      code: -32600,
      message: 'request body larger than http.max_body_bytes (16)',
    });
    assert.equal(((await (await fetch(`${s.base}/mcp`)).json()) as Passed).text, undefined);
  } finally {
    await s.close();
  }
});
