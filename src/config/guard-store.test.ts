// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config texts hold literal ${VAR} references.
// The `replica` key and the `store` section: SQLite by default, Redis with its URL, credentials, TLS files and timeouts, and
// every mistake refused at its own line with the fix.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, test } from 'node:test';
import { GuardConfigError, parseGuardConfig } from './guard.ts';

const FILE = '/cfg/mcp-guard.yaml';
const HEAD = 'auth: {mode: none}\nservers: {s: {command: x}}\n';
const parse = (store: string, env: NodeJS.ProcessEnv = {}) =>
  parseGuardConfig(`${HEAD}${store}`, FILE, env).store;

function fails(store: string, line: number, key: string, what: RegExp, env: NodeJS.ProcessEnv = {}) {
  assert.throws(
    () => parse(store, env),
    (e: unknown) => {
      assert.ok(e instanceof GuardConfigError, String(e));
      assert.equal(e.line, line, e.message);
      assert.equal(e.key, key, e.message);
      assert.match(e.message, what);
      return true;
    },
  );
}

describe('replica', () => {
  test('the host name by default, or the configured name; never empty', () => {
    assert.equal(parseGuardConfig(HEAD, FILE, {}).replica, hostname());
    assert.equal(
      parseGuardConfig(`${HEAD}replica: "\${REPLICA}"\n`, FILE, { REPLICA: 'guard-2' }).replica,
      'guard-2',
    );
    assert.throws(() => parseGuardConfig(`${HEAD}replica: ""\n`, FILE, {}), /replica: empty replica id/);
  });
});

describe('store section', () => {
  test('SQLite by default, beside the config', () => {
    assert.deepEqual(parse(''), { type: 'sqlite', path: '/cfg/.mcp-guard/state.db' });
    assert.deepEqual(parse('store: {type: sqlite, path: /var/lib/g.db}\n'), {
      type: 'sqlite',
      path: '/var/lib/g.db',
    });
  });

  test('Redis: URL from the environment, defaults, credentials, TLS files anchored at the config', () => {
    assert.deepEqual(
      parse('store: {type: redis, url: "${REDIS_URL}"}\n', { REDIS_URL: 'redis://cache:6379' }),
      {
        type: 'redis',
        url: 'redis://cache:6379',
        keyPrefix: 'mcp-guard:',
        connectTimeoutMs: 5000,
        commandTimeoutMs: 2000,
        reconnectMaxDelayMs: 2000,
      },
    );
    const full = parse(
      `store:
  type: redis
  url: rediss://redis.internal:6380
  key_prefix: "prod:guard:"
  username: guard
  password: "\${REDIS_PASSWORD}"
  db: 2
  tls: {ca_file: certs/ca.pem, cert_file: certs/client.pem, key_file: /etc/k.pem, servername: redis.internal}
  connect_timeout_ms: 3000
  command_timeout_ms: 500
  reconnect_max_delay_ms: 1000
`,
      { REDIS_PASSWORD: 'pw' },
    );
    assert.deepEqual(full, {
      type: 'redis',
      url: 'rediss://redis.internal:6380',
      keyPrefix: 'prod:guard:',
      username: 'guard',
      password: 'pw',
      db: 2,
      tls: {
        caFile: '/cfg/certs/ca.pem',
        certFile: '/cfg/certs/client.pem',
        keyFile: '/etc/k.pem',
        servername: 'redis.internal',
      },
      connectTimeoutMs: 3000,
      commandTimeoutMs: 500,
      reconnectMaxDelayMs: 1000,
    });
  });

  test('mistakes name their key and line', () => {
    fails('store: {type: redis}\n', 3, 'store.type', /needs url/);
    fails('store:\n  type: redis\n  url: http://x:6379\n', 5, 'store.url', /unsupported scheme http:/);
    fails('store:\n  type: redis\n  url: "not a url"\n', 5, 'store.url', /not a URL/);
    fails('store:\n  type: redis\n  url: redis://x/cache\n', 5, 'store.url', /database number/);
    fails('store:\n  url: redis://x\n', 4, 'store.url', /Redis setting; add type: redis/);
    fails('store:\n  type: redis\n  url: redis://x\n  path: a.db\n', 6, 'store.path', /type sqlite/);
    fails(
      'store:\n  type: redis\n  url: redis://u:p@x\n  password: q\n',
      6,
      'store.password',
      /also in the URL/,
    );
    fails('store:\n  type: redis\n  url: redis://x/1\n  db: 2\n', 6, 'store.db', /also in the URL/);
    fails('store:\n  type: redis\n  url: redis://x\n  tls: {ca_file: a}\n', 6, 'store.tls', /rediss:\/\//);
    fails(
      'store:\n  type: redis\n  url: rediss://x\n  tls: {cert_file: a}\n',
      6,
      'store.tls.cert_file',
      /key_file/,
    );
    fails(
      'store:\n  type: redis\n  url: redis://x\n  command_timeout_ms: 0\n',
      6,
      'store.command_timeout_ms',
      /greater than 0/,
    );
    fails('store:\n  type: memcached\n', 4, 'store.type', /sqlite|redis/);
    // an unset variable fails closed; a password never appears in a message
    fails('store:\n  type: redis\n  url: "${REDIS_URL}"\n', 5, 'store.url', /REDIS_URL/);
    assert.throws(
      () => parse('store:\n  type: redis\n  url: "redis://u:hunter2@ x"\n'),
      (e: Error) => !e.message.includes('hunter2'),
    );
  });
});
