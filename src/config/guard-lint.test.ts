// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config texts hold literal ${VAR} references.
// The loader's lint mode: the same checks as strict mode (a config with one problem gets the same words
// from both), every problem collected at its place, `${VAR}` kept as written and judged at deploy time,
// and the model the scanner's rules read (backends as ServerSpecs, credentials, sources).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from './document.ts';
import { GuardConfigError, parseGuardConfig } from './guard.ts';
import { hasGuardKeys, lintGuardConfig, looksLikeGuardConfig, problemsIn } from './guard-lint.ts';

const FILE = '/cfg/mcp-guard.yaml';
const lint = (text: string, file = FILE) =>
  lintGuardConfig(parseDocument(text, file.endsWith('.json') ? 'jsonc' : 'yaml'), file);
const problems = (text: string) =>
  lint(text).problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);

describe('lintGuardConfig', () => {
  it("gives the strict loader's own message for a config with one problem", () => {
    for (const text of [
      'servers: {s: {command: x}}\n',
      'auth: {mode: saml}\nservers: {s: {command: x}}\n',
      'auth: {mode: jwt, jwt_secret: short}\nservers: {s: {command: x}}\n',
      'auth: {mode: none}\nservers: {s: {command: x}}\npolicies:\n  max_spend_per_sesion: 5\n',
      'auth: {mode: none}\nservers: {s: {command: x}}\nrate_limit: {requests_per_minute: lots}\n',
      'auth: {mode: none}\nservers: {s: {command: "a | b"}}\n',
      'auth: {mode: none}\nservers: {}\n',
      'auth: {mode: none}\nservers: {s: {command: x}}\nroutes: [{mode: tool, tool_name: a, target: nope}]\n',
      'auth: {mode: none}\nservers: {s: {command: x}}\nhttp: {allowed_origins: ["*"]}\n',
      'auth:\n  mode: api_key\n  keys: [same, same]\nservers: {s: {command: x}}\n',
      'auth: {mode: none}\nservers: {s: {command: x}}\npolicies:\n  tool_denylist: [a]\n  tool_denylist: [b]\n',
    ]) {
      let strict = '';
      try {
        parseGuardConfig(text, FILE, {});
      } catch (error) {
        assert.ok(error instanceof GuardConfigError, String(error));
        strict = error.message;
      }
      const [p, ...more] = lint(text).problems;
      assert.deepEqual(more, [], text);
      assert.equal(`${FILE}:${p.line}:${p.column}: ${p.key || '(root)'}: ${p.message}`, strict, text);
    }
  });

  it('collects every problem, each at its own line', () => {
    assert.deepEqual(
      problems(
        'auth:\n  mode: jwt\n  jwt_secret: short\n  issuer: x\nservers:\n  a: {command: x, url: "https://a"}\n  b: {command: "x; y"}\nhttp: {port: 99999}\nrate_limits: {}\n',
      ),
      [
        '3:3 auth.jwt_secret: secret is 5 bytes; HS* needs at least 32 (try: openssl rand -base64 48)',
        '4:3 auth.issuer: unknown key (expected one of: mode, keys, jwt_secret, jwt, oauth, client_id)',
        '6:19 servers.a.url: give either command or url, not both',
        '7:7 servers.b.command: ";" needs a shell; run the program directly (or wrap it in sh -c)',
        '8:8 http.port: expected a port number from 0 to 65535',
        '9:1 rate_limits: unknown key; did you mean rate_limit?',
      ],
    );
  });

  it('keeps ${VAR} as written and leaves its checks to deploy time, numbers and choices included', () => {
    const l = lint(
      'auth: {mode: jwt, jwt_secret: "${S}"}\nservers: {s: {url: "${URL}"}}\nrate_limit: {requests_per_minute: "${RPM}"}\nhttp: {host: "${HOST:-0.0.0.0}", port: "${PORT}"}\npolicies: {pinning: "${PIN}"}\n',
    );
    assert.deepEqual(l.problems, []);
    assert.equal(l.config.http?.host, '${HOST:-0.0.0.0}');
    assert.equal(l.config.servers?.s.url, '${URL}');
    assert.ok(l.config.policies?.requestsPerMinute !== undefined, 'a limit from a variable is set');
    assert.equal(l.isReference(['rate_limit', 'requests_per_minute']), true);
    assert.equal(l.isReference(['auth', 'mode']), false);
    assert.equal(l.config.auth?.mode, 'jwt');
  });

  it('leaves out what it could not read: a mode chosen at deploy time, a refused section', () => {
    assert.equal(lint('auth: {mode: "${MODE}"}\nservers: {s: {command: x}}\n').config.auth, undefined);
    const l = lint('auth: none\nservers: {s: {command: x}}\n');
    assert.equal(l.config.auth, undefined);
    assert.deepEqual(
      l.problems.map((p) => p.message),
      ['expected object, received string'],
      'no second "missing" about the same section',
    );
  });

  it('records where settings were written, folding the aliases', () => {
    const l = lint(
      'auth: {mode: none}\nservers: {s: {command: x}}\npolicies:\n  rate_limit: {requests_per_minute: 5}\n  audit_log: ./a.jsonl\n',
    );
    assert.deepEqual(l.sources.get('policies.requestsPerMinute'), [
      'policies',
      'rate_limit',
      'requests_per_minute',
    ]);
    assert.deepEqual(l.sources.get('audit.path'), ['policies', 'audit_log']);
    assert.equal(l.sources.has('http'), false);
    assert.equal(l.config.policies?.requestsPerMinute, 5);
  });

  it('lists the backends as ServerSpecs with their places, and every credential in any auth mode', () => {
    const l = lint(
      'auth:\n  mode: api_key\n  keys: [{agent: a, key: "${A}"}, {agent: b, key_sha256: "' +
        'f'.repeat(64) +
        '"}]\n  jwt_secret: literal\nservers:\n  w:\n    command: "npx -y pkg@1.0.0"\n    env: {TOKEN: abc}\nhttp: {metrics: {token: t}}\n',
    );
    assert.deepEqual(
      l.credentials.map((c) => [c.kind, c.value.path.join('.'), c.value.line]),
      [
        ['API key', 'auth.keys.0.key', 3],
        ['JWT secret', 'auth.jwt_secret', 4],
        ['metrics token', 'http.metrics.token', 9],
      ],
    );
    const [w] = l.servers;
    assert.equal(w.name, 'w');
    assert.equal(w.line, 6);
    assert.equal(w.command?.value, 'npx -y pkg@1.0.0');
    assert.equal(w.env.TOKEN.line, 8);
    assert.deepEqual(
      l.problems.map((p) => p.key),
      ['auth.mode'],
    );
  });

  it('guard check adds what this environment leaves unset, in file order', () => {
    const l = lint(
      'auth: {mode: api_key, keys: {a: "${A}"}}\nservers: {s: {command: x, env: {K: "${K:-d}"}}}\nratelimit: {}\n',
    );
    assert.deepEqual(
      problemsIn(l, {}).map((p) => `${p.line} ${p.key}`),
      ['1 auth.keys.a', '3 ratelimit'],
    );
    assert.deepEqual(
      problemsIn(l, { A: 'set' }).map((p) => p.key),
      ['ratelimit'],
    );
  });
});

describe('recognising a guard config', () => {
  const root = (text: string) => parseDocument(text, 'yaml').root;
  it('by its shape: servers beside auth, policies, http or store', () => {
    assert.equal(looksLikeGuardConfig(root('auth: {mode: none}\nservers: {w: {command: x}}\n')), true);
    assert.equal(looksLikeGuardConfig(root('servers: {w: {command: x}}\nstore: {path: s.db}\n')), true);
    assert.equal(looksLikeGuardConfig(root('servers: {w: {command: x}}\ninputs: []\n')), false);
    assert.equal(looksLikeGuardConfig(root('mcpServers: {w: {command: x}}\nauth: {}\n')), false);
  });
  it('by its name only when it holds a guard key', () => {
    assert.equal(hasGuardKeys(root('rate_limit: {requests_per_minute: 5}\n')), true);
    assert.equal(hasGuardKeys(root('name: something else\n')), false);
    assert.equal(hasGuardKeys(root('- a list\n')), false);
  });
});
