// createJwt mints what the guard's own JWT verifier accepts, and refuses what the guard would refuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt } from 'jose';
import { parseGuardConfig } from '../config/guard.ts';
import { makeVerifier } from './auth/verify.ts';
import { createJwt, JwtOptionsError } from './jwt.ts';

const SECRET = 'a-shared-secret-that-is-long-enough-for-hs256';

test('a minted token passes the guard verifier of the same config, naming the agent', async () => {
  const config = parseGuardConfig(
    'auth: {mode: jwt, jwt_secret: "${S}", jwt: {issuer: me, audience: guard}}\nservers: {s: {command: x}}\n',
    '/cfg/mcp-guard.yaml',
    { S: SECRET },
  );
  const verify = makeVerifier(config.auth);
  const token = await createJwt({
    secret: SECRET,
    agentId: 'agent-007',
    ttlSeconds: 60,
    issuer: 'me',
    audience: 'guard',
  });
  assert.deepEqual(await verify(token), { agent: 'agent-007' });
  assert.deepEqual(await verify(`Bearer ${token}`), { agent: 'agent-007' });
  const claims = decodeJwt(token);
  assert.equal(claims.exp! - claims.iat!, 60);
  // Defaults: HS256, one hour.
  const plain = decodeJwt(await createJwt({ secret: new TextEncoder().encode(SECRET), agentId: 'a' }));
  assert.equal(plain.exp! - plain.iat!, 3600);
  await assert.rejects(
    verify(await createJwt({ secret: SECRET, agentId: 'a', issuer: 'other' })),
    /invalid token/,
  );
});

test('short secrets, empty agents and bad lifetimes are refused', async () => {
  await assert.rejects(createJwt({ secret: 'my-secret', agentId: 'a' }), (e: unknown) => {
    assert.ok(e instanceof JwtOptionsError);
    assert.match(e.message, /secret: 9 bytes; use at least 32/);
    return true;
  });
  await assert.rejects(createJwt({ secret: SECRET, agentId: ' ' }), /agentId/);
  await assert.rejects(createJwt({ secret: SECRET, agentId: 'a', ttlSeconds: 0 }), /ttlSeconds/);
  await assert.rejects(
    createJwt({ secret: SECRET, agentId: 'a', algorithm: 'RS256' as 'HS256' }),
    /algorithm/,
  );
});
