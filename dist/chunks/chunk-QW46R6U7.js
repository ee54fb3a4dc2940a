import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/config/guard-store.ts
var STORE_DEFAULTS = {
  /** Relative to the config file's folder. */
  sqlitePath: ".mcp-guard/state.db",
  keyPrefix: "mcp-guard:",
  connectTimeoutMs: 5e3,
  commandTimeoutMs: 2e3,
  reconnectMaxDelayMs: 2e3
};
var REDIS_KEYS = [
  "url",
  "key_prefix",
  "username",
  "password",
  "db",
  "tls",
  "connect_timeout_ms",
  "command_timeout_ms",
  "reconnect_max_delay_ms"
];
function normalizeStore(raw, anchor, fail) {
  const s = raw.store ?? {};
  const at = (...key) => ["store", ...key];
  if ((s.type ?? "sqlite") === "sqlite") {
    for (const key of REDIS_KEYS)
      if (s[key] !== void 0) fail(at(key), `${key} is a Redis setting; add type: redis or remove it`);
    if (s.path !== void 0 && s.path.trim() === "")
      fail(at("path"), "empty path; remove the key or give a file");
    return { type: "sqlite", path: anchor(s.path ?? STORE_DEFAULTS.sqlitePath) };
  }
  if (s.path !== void 0) fail(at("path"), "path is for type sqlite; a Redis store is named by url");
  if (s.url === void 0)
    fail(
      at("type"),
      'type redis needs url, e.g. url: "${REDIS_URL}" (redis://host:6379 or rediss:// for TLS)'
    );
  if (fail.known(at("url"))) {
    if (!URL.canParse(s.url))
      fail(at("url"), `"${redact(s.url)}" is not a URL; expected redis://host:port or rediss://`);
    const url = new URL(s.url);
    if (url.protocol !== "redis:" && url.protocol !== "rediss:")
      fail(at("url"), `unsupported scheme ${url.protocol}; expected redis:// or rediss:// (TLS)`);
    if (url.hostname === "") fail(at("url"), "no host in the URL");
    if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname))
      fail(at("url"), `the URL path must be a database number (/0), not ${url.pathname}`);
    if (s.password !== void 0 && url.password !== "")
      fail(
        at("password"),
        'the password is also in the URL; keep one (preferably password: "${REDIS_PASSWORD}")'
      );
    if (s.username !== void 0 && url.username !== "")
      fail(at("username"), "the user is also in the URL; keep one");
    if (s.db !== void 0 && url.pathname.length > 1)
      fail(at("db"), "the database is also in the URL; keep one");
    if (s.tls !== void 0 && url.protocol !== "rediss:")
      fail(at("tls"), "tls settings need a rediss:// URL (redis:// is plain text)");
  }
  if (s.password !== void 0 && s.password === "")
    fail(at("password"), "empty password; set the variable it refers to, or remove the key");
  const positive = (key, d) => {
    if (s[key] === 0) fail(at(key), "must be greater than 0");
    return s[key] ?? d;
  };
  const store = {
    type: "redis",
    url: s.url,
    keyPrefix: s.key_prefix ?? STORE_DEFAULTS.keyPrefix,
    connectTimeoutMs: positive("connect_timeout_ms", STORE_DEFAULTS.connectTimeoutMs),
    commandTimeoutMs: positive("command_timeout_ms", STORE_DEFAULTS.commandTimeoutMs),
    reconnectMaxDelayMs: positive("reconnect_max_delay_ms", STORE_DEFAULTS.reconnectMaxDelayMs)
  };
  if (s.username !== void 0) store.username = s.username;
  if (s.password !== void 0) store.password = s.password;
  if (s.db !== void 0) store.db = s.db;
  if (s.tls !== void 0) {
    const t = s.tls;
    store.tls = {};
    if (t.ca_file !== void 0) store.tls.caFile = anchor(t.ca_file);
    if (t.cert_file !== void 0) store.tls.certFile = anchor(t.cert_file);
    if (t.key_file !== void 0) store.tls.keyFile = anchor(t.key_file);
    if (t.cert_file === void 0 !== (t.key_file === void 0))
      fail(
        at("tls", t.cert_file === void 0 ? "key_file" : "cert_file"),
        "a client certificate needs both cert_file and key_file"
      );
    if (t.servername !== void 0) store.tls.servername = t.servername;
  }
  return store;
}
function redisAddress(c) {
  const url = new URL(c.url);
  return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ""}`;
}
function redact(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

export {
  normalizeStore,
  redisAddress
};
