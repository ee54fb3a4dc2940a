// Unit tests of where secrets hide in a server entry, through the real parser and normaliser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../src/config/document.ts';
import { normalize } from '../../src/config/normalize.ts';
import type { ClientConfig } from '../../src/config/types.ts';
import { fileSecrets, prepareSecrets, serverSecrets } from './server-secrets.ts';

const KEY = 'Hq3Zt8Wm1Kx6Vp9Rb4Ny7Lc2Jd5Gf0Se';

async function load(
  text: string,
  client = 'cursor',
  format: 'json' | 'toml' = 'json',
): Promise<ClientConfig> {
  const config = normalize(`/x/config.${format}`, client, 'project', parseDocument(text, format));
  await prepareSecrets(config);
  return config;
}

async function sites(server: object, client = 'cursor') {
  const config = await load(JSON.stringify({ mcpServers: { s: server } }), client);
  return serverSecrets(config.servers[0], config).map((s) => ({
    path: s.value.path.slice(2).join('.'),
    kind: s.kind,
  }));
}

describe('serverSecrets', () => {
  it('throws when the async pre-pass was not awaited', () => {
    const config = normalize(
      '/x/a.json',
      'cursor',
      'project',
      parseDocument('{"mcpServers":{"s":{}}}', 'json'),
    );
    assert.throws(() => serverSecrets(config.servers[0], config), /prepareSecrets/);
  });

  it('finds known formats and secret-named literals in env, once per value', async () => {
    const ghp = `ghp_${'a1B2'.repeat(9)}`;
    assert.deepEqual(await sites({ command: 'x', env: { GITHUB_TOKEN: ghp, API_KEY: KEY, PORT: '8080' } }), [
      { path: 'env.GITHUB_TOKEN', kind: 'GitHub token' },
      { path: 'env.API_KEY', kind: 'secret-named value' },
    ]);
  });

  it('never reports variable references', async () => {
    const env = {
      A_TOKEN: '${GITHUB_TOKEN}',
      B_TOKEN: '${env:GITHUB_TOKEN}',
      C_TOKEN: '${input:github_token}',
      D_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
      E_TOKEN: '$GITHUB_TOKEN',
      F_TOKEN: '${GITHUB_TOKEN:-}',
    };
    const headers = { Authorization: 'Bearer ${env:TOKEN}' };
    assert.deepEqual(
      await sites({ command: 'x', args: ['--api-key', '${API_KEY}', `--token=$TOKEN`], env, headers }),
      [],
    );
  });

  it('finds secrets in argv: flag value, flag=value, KEY=value, docker -e, JSON, URL query, connection string', async () => {
    const found = await sites({
      command: 'docker',
      args: [
        'run',
        '--access-token',
        KEY,
        `--api-key=${KEY}`,
        '-e',
        `BRAVE_API_KEY=${KEY}`,
        `API_KEY="${KEY}"`,
        JSON.stringify({ nested: { clientSecret: KEY } }),
        `https://api.example.com/v1?format=json&token=${KEY}`,
        'redis://default:Vt9kQ2mZ8rLp4sWx@cache.example.com:6379',
        'image:1.0.0',
      ],
    });
    assert.deepEqual(
      found.map((f) => f.path),
      ['args.2', 'args.3', 'args.5', 'args.6', 'args.7', 'args.8', 'args.9'],
    );
  });

  it('leaves URL credentials of bridge endpoints to MG103', async () => {
    assert.deepEqual(
      await sites({
        command: 'npx',
        args: ['-y', 'mcp-remote@0.1.0', `https://mcp.example.com/sse?token=${KEY}`],
      }),
      [],
    );
  });

  it('judges headers: bearer and basic credentials, API-key headers, placeholders', async () => {
    const found = await sites({
      url: 'https://mcp.example.com/mcp',
      headers: {
        Authorization: `Bearer ${KEY}`,
        'X-API-Key': KEY,
        'X-Request-Source': 'cursor-ide-0123456789abcdef',
      },
    });
    assert.deepEqual(
      found.map((f) => f.path),
      ['headers.Authorization', 'headers.X-API-Key'],
    );
    const basic = Buffer.from('me@example.com:Vt9kQ2mZ8rLp').toString('base64');
    assert.equal(
      (await sites({ url: 'https://x.example.com', headers: { Authorization: `Basic ${basic}` } })).length,
      1,
    );
    const testCreds = Buffer.from('test@liferay.com:test').toString('base64');
    assert.deepEqual(
      await sites({ url: 'https://x.example.com', headers: { Authorization: `Basic ${testCreds}` } }),
      [],
    );
    assert.deepEqual(
      await sites({ url: 'https://x.example.com', headers: { Authorization: 'Bearer YOUR_TOKEN' } }),
      [],
    );
  });

  it('reads Codex env_key and bearer_token', async () => {
    const toml = [
      '[mcp_servers.a]',
      'command = "a"',
      `env_key = "sk-${KEY}"`,
      '[mcp_servers.b]',
      'command = "b"',
      'env_key = "OPENAI_API_KEY"',
      '[mcp_servers.c]',
      'url = "https://x.example.com/mcp"',
      `bearer_token = "${KEY}"`,
    ].join('\n');
    const config = await load(toml, 'codex', 'toml');
    assert.deepEqual(
      fileSecrets(config).map((s) => [s.value.path.join('.'), s.value.line]),
      [
        ['mcp_servers.a.env_key', 3],
        ['mcp_servers.c.bearer_token', 9],
      ],
    );
  });

  it('never includes more than four characters of the secret', async () => {
    const config = await load(JSON.stringify({ mcpServers: { s: { command: 'x', env: { API_KEY: KEY } } } }));
    const [site] = serverSecrets(config.servers[0], config);
    assert.equal(site.preview, 'Hq3Z…');
  });
});
