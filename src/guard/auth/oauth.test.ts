// The OAuth resource server checks against a real JWKS served on 127.0.0.1: valid tokens, every way a
// token can be wrong (audience, issuer, expiry, key, alg none, HS256 key confusion, scope), a slow
// JWKS (a timeout, not a hang), JWKS caching, scope rules and the WWW-Authenticate challenge.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import {
  createOAuthVerifier,
  missingScopes,
  type OAuthAuth,
  OAuthError,
  requiredScopes,
  tokenScopes,
  wwwAuthenticate,
} from './oauth.ts';
import { startTestAuthServer, type TestAuthServer } from './test-jwks.ts';

const RESOURCE = 'https://guard.example.test/mcp';
let as: TestAuthServer;

before(async () => {
  as = await startTestAuthServer();
});
after(async () => {
  await as.close();
});

function config(over: Partial<OAuthAuth> = {}): OAuthAuth {
  return {
    mode: 'oauth',
    issuers: [as.issuer],
    jwksUrl: as.jwksUrl,
    algorithms: [],
    scopes: [],
    toolScopes: {},
    scopesSupported: [],
    clockToleranceSec: 5,
    agentClaim: 'sub',
    jwksTimeoutMs: 2000,
    jwksCacheSec: 600,
    ...over,
  };
}

async function refused(
  promise: Promise<unknown>,
  status: 401 | 403 | 503,
  pattern: RegExp,
): Promise<OAuthError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OAuthError, String(error));
    assert.equal(error.status, status, error.description);
    assert.equal(
      error.error,
      { 401: 'invalid_token', 403: 'insufficient_scope', 503: 'temporarily_unavailable' }[status],
    );
    assert.match(error.description, pattern);
    return error;
  }
  assert.fail('expected the token to be refused');
}

test('a valid token names the agent and its scopes; the JWKS is fetched once and cached', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const before = as.fetches;
  const token = await as.sign(RESOURCE, { scope: 'mcp:read mcp:write' });
  const principal = await verifier.verify(`Bearer ${token}`);
  assert.equal(principal.agent, 'alice');
  assert.deepEqual(principal.scopes, ['mcp:read', 'mcp:write']);
  assert.equal(principal.claims.iss, as.issuer);
  await verifier.verify(await as.sign(RESOURCE, { sub: 'bob' }));
  assert.equal(as.fetches - before, 1);
});

test('the agent comes from the configured claim', async () => {
  const verifier = createOAuthVerifier(config({ agentClaim: 'client_id' }), RESOURCE);
  const principal = await verifier.verify(await as.sign(RESOURCE, { client_id: 'robot-7' }));
  assert.equal(principal.agent, 'robot-7');
  await refused(verifier.verify(await as.sign(RESOURCE)), 401, /no client_id claim/);
});

test('a token for another audience is refused (RFC 8707)', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  await refused(verifier.verify(await as.sign('https://other.example.test/mcp')), 401, /audience/);
});

test('a token from another issuer is refused', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const token = await as.sign(RESOURCE, {}, { issuer: 'https://evil.example.test' });
  await refused(verifier.verify(token), 401, /not issued by an accepted/);
});

test('an expired token is refused (beyond the clock tolerance)', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const token = await as.sign(RESOURCE, {}, { exp: Math.floor(Date.now() / 1000) - 60 });
  await refused(verifier.verify(token), 401, /expired/);
});

test('a token without exp is refused', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const token = await new SignJWT({ sub: 'alice' })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(as.issuer)
    .setAudience(RESOURCE)
    .sign(as.privateKey);
  await refused(verifier.verify(token), 401, /exp/);
});

test('a token signed by another key (same kid) is refused', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const other = await generateKeyPair('RS256');
  await refused(verifier.verify(await as.sign(RESOURCE, {}, { key: other.privateKey })), 401, /signature/);
});

test('an unsigned token (alg none) is refused', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const token = new UnsecuredJWT({ sub: 'alice', scope: 'mcp:write' })
    .setIssuer(as.issuer)
    .setAudience(RESOURCE)
    .setExpirationTime('5m')
    .encode();
  await refused(verifier.verify(token), 401, /invalid token|not accepted/);
});

test('HS256 signed with the public key as the secret (key confusion) is refused', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  const pem = await exportSPKI(as.publicKey);
  const token = await new SignJWT({ sub: 'mallory' })
    .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
    .setIssuer(as.issuer)
    .setAudience(RESOURCE)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(pem));
  await refused(verifier.verify(token), 401, /algorithm not accepted/);
});

test('unsafe algorithm lists and missing settings are refused at start-up', () => {
  assert.throws(() => createOAuthVerifier(config({ algorithms: ['HS256'] }), RESOURCE), /HS256 is refused/);
  assert.throws(() => createOAuthVerifier(config({ algorithms: ['RS256', 'none'] }), RESOURCE), /none/);
  assert.throws(() => createOAuthVerifier(config({ issuers: [] }), RESOURCE), /issuer/);
  assert.throws(() => createOAuthVerifier(config({ jwksUrl: '' }), RESOURCE), /jwks_url/);
  assert.throws(() => createOAuthVerifier(config(), ''), /canonical URL/);
});

test('a token without a globally required scope gets 403 insufficient_scope', async () => {
  const verifier = createOAuthVerifier(config({ scopes: ['mcp:read', 'mcp:write'] }), RESOURCE);
  const error = await refused(
    verifier.verify(await as.sign(RESOURCE, { scope: 'mcp:read' })),
    403,
    /missing scope: mcp:write/,
  );
  assert.deepEqual(error.scope, ['mcp:read', 'mcp:write']);
  const ok = await verifier.verify(await as.sign(RESOURCE, { scp: ['mcp:read', 'mcp:write'] }));
  assert.equal(ok.agent, 'alice');
});

test('an empty token is refused without a JWKS round trip', async () => {
  const verifier = createOAuthVerifier(config(), RESOURCE);
  await refused(verifier.verify('Bearer '), 401, /no access token/);
});

test('a slow JWKS server gives a 503 timeout error (not a 401, not a hang)', async () => {
  const slow = await startTestAuthServer({ delayMs: 5000 });
  try {
    const verifier = createOAuthVerifier(
      config({ issuers: [slow.issuer], jwksUrl: slow.jwksUrl, jwksTimeoutMs: 200 }),
      RESOURCE,
    );
    const started = Date.now();
    await refused(verifier.verify(await slow.sign(RESOURCE)), 503, /timed out/);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  } finally {
    await slow.close();
  }
});

test('an unreachable JWKS server gives 503, so clients do not re-authenticate for nothing', async () => {
  const gone = await startTestAuthServer();
  const token = await gone.sign(RESOURCE);
  await gone.close();
  const verifier = createOAuthVerifier(config({ issuers: [gone.issuer], jwksUrl: gone.jwksUrl }), RESOURCE);
  await refused(verifier.verify(token), 503, /cannot reach/);
});

test('requiredScopes: global scopes plus tool_scopes matched by glob', () => {
  const auth = config({
    scopes: ['mcp:use'],
    toolScopes: { 'transfer*': ['wallet:write'], 'wallet__*': ['wallet:read', 'mcp:use'] },
  });
  assert.deepEqual(requiredScopes(auth), ['mcp:use']);
  assert.deepEqual(requiredScopes(auth, 'echo'), ['mcp:use']);
  assert.deepEqual(requiredScopes(auth, 'transfer_funds'), ['mcp:use', 'wallet:write']);
  assert.deepEqual(requiredScopes(auth, 'wallet__balance'), ['mcp:use', 'wallet:read']);
  assert.deepEqual(missingScopes(['mcp:use'], ['mcp:use', 'wallet:write']), ['wallet:write']);
  assert.deepEqual(missingScopes(['wallet:write', 'mcp:use'], ['mcp:use', 'wallet:write']), []);
});

test('tokenScopes reads scope strings and scp arrays', () => {
  assert.deepEqual(tokenScopes({ scope: 'a  b' }), ['a', 'b']);
  assert.deepEqual(tokenScopes({ scp: ['c', 'a'], scope: 'a' }), ['a', 'c']);
  assert.deepEqual(tokenScopes({ scp: 'd e' }), ['d', 'e']);
  assert.deepEqual(tokenScopes({}), []);
});

test('wwwAuthenticate builds RFC 6750 / RFC 9728 challenges and cannot be broken by its inputs', () => {
  const url = 'https://guard.example.test/.well-known/oauth-protected-resource/mcp';
  assert.equal(wwwAuthenticate({ resourceMetadataUrl: url }), `Bearer resource_metadata="${url}"`);
  assert.equal(
    wwwAuthenticate({
      resourceMetadataUrl: url,
      error: 'insufficient_scope',
      description: 'missing scope: a',
      scope: ['a', 'b'],
    }),
    `Bearer resource_metadata="${url}", error="insufficient_scope", error_description="missing scope: a", scope="a b"`,
  );
  assert.equal(
    wwwAuthenticate({ error: 'invalid_token', description: 'bad "x"\\\r\nSet-Cookie: y' }),
    'Bearer error="invalid_token", error_description="bad ?x????Set-Cookie: y"',
  );
  assert.equal(wwwAuthenticate({}), 'Bearer');
});
