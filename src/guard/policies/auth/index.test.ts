// The auth policy with real keys and real tokens (jose): API keys, JWT checks, env credentials,
// session binding, and rate limiting of failures.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { GuardAuth } from '../../../config/guard-types.ts';
import { PolicyError } from '../../errors.ts';
import { MemoryStore } from '../../store/memory.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { authPolicy } from './index.ts';

const sha = (s: string) => createHash('sha256').update(s).digest();
const apiKey: GuardAuth = {
  mode: 'api_key',
  keys: [
    { agent: 'alice', sha256: sha('alice-key-0123456789') },
    { agent: 'bob', sha256: sha('bob-key-0123456789') },
  ],
};
const secret = new TextEncoder().encode('s'.repeat(40));
const jwtAuth: GuardAuth = {
  mode: 'jwt',
  algorithms: ['HS256'],
  secret,
  audience: ['mcp-guard'],
  issuer: 'test',
  clockToleranceSec: 5,
  agentClaim: 'sub',
};

async function refusedWith(promise: Promise<unknown>, code: number): Promise<PolicyError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PolicyError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail('expected a refusal');
}

function token(claims: Record<string, unknown> = {}, exp: string | number = '5m') {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('carol')
    .setIssuer('test')
    .setAudience('mcp-guard')
    .setExpirationTime(exp);
}

test('api key: "Bearer <key>" (HTTP style) in _meta.authorization or MCP_GUARD_API_KEY is the key', async () => {
  const policy = authPolicy({ auth: apiKey, store: new MemoryStore(), env: {} });
  const ctx = makeCtx('initialize', {}, { credential: 'Bearer bob-key-0123456789' });
  await policy(ctx, makeNext());
  assert.equal(ctx.agent, 'bob');
  const fromEnv = authPolicy({
    auth: apiKey,
    store: new MemoryStore(),
    env: { MCP_GUARD_API_KEY: 'bearer  alice-key-0123456789' },
  });
  const envCtx = makeCtx('initialize', {});
  await fromEnv(envCtx, makeNext());
  assert.equal(envCtx.agent, 'alice');
  await refusedWith(policy(makeCtx('initialize', {}, { credential: 'Bearer nope' }), makeNext()), -32001);
});

test('api key: the right key names the agent and binds the session', async () => {
  const policy = authPolicy({ auth: apiKey, store: new MemoryStore(), env: {} });
  const ctx = makeCtx('initialize', {}, { credential: 'bob-key-0123456789' });
  const next = makeNext();
  await policy(ctx, next);
  assert.equal(ctx.agent, 'bob');
  assert.equal(ctx.session.agent, 'bob');
  assert.equal(next.calls, 1);
  const later = makeCtx('tools/list', {}, { session: ctx.session });
  await policy(later, next);
  assert.equal(later.agent, 'bob');
});

test('api key: wrong, missing and empty keys are -32001 and nothing goes on', async () => {
  const policy = authPolicy({ auth: apiKey, store: new MemoryStore(), env: {} });
  const next = makeNext();
  const wrong = await refusedWith(policy(makeCtx('initialize', {}, { credential: 'nope' }), next), -32001);
  assert.match(wrong.message, /invalid API key/);
  const missing = await refusedWith(policy(makeCtx('initialize'), next), -32001);
  assert.match(missing.message, /_meta\.api_key/);
  await refusedWith(policy(makeCtx('initialize', {}, { credential: '' }), next), -32001);
  assert.equal(next.calls, 0);
});

test('a credential presented inside an authenticated session is still checked', async () => {
  const policy = authPolicy({ auth: apiKey, store: new MemoryStore(), env: {} });
  const ctx = makeCtx('initialize', {}, { credential: 'alice-key-0123456789' });
  await policy(ctx, makeNext());
  const next = makeNext();
  await refusedWith(
    policy(makeCtx('tools/list', {}, { session: ctx.session, credential: 'bad' }), next),
    -32001,
  );
  const other = makeCtx('tools/list', {}, { session: ctx.session, credential: 'bob-key-0123456789' });
  const e = await refusedWith(policy(other, next), -32001);
  assert.match(e.message, /belongs to agent alice/);
  assert.equal(next.calls, 0);
});

test('MCP_GUARD_API_KEY in the guard environment authenticates', async () => {
  const policy = authPolicy({
    auth: apiKey,
    store: new MemoryStore(),
    env: { MCP_GUARD_API_KEY: 'alice-key-0123456789' },
  });
  const ctx = makeCtx('initialize');
  await policy(ctx, makeNext());
  assert.equal(ctx.agent, 'alice');
  const bad = authPolicy({ auth: apiKey, store: new MemoryStore(), env: { MCP_GUARD_API_KEY: 'x' } });
  const e = await refusedWith(bad(makeCtx('initialize'), makeNext()), -32001);
  assert.match(e.message, /MCP_GUARD_API_KEY/);
});

test('failed authentications are rate limited per peer with -32029', async () => {
  const policy = authPolicy({
    auth: apiKey,
    store: new MemoryStore(),
    env: {},
    failuresPerMinute: 3,
    now: () => 1000,
  });
  for (let i = 0; i < 3; i++)
    await refusedWith(policy(makeCtx('initialize', {}, { credential: 'x' }), makeNext()), -32001);
  const e = await refusedWith(policy(makeCtx('initialize', {}, { credential: 'x' }), makeNext()), -32029);
  assert.ok(Number(e.data?.retry_after_ms) > 0);
});

test('jwt: a valid token names the agent from sub', async () => {
  const policy = authPolicy({ auth: jwtAuth, store: new MemoryStore(), env: {} });
  const ctx = makeCtx('initialize', {}, { credential: await token().sign(secret) });
  await policy(ctx, makeNext());
  assert.equal(ctx.agent, 'carol');
});

test('jwt: expired, no exp, wrong audience, wrong issuer, alg none, wrong secret are -32001', async () => {
  const policy = authPolicy({ auth: jwtAuth, store: new MemoryStore(), env: {} });
  const next = makeNext();
  const past = Math.floor(Date.now() / 1000) - 3600;
  const bad = [
    await token({}, past).sign(secret),
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('carol')
      .setIssuer('test')
      .setAudience('mcp-guard')
      .sign(secret),
    await token().setAudience('someone-else').sign(secret),
    await token().setIssuer('evil').sign(secret),
    new UnsecuredJWT({ sub: 'carol', iss: 'test', aud: 'mcp-guard' }).setExpirationTime('5m').encode(),
    await token().sign(new TextEncoder().encode('t'.repeat(40))),
  ];
  for (const credential of bad) {
    await refusedWith(policy(makeCtx('initialize', {}, { credential }), next), -32001);
  }
  assert.equal(next.calls, 0);
});

test('jwt: HS256 signed with the RSA public key is refused when RS256 is configured (alg confusion)', async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const auth: GuardAuth = {
    mode: 'jwt',
    algorithms: ['RS256'],
    publicKey: pem,
    clockToleranceSec: 0,
    agentClaim: 'sub',
  };
  const policy = authPolicy({ auth, store: new MemoryStore(), env: {} });
  const good = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('dan')
    .setExpirationTime('5m')
    .sign(privateKey);
  const ctx = makeCtx('initialize', {}, { credential: `Bearer ${good}` });
  await policy(ctx, makeNext());
  assert.equal(ctx.agent, 'dan');
  const forged = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dan')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(pem));
  await refusedWith(policy(makeCtx('initialize', {}, { credential: forged }), makeNext()), -32001);
});

test('auth none lets everything through as anonymous', async () => {
  const policy = authPolicy({ auth: { mode: 'none' }, store: new MemoryStore(), env: {} });
  const ctx = makeCtx('tools/list');
  const next = makeNext();
  await policy(ctx, next);
  assert.equal(ctx.agent, 'anonymous');
  assert.equal(next.calls, 1);
});
