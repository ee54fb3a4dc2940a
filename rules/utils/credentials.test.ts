// Credentials in URLs, headers and bridge arguments: what counts as a credential, what is only a
// placeholder or a reference, and what a server sends to an endpoint.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` here is config syntax under test, not a template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerSpec, SValue } from '../../src/config/types.ts';
import { findRefs } from '../../src/config/variables.ts';
import {
  isCredentialHeader,
  isCredentialParam,
  isPlaceholder,
  secretPrefix,
  sendsCredential,
  urlCredentials,
} from './credentials.ts';
import { judgedEndpoints, parseEndpoint } from './hosts.ts';

function sv(value: string, path: (string | number)[] = ['x']): SValue {
  return { value, path, line: 1, column: 1, refs: findRefs(value) };
}

function server(part: Partial<ServerSpec>): ServerSpec {
  return {
    name: 's',
    path: ['mcpServers', 's'],
    line: 1,
    column: 1,
    transport: 'stdio',
    args: [],
    env: {},
    headers: {},
    auth: { hints: [], oauth: false },
    disabled: false,
    autoApprove: [],
    ...part,
  };
}

const creds = (url: string) => urlCredentials(parseEndpoint(url)!);

describe('isCredentialParam / isCredentialHeader', () => {
  it('recognises credential query names in any spelling', () => {
    for (const n of [
      'api_key',
      'apikey',
      'apiKey',
      'exaApiKey',
      'key',
      'token',
      'access_token',
      'secret',
      'client_secret',
      'password',
      'sig',
      'auth',
      'api-key',
    ]) {
      assert.ok(isCredentialParam(n), n);
    }
    for (const n of ['project_ref', 'features', 'tools', 'agent', 'monkey', 'keyword'])
      assert.ok(!isCredentialParam(n), n);
  });

  it('recognises credential headers', () => {
    for (const h of [
      'Authorization',
      'X-API-Key',
      'X-Goog-Api-Key',
      'Api-Key',
      'X-Auth-Token',
      'Private-Token',
      'Cookie',
    ]) {
      assert.ok(isCredentialHeader(h), h);
    }
    for (const h of ['Accept', 'Content-Type', 'x-agiflow-mcp-consumer', 'User-Agent'])
      assert.ok(!isCredentialHeader(h), h);
  });
});

describe('isPlaceholder', () => {
  it('knows placeholders and masked values', () => {
    for (const v of [
      '',
      'YOUR_API_KEY',
      '<token>',
      '{secret}',
      '[REDACTED]',
      'xxx',
      'changeme',
      'sk-...',
      'hidden',
      'abcdXXXXXXXX',
      '1771XXXXXXXXXXXX',
      'your-key-here',
      '****',
    ]) {
      assert.ok(isPlaceholder(v), v);
    }
  });
  it('leaves real-looking values alone', () => {
    for (const v of ['3f9a1c07b2d84e6f', 'tvly-dev-8Hq2mZ4kP', 's3cr3t-pass'])
      assert.ok(!isPlaceholder(v), v);
  });
});

describe('urlCredentials', () => {
  it('finds userinfo passwords and credential query parameters, marking literals', () => {
    assert.deepEqual(
      creds('https://bob:s3cr3t-pass@h.acme.dev/?api_key=3f9a1c07b2d84e6f&tools=a').map((c) => [
        c.where,
        c.name,
        c.literal,
      ]),
      [
        ['userinfo', 'password', true],
        ['query', 'api_key', true],
      ],
    );
  });

  it('does not call references or placeholders literal', () => {
    assert.deepEqual(
      creds('https://h.acme.dev/mcp?key=${env:KEY}&token=YOUR_TOKEN&sig=abcdXXXXXXXX').map((c) => c.literal),
      [false, false, false],
    );
  });

  it('ignores user names without a password unless they look like a token', () => {
    assert.deepEqual(creds('https://git@h.acme.dev/mcp'), []);
    assert.equal(creds('https://ghp_4f9aB8c7D6e5F4a3B2c1D0@h.acme.dev/')[0]?.name, 'user');
  });

  it('counts a token-like path segment, but not ordinary words', () => {
    assert.equal(
      creds('https://mcp.composio.dev/mem0/abanXXXXXXXXXXXXXXXXXXXXXXXXX?agent=cursor')[0]?.where,
      'path',
    );
    assert.deepEqual(creds('https://mcp.acme.dev/api/v1/server-filesystem-readonly/sse'), []);
  });

  it('never shows more than four characters of a secret', () => {
    assert.equal(secretPrefix('3f9a1c07b2d84e6f'), '3f9a…');
    assert.equal(secretPrefix('short'), '…');
  });
});

describe('sendsCredential', () => {
  const first = (s: ServerSpec) => judgedEndpoints(s)[0];

  it('is false for a bare URL', () => {
    const s = server({ url: sv('https://mcp.acme.dev/mcp'), transport: 'http' });
    assert.equal(sendsCredential(s, first(s)), false);
  });

  it('counts a credential header given as a reference', () => {
    const s = server({
      url: sv('https://mcp.acme.dev/mcp'),
      headers: { Authorization: sv('Bearer ${env:T}') },
    });
    assert.equal(sendsCredential(s, first(s)), true);
  });

  it('does not count an empty or non-credential header', () => {
    const s = server({
      url: sv('https://mcp.acme.dev/mcp'),
      headers: { Authorization: sv(''), Accept: sv('text/event-stream') },
    });
    assert.equal(sendsCredential(s, first(s)), false);
  });

  it('counts auth hints and OAuth', () => {
    const s = server({
      url: sv('https://mcp.acme.dev/mcp'),
      auth: { hints: [sv('ACME_TOKEN')], oauth: false },
    });
    assert.equal(sendsCredential(s, first(s)), true);
  });

  it('reads header arguments of bridges', () => {
    const base = { command: sv('npx') };
    const withHeader = server({
      ...base,
      args: ['-y', 'mcp-remote', 'https://mcp.acme.dev/sse', '--header', 'Authorization:${AUTH}'].map((a) =>
        sv(a),
      ),
    });
    assert.equal(sendsCredential(withHeader, first(withHeader)), true);
    const without = server({
      ...base,
      args: ['-y', 'mcp-remote@0.1.29', 'https://mcp.acme.dev/sse', '--transport', 'sse-only'].map((a) =>
        sv(a),
      ),
    });
    assert.equal(first(without).via, 'bridge');
    assert.equal(sendsCredential(without, first(without)), false);
  });
});
