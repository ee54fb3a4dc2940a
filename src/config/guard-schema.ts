// The guard config file's raw shape, as zod schemas: every key the file may hold (snake_case, the
// Python-era names plus the richer forms), strict so that a typo is an error rather than a policy
// silently switched off. Meaning (defaults, aliases, cross-checks) is applied afterwards in
// guard-normalize.ts.
import { z } from 'zod';

/** A number written as a number or, after `${VAR}` interpolation, as a numeric string. */
const num = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
  z.number().finite().nonnegative(),
);
const int = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z.number().int().nonnegative(),
);
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
/** Scalars in string maps (`PORT: 8080` in YAML) are kept as their text. */
const scalarText = z.preprocess(
  (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
  z.string(),
);
const list = z.array(z.string());

const toolLists = {
  tool_allowlist: list.optional(),
  tool_denylist: list.optional(),
};

const rateLimit = z.strictObject({
  requests_per_minute: num.optional(),
  spend_per_hour_usd: num.optional(),
});

/** `auth.jwt`: the richer JWT block. */
const jwt = z.strictObject({
  algorithms: list.optional(),
  secret: z.string().optional(),
  public_key: z.string().optional(),
  jwks_file: z.string().optional(),
  jwks_url: z.string().optional(),
  issuer: z.string().optional(),
  audience: z.union([z.string(), list]).optional(),
  clock_tolerance_sec: num.optional(),
  agent_claim: z.string().optional(),
});

/** One client of the guard's own authorization server (`auth.oauth.issuer: self`). */
const oauthClient = z.strictObject({
  client_id: z.string(),
  client_name: z.string().optional(),
  redirect_uris: list.optional(),
  grant_types: list.optional(),
  scopes: list.optional(),
  client_secret_sha256: z.string().optional(),
});

/**
 * `auth.oauth`: the guard as an OAuth 2.1 resource server (HTTP), of an external authorization server
 * (`issuers`, `jwks_url`) or of its own (`issuer: self`, `clients`).
 */
const oauth = z.strictObject({
  issuer: z.string().optional(),
  issuers: z.union([z.string(), list]).optional(),
  jwks_url: z.string().optional(),
  clients: z.array(oauthClient).optional(),
  dynamic_registration: bool.optional(),
  client_id_metadata_documents: list.optional(),
  access_token_ttl_sec: int.optional(),
  refresh_token_ttl_sec: int.optional(),
  device_code_ttl_sec: int.optional(),
  device_poll_interval_sec: int.optional(),
  algorithms: list.optional(),
  scopes: list.optional(),
  tool_scopes: z.record(z.string(), list).optional(),
  scopes_supported: list.optional(),
  clock_tolerance_sec: num.optional(),
  agent_claim: z.string().optional(),
  jwks_timeout_ms: int.optional(),
  jwks_cache_sec: int.optional(),
});

/** One agent's overrides (top-level `agents` or `policies.agents`). */
const agent = z.strictObject({
  servers: list.optional(),
  ...toolLists,
  requests_per_minute: num.optional(),
  spend_per_hour_usd: num.optional(),
  max_spend_per_session: num.optional(),
  require_approval_above: num.optional(),
  approvals: bool.optional(),
});

/** The whole file. */
export const rawGuardSchema = z.strictObject({
  version: z.union([z.number(), z.string()]).optional(),
  replica: z.string().optional(),
  auth: z
    .strictObject({
      mode: z.string(),
      // Plain list, {agent: key} map or [{agent, key | key_sha256}]: checked by hand for clearer errors
      // (keyEntries() in guard-auth.ts); its forms are listed in HAND_READ_KEYS.
      keys: z.unknown().optional(),
      jwt_secret: z.string().optional(),
      jwt: jwt.optional(),
      oauth: oauth.optional(),
      // The original mcp-guard's `mode: oauth2` named its one client here; read as `issuer: self`.
      client_id: z.string().optional(),
    })
    .optional(),
  // Optional here so that a missing section gets the loader's "no server configured" message.
  servers: z
    .record(
      z.string(),
      z.strictObject({
        command: z.string().optional(),
        args: z.array(scalarText).optional(),
        env: z.record(z.string(), scalarText).optional(),
        cwd: z.string().optional(),
        url: z.string().optional(),
        headers: z.record(z.string(), scalarText).optional(),
      }),
    )
    .optional(),
  routes: z
    .array(
      z.strictObject({
        mode: z.enum(['tool', 'method', 'default']),
        tool_name: z.string().optional(),
        method_prefix: z.string().optional(),
        target: z.string(),
      }),
    )
    .optional(),
  policies: z
    .strictObject({
      max_spend_per_session: num.optional(),
      require_approval_above: num.optional(),
      approval_ttl_sec: int.optional(),
      ...toolLists,
      requests_per_minute: num.optional(),
      spend_per_hour_usd: num.optional(),
      rate_limit: rateLimit.optional(),
      audit_log: z.string().optional(),
      agents: z.record(z.string(), agent).optional(),
      pinning: z.enum(['warn', 'block', 'off']).optional(),
      spend: z
        .strictObject({
          tools: z.array(
            z.strictObject({
              name: z.string().min(1),
              amount: z.string().min(1),
              currency: z.string().optional(),
            }),
          ),
        })
        .optional(),
    })
    .optional(),
  rate_limit: rateLimit.optional(),
  audit_log: z.string().optional(),
  audit: z
    .strictObject({ path: z.string().optional(), record_arguments: bool.optional(), redact: list.optional() })
    .optional(),
  agents: z.record(z.string(), agent).optional(),
  namespacing: z.enum(['prefix', 'none']).optional(),
  http: z
    .strictObject({
      host: z.string().optional(),
      port: int.optional(),
      allowed_origins: list.optional(),
      allowed_hosts: list.optional(),
      public_url: z.string().optional(),
      max_body_bytes: int.optional(),
      headers_timeout_ms: int.optional(),
      request_timeout_ms: int.optional(),
      max_connections_per_address: int.optional(),
      session_idle_sec: int.optional(),
      max_sessions: int.optional(),
      max_sessions_per_principal: int.optional(),
      max_session_backends: int.optional(),
      backend_mode: z.enum(['per_session', 'shared']).optional(),
      shutdown_grace_ms: int.optional(),
      metrics: z
        .strictObject({
          enabled: bool.optional(),
          token: z.string().optional(),
          agent_labels: bool.optional(),
        })
        .optional(),
    })
    .optional(),
  approvals: z
    .strictObject({
      mode: z.enum(['error', 'wait']).optional(),
      wait_sec: int.optional(),
      notify: z
        .array(
          z.strictObject({
            url: z.string(),
            format: z.enum(['slack', 'json']).optional(),
            secret: z.string().optional(),
            timeout_ms: int.optional(),
            retries: int.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  console: z
    .strictObject({
      enabled: bool.optional(),
      users: z
        .array(z.strictObject({ name: z.string(), password_hash: z.string(), scopes: list.optional() }))
        .optional(),
      session_secret: z.string().optional(),
      session_ttl_sec: int.optional(),
      login_attempts_per_minute: int.optional(),
      oauth_scope: z.string().optional(),
    })
    .optional(),
  store: z
    .strictObject({
      type: z.enum(['sqlite', 'redis']).optional(),
      path: z.string().optional(),
      url: z.string().optional(),
      key_prefix: z.string().optional(),
      username: z.string().optional(),
      password: z.string().optional(),
      db: int.optional(),
      tls: z
        .strictObject({
          ca_file: z.string().optional(),
          cert_file: z.string().optional(),
          key_file: z.string().optional(),
          servername: z.string().optional(),
        })
        .optional(),
      connect_timeout_ms: int.optional(),
      command_timeout_ms: int.optional(),
      reconnect_max_delay_ms: int.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      max_message_bytes: int.optional(),
      request_timeout_ms: int.optional(),
      initialize_timeout_ms: int.optional(),
      max_depth: int.optional(),
    })
    .optional(),
});

/** The file as validated, before defaults and aliases. */
export type RawGuardConfig = z.infer<typeof rawGuardSchema>;

type Def = {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
  in?: unknown;
  out?: unknown;
};

const step = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
/** The schema under optional, default, nullable and preprocess wrappers. */
const unwrap = (s: unknown): unknown => {
  for (let d = step(s); ; d = step(s)) {
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') s = d.innerType;
    else if (d.type === 'pipe') s = d.out;
    else return s;
  }
};

/**
 * Keys read by hand below a key the schema takes as `unknown` (`auth.keys`): its plain-list items, its
 * agent map and its `{agent, key | key_sha256}` items. Written in the notation of {@link acceptedKeys}.
 */
export const HAND_READ_KEYS = [
  'auth.keys[]',
  'auth.keys.*',
  'auth.keys[].agent',
  'auth.keys[].key',
  'auth.keys[].key_sha256',
] as const;

/**
 * Every key the loader accepts, as patterns: `auth.jwt.secret`, `servers.*.command` (`*`: any name of
 * a map), `routes[].target` (`[]`: any item of a list), with {@link HAND_READ_KEYS}. The scanner's
 * meta-test walks this list: every key must have a test that the scanner judges it.
 */
export function acceptedKeys(): string[] {
  const out: string[] = [];
  const walk = (schema: unknown, prefix: string) => {
    const d = step(unwrap(schema));
    if (d.type === 'object')
      for (const [key, child] of Object.entries(d.shape ?? {})) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.push(path);
        walk(child, path);
      }
    else if (d.type === 'record') walk(d.valueType, `${prefix}.*`);
    else if (d.type === 'array') walk(d.element, `${prefix}[]`);
    else if (d.type === 'union') for (const option of d.options ?? []) walk(option, prefix);
  };
  walk(rawGuardSchema, '');
  return [...new Set([...out, ...HAND_READ_KEYS])].sort();
}

/** The keys the schema accepts at `path` (for "unknown key; expected one of ..." messages). */
export function expectedKeys(path: readonly PropertyKey[]): string[] {
  let cur: unknown = rawGuardSchema;
  for (const seg of path) {
    cur = unwrap(cur);
    const d = step(cur);
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'record') cur = d.valueType;
    else if (d.type === 'array') cur = d.element;
    else return [];
    if (!cur) return [];
  }
  const d = step(unwrap(cur));
  return d.type === 'object' ? Object.keys(d.shape ?? {}) : [];
}
