// Unit tests for the guard-config rules (MG210-MG212) on parsed files: what the fixture harness does
// not compare (severity, message key, data), such as MG210's high/medium split by listen address and
// MG211 never echoing more than a 4-character prefix of a secret.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Format, parseDocument } from '../src/config/document.ts';
import type { ClientConfig } from '../src/config/types.ts';
import { type Report, type Rule, renderMessage } from '../src/scan/rule.ts';
import guardAuthDisabled from './guard-auth-disabled.ts';
import guardNoLimits from './guard-no-limits.ts';
import guardWeakSecret from './guard-weak-secret.ts';

/** Runs `rule.checkFile` on `text` as an mcp-guard config and returns its reports. */
function run(rule: Rule, text: string, format: Format = 'yaml', client = 'mcp-guard'): Report[] {
  const config: ClientConfig = {
    file: `/repo/mcp-guard.${format === 'yaml' ? 'yaml' : 'json'}`,
    client,
    scope: 'project',
    document: parseDocument(text, format),
    servers: [],
    switches: [],
  };
  const reports: Report[] = [];
  rule.checkFile?.(config, { config, mode: 'repo', report: (r) => reports.push(r) });
  return reports;
}

describe('MG210 guard-auth-disabled', () => {
  const one = (text: string) => {
    const reports = run(guardAuthDisabled, text);
    assert.equal(reports.length, 1, text);
    return reports[0];
  };

  it('is high on a non-loopback or deploy-time address, medium on loopback or stdio', () => {
    assert.equal(one('auth: {mode: none}\nhttp: {host: 0.0.0.0}\n').severity, 'high');
    assert.equal(one('auth: {mode: none}\nhttp: {host: "::"}\n').severity, 'high');
    assert.equal(one('auth: {mode: none}\nhttp: {host: 10.1.2.3}\n').severity, 'high');
    assert.equal(one(`auth: {mode: none}\nhttp: {host: "\${HOST}"}\n`).severity, 'high');
    assert.equal(one('auth: {mode: none}\nhttp: {host: 127.0.0.1}\n').severity, 'medium');
    assert.equal(one('auth: {mode: none}\nhttp: {port: 8080}\n').severity, 'medium');
    assert.equal(one('auth: {mode: none}\nservers: {}\n').severity, 'medium');
  });

  it('points at auth.mode, at auth, or at the document when the section is missing', () => {
    assert.deepEqual(one('auth: {mode: none}\n').path, ['auth', 'mode']);
    assert.deepEqual(one('auth: none\n').path, ['auth']);
    assert.deepEqual(one('auth: false\n').path, ['auth']);
    assert.deepEqual(one('auth: {issuer: x}\n').path, ['auth']);
    assert.deepEqual(one('servers: {}\n').path, []);
  });

  it('names the address in IPv6 brackets', () => {
    const r = one('servers: {}\nhttp: {host: "::"}\n');
    assert.equal(r.message, 'exposed');
    assert.match(renderMessage(guardAuthDisabled.messages[r.message], r.data), /listens on \[::\]/);
  });

  it('stays quiet when auth is on, inferred from credentials, or chosen at deploy time', () => {
    for (const text of [
      `auth: {mode: api_key, keys: ["\${K}"]}\nhttp: {host: 0.0.0.0}\n`,
      `auth: {keys: ["\${K}"]}\nhttp: {host: 0.0.0.0}\n`,
      'auth: {jwt: {jwks: "https://x/jwks.json"}}\nhttp: {host: 0.0.0.0}\n',
      `auth: {mode: "\${AUTH_MODE}"}\nhttp: {host: 0.0.0.0}\n`,
    ])
      assert.deepEqual(run(guardAuthDisabled, text), [], text);
  });

  it('ignores other clients and files without guard keys', () => {
    assert.deepEqual(run(guardAuthDisabled, 'auth: {mode: none}\n', 'yaml', 'cursor'), []);
    assert.deepEqual(run(guardAuthDisabled, '{"name": "x"}', 'jsonc'), []);
  });
});

describe('MG211 guard-weak-secret', () => {
  const messages = (text: string, format: Format = 'yaml') =>
    run(guardWeakSecret, text, format).map((r) => [r.path.join('.'), r.message]);

  it('tells literals, short literals, defaults and unexpanded references apart', () => {
    const long = 'k'.repeat(40);
    assert.deepEqual(
      messages(
        [
          'auth:',
          `  keys: ["abc", "${long}", "\${A:-short}", "\${B:-${long}}", "\${C:-}", "$D", "\${E}", "\${env:F}"]`,
        ].join('\n'),
      ),
      [
        ['auth.keys.0', 'literalShort'],
        ['auth.keys.1', 'literal'],
        ['auth.keys.2', 'fallbackShort'],
        ['auth.keys.3', 'fallback'],
        ['auth.keys.4', 'fallbackShort'],
        ['auth.keys.5', 'notExpanded'],
      ],
    );
  });

  it('reads keys as a map, as {agent, key} items, and the JWT and OAuth secrets', () => {
    assert.deepEqual(
      messages(
        JSON.stringify({
          auth: {
            jwt_secret: 'jwt-secret',
            jwt: { secret: 'jwt-secret-2', public_key: 'PUBLIC' },
            oauth: { client_id: 'id', client_secret: 'client-secret' },
            keys: [{ agent: 'a', key: 'abc' }, { agent: 'b', key_sha256: 'f'.repeat(64) }, 'sha256:abc'],
            api_keys: { alice: 'alice-key', bob: `\${BOB_KEY}` },
          },
        }),
        'jsonc',
      ),
      [
        ['auth.jwt_secret', 'literalShort'],
        ['auth.jwt.secret', 'literalShort'],
        ['auth.oauth.client_secret', 'literalShort'],
        ['auth.keys.0.key', 'literalShort'],
        ['auth.api_keys.alice', 'literalShort'],
      ],
    );
  });

  it('counts a YAML number as a literal key', () => {
    assert.deepEqual(messages('auth:\n  keys: {dave: 12345678}\n'), [['auth.keys.dave', 'literalShort']]);
  });

  it('never shows more than a 4-character prefix of a secret', () => {
    const secret = 'mg_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
    for (const text of [`auth: {jwt_secret: "${secret}"}`, `auth: {jwt_secret: "\${S:-${secret}}"}`]) {
      const [r] = run(guardWeakSecret, text);
      const shown = renderMessage(guardWeakSecret.messages[r.message], r.data);
      assert.ok(shown.includes('"mg_l…"'), shown);
      assert.ok(!shown.includes(secret.slice(0, 5)), shown);
    }
    const [short] = run(guardWeakSecret, 'auth: {jwt_secret: hunter2}');
    assert.ok(!renderMessage(guardWeakSecret.messages[short.message], short.data).includes('hunt'));
  });
});

describe('MG212 guard-no-limits', () => {
  it('is quiet when any one limit or the audit log is set', () => {
    for (const text of [
      'policies: {max_spend_per_session: 10}',
      'rate_limit: {requests_per_minute: 60}',
      'rate_limit: {spend_per_hour_usd: 5}',
      'policies: {rate_limit: {requests_per_minute: 60}}',
      'policies: {requests_per_minute: 60}',
      'policies: {audit_log: ./a.jsonl}',
      'audit_log: ./a.jsonl',
      'audit_log: {path: ./a.jsonl}',
      'audit: {path: ./a.jsonl}',
      `rate_limit: {requests_per_minute: "\${RPM}"}`,
    ])
      assert.deepEqual(run(guardNoLimits, text), [], text);
  });

  it('treats 0, false, null and empty strings as unset, and reports at the document', () => {
    const reports = run(
      guardNoLimits,
      'policies: {max_spend_per_session: 0, audit_log: null}\nrate_limit: {requests_per_minute: false}\naudit_log: ""\naudit: {enabled: true}\n',
    );
    assert.deepEqual(
      reports.map((r) => [r.path, r.message]),
      [[[], 'none']],
    );
  });
});
