// The JSON-parse step: the body parsed once; not JSON is 400 (-32700); deeper than the limit is 400,
// -32602 with the request's id for a request, -32600 otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyLimit } from './body-limit.ts';
import { jsonParse } from './json-parse.ts';
import { edgeServer, type Passed } from './test-server.ts';

const post = (base: string, body: string) => fetch(`${base}/mcp`, { method: 'POST', body });

test('parses the body; refuses what is not JSON and what is nested too deep', async () => {
  const s = await edgeServer([bodyLimit(1 << 20), jsonParse(4)]);
  try {
    const ok = await post(s.base, '{"jsonrpc":"2.0","id":1,"method":"ping"}');
    assert.deepEqual(((await ok.json()) as Passed).body, { jsonrpc: '2.0', id: 1, method: 'ping' });
    const bad = await post(s.base, '{"jsonrpc":');
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: Invalid JSON' },
    });
    const deepRequest = await post(
      s.base,
      '{"jsonrpc":"2.0","id":7,"method":"x","params":{"a":{"b":{"c":{}}}}}',
    );
    assert.equal(deepRequest.status, 400);
    const r = (await deepRequest.json()) as { id: unknown; error: { code: number; message: string } };
    assert.equal(r.id, 7);
    assert.equal(r.error.code, -32602);
    assert.match(r.error.message, /nested deeper than 4 levels \(limits.max_depth\)/);
    const deepOther = await post(s.base, '[[[[[1]]]]]');
    assert.equal(((await deepOther.json()) as { error: { code: number } }).error.code, -32600);
  } finally {
    await s.close();
  }
});
