// The guard config's `store` section: SQLite (the default, one machine) or Redis (replicas sharing one
// state). Split from guard-normalize.ts; every refusal names its key, so the loader can point at its line.
import type { JsonPath } from './document.ts';
import type { Fail } from './guard-normalize.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import type { GuardStore, RedisStoreConfig } from './guard-types.ts';

/** Defaults of the store section, documented in docs/guard-config.md. */
export const STORE_DEFAULTS = {
  /** Relative to the config file's folder. */
  sqlitePath: '.mcp-guard/state.db',
  keyPrefix: 'mcp-guard:',
  connectTimeoutMs: 5000,
  commandTimeoutMs: 2000,
  reconnectMaxDelayMs: 2000,
} as const;

/** Keys that only mean something with `type: redis`. */
const REDIS_KEYS = [
  'url',
  'key_prefix',
  'username',
  'password',
  'db',
  'tls',
  'connect_timeout_ms',
  'command_timeout_ms',
  'reconnect_max_delay_ms',
] as const;

/** Turns the raw `store` section into the effective one; `anchor` resolves paths against the config's folder. */
export function normalizeStore(raw: RawGuardConfig, anchor: (p: string) => string, fail: Fail): GuardStore {
  const s = raw.store ?? {};
  const at = (...key: string[]): JsonPath => ['store', ...key];
  if ((s.type ?? 'sqlite') === 'sqlite') {
    for (const key of REDIS_KEYS)
      if (s[key] !== undefined) fail(at(key), `${key} is a Redis setting; add type: redis or remove it`);
    if (s.path !== undefined && s.path.trim() === '')
      fail(at('path'), 'empty path; remove the key or give a file');
    return { type: 'sqlite', path: anchor(s.path ?? STORE_DEFAULTS.sqlitePath) };
  }
  if (s.path !== undefined) fail(at('path'), 'path is for type sqlite; a Redis store is named by url');
  if (s.url === undefined)
    fail(
      at('type'),
      'type redis needs url, e.g. url: "${REDIS_URL}" (redis://host:6379 or rediss:// for TLS)',
    );
  // A URL from a variable (`url: "${REDIS_URL}"`, the usual way) is checked when the guard starts.
  if (fail.known(at('url'))) {
    if (!URL.canParse(s.url))
      fail(at('url'), `"${redact(s.url)}" is not a URL; expected redis://host:port or rediss://`);
    const url = new URL(s.url);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      fail(at('url'), `unsupported scheme ${url.protocol}; expected redis:// or rediss:// (TLS)`);
    if (url.hostname === '') fail(at('url'), 'no host in the URL');
    if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname))
      fail(at('url'), `the URL path must be a database number (/0), not ${url.pathname}`);
    if (s.password !== undefined && url.password !== '')
      fail(
        at('password'),
        'the password is also in the URL; keep one (preferably password: "${REDIS_PASSWORD}")',
      );
    if (s.username !== undefined && url.username !== '')
      fail(at('username'), 'the user is also in the URL; keep one');
    if (s.db !== undefined && url.pathname.length > 1)
      fail(at('db'), 'the database is also in the URL; keep one');
    if (s.tls !== undefined && url.protocol !== 'rediss:')
      fail(at('tls'), 'tls settings need a rediss:// URL (redis:// is plain text)');
  }
  if (s.password !== undefined && s.password === '')
    fail(at('password'), 'empty password; set the variable it refers to, or remove the key');
  const positive = (
    key: 'connect_timeout_ms' | 'command_timeout_ms' | 'reconnect_max_delay_ms',
    d: number,
  ) => {
    if (s[key] === 0) fail(at(key), 'must be greater than 0');
    return s[key] ?? d;
  };
  const store: RedisStoreConfig = {
    type: 'redis',
    url: s.url,
    keyPrefix: s.key_prefix ?? STORE_DEFAULTS.keyPrefix,
    connectTimeoutMs: positive('connect_timeout_ms', STORE_DEFAULTS.connectTimeoutMs),
    commandTimeoutMs: positive('command_timeout_ms', STORE_DEFAULTS.commandTimeoutMs),
    reconnectMaxDelayMs: positive('reconnect_max_delay_ms', STORE_DEFAULTS.reconnectMaxDelayMs),
  };
  if (s.username !== undefined) store.username = s.username;
  if (s.password !== undefined) store.password = s.password;
  if (s.db !== undefined) store.db = s.db;
  if (s.tls !== undefined) {
    const t = s.tls;
    store.tls = {};
    if (t.ca_file !== undefined) store.tls.caFile = anchor(t.ca_file);
    if (t.cert_file !== undefined) store.tls.certFile = anchor(t.cert_file);
    if (t.key_file !== undefined) store.tls.keyFile = anchor(t.key_file);
    if ((t.cert_file === undefined) !== (t.key_file === undefined))
      fail(
        at('tls', t.cert_file === undefined ? 'key_file' : 'cert_file'),
        'a client certificate needs both cert_file and key_file',
      );
    if (t.servername !== undefined) store.tls.servername = t.servername;
  }
  return store;
}

/** Where a Redis store points, without credentials (for messages and logs): `redis://host:6379/1`. */
export function redisAddress(c: RedisStoreConfig): string {
  const url = new URL(c.url);
  return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
}

/** A URL for a message, its password replaced. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
