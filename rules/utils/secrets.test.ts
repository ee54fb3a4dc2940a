// Unit tests of secret detection: known formats (tokens built at run time, so no literal token sits in
// the repository), placeholders, masked values, secret-named keys and entropy.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import {
  entropy,
  findTokens,
  isMasked,
  isPlaceholder,
  isSecretName,
  looksLikeSecret,
  preview,
} from './secrets.ts';

/** A deterministic, random-looking string of `n` characters from `alphabet`. */
function rand(n: number, alphabet = 'aB3cD4eF5gH6jK7mN8pQ9rS2tU3vW4xY5zA6bC7dE8fG9hJ2kL3'): string {
  let out = '';
  let x = 7;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const FORMATS: [string, string][] = [
  ['GitHub token', `ghp_${rand(36)}`],
  ['GitHub token', `github_pat_${rand(82)}`],
  ['OpenAI key', `sk-proj-${rand(74)}T3BlbkFJ${rand(74)}`],
  ['Anthropic key', `sk-ant-api03-${rand(93)}AA`],
  ['Slack token', `xoxb-${'1234567890'}-${'9876543210'}-${rand(24)}`],
  ['Stripe key', `sk_live_${rand(24)}`],
  ['Google API key', `AIza${rand(35)}`],
  ['npm token', `npm_${rand(36)}`],
  ['Hugging Face token', `hf_${rand(34, 'abcdefghijkLMNOPQRSTuvwxyzABCDEF')}`],
  ['GitLab token', `glpat-${rand(20)}`],
  ['Groq key', `gsk_${rand(52)}`],
  ['Perplexity key', `pplx-${rand(48)}`],
  ['database connection string', `postgres://app:${rand(16)}@db.example.com:5432/orders`],
];

describe('findTokens', () => {
  it('leaves no secretlint profiler marks on the global timeline (they made scans quadratic)', async () => {
    performance.clearMarks();
    for (let i = 0; i < 20; i++) await findTokens(`{"env": {"X${i}": "value"}}`);
    assert.deepEqual(
      performance.getEntriesByType('mark').map((m) => m.name),
      [],
    );
  });

  for (const [kind, token] of FORMATS) {
    it(`finds a ${kind} inside JSON and reports its offsets`, async () => {
      const text = `{"env": {"X": "${token}"}}`;
      const hits = await findTokens(text);
      assert.equal(hits.length, 1, `one hit for ${kind}: ${JSON.stringify(hits)}`);
      assert.equal(hits[0].kind, kind);
      assert.equal(hits[0].start, text.indexOf(token));
    });
  }

  it('finds an AWS secret access key by its conventional name (key ids alone are not secrets)', async () => {
    const hits = await findTokens(`{"AWS_SECRET_ACCESS_KEY": "${rand(40)}"}`);
    assert.equal(hits[0]?.kind, 'AWS credential');
    assert.deepEqual(
      await findTokens(`{"AWS_ACCESS_KEY_ID": "AKIA${rand(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}"}`),
      [],
    );
  });

  it('finds a private key', async () => {
    const body = Buffer.from(`0\x82\x04\xa4${rand(300)}`, 'latin1')
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    const hits = await findTokens(`KEY = """${pem}"""`);
    assert.equal(hits[0]?.kind, 'private key');
  });

  it('ignores masked values of every format', async () => {
    const masked = [
      `ghp_${'X'.repeat(36)}`,
      `AIza${'X'.repeat(35)}`,
      `sk_live_${'X'.repeat(24)}`,
      `npm_${'X'.repeat(36)}`,
      `pplx-${'X'.repeat(48)}`,
    ];
    assert.deepEqual(await findTokens(JSON.stringify(masked)), []);
  });

  it('ignores documentation-default connection strings', async () => {
    assert.deepEqual(await findTokens('postgresql://postgres:postgres@localhost:5432/dev'), []);
    assert.deepEqual(await findTokens('mysql://user:password@localhost/db'), []);
  });

  it('ignores text with no token', async () => {
    assert.deepEqual(await findTokens('{"command": "npx", "args": ["-y", "@scope/server@1.2.3"]}'), []);
  });
});

describe('isPlaceholder', () => {
  const placeholders = [
    '',
    '   ',
    'YOUR_API_KEY',
    'your-token-here',
    'YOUR_XAI_KEY_HERE',
    '<token>',
    '<YOUR_PERSONAL_ACCESS_TOKEN>',
    '{secret}',
    '[REDACTED_API_KEY]',
    'xxx',
    'XXXXXXXXXXXX',
    'changeme',
    'sk-...',
    'hidden',
    'ghp_dummy',
    'fake-token-123',
    'REPLACE_ME',
    'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'sk-oXXXXXXXXXXXXXXXXXXXXXXX',
    'AKIAIOSFODNN7EXAMPLE',
    '获取方式: https://github.com/settings/tokens (需要 repo 权限)',
  ];
  for (const p of placeholders)
    it(`treats ${JSON.stringify(p)} as a placeholder`, () => assert.ok(isPlaceholder(p)));

  it('does not treat a random key as a placeholder', () => {
    assert.equal(isPlaceholder(rand(32)), false);
    assert.equal(isPlaceholder(`sk_test_${rand(24)}`), false);
  });
});

describe('isMasked', () => {
  it('recognises the corpus masks and redaction stars', () => {
    assert.ok(isMasked('sbp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'));
    assert.ok(isMasked('https://x.example.com/?api-key=1771XXXXXXXXXXXXXXXX'));
    assert.ok(isMasked('sk-a****'));
    assert.equal(isMasked(rand(40)), false);
  });
});

describe('isSecretName', () => {
  for (const n of [
    'GITHUB_TOKEN',
    'OPENAI_API_KEY',
    'apiKey',
    'clientSecret',
    'DB_PASSWORD',
    'Authorization',
    'X-API-Key',
    '--access-token',
    '--api-key',
    'access_token',
    'SECRET',
    'KEY',
  ]) {
    it(`${n} names a secret`, () => assert.ok(isSecretName(n)));
  }
  for (const n of [
    'MAX_TOKENS',
    'TOKEN_PATH',
    'KEY_FILE',
    'GITHUB_CLIENT_ID',
    'API_KEY_HEADER',
    'JIRA_URL',
    'base_keymap',
    'AUTHORIZED_SCOPE',
    'DEFAULT_MINIMUM_TOKENS',
    'SESSION_NAME',
    '--tokens-file',
  ]) {
    it(`${n} does not name a secret`, () => assert.equal(isSecretName(n), false));
  }
});

describe('looksLikeSecret', () => {
  it('accepts random literals under a secret name', () => {
    assert.ok(looksLikeSecret(rand(32)));
    assert.ok(looksLikeSecret(`tvly-${rand(32)}`));
    assert.ok(looksLikeSecret('c81f2d3e-9b47-4a5c-8e61-0f7a9d2b4c3e'));
  });
  it('accepts shorter human passwords only under a password name', () => {
    assert.ok(looksLikeSecret('Tr0ub4dor&3', 'password'));
    assert.equal(looksLikeSecret('Tr0ub4dor&3', 'named'), false);
  });
  it('rejects paths, URLs, numbers, variable names, prose and low-entropy values', () => {
    for (const v of [
      '/home/me/.config/token.json',
      'C:\\Users\\me\\token.txt',
      'https://example.com/token',
      '65535',
      'AWS_ACCESS_KEY_ID',
      'my api key goes here please',
      'aaaaaaaaaaaaaaaaaaaaaaaa',
      'abababababababababab',
    ]) {
      assert.equal(looksLikeSecret(v), false, v);
    }
  });
  it('needs a long, mixed, very random word when there is no name at all', () => {
    assert.ok(looksLikeSecret(rand(40), 'bare'));
    assert.equal(looksLikeSecret('9f2c4e1a7b3d5f6e8a0c2b4d6f8e1a3c5b7d9f0e', 'bare'), false, 'a commit hash');
    assert.equal(looksLikeSecret('@modelcontextprotocol/server-filesystem', 'bare'), false);
  });
});

describe('entropy and preview', () => {
  it('measures bits per character', () => {
    assert.equal(entropy(''), 0);
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
  });
  it('shows at most four characters', () => {
    assert.equal(preview(`ghp_${rand(36)}`), 'ghp_…');
    assert.equal(preview('abc'), '…');
  });
});
