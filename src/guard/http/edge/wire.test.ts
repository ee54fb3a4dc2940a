// The wire step: a Host the guard does not answer to, or an Origin it does not allow, is 403 (-32600).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import type { GuardHttp } from '../../../config/guard-types.ts';
import { WireGuard } from '../security.ts';
import { edgeServer } from './test-server.ts';
import { wireChecks } from './wire.ts';

/** A GET with the headers given as they are (fetch would set Host itself). */
function get(base: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/mcp`, { headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('Host and Origin are checked before anything else', async () => {
  const wire = new WireGuard(
    { allowedOrigins: ['https://app.example.com'], allowedHosts: [] } as unknown as GuardHttp,
    '127.0.0.1',
  );
  const s = await edgeServer([wireChecks(wire)]);
  const port = Number(new URL(s.base).port);
  wire.port = port;
  const host = `127.0.0.1:${port}`;
  try {
    const rebound = await get(s.base, { host: 'evil.example:80' });
    assert.equal(rebound.status, 403);
    assert.deepEqual(JSON.parse(rebound.body).error, {
      code: -32600,
      message: 'Host evil.example:80 is not allowed',
    });
    const origin = await get(s.base, { host, origin: 'https://evil.example' });
    assert.equal(origin.status, 403);
    assert.match(JSON.parse(origin.body).error.message, /Origin https:\/\/evil.example is not allowed/);
    assert.equal((await get(s.base, { host, origin: 'https://app.example.com' })).status, 200);
    assert.equal((await get(s.base, { host })).status, 200);
  } finally {
    await s.close();
  }
});
