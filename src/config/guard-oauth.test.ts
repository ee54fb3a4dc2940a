// `auth.oauth` with `issuer: self`: the clients and their defaults, the original's `mode: oauth2` with
// `client_id` read as one public client (and `guard check` saying so), and refusals at their keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeGuardConfig } from '../cli/guard-describe.ts';
import { GuardConfigError, parseGuardConfig } from './guard.ts';

const HASH = '$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$0123456789abcdef0123456789abcdef0123456789A';
const TAIL = `servers: {w: {command: x}}\nconsole: {users: [{name: alice, password_hash: "${HASH}"}]}\n`;

function fails(text: string, key: string, what: RegExp) {
  assert.throws(
    () => parseGuardConfig(text + TAIL, '/cfg/g.yaml', {}),
    (e: unknown) => {
      assert.ok(e instanceof GuardConfigError, String(e));
      assert.equal(e.key, key, e.message);
      assert.match(e.message, what);
      return true;
    },
  );
}

describe('auth.oauth.issuer: self', () => {
  test('clients get their defaults: PKCE with redirect URIs, client credentials with a secret, else the device flow', () => {
    const c = parseGuardConfig(
      `auth:
  mode: oauth
  oauth:
    issuer: self
    scopes: [mcp:use]
    clients:
      - {client_id: app, redirect_uris: ["http://127.0.0.1/cb"]}
      - {client_id: job, client_secret_sha256: "${'ab'.repeat(32)}"}
      - {client_id: tv}
${TAIL}`,
      '/cfg/g.yaml',
    );
    assert.equal(c.auth.mode, 'oauth');
    if (c.auth.mode !== 'oauth') return;
    assert.deepEqual(c.auth.issuers, []);
    assert.deepEqual(c.auth.algorithms, ['ES256']);
    const [app, job, tv] = c.auth.self!.clients;
    assert.deepEqual(app.grantTypes, ['authorization_code', 'refresh_token']);
    assert.deepEqual(job.grantTypes, ['client_credentials']);
    assert.equal(job.secretSha256?.toString('hex'), 'ab'.repeat(32));
    assert.deepEqual(tv.grantTypes, ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token']);
    assert.equal(c.auth.self!.dynamicRegistration, false);
    assert.equal(c.auth.self!.accessTokenTtlSec, 600);
  });

  test("the original's mode oauth2 with client_id is one public client, and guard check says what it mapped", () => {
    const c = parseGuardConfig(`auth: {mode: oauth2, client_id: mcp-agent}\n${TAIL}`, '/cfg/g.yaml');
    assert.equal(c.auth.mode, 'oauth');
    if (c.auth.mode !== 'oauth') return;
    const [client] = c.auth.self!.clients;
    assert.equal(client.clientId, 'mcp-agent');
    assert.equal(client.secretSha256, undefined);
    assert.deepEqual(client.grantTypes, [
      'authorization_code',
      'refresh_token',
      'urn:ietf:params:oauth:grant-type:device_code',
    ]);
    assert.deepEqual(client.redirectUris, ['http://127.0.0.1/callback', 'http://localhost/callback']);
    const described = describeGuardConfig(c);
    assert.match(
      described,
      /auth: oauth, the guard's own authorization server \(issuer http:\/\/127\.0\.0\.1:8080/,
    );
    assert.match(
      described,
      /mapped from the original: mode oauth2 with client_id mcp-agent: the guard's own issuer/,
    );
    assert.match(described, /client mcp-agent: public, PKCE; authorization_code, refresh_token, device_code/);
  });

  test('refusals name their key', () => {
    fails('auth: {mode: oauth2}\n', 'auth.client_id', /mode oauth2 needs client_id/);
    fails(
      'auth: {mode: oauth, client_id: x, oauth: {issuer: self}}\n',
      'auth.client_id',
      /original mode oauth2/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuer: self, jwks_url: "https://as.example.com/jwks", clients: [{client_id: a}]}}\n',
      'auth.oauth.jwks_url',
      /not with issuer: self/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/j", clients: []}}\n',
      'auth.oauth.clients',
      /only with issuer: self/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuer: self, clients: [{client_id: a, grant_types: [client_credentials]}]}}\n',
      'auth.oauth.clients[0].grant_types',
      /confidential clients/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuer: self, clients: [{client_id: a, grant_types: [authorization_code]}]}}\n',
      'auth.oauth.clients[0].redirect_uris',
      /at least one redirect URI/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuer: self, clients: [{client_id: a}, {client_id: a}]}}\n',
      'auth.oauth.clients[1].client_id',
      /appears twice/,
    );
    fails(
      'auth: {mode: oauth, oauth: {issuer: self, algorithms: [ES256K], clients: [{client_id: a}]}}\n',
      'auth.oauth.algorithms[0]',
      /not one it can sign with/,
    );
  });
});
