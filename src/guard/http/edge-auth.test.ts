// The edge authenticator's token cache (jwt mode, real HS256 tokens, the real verifier counted): a token
// verified once is accepted again without a new signature check, never past its `exp`, never longer
// than TOKEN_CACHE_MS; failures are never remembered; API keys are checked every time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import type { GuardAuth } from '../../config/guard-types.ts';
import { OAuthError } from '../auth/oauth.ts';
import { makeVerifier, type Verifier } from '../auth/verify.ts';
import { MemoryStore } from '../store/memory.ts';
import { EdgeAuth, type Principal, TOKEN_CACHE_MS } from './edge-auth.ts';

const secret = new TextEncoder().encode('edge-auth-test-secret-0123456789abcdef');
const jwtAuth: GuardAuth = {
  mode: 'jwt',
  algorithms: ['HS256'],
  secret,
  clockToleranceSec: 0,
  agentClaim: 'sub',
};

/** A request as the edge sees it: the Authorization header and the socket's address. */
const request = (token: string) =>
  ({
    headers: { authorization: `Bearer ${token}` },
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;

/** The real verifier, counting its calls. */
function counted(auth: GuardAuth): { verify: Verifier; calls: () => number } {
  const real = makeVerifier(auth);
  let n = 0;
  return {
    verify: (credential) => {
      n++;
      return real(credential);
    },
    calls: () => n,
  };
}

const sign = (sub: string, expSec: number) =>
  new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expSec).sign(secret);

test('a verified token is accepted again without a new check, until TOKEN_CACHE_MS has passed', async () => {
  let now = Date.now();
  const v = counted(jwtAuth);
  const edge = new EdgeAuth({ auth: jwtAuth, store: new MemoryStore(), verify: v.verify, now: () => now });
  const token = await sign('alice', Math.floor(now / 1000) + 3600);
  for (let i = 0; i < 3; i++) {
    const p = (await edge.authenticate(request(token))) as Principal;
    assert.equal(p.agent, 'alice');
  }
  assert.equal(v.calls(), 1);
  now += TOKEN_CACHE_MS + 1;
  assert.equal(((await edge.authenticate(request(token))) as Principal).agent, 'alice');
  assert.equal(v.calls(), 2, 'checked again once the cache time ran out');
});

test('never past exp: once its exp has passed, the token is checked again', async () => {
  const start = Date.now();
  let now = start;
  const v = counted(jwtAuth);
  const edge = new EdgeAuth({ auth: jwtAuth, store: new MemoryStore(), verify: v.verify, now: () => now });
  const exp = Math.floor(start / 1000) + 2;
  const token = await sign('bob', exp);
  assert.equal(((await edge.authenticate(request(token))) as Principal).agent, 'bob');
  now = exp * 1000 + 1; // past exp, though well within TOKEN_CACHE_MS of the first check
  await edge.authenticate(request(token));
  assert.equal(v.calls(), 2);
});

test('failures are not remembered, and another token is verified on its own', async () => {
  const v = counted(jwtAuth);
  const edge = new EdgeAuth({ auth: jwtAuth, store: new MemoryStore(), verify: v.verify });
  const good = await sign('carol', Math.floor(Date.now() / 1000) + 3600);
  const forged = `${good.slice(0, -4)}AAAA`;
  for (let i = 0; i < 2; i++)
    assert.equal(((await edge.authenticate(request(forged))) as { status: number }).status, 401);
  assert.equal(v.calls(), 2);
  const other = await sign('dave', Math.floor(Date.now() / 1000) + 3600);
  assert.equal(((await edge.authenticate(request(good))) as Principal).agent, 'carol');
  assert.equal(((await edge.authenticate(request(other))) as Principal).agent, 'dave');
  assert.equal(v.calls(), 4);
});

test('API keys are checked on every request', async () => {
  const auth: GuardAuth = {
    mode: 'api_key',
    keys: [{ agent: 'erin', sha256: createHash('sha256').update('erin-key').digest() }],
  };
  const v = counted(auth);
  const edge = new EdgeAuth({ auth, store: new MemoryStore(), verify: v.verify });
  for (let i = 0; i < 3; i++)
    assert.equal(((await edge.authenticate(request('erin-key'))) as Principal).agent, 'erin');
  assert.equal(v.calls(), 3);
});

test('keys that cannot be fetched give 503 with Retry-After, no challenge, and are not counted as failures', async () => {
  const store = new MemoryStore();
  const edge = new EdgeAuth({
    auth: jwtAuth,
    store,
    failuresPerMinute: 1,
    verify: async () => {
      throw new OAuthError(503, 'temporarily_unavailable', "cannot reach the authorization server's keys");
    },
  });
  for (let i = 0; i < 3; i++) {
    const refusal = (await edge.authenticate(request('any.token.here'))) as {
      status: number;
      headers: Record<string, string>;
    };
    assert.equal(refusal.status, 503);
    assert.equal(refusal.headers['retry-after'], '5');
    assert.equal(refusal.headers['www-authenticate'], undefined);
  }
  // One failure a minute is allowed: three 503s in a row would have tripped it had they counted.
  assert.deepEqual(await store.hit('auth-fail:127.0.0.1', 1, Date.now()), { allowed: true, retryAfterMs: 0 });
});
