// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config texts hold literal ${VAR} references.
// The guard config loader: Python-era and rich shapes mean the same, interpolation fails closed, and
// every error names file:line:column and the key.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GuardConfigError, loadGuardConfig, parseGuardConfig } from './guard.ts';

const FILE = '/cfg/mcp-guard.yaml';
const SECRET = 'x'.repeat(40);
const sha = (s: string) => createHash('sha256').update(s).digest();

/** Asserts that parsing fails with a GuardConfigError at `line` about `key`, matching `what`. */
function fails(
  text: string,
  line: number,
  key: string,
  what: RegExp,
  env: NodeJS.ProcessEnv = {},
  file = FILE,
) {
  assert.throws(
    () => parseGuardConfig(text, file, env),
    (e: unknown) => {
      assert.ok(e instanceof GuardConfigError, String(e));
      assert.equal(e.line, line, e.message);
      assert.equal(e.key, key, e.message);
      assert.match(e.message, what);
      assert.ok(e.message.startsWith(`${file}:${line}:${e.column}: ${key || '(root)'}: `), e.message);
      return true;
    },
  );
}

const PYTHON = `auth:
  mode: api_key
  keys: ["\${KEY_ONE}", "\${KEY_TWO}"]
servers:
  wallet:
    command: "python3 wallet.py --verbose"
policies:
  max_spend_per_session: 100
  require_approval_above: 50
  tool_allowlist: [pay, balance]
  tool_denylist: ["drain*"]
  audit_log: ./audit.jsonl
rate_limit:
  requests_per_minute: 60
  spend_per_hour_usd: 500
routes:
  - mode: tool
    tool_name: pay
    target: wallet
`;

const RICH = `auth:
  mode: api_key
  keys:
    - agent: agent-1
      key: \${KEY_ONE}
    - agent: agent-2
      key_sha256: ${sha('key-two').toString('hex')}
servers:
  wallet:
    command: python3
    args: [wallet.py, --verbose]
policies:
  max_spend_per_session: 100
  require_approval_above: 50
  tool_allowlist: [pay, balance]
  tool_denylist: ["drain*"]
  rate_limit:
    requests_per_minute: 60
    spend_per_hour_usd: 500
audit:
  path: /cfg/audit.jsonl
routes:
  - {mode: tool, tool_name: pay, target: wallet}
`;

const ENV = { KEY_ONE: 'key-one', KEY_TWO: 'key-two' };

describe('parseGuardConfig', () => {
  test('the Python-era shape and the rich shape mean the same thing', () => {
    const a = parseGuardConfig(PYTHON, FILE, ENV);
    const b = parseGuardConfig(RICH, FILE, ENV);
    assert.deepEqual(a, b);
    assert.deepEqual(a.auth, {
      mode: 'api_key',
      keys: [
        { agent: 'agent-1', sha256: sha('key-one') },
        { agent: 'agent-2', sha256: sha('key-two') },
      ],
    });
    assert.deepEqual(a.servers.wallet, {
      name: 'wallet',
      command: 'python3',
      args: ['wallet.py', '--verbose'],
      env: {},
      headers: {},
    });
    assert.equal(a.policies.maxSpendPerSession, 100);
    assert.equal(a.policies.requireApprovalAbove, 50);
    assert.equal(a.policies.requestsPerMinute, 60);
    assert.equal(a.policies.spendPerHourUsd, 500);
    assert.deepEqual(a.policies.toolDenylist, ['drain*']);
    assert.equal(a.audit.path, '/cfg/audit.jsonl');
    assert.deepEqual(a.routes, [{ mode: 'tool', toolName: 'pay', target: 'wallet' }]);
  });

  test('defaults: store next to the config, 4 MiB, 120 s (60 s for initialize), TTL 1 h, wallet spend tools', () => {
    const c = parseGuardConfig('auth: {mode: none}\nservers: {s: {command: srv}}\n', FILE, {});
    assert.deepEqual(c.store, { type: 'sqlite', path: '/cfg/.mcp-guard/state.db' });
    assert.deepEqual(c.limits, {
      maxMessageBytes: 4 * 1024 * 1024,
      requestTimeoutMs: 120_000,
      initializeTimeoutMs: 60_000,
      maxDepth: 64,
    });
    assert.equal(c.policies.approvalTtlSec, 3600);
    assert.ok(c.policies.spendTools.some((t) => t.name === 'pay' && t.amount === 'amount'));
    // The original mcp-guard's spending tools, which its quick-start config relies on.
    for (const name of ['wallet_request', 'wallet_approve', 'pay_create_checkout', 'wallet_pay', 'x402_pay'])
      assert.ok(
        c.policies.spendTools.some((t) => t.name === name && t.amount === 'amount'),
        `${name} is not a default spend tool`,
      );
    assert.equal(c.audit.path, undefined);
    assert.equal(c.audit.recordArguments, false);
  });

  test('limits.max_depth bounded; the whole HTTP request no quicker than its headers', () => {
    const base = 'auth: {mode: none}\nservers: {s: {command: srv}}\n';
    assert.equal(parseGuardConfig(`${base}limits: {max_depth: 200}\n`, FILE, {}).limits.maxDepth, 200);
    assert.throws(
      () => parseGuardConfig(`${base}limits: {max_depth: 5000}\n`, FILE, {}),
      /limits\.max_depth: at most 1000/,
    );
    assert.throws(
      () => parseGuardConfig(`${base}http: {headers_timeout_ms: 5000, request_timeout_ms: 1000}\n`, FILE, {}),
      /http\.request_timeout_ms: the whole request/,
    );
  });

  test('keys as a map name their agents; JSON works like YAML', () => {
    const json = JSON.stringify({
      auth: { mode: 'api_key', keys: { alice: '${A}', bob: 'literal-key' } },
      servers: { s: { url: 'https://example.com/mcp', headers: { 'X-Id': 7 } } },
      policies: { agents: { alice: { tool_denylist: ['rm*'] } } },
    });
    const c = parseGuardConfig(json, '/cfg/mcp-guard.json', { A: 'alice-key' });
    assert.deepEqual(
      c.auth.mode === 'api_key' && c.auth.keys.map((k) => [k.agent, k.sha256.toString('hex')]),
      [
        ['alice', sha('alice-key').toString('hex')],
        ['bob', sha('literal-key').toString('hex')],
      ],
    );
    assert.deepEqual(c.servers.s.headers, { 'X-Id': '7' });
    assert.deepEqual(c.policies.agents, { alice: { approvals: true, toolDenylist: ['rm*'] } });
  });

  test('jwt: Python jwt_secret, defaults, audience as a list', () => {
    const c = parseGuardConfig(
      'auth:\n  mode: jwt\n  jwt_secret: ${S}\n  jwt: {audience: mcp, issuer: me}\nservers: {s: {command: x}}\n',
      FILE,
      { S: SECRET },
    );
    assert.equal(c.auth.mode, 'jwt');
    if (c.auth.mode !== 'jwt') return;
    assert.deepEqual(c.auth.algorithms, ['HS256']);
    assert.deepEqual(Buffer.from(c.auth.secret!).toString(), SECRET);
    assert.deepEqual(c.auth.audience, ['mcp']);
    assert.equal(c.auth.agentClaim, 'sub');
  });

  test('interpolation fails closed, naming the key and line', () => {
    fails(PYTHON, 3, 'auth.keys[0]', /KEY_ONE is not set/, { KEY_TWO: 'x' });
    fails(
      'auth:\n  mode: jwt\n  jwt_secret: "${S}"\nservers: {s: {command: x}}\n',
      3,
      'auth.jwt_secret',
      /S is not set/,
    );
    // an empty value counts as unset
    fails(
      'auth:\n  mode: jwt\n  jwt_secret: "${S}"\nservers: {s: {command: x}}\n',
      3,
      'auth.jwt_secret',
      /not set/,
      {
        S: '',
      },
    );
    // an explicit empty default is an empty secret
    fails(
      'auth:\n  mode: jwt\n  jwt_secret: "${S:-}"\nservers: {s: {command: x}}\n',
      3,
      'auth.jwt_secret',
      /empty secret/,
    );
    fails(
      'auth:\n  mode: api_key\n  keys: ["${K:-}"]\nservers: {s: {command: x}}\n',
      3,
      'auth.keys[0]',
      /empty key/,
    );
  });

  test('unknown auth mode, short HS secret, jwt without key, alg none', () => {
    fails('auth:\n  mode: saml\nservers: {s: {command: x}}\n', 2, 'auth.mode', /unknown auth mode "saml"/);
    fails('auth:\n  mode: oauth\nservers: {s: {command: x}}\n', 2, 'auth.mode', /needs auth.oauth/);
    fails(
      'auth:\n  mode: jwt\n  jwt_secret: short\nservers: {s: {command: x}}\n',
      3,
      'auth.jwt_secret',
      /5 bytes.*32/,
    );
    fails('auth:\n  mode: jwt\nservers: {s: {command: x}}\n', 2, 'auth.mode', /needs auth.jwt_secret/);
    fails(
      `auth:\n  mode: jwt\n  jwt:\n    secret: ${SECRET}\n    algorithms: [HS256, none]\nservers: {s: {command: x}}\n`,
      5,
      'auth.jwt.algorithms[1]',
      /alg none/,
    );
    fails(
      `auth:\n  mode: jwt\n  jwt:\n    secret: ${SECRET}\n    algorithms: [RS256]\nservers: {s: {command: x}}\n`,
      5,
      'auth.jwt.algorithms[0]',
      /needs public_key/,
    );
    fails('servers: {s: {command: x}}\n', 1, 'auth', /missing/);
  });

  test('oauth: issuers, JWKS, scopes; HS and none refused; defaults', () => {
    const c = parseGuardConfig(
      `auth:
  mode: oauth
  oauth:
    issuers: https://as.example.com
    jwks_url: https://as.example.com/jwks
    scopes: [mcp]
    tool_scopes: {"transfer*": [wallet.write]}
servers: {s: {command: x}}
http: {public_url: "https://mcp.example.com/mcp"}
`,
      FILE,
      {},
    );
    assert.deepEqual(c.auth, {
      mode: 'oauth',
      issuers: ['https://as.example.com'],
      jwksUrl: 'https://as.example.com/jwks',
      algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      scopes: ['mcp'],
      toolScopes: { 'transfer*': ['wallet.write'] },
      scopesSupported: ['mcp', 'wallet.write'],
      clockToleranceSec: 5,
      agentClaim: 'sub',
      jwksTimeoutMs: 5000,
      jwksCacheSec: 600,
    });
    assert.equal(c.http.publicUrl, 'https://mcp.example.com/mcp');
    const base = 'auth:\n  mode: oauth\n  oauth:\n    issuers: [https://as]\n    jwks_url: https://as/jwks\n';
    fails(
      `${base}    algorithms: [HS256]\nservers: {s: {command: x}}\n`,
      6,
      'auth.oauth.algorithms[0]',
      /secret/,
    );
    fails(
      `${base}    algorithms: [none]\nservers: {s: {command: x}}\n`,
      6,
      'auth.oauth.algorithms[0]',
      /none/,
    );
    fails(
      'auth:\n  mode: oauth\n  oauth:\n    issuers: [https://as]\n    jwks_url: ${JWKS}\nservers: {s: {command: x}}\n',
      5,
      'auth.oauth.jwks_url',
      /JWKS/,
    );
  });

  test('http: defaults, limits and origins checked', () => {
    const c = parseGuardConfig('auth: {mode: none}\nservers: {s: {command: srv}}\n', FILE, {});
    assert.deepEqual(c.http, {
      host: '127.0.0.1',
      port: 8080,
      allowedOrigins: [],
      allowedHosts: [],
      maxBodyBytes: 4 * 1024 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConnectionsPerAddress: 256,
      sessionIdleSec: 1800,
      maxSessions: 1000,
      maxSessionsPerPrincipal: 50,
      backendMode: 'per_session',
      shutdownGraceMs: 10_000,
      metrics: { enabled: true, agentLabels: false },
    });
    assert.equal(c.namespacing, 'none');
    assert.equal(c.policies.pinning, 'warn');
    const h = parseGuardConfig(
      'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp:\n  max_body_bytes: 1024\n  backend_mode: shared\n  metrics: {token: t0k, agent_labels: true}\n',
      FILE,
      {},
    ).http;
    assert.equal(h.maxBodyBytes, 1024);
    assert.equal(h.backendMode, 'shared');
    assert.deepEqual(h.metrics, { enabled: true, agentLabels: true, token: 't0k' });
    const head = 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp:\n';
    fails(`${head}  allowed_origins: ["*"]\n`, 4, 'http.allowed_origins[0]', /any web page/);
    fails(
      `${head}  allowed_origins: [https://a.example/path]\n`,
      4,
      'http.allowed_origins[0]',
      /not an origin/,
    );
    fails(`${head}  public_url: "https://x/mcp?a=1"\n`, 4, 'http.public_url', /query/);
    fails(`${head}  max_sessions: 0\n`, 4, 'http.max_sessions', /greater than 0/);
    fails(`${head}  backend_mode: pooled\n`, 4, 'http.backend_mode', /per_session/);
  });

  test('agents: overrides, servers checked, one place only; namespacing defaults to prefix', () => {
    const c = parseGuardConfig(
      `auth: {mode: api_key, keys: {ops: k1, intern: k2}}
servers: {a: {command: x}, b: {command: y}}
routes: [{mode: default, target: a}]
agents:
  intern:
    servers: [a]
    tool_denylist: ["transfer*"]
    requests_per_minute: 10
    approvals: false
`,
      FILE,
      {},
    );
    assert.deepEqual(c.policies.agents, {
      intern: { approvals: false, servers: ['a'], toolDenylist: ['transfer*'], requestsPerMinute: 10 },
    });
    assert.equal(c.namespacing, 'prefix');
    const head = 'auth: {mode: none}\nservers: {a: {command: x}}\n';
    fails(`${head}agents:\n  bob:\n    servers: [zz]\n`, 5, 'agents.bob.servers[0]', /no server named "zz"/);
    fails(
      `${head}agents: {bob: {}}\npolicies:\n  agents: {bob: {}}\n`,
      5,
      'policies.agents',
      /also set at the top level/,
    );
    fails(`${head}policies: {pinning: maybe}\n`, 3, 'policies.pinning', /warn/);
  });

  test('unknown keys are refused at their own line, with a suggestion', () => {
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\npolicies:\n  max_spend_per_sesion: 5\n',
      4,
      'policies.max_spend_per_sesion',
      /unknown key; did you mean max_spend_per_session\?/,
    );
    fails(
      'auth: {mode: none}\nservers:\n  s:\n    command: x\n    enviroment: {}\n',
      5,
      'servers.s.enviroment',
      /unknown key/,
    );
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\nratelimit: {}\n',
      3,
      'ratelimit',
      /did you mean rate_limit/,
    );
    fails(
      '{"auth": {"mode": "none"},\n "servers": {"s": {"command": "x"}},\n "oops": 1}',
      3,
      'oops',
      /unknown key/,
      {},
      '/cfg/g.json',
    );
  });

  test('wrong types, duplicates, routes and servers are checked', () => {
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\nrate_limit:\n  requests_per_minute: lots\n',
      4,
      'rate_limit.requests_per_minute',
      /number/,
    );
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\nrate_limit: {requests_per_minute: 5}\npolicies:\n  rate_limit: {requests_per_minute: 6}\n',
      5,
      'policies.rate_limit.requests_per_minute',
      /keep one/,
    );
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\nroutes:\n  - {mode: tool, tool_name: a, target: nope}\n',
      4,
      'routes[0].target',
      /no server named "nope"/,
    );
    fails('auth: {mode: none}\nservers: {s: {command: "a | b"}}\n', 2, 'servers.s.command', /needs a shell/);
    fails('auth: {mode: none}\nservers: {}\n', 2, 'servers', /no server/);
    fails(
      'auth: {mode: none}\nservers: {s: {command: x}}\npolicies:\n  tool_denylist: [a]\n  tool_denylist: [b]\n',
      5,
      'policies.tool_denylist',
      /twice/,
    );
    fails(
      'auth:\n  mode: api_key\n  keys: [same, same]\nservers: {s: {command: x}}\n',
      3,
      'auth.keys[1]',
      /same key/,
    );
    fails('auth: {mode: none\n', 2, '', /cannot parse/);
  });

  test('numbers may come from variables', () => {
    const c = parseGuardConfig(
      'auth: {mode: none}\nservers: {s: {command: x}}\nrate_limit: {requests_per_minute: "${RPM}"}\n',
      FILE,
      { RPM: '30' },
    );
    assert.equal(c.policies.requestsPerMinute, 30);
  });
});

describe('loadGuardConfig', () => {
  test('reads a file and anchors relative paths at its folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guard-cfg-'));
    const file = join(dir, 'mcp-guard.yml');
    await writeFile(
      file,
      'auth: {mode: none}\nservers: {s: {command: x, cwd: sub}}\nstore: {path: state/s.db}\n',
    );
    const c = await loadGuardConfig(file, {});
    assert.equal(c.file, file);
    assert.deepEqual(c.store, { type: 'sqlite', path: join(dir, 'state/s.db') });
    assert.equal(c.servers.s.cwd, join(dir, 'sub'));
  });

  test('an object: the same keys and checks as a file, relative paths from the current folder', async () => {
    const c = await loadGuardConfig(
      {
        auth: { mode: 'api_key', keys: ['${K}'] },
        servers: { wallet: { command: 'python3 wallet.py --verbose', env: { PORT: 8080 } } },
        policies: { max_spend_per_session: 10 },
        rate_limit: { requests_per_minute: 60 },
        audit_log: 'logs/audit.jsonl',
        http: undefined, // an undefined property is an absent key
      },
      { K: 'key-one' },
    );
    assert.equal(c.file, '<config object>');
    assert.deepEqual(c.servers.wallet.args, ['wallet.py', '--verbose']);
    assert.deepEqual(c.servers.wallet.env, { PORT: '8080' });
    assert.equal(c.policies.maxSpendPerSession, 10);
    assert.equal(c.policies.requestsPerMinute, 60);
    assert.equal(c.audit.path, join(process.cwd(), 'logs/audit.jsonl'));
    assert.deepEqual(c.store, { type: 'sqlite', path: join(process.cwd(), '.mcp-guard/state.db') });
    assert.deepEqual(c.auth.mode === 'api_key' && c.auth.keys[0].sha256, sha('key-one'));
  });

  test('an object: errors name the key, with no line to give', async () => {
    const refused = async (input: unknown, key: string, what: RegExp, env: NodeJS.ProcessEnv = {}) =>
      assert.rejects(loadGuardConfig(input as Record<string, unknown>, env), (e: unknown) => {
        assert.ok(e instanceof GuardConfigError, String(e));
        assert.equal(e.key, key);
        assert.equal(e.line, 0);
        assert.ok(e.message.startsWith(`<config object>: ${key || '(root)'}: `), e.message);
        assert.match(e.message, what);
        return true;
      });
    await refused(
      { auth: { mode: 'none' }, servers: { s: { comand: 'x' } } },
      'servers.s.comand',
      /did you mean command/,
    );
    await refused(
      { auth: { mode: 'jwt', jwt_secret: '${S}' }, servers: { s: { command: 'x' } } },
      'auth.jwt_secret',
      /S is not set/,
    );
    await refused(
      { auth: { mode: 'jwt', jwt_secret: 'short' }, servers: { s: { command: 'x' } } },
      'auth.jwt_secret',
      /at least 32/,
    );
    await refused({ servers: { s: { command: 'x' } } }, 'auth', /missing/);
    await refused(
      { auth: { mode: 'none' }, servers: { s: { command: 'x', cwd: new Date() } } },
      'servers.s.cwd',
      /plain object, got Date/,
    );
    await refused(null, '', /expected an object/);
    await refused(['a'], '', /expected an object/);
  });

  test('a missing file is a GuardConfigError', async () => {
    await assert.rejects(loadGuardConfig('/nonexistent/mcp-guard.yaml', {}), (e: unknown) => {
      assert.ok(e instanceof GuardConfigError);
      assert.match(e.message, /cannot read: ENOENT/);
      return true;
    });
  });
});
