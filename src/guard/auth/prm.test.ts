// Protected Resource Metadata (RFC 9728): the document, its well-known paths and URL, and the guard's
// canonical resource URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OAuthAuth } from './oauth.ts';
import { canonicalResource, prmPaths, protectedResourceMetadata, resourceMetadataUrl } from './prm.ts';

const auth: OAuthAuth = {
  mode: 'oauth',
  issuers: ['https://auth.example.com/realms/mcp', 'https://tenant.eu.auth0.com/'],
  jwksUrl: 'https://auth.example.com/realms/mcp/protocol/openid-connect/certs',
  algorithms: [],
  scopes: ['mcp:use'],
  toolScopes: { 'transfer*': ['wallet:write'], 'read_*': ['files:read', 'mcp:use'] },
  scopesSupported: [],
  clockToleranceSec: 5,
  agentClaim: 'sub',
  jwksTimeoutMs: 5000,
  jwksCacheSec: 600,
};

test('the metadata names the resource, the authorization servers and every scope in use', () => {
  const doc = protectedResourceMetadata(auth, 'https://mcp.example.com/mcp');
  assert.deepEqual(doc, {
    resource: 'https://mcp.example.com/mcp',
    authorization_servers: ['https://auth.example.com/realms/mcp', 'https://tenant.eu.auth0.com/'],
    scopes_supported: ['mcp:use', 'wallet:write', 'files:read'],
    bearer_methods_supported: ['header'],
    resource_name: 'mcp-guard',
  });
  // A round trip through JSON keeps it intact (it is served as JSON).
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
});

test('configured scopes_supported wins over the derived list', () => {
  const doc = protectedResourceMetadata({ ...auth, scopesSupported: ['openid', 'mcp:use'] }, 'https://x/mcp');
  assert.deepEqual(doc.scopes_supported, ['openid', 'mcp:use']);
});

test('prmPaths gives the plain and the path-aware well-known paths', () => {
  assert.deepEqual(prmPaths('/mcp'), [
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/mcp',
  ]);
  assert.deepEqual(prmPaths('/api/mcp/'), [
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/api/mcp',
  ]);
  assert.deepEqual(prmPaths('/'), ['/.well-known/oauth-protected-resource']);
});

test('resourceMetadataUrl inserts the well-known segment between host and path (RFC 9728 §3.1)', () => {
  assert.equal(
    resourceMetadataUrl('https://mcp.example.com/mcp'),
    'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
  );
  assert.equal(
    resourceMetadataUrl('http://127.0.0.1:8080/'),
    'http://127.0.0.1:8080/.well-known/oauth-protected-resource',
  );
  assert.equal(
    resourceMetadataUrl('https://h.example.com:8443/team/mcp/'),
    'https://h.example.com:8443/.well-known/oauth-protected-resource/team/mcp',
  );
});

test('canonicalResource: public_url when set, else the bound address with the MCP path', () => {
  assert.equal(
    canonicalResource({ host: '0.0.0.0', port: 80, publicUrl: 'https://mcp.example.com/mcp' }),
    'https://mcp.example.com/mcp',
  );
  assert.equal(canonicalResource({ host: '127.0.0.1', port: 8080 }), 'http://127.0.0.1:8080/mcp');
  assert.equal(canonicalResource({ host: '::1', port: 9000 }, '/x'), 'http://[::1]:9000/x');
});

test('the challenge URL of the canonical resource is one of the paths the server serves', () => {
  for (const [publicUrl, mcpPath] of [
    ['https://mcp.example.com/mcp', '/mcp'],
    ['http://127.0.0.1:8080/rpc/', '/rpc'],
  ] as const) {
    const url = new URL(resourceMetadataUrl(canonicalResource({ host: 'x', port: 1, publicUrl }, mcpPath)));
    assert.ok(prmPaths(mcpPath).includes(url.pathname), url.pathname);
  }
});
