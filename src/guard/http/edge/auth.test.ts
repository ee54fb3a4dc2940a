// The auth step: a principal for a good credential (and the credential headers taken off the request
// before anything below sees them); each refusal of the edge authenticator answered with its status
// and code from the table, and audited with the client's address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from '../../audit/index.ts';
import { OAuthError } from '../../auth/oauth.ts';
import { MemoryStore } from '../../store/memory.ts';
import { EdgeAuth } from '../edge-auth.ts';
import { edgeAuthStep } from './auth.ts';
import type { EdgeStep } from './step.ts';
import { edgeServer, type Passed } from './test-server.ts';

test('a good credential names the principal; the headers that carried it are removed', async () => {
  const records: AuditEntry[] = [];
  const edge = new EdgeAuth({
    auth: { mode: 'api_key', keys: [] },
    store: new MemoryStore(),
    verify: async (credential) => {
      if (credential === 'good') return { agent: 'alice' };
      throw new Error('invalid API key');
    },
  });
  const seen: string[] = [];
  const after: EdgeStep = {
    name: 'after',
    run({ req }) {
      seen.push(`${req.headers.authorization ?? '-'} ${req.headers['x-api-key'] ?? '-'}`);
      return undefined;
    },
  };
  const s = await edgeServer([edgeAuthStep(edge, { append: (r) => records.push(r) }), after]);
  try {
    const ok = (await (
      await fetch(`${s.base}/mcp`, { headers: { authorization: 'Bearer good' } })
    ).json()) as Passed;
    assert.deepEqual(ok.principal, { id: 'agent:alice', agent: 'alice', address: '127.0.0.1' });
    assert.deepEqual(seen, ['- -']);
    const bad = await fetch(`${s.base}/mcp`, { headers: { 'x-api-key': 'nope' } });
    assert.equal(bad.status, 401);
    assert.ok(bad.headers.get('www-authenticate')?.startsWith('Bearer'));
    assert.deepEqual(((await bad.json()) as { error: unknown }).error, {
      code: -32001,
      message: 'unauthenticated: invalid API key',
    });
    assert.equal(records.length, 1);
    assert.equal(records[0].decision, 'deny');
    assert.equal(records[0].code, -32001);
    assert.match(records[0].reason ?? '', /invalid API key \(from 127\.0\.0\.1\)/);
  } finally {
    await s.close();
  }
});

test('403 (insufficient scope) and 503 (keys unreachable) keep their status and get their own codes', async () => {
  const edge = new EdgeAuth({
    auth: { mode: 'api_key', keys: [] },
    store: new MemoryStore(),
    verify: async (credential) => {
      if (credential === 'narrow')
        throw new OAuthError(403, 'insufficient_scope', 'needs mcp:use', ['mcp:use']);
      throw new OAuthError(503, 'temporarily_unavailable', "cannot reach the authorization server's keys");
    },
  });
  const step = edgeAuthStep(edge, { append: () => {} });
  const s = await edgeServer([step]);
  try {
    const narrow = await fetch(`${s.base}/mcp`, { headers: { authorization: 'Bearer narrow' } });
    assert.equal(narrow.status, 403);
    assert.equal(((await narrow.json()) as { error: { code: number } }).error.code, -32001);
    const down = await fetch(`${s.base}/mcp`, { headers: { authorization: 'Bearer any' } });
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    assert.equal(((await down.json()) as { error: { code: number } }).error.code, -32603);
  } finally {
    await s.close();
  }
});
