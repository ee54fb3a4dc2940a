// The protected-resource-metadata step: the document at its well-known paths, nothing elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OAuthAuth } from '../../auth/oauth.ts';
import { protectedResourceMetadataStep } from './prm.ts';
import { edgeServer, type Passed } from './test-server.ts';

const auth: OAuthAuth = {
  mode: 'oauth',
  issuers: ['https://as.example.com'],
  jwksUrl: 'https://as.example.com/jwks',
  algorithms: [],
  scopes: ['mcp:use'],
  toolScopes: {},
  scopesSupported: [],
  clockToleranceSec: 5,
  agentClaim: 'sub',
  jwksTimeoutMs: 5000,
  jwksCacheSec: 600,
};

test('serves the metadata at the well-known paths, before authentication', async () => {
  const s = await edgeServer([protectedResourceMetadataStep(auth, 'https://mcp.example.com/mcp', '/mcp')]);
  try {
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const res = await fetch(`${s.base}${path}`);
      assert.equal(res.status, 200, path);
      const doc = (await res.json()) as {
        resource: string;
        scopes_supported: string[];
        authorization_servers: string[];
      };
      assert.equal(doc.resource, 'https://mcp.example.com/mcp');
      assert.deepEqual(doc.scopes_supported, ['mcp:use']);
      assert.deepEqual(doc.authorization_servers, ['https://as.example.com']);
    }
    assert.equal(((await (await fetch(`${s.base}/mcp`)).json()) as Passed).passed, true);
  } finally {
    await s.close();
  }
});
