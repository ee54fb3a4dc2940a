// Host classification and URL splitting: the one answer to "is this endpoint remote?" that the
// network rules (MG101-MG104) rely on, including the forms a naive parser gets wrong.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` here is config syntax under test, not a template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyHost, isRemote, parseEndpoint } from './hosts.ts';

describe('classifyHost', () => {
  const cases: [string, string][] = [
    ['localhost', 'loopback'],
    ['LOCALHOST', 'loopback'],
    ['localhost.', 'loopback'],
    ['app.localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['10.0.0.44', 'private'],
    ['192.168.1.10', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.169.254', 'private'],
    ['100.64.0.1', 'private'],
    ['fd00::1', 'private'],
    ['8.8.8.8', 'public-ip'],
    ['2001:4860:4860::8888', 'public-ip'],
    ['81.2.69.142.nip.io', 'public-ip'],
    ['app-10-0-0-1.sslip.io', 'private'],
    ['jenkins', 'internal'],
    ['nas.local', 'internal'],
    ['host.docker.internal', 'internal'],
    ['4f2a-81-2-69-142.ngrok-free.app', 'tunnel'],
    ['abc.ngrok.io', 'tunnel'],
    ['quiet-river.trycloudflare.com', 'tunnel'],
    ['fuzzy-cat.loca.lt', 'tunnel'],
    ['x.serveo.net', 'tunnel'],
    ['0a1b2c.lhr.life', 'tunnel'],
    ['bore.pub', 'tunnel'],
    ['mcp.example.org', 'name'],
    ['mcp.supabase.com', 'name'],
    ['notngrok.com', 'name'],
    ['ngrok.com', 'name'],
  ];
  for (const [host, kind] of cases) {
    it(`${host} is ${kind}`, () => assert.equal(classifyHost(host).kind, kind));
  }

  it('names the tunnel service', () => {
    assert.equal(classifyHost('quiet-river.trycloudflare.com').tunnel, 'Cloudflare quick');
  });

  it('treats only loopback as not remote', () => {
    assert.equal(isRemote('loopback'), false);
    assert.equal(isRemote('private'), true);
    assert.equal(isRemote(undefined), false);
  });
});

describe('parseEndpoint', () => {
  it('normalises the host with the WHATWG parser', () => {
    assert.equal(parseEndpoint('http://LOCALHOST./mcp')?.kind, 'loopback');
    assert.equal(parseEndpoint('http://0x7f.1:8080/')?.host, '127.0.0.1');
    assert.equal(parseEndpoint('HTTPS://MCP.Acme.DEV/mcp')?.host, 'mcp.acme.dev');
    assert.equal(parseEndpoint('HTTPS://MCP.Acme.DEV/mcp')?.scheme, 'https');
  });

  it('handles bracketed IPv6 with a port', () => {
    const e = parseEndpoint('http://[::1]:3000/sse');
    assert.equal(e?.host, '::1');
    assert.equal(e?.kind, 'loopback');
    assert.equal(
      parseEndpoint('http://[2001:4860:4860::8888]:80/')?.origin,
      'http://[2001:4860:4860::8888]:80',
    );
  });

  it('judges the host when only the port or path is a variable', () => {
    const e = parseEndpoint('http://localhost:${PORT}/mcp');
    assert.equal(e?.kind, 'loopback');
    assert.equal(parseEndpoint('https://8.8.8.8/${env:PATH_PART}/x')?.kind, 'public-ip');
  });

  it('leaves a variable or placeholder host unjudged', () => {
    for (const url of [
      'https://${input:home-assistant-domain}/mcp_server/sse',
      'https://${env:HOST}:8443/mcp',
      'http://$HOST/mcp',
      'https://<your-host>/mcp',
      'http://YOUR_SERVER_IP:3010/sse',
      'https://api.example.com/mcp',
    ]) {
      const e = parseEndpoint(url);
      assert.ok(e, url);
      assert.equal(e.kind, undefined, url);
      assert.equal(e.host, undefined, url);
    }
  });

  it('returns undefined for text that is not a URL with an authority', () => {
    assert.equal(parseEndpoint('${MCP_URL}'), undefined);
    assert.equal(parseEndpoint('/usr/bin/server'), undefined);
    assert.equal(parseEndpoint('mailto:someone@example.org'), undefined);
  });

  it('splits userinfo and query, and keeps them out of the origin', () => {
    const e = parseEndpoint('https://bob:s3cr3t-pass@mcp.acme.dev:8443/mcp?api_key=abc123def456&x=1#frag');
    assert.deepEqual(e?.userinfo, { user: 'bob', password: 's3cr3t-pass' });
    assert.deepEqual(e?.query, [
      { name: 'api_key', value: 'abc123def456' },
      { name: 'x', value: '1' },
    ]);
    assert.equal(e?.path, '/mcp');
    assert.equal(e?.origin, 'https://mcp.acme.dev:8443');
  });

  it('keeps a reference that holds a slash inside the authority', () => {
    const e = parseEndpoint('https://${file:/run/secrets/user}@mcp.acme.dev/mcp');
    assert.equal(e?.host, 'mcp.acme.dev');
    assert.equal(e?.userinfo?.user, '${file:/run/secrets/user}');
  });
});
