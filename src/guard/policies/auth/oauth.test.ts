// The auth policy in `oauth` mode, with real tokens from a real JWKS server on 127.0.0.1: the same
// verifier as the HTTP edge, tool scopes on tools/call and tools/list, scopes bound to a session at
// the edge, the environment token, and fail-closed start-up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { GuardAuth } from '../../../config/guard-types.ts';
import type { OAuthAuth } from '../../auth/oauth.ts';
import { startTestAuthServer, type TestAuthServer } from '../../auth/test-jwks.ts';
import { PolicyError } from '../../errors.ts';
import { MemoryStore } from '../../store/memory.ts';
import { makeCtx, makeNext } from '../test-helpers.ts';
import { authPolicy, bindOAuthScopes } from './index.ts';

const RESOURCE = 'http://127.0.0.1:8080/mcp';
let as: TestAuthServer;
let auth: OAuthAuth;

before(async () => {
  as = await startTestAuthServer();
  auth = {
    mode: 'oauth',
    issuers: [as.issuer],
    jwksUrl: as.jwksUrl,
    algorithms: ['RS256'],
    scopes: ['mcp:use'],
    toolScopes: { 'transfer*': ['wallet:write'] },
    scopesSupported: [],
    clockToleranceSec: 5,
    agentClaim: 'sub',
    jwksTimeoutMs: 2000,
    jwksCacheSec: 600,
  };
});
after(async () => {
  await as.close();
});

async function refusedWith(promise: Promise<unknown>, code: number, pattern: RegExp): Promise<PolicyError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PolicyError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a refusal');
}

const TOOLS = {
  jsonrpc: '2.0' as const,
  id: 1,
  result: { tools: [{ name: 'echo' }, { name: 'transfer_funds' }] },
};

test('a bearer token in _meta authenticates the session through the OAuth verifier', async () => {
  const policy = authPolicy({ auth, resource: RESOURCE, store: new MemoryStore(), env: {} });
  const token = await as.sign(RESOURCE, { scope: 'mcp:use' });
  const ctx = makeCtx('initialize', {}, { credential: `Bearer ${token}` });
  const next = makeNext();
  await policy(ctx, next);
  assert.equal(ctx.agent, 'alice');
  assert.equal(ctx.session.agent, 'alice');
  assert.equal(next.calls, 1);
});

test('the canonical URL comes from the http config when no resource is given', async () => {
  const policy = authPolicy({
    auth,
    http: { host: '127.0.0.1', port: 8080 },
    store: new MemoryStore(),
    env: {},
  });
  await policy(
    makeCtx('ping', {}, { credential: await as.sign(RESOURCE, { scope: 'mcp:use' }) }),
    makeNext(),
  );
  const other = await as.sign('http://127.0.0.1:9999/mcp', { scope: 'mcp:use' });
  await refusedWith(policy(makeCtx('ping', {}, { credential: other }), makeNext()), -32001, /audience/);
});

test('bad tokens and missing global scopes are refused as unauthenticated', async () => {
  const policy = authPolicy({ auth, resource: RESOURCE, store: new MemoryStore(), env: {} });
  const expired = await as.sign(RESOURCE, { scope: 'mcp:use' }, { exp: Math.floor(Date.now() / 1000) - 120 });
  await refusedWith(policy(makeCtx('ping', {}, { credential: expired }), makeNext()), -32001, /expired/);
  const noScope = await as.sign(RESOURCE, { scope: 'other' });
  await refusedWith(policy(makeCtx('ping', {}, { credential: noScope }), makeNext()), -32001, /mcp:use/);
  await refusedWith(policy(makeCtx('ping'), makeNext()), -32001, /no credential/);
});

test('tools/call needs the tool scopes; tools/list hides what the token does not cover', async () => {
  const policy = authPolicy({ auth, resource: RESOURCE, store: new MemoryStore(), env: {} });
  const reader = await as.sign(RESOURCE, { scope: 'mcp:use' });
  const call = makeCtx('tools/call', { name: 'transfer_funds', arguments: {} }, { credential: reader });
  const next = makeNext();
  const error = await refusedWith(policy(call, next), -32003, /insufficient scope.*wallet:write/);
  assert.deepEqual(error.data?.missing_scopes, ['wallet:write']);
  assert.equal(next.calls, 0);
  const list = makeCtx('tools/list', {}, { credential: reader });
  const listed = await policy(list, makeNext(TOOLS));
  assert.deepEqual(listed.result?.tools, [{ name: 'echo' }]);

  const payer = await as.sign(RESOURCE, { scope: 'mcp:use wallet:write' });
  const ok = makeNext();
  await policy(makeCtx('tools/call', { name: 'transfer_funds', arguments: {} }, { credential: payer }), ok);
  assert.equal(ok.calls, 1);
  const all = await policy(makeCtx('tools/list', {}, { credential: payer }), makeNext(TOOLS));
  assert.deepEqual(all.result?.tools, TOOLS.result.tools);
});

test('later requests in the session use the scopes of the token that opened it', async () => {
  const policy = authPolicy({ auth, resource: RESOURCE, store: new MemoryStore(), env: {} });
  const init = makeCtx('initialize', {}, { credential: await as.sign(RESOURCE, { scope: 'mcp:use' }) });
  await policy(init, makeNext());
  const later = makeCtx('tools/call', { name: 'transfer_x' }, { session: init.session });
  await refusedWith(policy(later, makeNext()), -32003, /wallet:write/);
  const echo = makeNext();
  await policy(makeCtx('tools/call', { name: 'echo' }, { session: init.session }), echo);
  assert.equal(echo.calls, 1);
});

test('a session bound at the HTTP edge carries the scopes given to bindOAuthScopes; none means none', async () => {
  const policy = authPolicy({ auth, resource: RESOURCE, store: new MemoryStore(), env: {} });
  const edge = makeCtx('tools/call', { name: 'transfer_funds' });
  edge.session.agent = 'alice';
  bindOAuthScopes(edge.session, ['mcp:use', 'wallet:write']);
  const next = makeNext();
  await policy(edge, next);
  assert.equal(next.calls, 1);
  assert.equal(edge.agent, 'alice');

  // Bound without scopes (fail closed): the scoped tool is refused, the others pass.
  const bare = makeCtx('tools/call', { name: 'transfer_funds' });
  bare.session.agent = 'alice';
  await refusedWith(policy(bare, makeNext()), -32003, /wallet:write/);
});

test('MCP_GUARD_TOKEN authenticates an oauth guard from its environment', async () => {
  const token = await as.sign(RESOURCE, { sub: 'robot', scope: 'mcp:use' });
  const policy = authPolicy({
    auth,
    resource: RESOURCE,
    store: new MemoryStore(),
    env: { MCP_GUARD_TOKEN: token },
  });
  const ctx = makeCtx('initialize');
  await policy(ctx, makeNext());
  assert.equal(ctx.agent, 'robot');
});

test('start-up fails closed: oauth without a canonical URL, unsafe algorithms, unknown modes', () => {
  const store = new MemoryStore();
  assert.throws(() => authPolicy({ auth, store, env: {} }), /canonical URL/);
  assert.throws(
    () => authPolicy({ auth: { ...auth, algorithms: ['HS256'] }, resource: RESOURCE, store, env: {} }),
    /HS256 is refused/,
  );
  const unknown = { mode: 'saml' } as unknown as GuardAuth;
  assert.throws(() => authPolicy({ auth: unknown, store, env: {} }), /unknown mode saml/);
});
