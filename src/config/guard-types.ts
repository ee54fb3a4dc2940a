// The guard's configuration as the runtime sees it: every default applied, every `${VAR}` resolved,
// every Python-era alias folded into one shape. Loading lives in guard.ts; this file is only types,
// so the runtime can import them without pulling in the parser.

/** The validated, effective guard configuration. */
export interface GuardConfig {
  /** Absolute path of the config file. */
  file: string;
  auth: GuardAuth;
  servers: Record<string, GuardServer>;
  /** First match wins; empty means the single server (or an error if there are several). */
  routes: GuardRoute[];
  policies: GuardPolicies;
  /** `redact` lists extra secret-looking field names to blank in audit records. */
  audit: { path?: string; recordArguments: boolean; redact: string[] };
  http: GuardHttp;
  /** What happens to a held call, and who is told (docs/guard-console.md). */
  approvals: GuardApprovals;
  /** The web console of `serve-http` (off by default). */
  console: GuardConsole;
  /** Where shared state lives: SQLite (default `.mcp-guard/state.db` next to the config file) or Redis. */
  store: GuardStore;
  /**
   * Defaults: 4 MiB, 120 s, and 60 s for a backend's answer to `initialize` (a backend that never
   * answers it, e.g. an `npx` download stuck behind a proxy, fails with its last stderr lines).
   */
  limits: {
    maxMessageBytes: number;
    requestTimeoutMs: number;
    initializeTimeoutMs: number;
    /** Nesting of arrays and objects in one message, checked where it is parsed; default 64. */
    maxDepth: number;
  };
  /**
   * How tool, prompt and resource-template names from several backends are told apart in merged
   * lists: `prefix` gives `<server>__<name>`; `none` keeps names and makes a collision a start-up
   * error. Default: `prefix` when there are several servers, `none` with one.
   */
  namespacing: 'prefix' | 'none';
  /**
   * This guard's name among several replicas (the `replica` label of `/metrics`); default the host name.
   */
  replica: string;
}

/** The `store` section: one SQLite file (one machine) or Redis (several replicas). */
export type GuardStore = { type: 'sqlite'; path: string } | RedisStoreConfig;

/** `store: {type: redis, ...}`: the state several guard replicas share (docs/guard-config.md). */
export interface RedisStoreConfig {
  type: 'redis';
  /** `redis://` or `rediss://` (TLS), with optional `user:password@` and `/db`. */
  url: string;
  /** Put before every key, so several guards (or other applications) can share one Redis; default `mcp-guard:`. */
  keyPrefix: string;
  /** ACL user and password (override those in the URL). */
  username?: string;
  password?: string;
  /** Database number (overrides the URL's). */
  db?: number;
  /** With `rediss://`: a CA bundle, a client certificate and key (mutual TLS), the name to verify. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string; servername?: string };
  /** Time to connect; default 5000 ms. */
  connectTimeoutMs: number;
  /** Time for one command's answer before the call is refused as store unavailable; default 2000 ms. */
  commandTimeoutMs: number;
  /** Longest pause between reconnection attempts; default 2000 ms. */
  reconnectMaxDelayMs: number;
}

/** `approvals`: how a call held for a human is answered, and the webhooks told about it. */
export interface GuardApprovals {
  /** `error` (default): answer -32004 at once, the retry passes once approved; `wait`: keep the call open. */
  mode: 'error' | 'wait';
  /** With `wait`: how long a held call waits for a decision before the -32004 answer; default 300. */
  waitSec: number;
  notify: GuardWebhook[];
}

/** One webhook called when a call is held and when it is decided. */
export interface GuardWebhook {
  url: string;
  /** `slack`: an incoming-webhook message with links into the console; `json`: a signed JSON event. */
  format: 'slack' | 'json';
  /** HMAC-SHA256 key of the `X-MCP-Guard-Signature` header (required for `json`). */
  secret?: string;
  /** Per attempt; default 5000 ms. */
  timeoutMs: number;
  /** Attempts after the first (backoff 1 s, 2 s, 4 s ...); default 3. */
  retries: number;
}

/** A person who may sign in to the console and to the guard's own OAuth pages (`issuer: self`). */
export interface GuardUser {
  name: string;
  /** `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` from `mcp-guard guard console hash-password`. */
  passwordHash: string;
  /** The OAuth scopes this user may grant a client (`issuer: self`); absent: every scope the guard knows. */
  scopes?: string[];
}

/** The grant types a client of the guard's own authorization server may use. */
export const OAUTH_GRANT_TYPES = [
  'authorization_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
  'client_credentials',
] as const;

/** A client of the guard's own authorization server (`auth.oauth.clients`). */
export interface OAuthClient {
  clientId: string;
  /** Shown on the consent and device pages; default the client id. */
  clientName?: string;
  /** Where the authorization code goes (exact match; any port on a loopback http URI). */
  redirectUris: string[];
  /** Some of {@link OAUTH_GRANT_TYPES} (`device_code` written short is read as the URN). */
  grantTypes: string[];
  /** The scopes it may get; absent: every scope the guard knows. */
  scopes?: string[];
  /** A confidential client: SHA-256 of its secret (the secret itself is never in the config). Public without. */
  secretSha256?: Buffer;
}

/** `auth.oauth.issuer: self`: the guard is its own authorization server, under its public URL. */
export interface SelfIssuer {
  clients: OAuthClient[];
  /** RFC 7591 registration open to anyone who can reach the guard; default false. */
  dynamicRegistration: boolean;
  /**
   * Client ID metadata documents: a client whose id is an https URL under one of these prefixes is
   * described by the JSON document at that URL (`*`: any https URL). Empty (the default): off.
   */
  clientIdMetadataDocuments: string[];
  /** Access tokens (JWTs) live this long; default 600 s. */
  accessTokenTtlSec: number;
  /** Refresh tokens (rotated on each use) live this long from the sign-in; default 14 days. */
  refreshTokenTtlSec: number;
  /** A device flow's codes live this long (then polling answers expired_token); default 600 s. */
  deviceCodeTtlSec: number;
  /** Devices poll at most this often (`interval`; faster gets slow_down, RFC 8628); default 5 s. */
  devicePollIntervalSec: number;
  /** Read from the original mcp-guard's `mode: oauth2`: what it was mapped to (`guard check` prints it). */
  migrated?: string;
}

/** `console`: the browser console of `serve-http` under `/console`. */
export interface GuardConsole {
  enabled: boolean;
  users: GuardUser[];
  /** Signs session cookies; give one (32+ bytes) to share sessions across replicas and restarts. */
  sessionSecret?: Uint8Array;
  /** A session lasts this long after sign-in; default 28800 (8 h). */
  sessionTtlSec: number;
  /** Failed sign-ins per minute per client address (and 4x that per user name) before 429; default 5. */
  loginAttemptsPerMinute: number;
  /** With `auth.mode: oauth`: a bearer token carrying this scope may use `/console/api`; default `console`. */
  oauthScope: string;
}

/**
 * The guard config as far as the loader could read it in lint mode: a section it refused (or one
 * decided at deploy time, such as `auth.mode: ${AUTH_MODE}`) is left out. Strict mode always gives a
 * whole {@link GuardConfig}.
 */
export type GuardDraft = Pick<GuardConfig, 'file'> & Partial<Omit<GuardConfig, 'file'>>;

/** `mcp-guard guard serve-http`. Every limit has a default (docs/guard-config.md). */
export interface GuardHttp {
  /** Default `127.0.0.1`. */
  host: string;
  /** Default 8080. */
  port: number;
  /** `Origin` values allowed (exact, e.g. `https://app.example.com`); a request with another Origin gets 403. */
  allowedOrigins: string[];
  /**
   * `Host` header values allowed besides the bound address (DNS-rebinding defence). Default: when bound
   * to loopback, `localhost`, `127.0.0.1` and `[::1]` with the port; otherwise any.
   */
  allowedHosts: string[];
  /**
   * The guard's canonical URL as clients reach it (e.g. `https://mcp.example.com/mcp`): the OAuth
   * audience and the `resource` of the Protected Resource Metadata. Default `http://host:port/mcp`.
   */
  publicUrl?: string;
  /** Largest request body; 413 above it. Default: `limits.maxMessageBytes`. */
  maxBodyBytes: number;
  /** Time to receive the request headers; default 10 000 ms. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body; default 30 000 ms (a trickled body is cut off). */
  requestTimeoutMs: number;
  /**
   * Open connections from one client address; default 256. Beyond it a new connection is answered 429
   * and closed, so one address cannot take every file descriptor.
   */
  maxConnectionsPerAddress: number;
  /** A session unused this long is ended (its backend stopped); default 1800 s. */
  sessionIdleSec: number;
  /** Open sessions in total; default 1000. A new session beyond it gets 503. */
  maxSessions: number;
  /** Open sessions per principal (agent, or client address without auth); default 50; 429 beyond it. */
  maxSessionsPerPrincipal: number;
  /** `per_session` (default: one backend process per session, full isolation) or `shared` (one for all, ids rewritten). */
  backendMode: 'per_session' | 'shared';
  /** On SIGTERM, in-flight calls get this long to finish; default 10 000 ms. */
  shutdownGraceMs: number;
  metrics: {
    /** Default true. */
    enabled: boolean;
    /** When set, `/metrics` wants `Authorization: Bearer <token>`. */
    token?: string;
    /** Label series with the agent id (cardinality grows with agents); default false. */
    agentLabels: boolean;
  };
}

/** How clients prove who they are. API keys are kept only as SHA-256 digests. */
export type GuardAuth =
  | { mode: 'none' }
  | { mode: 'api_key'; keys: { agent: string; sha256: Buffer }[] }
  | {
      mode: 'jwt';
      algorithms: string[];
      secret?: Uint8Array;
      publicKey?: string;
      jwksFile?: string;
      jwksUrl?: string;
      issuer?: string;
      audience?: string[];
      clockToleranceSec: number;
      /** The claim naming the agent; default `sub`. */
      agentClaim: string;
    }
  | {
      /**
       * OAuth 2.1 resource server (HTTP only): access tokens from the authorization server(s), checked
       * through their JWKS; audience must equal the guard's canonical URL (`http.publicUrl`).
       */
      mode: 'oauth';
      /** Issuers accepted (`iss`), also listed as `authorization_servers` in the metadata. */
      issuers: string[];
      /** JWKS URL of the authorization server (fetched with `jose` createRemoteJWKSet). */
      jwksUrl: string;
      /** Default `RS256`, `ES256`, `PS256`, `EdDSA`. Never `none`, never HS* (no shared secret with an AS). */
      algorithms: string[];
      /** Scopes every request needs; default none. */
      scopes: string[];
      /** Extra scopes per tool name glob, e.g. `{ "transfer*": ["wallet:write"] }`. */
      toolScopes: Record<string, string[]>;
      /** Scopes to advertise in the metadata (`scopes_supported`); default: every scope named above. */
      scopesSupported: string[];
      clockToleranceSec: number;
      /** Default `sub`; `client_id` is common for machine clients. */
      agentClaim: string;
      /** JWKS fetch timeout, default 5000 ms; cache (cooldown) default 600 s. */
      jwksTimeoutMs: number;
      jwksCacheSec: number;
      /**
       * The guard issues the tokens itself (`issuer: self`). `issuers` and `jwksUrl` are then empty: the
       * issuer is the origin of the guard's canonical URL (`selfIssuerUrl`), its keys are in the store.
       */
      self?: SelfIssuer;
    };

/** One backend server: a local launch (`command` split into command + args at load) or a remote URL. */
export interface GuardServer {
  name: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  url?: string;
  headers: Record<string, string>;
}

/** Which backend a message goes to. */
export interface GuardRoute {
  mode: 'tool' | 'method' | 'default';
  toolName?: string;
  methodPrefix?: string;
  target: string;
}

/** The policies the pipeline enforces. */
export interface GuardPolicies {
  requestsPerMinute?: number;
  spendPerHourUsd?: number;
  maxSpendPerSession?: number;
  requireApprovalAbove?: number;
  /** Pending approvals expire after this many seconds; default 3600. */
  approvalTtlSec: number;
  /** Globs; deny wins. */
  toolAllowlist: string[];
  toolDenylist: string[];
  /** Per-agent overrides, from the top-level `agents` section (or `policies.agents`). */
  agents: Record<string, GuardAgent>;
  /** Tool pinning (rug-pull defence): `warn` (default) audits a changed or new tool, `block` hides and refuses it until approved. */
  pinning: 'warn' | 'block' | 'off';
  /** `amount` is a dotted path into the call's arguments; defaults to common wallet tools. */
  spendTools: { name: string; amount: string; currency: string }[];
}

/** What one agent (an id from auth) may do; unset fields fall back to the global policies. Deny wins. */
export interface GuardAgent {
  /** Backends this agent may reach (by name), including through `_meta.target_server`; default all. */
  servers?: string[];
  toolAllowlist?: string[];
  toolDenylist?: string[];
  requestsPerMinute?: number;
  spendPerHourUsd?: number;
  maxSpendPerSession?: number;
  requireApprovalAbove?: number;
  /** false: calls that would need approval are refused (-32003) instead of held. Default true. */
  approvals: boolean;
}

/**
 * A config problem with its place: `file:line:column: key: what is wrong and how to fix it`. A config
 * given as an object has no lines: `line` and `column` are 0 and the message is `file: key: what`.
 */
export class GuardConfigError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly key: string;
  constructor(file: string, line: number, column: number, key: string, what: string) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${key || '(root)'}: ${what}`);
    this.name = 'GuardConfigError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }
}
