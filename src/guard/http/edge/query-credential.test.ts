// The query-credential step: a credential in the query string is 400 (-32600), named in the message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryCredentialCheck } from './query-credential.ts';
import { edgeServer } from './test-server.ts';

test('a credential in the query string is refused; other queries pass', async () => {
  const s = await edgeServer([queryCredentialCheck()]);
  try {
    const res = await fetch(`${s.base}/mcp?api_key=secret`);
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as { error: { code: number; message: string } };
    assert.equal(error.code, -32600);
    assert.match(error.message, /credentials in the query string \(api_key\) are refused/);
    assert.doesNotMatch(error.message, /secret/);
    assert.equal((await fetch(`${s.base}/mcp?page=2`)).status, 200);
  } finally {
    await s.close();
  }
});
