import { Readable, Writable } from 'node:stream';

/** The formats mcp-guard reads. */
export type Format = "json" | "jsonc" | "yaml" | "toml";
/** One segment of a JSON path: an object key or an array index. */
export type PathSegment = string | number;
/** A path from the document root to a value, e.g. `['mcpServers', 'github', 'env', 'TOKEN']`. */
export type JsonPath = readonly PathSegment[];
/** A value in the tree with its byte range in the source text. */
export type PNode = {
	kind: "object";
	offset: number;
	length: number;
	entries: PEntry[];
} | {
	kind: "array";
	offset: number;
	length: number;
	items: PNode[];
} | {
	kind: "string";
	offset: number;
	length: number;
	value: string;
} | {
	kind: "number";
	offset: number;
	length: number;
	value: number;
} | {
	kind: "boolean";
	offset: number;
	length: number;
	value: boolean;
} | {
	kind: "null";
	offset: number;
	length: number;
	value: null;
};
/** An object member; the key keeps its own position (findings about a key point at the key). */
export interface PEntry {
	key: string;
	keyOffset: number;
	value: PNode;
}
/** A 1-based line and column. */
export interface Position {
	line: number;
	column: number;
}
/** A parse failure with its place in the file. */
export interface ParseProblem extends Position {
	message: string;
}
/** The result of parsing one file: a tree (possibly partial) plus any errors. */
export interface ParsedDocument {
	format: Format;
	text: string;
	/** The tree; `undefined` when nothing could be parsed (empty or hopelessly broken file). */
	root: PNode | undefined;
	errors: ParseProblem[];
	/** Offsets of comments, for inline ignores: each comment's text and its line. */
	comments: {
		line: number;
		text: string;
	}[];
	/** Turns a byte offset into a 1-based line and column. */
	position(offset: number): Position;
}
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
	audit: {
		path?: string;
		recordArguments: boolean;
		redact: string[];
	};
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
	namespacing: "prefix" | "none";
	/**
	 * This guard's name among several replicas (the `replica` label of `/metrics`); default the host name.
	 */
	replica: string;
}
/** The `store` section: one SQLite file (one machine) or Redis (several replicas). */
export type GuardStore = {
	type: "sqlite";
	path: string;
} | RedisStoreConfig;
/** `store: {type: redis, ...}`: the state several guard replicas share (docs/guard-config.md). */
export interface RedisStoreConfig {
	type: "redis";
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
	tls?: {
		caFile?: string;
		certFile?: string;
		keyFile?: string;
		servername?: string;
	};
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
	mode: "error" | "wait";
	/** With `wait`: how long a held call waits for a decision before the -32004 answer; default 300. */
	waitSec: number;
	notify: GuardWebhook[];
}
/** One webhook called when a call is held and when it is decided. */
export interface GuardWebhook {
	url: string;
	/** `slack`: an incoming-webhook message with links into the console; `json`: a signed JSON event. */
	format: "slack" | "json";
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
export type GuardDraft = Pick<GuardConfig, "file"> & Partial<Omit<GuardConfig, "file">>;
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
	/**
	 * Sessions that run backends of their own (`backend_mode: per_session`), at most; default 64 (set only
	 * when written). A new one beyond it ends the least recently used idle one first; 503 when none is idle.
	 */
	maxSessionBackends?: number;
	/** `per_session` (default: one backend process per session, full isolation) or `shared` (one for all, ids rewritten). */
	backendMode: "per_session" | "shared";
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
export type GuardAuth = {
	mode: "none";
} | {
	mode: "api_key";
	keys: {
		agent: string;
		sha256: Buffer;
	}[];
} | {
	mode: "jwt";
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
} | {
	/**
	 * OAuth 2.1 resource server (HTTP only): access tokens from the authorization server(s), checked
	 * through their JWKS; audience must equal the guard's canonical URL (`http.publicUrl`).
	 */
	mode: "oauth";
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
	mode: "tool" | "method" | "default";
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
	pinning: "warn" | "block" | "off";
	/** `amount` is a dotted path into the call's arguments; defaults to common wallet tools. */
	spendTools: {
		name: string;
		amount: string;
		currency: string;
	}[];
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
export declare class GuardConfigError extends Error {
	readonly file: string;
	readonly line: number;
	readonly column: number;
	readonly key: string;
	constructor(file: string, line: number, column: number, key: string, what: string);
}
/** The place of every credential the guard checks callers against, as the loader reads them. */
export interface CredentialPlace {
	kind: "API key" | "JWT secret" | "metrics token" | "Redis password" | "console session secret" | "webhook secret";
	path: JsonPath;
}
/** One variable reference found in a string. */
export interface VarRef {
	/** The syntax family: `env` (`${VAR}`, `${env:VAR}`, `$VAR`), `input`, `file`, `secret`, or `other`. */
	kind: "env" | "input" | "file" | "secret" | "other";
	/** The variable's name (`GITHUB_TOKEN`, the input id, the file path, the secret name). */
	name: string;
	/** The text as written, e.g. `${env:GITHUB_TOKEN}`. */
	text: string;
	/** A default given inline (`${VAR:-default}`), if any. */
	fallback?: string;
}
/** A string value from a config file, with where it came from and whether it is literal. */
export interface SValue {
	value: string;
	/** JSON path of the value inside its file. */
	path: JsonPath;
	/** 1-based line and column of the value. */
	line: number;
	column: number;
	/** Variable references inside the value; empty for a plain literal. */
	refs: VarRef[];
}
/** How the client reaches the server. */
export type Transport = "stdio" | "http" | "sse" | "ws";
/** One MCP server as a client (or the guard) would start or reach it. */
export interface ServerSpec {
	/** The server's name (its key in the servers map, or its `name` in list forms). */
	name: string;
	/** JSON path of the server entry. */
	path: JsonPath;
	line: number;
	column: number;
	transport: Transport;
	/** Local launch. `command` may carry its own arguments (`npx -y pkg`); see `argv()` in launch.ts. */
	command?: SValue;
	args: SValue[];
	env: Record<string, SValue>;
	cwd?: SValue;
	envFile?: SValue;
	/** Remote endpoint. */
	url?: SValue;
	headers: Record<string, SValue>;
	/** Auth hints that do not live in headers. */
	auth: {
		/** Codex `bearer_token_env_var`, `env_http_headers`; Claude Code `headersHelper`; OAuth blocks. */
		hints: SValue[];
		oauth: boolean;
	};
	/** `disabled: true` (or `enabled: false`): judged one severity lower, since one click turns it on. */
	disabled: boolean;
	/**
	 * Tools approved without asking, or `'all'` (Gemini `trust: true`, Codex `default_tools_approval_mode
	 * = "approve"`), one entry per list: Cline reads `autoApprove` and Roo `alwaysAllow`, so a server that
	 * has both keeps both. Codex's `tools.<tool>.approval_mode = "approve"` entries make one list.
	 */
	autoApprove: {
		path: JsonPath;
		tools: string[] | "all";
	}[];
}
/**
 * A grant of approval written outside a server's entry: Claude Code `permissions.allow` and
 * `enableAllProjectMcpServers`, VS Code `chat.tools.autoApprove`, Zed `always_allow_tool_actions`,
 * Goose `GOOSE_MODE: auto` and `permission.yaml`, Codex `approval_policy = "never"`.
 */
export interface Approval {
	/** JSON path of the grant (the setting, or the list entry that names the server). */
	path: JsonPath;
	/** The setting as written, for messages: `enableAllProjectMcpServers`, `permissions.allow: mcp__github`. */
	setting: string;
	/**
	 * What runs without asking: `all-tools` every tool of every server, `server` every tool of
	 * `server`, `tools` the `tools` (of `server` when named), `project-servers` every server of a
	 * project's `.mcp.json`, started without a prompt, `commands` the shell commands the model writes
	 * (Codex `approval_policy = "never"` inside its sandbox; MCP tools are still judged by their own modes).
	 */
	grants: "all-tools" | "server" | "tools" | "project-servers" | "commands";
	server?: string;
	tools?: string[];
	/** The project of `.claude.json` the grant belongs to (`projects.<path>`). */
	project?: string;
	/**
	 * How to take the grant back when it is a mode with a safer value, naming that value
	 * (`set GOOSE_MODE: smart_approve`); without it the rule's general fix applies.
	 */
	fix?: string;
}
/** A servers map in a file that its client does not read (a `.vscode/mcp.json` that also has `mcpServers`). */
export interface IgnoredServers {
	/** JSON path of the map (`['mcpServers']`). */
	path: JsonPath;
	/** The key the client reads instead (`servers`). */
	reads: string;
	/** The servers in it, read as any others, so that what they hold (a secret) can still be judged. */
	servers: ServerSpec[];
}
/** Where a config file sits: the user's own, a project's, or one pushed by an administrator. */
export type Scope = "user" | "project" | "managed";
/** One config file of one client. */
export interface ClientConfig {
	/** Absolute path on disk. */
	file: string;
	/** The client's id, e.g. `claude-desktop`, `cursor`, `vscode`, `mcp-guard`. */
	client: string;
	scope: Scope;
	document: ParsedDocument;
	servers: ServerSpec[];
	/** Grants of approval outside the server entries (`permissions.allow`, `chat.tools.autoApprove` ...). */
	approvals: Approval[];
	/** Servers maps the client does not read: never launched, so not in `servers`, but reported. */
	ignored: IgnoredServers[];
	/**
	 * For mcp-guard's own config: what the guard's loader made of it (lint mode). `servers` are then its
	 * backends, read by the same loader.
	 */
	guard?: GuardLint;
}
/** One thing the strict loader would refuse, with its place. */
export interface GuardProblem {
	path: JsonPath;
	/** `path` as the loader's errors write it: `auth.keys[0]`, or empty for the whole file. */
	key: string;
	line: number;
	column: number;
	/** The loader's message, as `guard check` and `guard serve` print it after `file:line:column: key: `. */
	message: string;
	/** A syntax error: the file could not be read as YAML/JSON at all (the scanner's MG000). */
	parse?: boolean;
}
/** A credential the guard checks callers against, as written in the file. */
export interface GuardCredential {
	kind: CredentialPlace["kind"];
	value: SValue;
}
/** What the loader made of a guard config in lint mode. */
export interface GuardLint {
	/** Absolute path of the file. */
	file: string;
	/**
	 * The effective config: aliases folded, defaults applied, values written as references kept as
	 * written (or, where a number or a choice is expected, a stand-in the loader accepts). A section the
	 * loader refused is left out.
	 */
	config: GuardDraft;
	/** Everything the strict loader would refuse, in file order. */
	problems: GuardProblem[];
	/** The backends, as the client model's ServerSpec: launch rules judge them like any client's servers. */
	servers: ServerSpec[];
	/** The API keys, JWT secret and metrics token written in the file, whatever the auth mode. */
	credentials: GuardCredential[];
	/**
	 * Where effective settings were written (`auth.mode`, `http`, `audit.path`, and the limits that have
	 * several places: `policies.requestsPerMinute`, `policies.spendPerHourUsd` ...): a setting left out
	 * took its default.
	 */
	sources: ReadonlyMap<string, JsonPath>;
	/** True when the value at `path` was written as a `${VAR}` reference, so it is decided at deploy time. */
	isReference(path: JsonPath): boolean;
	/** Every value written with `${VAR}` references, as written: `guard check` resolves them against its environment. */
	references: {
		path: JsonPath;
		text: string;
		line: number;
		column: number;
	}[];
}
declare const SEVERITIES: readonly [
	"critical",
	"high",
	"medium",
	"low"
];
export type Severity = (typeof SEVERITIES)[number];
/** How often a finding of the rule is a true positive (SARIF `precision`). */
export type Precision = "very-high" | "high" | "medium" | "low";
/** A rule's identity and documentation; the same object drives docs, SARIF and the CLI. */
export interface RuleMeta<M extends string = string> {
	/** Stable code (`MG101`): what users write in ignores, and the SARIF `ruleId`. */
	code: string;
	/** Kebab-case name (`remote-no-auth`): file name, doc page, fixture folder, SARIF `name`. */
	name: string;
	severity: Severity;
	precision: Precision;
	/** One line: what it detects. */
	summary: string;
	/** A paragraph: why it matters. */
	description: string;
	/** Markdown with the remediation (an unsafe snippet and the safe one). */
	help: string;
	/** A one-line fix shown beside each finding in text output. */
	fix: string;
	tags: string[];
	/** Message templates by key; `{name}` placeholders are filled from the report's `data`. */
	messages: Record<M, string>;
	/** The rule's documentation page, built from its name by {@link defineRule} so the two cannot drift. */
	helpUri: string;
}
/** What a check reports: where (a JSON path in the file) and which message. */
export interface Report<M extends string = string> {
	path: JsonPath;
	/** A place to use instead of the path's (a parse error has a line and column but no path). */
	at?: Position;
	/** Key into the rule's `messages`. */
	message: M;
	data?: Record<string, string | number>;
	/** Overrides the rule's default severity for this finding (e.g. MG210 on loopback). */
	severity?: Severity;
	/** The server a file-level finding is about (a grant that names it), when no `checkServer` says so. */
	server?: string;
	/**
	 * Overrides the rule's one-line fix for this finding, when the rule's own is too general to act on
	 * (MG202: the safer value of the very setting that was found, `GOOSE_MODE: smart_approve`).
	 */
	fix?: string;
}
/** A place in another file (or elsewhere in the same one) that explains a finding. */
export interface RelatedPlace {
	config: ClientConfig;
	path: JsonPath;
	/** What is there, in a few words (`first launched here`). */
	message: string;
}
/** What a check over the whole scan reports: a finding in one of the files, and the places related to it. */
export interface ScanReport<M extends string = string> extends Omit<Report<M>, "server"> {
	/** The file the finding is in. */
	config: ClientConfig;
	/** The server it is about: its name is the finding's, and a disabled one is judged one severity lower. */
	server?: ServerSpec;
	related?: RelatedPlace[];
}
/** What a check over the whole scan can see besides the files. */
export interface ScanRuleContext<M extends string = string> {
	mode: "machine" | "repo";
	/** A file's name as output shows it (relative to the scan root), for messages that name another file. */
	fileName(config: ClientConfig): string;
	report(report: ScanReport<M>): void;
}
/** What a check can see besides its subject. */
export interface RuleContext<M extends string = string> {
	config: ClientConfig;
	/** `machine` when scanning the user's own machine (file permissions matter), `repo` otherwise. */
	mode: "machine" | "repo";
	/** POSIX mode bits of the file and of its folder, when known. */
	stat?: {
		mode: number;
		dirMode: number;
	};
	report(report: Report<M>): void;
}
/** The checks of a rule, at the levels it needs; the engine walks, the rule only judges. */
export interface RuleChecks<M extends string = string> {
	/**
	 * Optional async pre-pass, awaited once per file before any check runs: checks are synchronous, so
	 * work that needs an async library (e.g. secretlint's `lintSource`) is done here and cached.
	 */
	prepare?(config: ClientConfig): Promise<void>;
	/** Called once per server of every file (a guard config's backends included). */
	checkServer?(server: ServerSpec, ctx: RuleContext<M>): void;
	/** Called once per file. */
	checkFile?(config: ClientConfig, ctx: RuleContext<M>): void;
	/** Called once per mcp-guard config, with what the guard's own loader made of it (lint mode). */
	checkGuard?(guard: GuardLint, ctx: RuleContext<M>): void;
	/**
	 * Called once per scan, after every file is loaded, with all of them in file order: for judgements
	 * that need several files of one repository or machine (the same server launched two ways). Rare;
	 * everything that one file decides belongs in the checks above.
	 */
	checkScan?(configs: readonly ClientConfig[], ctx: ScanRuleContext<M>): void;
}
/** A rule: metadata plus one or more checks. */
export interface Rule<M extends string = string> extends RuleMeta<M>, RuleChecks<M> {
}
/** One problem at one place. */
export interface Finding {
	ruleId: string;
	/** The rule's name (`remote-no-auth`). */
	rule: string;
	/** The rule's one-line fix. */
	fix: string;
	/** The rule's documentation page. */
	helpUri: string;
	severity: Severity;
	message: string;
	/** Path relative to the scan root, forward slashes (absolute for machine files outside it). */
	file: string;
	line: number;
	column: number;
	client: string;
	server: string | null;
	/** Stable across line moves, list positions and a server's move between its client's files (fingerprint.ts). */
	fingerprint: string;
	/**
	 * Compared with a base commit (`--diff-base`, the Action on a pull request): `new` when the base has no
	 * finding with this fingerprint, `existing` when it has; `fixed` for a base finding gone from the scan.
	 */
	status?: FindingStatus;
	/** JSON path inside the file (not part of the JSON output's frozen fields, but kept for tools). */
	path: JsonPath;
	/** JSON path of the server entry, for a finding about a server (what its fingerprint is keyed inside). */
	serverPath?: JsonPath;
	/** The absolute path of the file. */
	absFile: string;
	/**
	 * Other places that explain the finding (where the same server was first launched), for formats
	 * that show them (SARIF `relatedLocations`). Not part of the JSON output's frozen fields: the message
	 * names the other file.
	 */
	related?: RelatedLocation[];
}
/** A place related to a finding. */
export interface RelatedLocation {
	/** Same convention as `Finding.file`. */
	file: string;
	line: number;
	column: number;
	message: string;
}
/** Where a finding stands against a base commit. */
export type FindingStatus = "new" | "existing" | "fixed";
/** The comparison with a base commit, when one was asked for. */
export interface ScanDiff {
	/** The git ref as given (`origin/main`, a SHA). */
	base: string;
	/** The commit it names. */
	commit: string;
	/** Base findings gone from the scan (status `fixed`; file and line as in the base, renamed files under their new name). */
	fixed: Finding[];
	/** Files (as `file` shows them) whose content differs from the base: changed, added or renamed. */
	changed: string[];
}
/** One config file that was read. */
export interface FileEntry {
	file: string;
	client: string;
	scope: string;
	servers: number;
}
/** A file that could not be read (too large, binary, unreadable, a link loop). */
export interface ScanError {
	file: string;
	message: string;
}
/** Everything a scan produced, before formatting. */
export interface ScanResult {
	/** The folder paths are relative to. */
	root: string;
	/** The rules that ran: those handed to the scan, less those the project config switches off. */
	rules: readonly RuleMeta[];
	findings: Finding[];
	files: FileEntry[];
	/** Machine scans: every location looked at, found or not. */
	searched: {
		path: string;
		client: string;
		found: boolean;
	}[];
	errors: ScanError[];
	/** How many findings were hidden by ignores, the baseline or --min-severity. */
	suppressed: number;
	/** Set when the scan was compared with a base commit; every finding then has a `status`. */
	diff?: ScanDiff;
}
/** Operating systems with their own config layouts (Node's `process.platform` names). */
export type Platform = "linux" | "darwin" | "win32";
/** Where the user's machine keeps things, passed in so tests can fake any OS. */
export interface MachineContext {
	platform: Platform;
	home: string;
	env: NodeJS.ProcessEnv;
}
/** What to scan and how to filter. */
export interface ScanOptions {
	/** Files or folders; empty means the machine's own config locations plus the current folder. */
	paths?: string[];
	/** The working folder (default `process.cwd()`). */
	cwd?: string;
	/** For machine scans: the platform, home and environment (default: this machine's). */
	machine?: Partial<MachineContext>;
	/** The rules to run: the CLI and the Action pass the catalogue (`RULES` from rules/index.ts). */
	rules: readonly Rule[];
	/** A project config file; default `.mcp-guard-scan.yaml` at the scan root when present. */
	config?: string;
	/** Hide findings below this severity. */
	minSeverity?: Severity;
	/** Report only findings whose fingerprint is not in this baseline file. */
	baseline?: string;
}
/** Every rule, sorted by code. */
export declare const RULES: readonly Rule[];
/** Parses and validates a guard config from `text`; `file` names it in errors and anchors relative paths. */
export declare function parseGuardConfig(text: string, file: string, env?: NodeJS.ProcessEnv): GuardConfig;
/**
 * A guard config given as an object: the same keys as the file (`auth`, `servers`, `policies` ...,
 * snake_case), checked the same way. Strings may hold `${VAR}` references, as in the file.
 */
export type GuardConfigInput = Record<string, unknown>;
/**
 * Reads and validates the guard config at `source` (a path to a YAML or JSON file), or checks a config
 * given as an object. Relative paths in an object config (store, audit log, cwd) are taken from the
 * current folder. Every problem is a `GuardConfigError` naming the key (and, for a file, its line).
 */
export declare function loadGuardConfig(source: string | GuardConfigInput, env?: NodeJS.ProcessEnv): Promise<GuardConfig>;
/** One decision of the guard, as one JSONL line. */
export interface AuditRecord {
	/** ISO 8601 time of the decision. */
	time: string;
	/** 1, 2, 3 ... across the whole file, even across restarts. */
	seq: number;
	/**
	 * `allow`, `deny`, `error`, `held`; `forward` (a call about to reach its backend; its outcome follows,
	 * same `call`); `unknown` (a forwarded call whose guard stopped before the outcome); `resume` and
	 * `repair` (the log itself: writable again after a failure, a torn last line set aside).
	 */
	decision: "allow" | "deny" | "error" | "held" | "forward" | "unknown" | (string & {});
	agent?: string;
	session?: string;
	method?: string;
	tool?: string;
	/** The JSON-RPC id of the request, if any. */
	id?: string | number | null;
	amount?: number;
	reason?: string;
	latencyMs?: number;
	backend?: string;
	/** SHA-256 of the canonical arguments. */
	argsHash?: string;
	/** The arguments themselves, only with `audit.record_arguments: true` (redacted). */
	args?: unknown;
	/** The JSON-RPC error code of a refusal. */
	code?: number;
	/**
	 * Links the two records of a `tools/call` that was forwarded: `forward` (written before the backend
	 * sees the call) and its outcome (`allow` or `error`, or `unknown` when the guard stopped first).
	 */
	call?: string;
	/**
	 * The spend reservation of a `forward` record's call: after a crash, the next start tells from it
	 * whether the call was ever sent (its reservation marked forwarded) or not (released).
	 */
	reservation?: string;
	/**
	 * A `forward` record's `reservation` is a spend lease (budget reserved for several calls of the
	 * session, policies/spend/lease.ts): after a crash the lease is settled to the calls that name it.
	 */
	lease?: boolean;
	/** An outcome record's call had its spend given back (the backend failed, or it was refused). */
	released?: boolean;
	/** The guard that wrote the record (config `replica`, default the host name). */
	replica?: string;
	/**
	 * A `held` record of a call that waits for its decision (`approvals.mode: wait`): not an answer (the
	 * call's outcome record follows, same `id` and `approval`), so metrics do not count it as a request.
	 */
	waiting?: boolean;
	/** The approval a record is about (a held call, a decision, the call it let through). */
	approval?: string;
	/** Who decided an approval (a console user, `--by` of the CLI). */
	by?: string;
	/** Hash of the previous record (64 zeros for the first). */
	prev: string;
	/** SHA-256 of this record's canonical form without `hash`. */
	hash: string;
}
/** What callers give; the log adds time, seq, prev and hash. */
export type AuditEntry = Omit<AuditRecord, "seq" | "prev" | "hash" | "time"> & {
	time?: string;
};
/** A JSON-RPC id: a string or an integer, never null in a request. */
export type RpcId = string | number;
/** A request: has a method and an id. */
export interface RpcRequest {
	jsonrpc: "2.0";
	id: RpcId;
	method: string;
	params?: Record<string, unknown>;
}
/** A notification: has a method, no id, never answered. */
export interface RpcNotification {
	jsonrpc: "2.0";
	method: string;
	params?: Record<string, unknown>;
}
/** An error object inside a response. */
export interface RpcErrorObject {
	code: number;
	message: string;
	data?: unknown;
}
/** A response: an id and either `result` or `error`. The id is null only for errors about unreadable input. */
export interface RpcResponse {
	jsonrpc: "2.0";
	id: RpcId | null;
	result?: Record<string, unknown>;
	error?: RpcErrorObject;
}
/** Any message. */
export type RpcMessage = RpcRequest | RpcNotification | RpcResponse;
/** One client connection (over stdio, the guard's whole lifetime) and the principal it is bound to. */
export interface SessionState {
	/** Random id, recorded in audit records and used as the spend ledger's session key. */
	id: string;
	/** The agent the session authenticated as (set by the first valid credential, or at the HTTP edge). */
	agent?: string;
	/**
	 * OAuth: the scopes the token that authenticated the session grants (checked against `tool_scopes`).
	 * Undefined when the session was not authenticated by an OAuth token: such a session holds none.
	 */
	scopes?: readonly string[];
	/** A name for the unauthenticated peer, under which failed authentications are rate limited. */
	peer: string;
}
/** The part of the audit log the runtime uses (`AuditLog` from ./audit satisfies it). */
export interface AuditSink {
	append(record: AuditEntry): unknown;
	/**
	 * Optional: the same record, written together with the others of this tick; resolves once it is in
	 * the log (the pipeline answers only then). `AuditLog` has it; a sink without it gets `append`.
	 */
	appendBatched?(record: AuditEntry): Promise<unknown>;
	/**
	 * Optional: undefined when records can be written, else why not (after one more try). `/ready` turns
	 * 503 while it says something, so a load balancer drains a guard that cannot keep its log.
	 */
	health?(): Promise<string | undefined>;
}
interface Approval$1 {
	id: string;
	agent: string;
	tool: string;
	/** SHA-256 of the canonical arguments: the retry must be the same call. */
	argsHash: string;
	amount?: number;
	summary: string;
	/** `withdrawn`: the client cancelled the waiting call (`approvals.mode: wait`) before anyone decided. */
	status: "pending" | "approved" | "denied" | "consumed" | "expired" | "withdrawn";
	/** Milliseconds since the epoch. */
	createdAt: number;
	expiresAt: number;
	decidedBy?: string;
	reason?: string;
	/** When it was approved, denied or withdrawn. */
	decidedAt?: number;
	/** The backend the call goes to, when known. */
	backend?: string;
	/** The call's arguments as JSON (redacted), kept only with `audit.record_arguments: true`. */
	args?: string;
}
/** What changed in the approvals after a cursor (see `Store.approvalChanges`). */
export interface ApprovalChanges {
	/** Pass it to the next call to get only later changes. */
	cursor: number;
	/** Approvals created or changed (decided, consumed, expired) since, each once, oldest change first. */
	approvals: Approval$1[];
}
/**
 * A tool's pinned definition (rug-pull defence), per backend server and tool name. `hash` is the
 * SHA-256 of the approved canonical definition; `pendingHash` the one the backend offers now when it
 * differs and no human has approved it yet.
 */
export interface ToolPin {
	server: string;
	tool: string;
	/** `pinned`: offered as approved; `changed`: the backend offers another version; `new`: never approved. */
	status: "pinned" | "changed" | "new";
	/** The approved version (absent for a `new` tool). */
	hash?: string;
	/** Canonical JSON of the approved definition. */
	definition?: string;
	/** The unapproved version the backend offers (absent when `pinned`). */
	pendingHash?: string;
	pendingDefinition?: string;
	/** When the approved version was pinned (first sight or approval), ms since the epoch. */
	pinnedAt?: number;
	/** When the pending version was first seen. */
	changedAt?: number;
	/** Who approved the current version (absent: trusted on first use). */
	approvedBy?: string;
}
/** What a backend offers for one tool right now, as `putPin` records it. */
export interface PinObservation {
	server: string;
	tool: string;
	hash: string;
	/** Canonical JSON of the definition (kept so `pins diff` can show it). */
	definition: string;
	/** Pin it as approved when the store has no pin for this tool (trust on first use). */
	trust: boolean;
	now: number;
}
/** Which pins `listPins` / `resetPins` touch: everything, one server, or one tool of one server. */
export interface PinTarget {
	server?: string;
	tool?: string;
}
/** What a held call asks for: the exact call (agent, tool, argument hash) and how long to wait. */
export interface ApprovalRequest {
	agent: string;
	tool: string;
	argsHash: string;
	amount?: number;
	summary: string;
	ttlSec: number;
	now: number;
	backend?: string;
	/** JSON of the redacted arguments (only with `audit.record_arguments: true`). */
	args?: string;
}
/** What a spend call reserves: its amount against the agent's session and hourly caps (absent: no cap). */
export interface ReserveRequest {
	agent: string;
	session: string;
	amount: number;
	sessionCap?: number;
	hourlyCap?: number;
	now: number;
	/** The guard's writer id (see `Store.releaseUnforwarded`); absent: never released by owner. */
	owner?: string;
}
/** A reservation made (its id, for `release`), or the cap it would exceed and what is left of it. */
export type ReserveResult = {
	ok: true;
	id: string;
} | {
	ok: false;
	cap: "session" | "hour";
	remaining: number;
};
/**
 * A record the store keeps for another part of the guard (the OAuth authorization server's grants,
 * codes, sessions, refresh tokens and signing keys): an opaque value under a kind and an id, with an
 * optional expiry, one optional secondary key to find it by, and an optional group whose records can be
 * deleted together. Records of one kind never meet another kind's.
 */
export interface RecordWrite {
	/** What is kept (JSON, as the owner wrote it); the store never reads it. */
	value: string;
	/** Gone after this time (milliseconds since the epoch); absent: kept until deleted. */
	expiresAt?: number;
	/** A second key, unique within the kind, that `findRecord` finds it by (a session's uid, a device's user code). */
	lookup?: string;
	/** A group within the kind (a grant's id): `deleteRecordGroup` removes all its records at once. */
	group?: string;
}
/** A record as read back. */
export interface StoredRecord {
	id: string;
	value: string;
	/** When `consumeRecord` marked it (milliseconds since the epoch); absent until then. */
	consumedAt?: number;
}
/** The guard's shared state. Times (`now`) are milliseconds since the epoch, passed in for testability. */
export interface Store {
	/**
	 * Guard replicas on several machines share this store (Redis). Spend is then reserved call by call:
	 * budget one replica leased for its sessions (policies/spend/lease.ts) would be out of the others'
	 * reach, and their refusals would understate what is left. Absent: false (memory, SQLite).
	 */
	readonly replicated?: boolean;
	/** Sliding-window (or token-bucket) rate check; counts the hit when allowed. */
	hit(key: string, limitPerMinute: number, now: number): Promise<{
		allowed: boolean;
		retryAfterMs: number;
	}>;
	/**
	 * A rate-limit lease on `hit`'s bucket for `key`: gives back `refund` unused tokens of an earlier lease
	 * (capped at the capacity), then takes up to `want` whole tokens, atomically (one UPSERT in SQLite; a
	 * Lua script or MULTI in Redis). The caller hands the granted tokens out itself, so tokens always leave
	 * the shared bucket before they admit a call. `retryAfterMs` (when fewer than `want` were granted) is
	 * when the next token will be there.
	 */
	take(key: string, limitPerMinute: number, want: number, now: number, refund?: number): Promise<{
		granted: number;
		retryAfterMs: number;
	}>;
	/**
	 * Atomically reserves `amount` against the caps; never overshoots under concurrency. With an `owner`
	 * (the guard instance's writer id, stable across its restarts) the reservation starts as not yet
	 * forwarded; see `forwarded` and `releaseUnforwarded`. Without one it counts until released or an hour old.
	 */
	reserve(r: ReserveRequest): Promise<ReserveResult>;
	/** Gives a reservation's amount back (the backend returned an error). */
	release(reservationId: string): Promise<void>;
	/**
	 * Marks a reservation's call as forwarded: the guard calls this just before the backend sees the call.
	 * A forwarded reservation stays counted whatever happens to the guard (the backend may have spent).
	 * Unknown or released ids do nothing.
	 */
	forwarded(reservationId: string): Promise<void>;
	/**
	 * Keeps at most `amount` of a reservation and gives the rest back, and marks it forwarded (so
	 * `releaseUnforwarded` leaves it alone). A spend lease (a process's budget for many calls, see
	 * policies/spend/lease.ts) is settled so: to what its calls used, when it retires, and again, lower,
	 * after a crash from the audit log. Only ever shrinks: an `amount` at or above what is reserved keeps it
	 * whole; 0 releases it. Unknown or released ids do nothing.
	 */
	settle(reservationId: string, amount: number): Promise<void>;
	/**
	 * Releases every reservation of `owner` not marked forwarded, and returns their ids. A guard calls this
	 * at start-up for the owner id it has just taken over (no other live process holds it): such
	 * reservations were made by its predecessor, which crashed between reserving and forwarding; the ids
	 * tell which of its `forward` records were never sent (the guard marks a reservation before sending).
	 */
	releaseUnforwarded(owner: string): Promise<string[]>;
	/** A pending approval for the same agent/tool/argsHash is returned instead of creating a second. */
	requestApproval(a: ApprovalRequest): Promise<Approval$1>;
	/** Latest approval for this exact call (any status), expiring stale pending ones. */
	findApproval(agent: string, tool: string, argsHash: string, now: number): Promise<Approval$1 | undefined>;
	/** Marks an approved approval consumed; true exactly once. */
	consumeApproval(id: string, now: number): Promise<boolean>;
	/** All approvals (newest first), or those with one status; stale ones are expired first (`now` defaults to the clock). */
	listApprovals(status?: Approval$1["status"], now?: number): Promise<Approval$1[]>;
	/** Resolves a unique id prefix; throws a clear error for none/ambiguous/empty. */
	resolveApprovalId(prefix: string): Promise<string>;
	/**
	 * Approves, denies or withdraws (the waiting client cancelled) a pending approval; throws a
	 * `StoreError` when it is not pending (decided, consumed, expired, withdrawn).
	 */
	decideApproval(id: string, decision: "approved" | "denied" | "withdrawn", by: string, reason: string | undefined, now: number): Promise<Approval$1>;
	/**
	 * The approvals change feed, across processes: without `after`, only the current cursor; with it,
	 * the approvals created or changed since (stale pending ones are expired first). A guard polls it
	 * while calls wait or a console watches, so a decision made anywhere (the CLI, another replica)
	 * wakes the waiting call. SQLite: a revision column bumped by every write; memory: a counter.
	 */
	approvalChanges(after?: number, now?: number): Promise<ApprovalChanges>;
	/** The pin of one tool, if any. */
	getPin(server: string, tool: string): Promise<ToolPin | undefined>;
	/**
	 * Records what a backend offers for a tool, atomically: no pin yet gives an approved pin (`trust`) or
	 * a `new` one; the approved hash clears any pending version (the backend went back); another hash
	 * becomes (or replaces) the pending version. Returns the pin as it now stands.
	 */
	putPin(o: PinObservation): Promise<ToolPin>;
	/** Pins sorted by server and tool, optionally only one server's (or one tool's). */
	listPins(target?: PinTarget): Promise<ToolPin[]>;
	/**
	 * Accepts the pending version of a tool as the pinned one. With `expectHash` (a prefix), refuses when
	 * the pending version is another one (the backend changed again after a human looked). Throws a
	 * `StoreError` when there is no such pin or nothing is pending.
	 */
	approvePin(server: string, tool: string, by: string, now: number, expectHash?: string): Promise<ToolPin>;
	/** Forgets the pins of the target (all when empty); returns how many were forgotten. */
	resetPins(target?: PinTarget): Promise<number>;
	/**
	 * Writes a record (replacing one with the same kind and id, and its consumed mark). With `ifAbsent`,
	 * writes only when there is no live record of that id, atomically (two replicas creating the same
	 * record: one wins); resolves true when it wrote.
	 */
	putRecord(kind: string, id: string, write: RecordWrite, now: number, ifAbsent?: boolean): Promise<boolean>;
	/** A live (unexpired) record, if any. */
	getRecord(kind: string, id: string, now: number): Promise<StoredRecord | undefined>;
	/** The live record of `kind` written with this `lookup`, if any. */
	findRecord(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined>;
	/** Marks a live record consumed (a used code or refresh token); its value is kept until it expires. */
	consumeRecord(kind: string, id: string, now: number): Promise<void>;
	/** Deletes a record (nothing when there is none). */
	deleteRecord(kind: string, id: string): Promise<void>;
	/** Deletes every record of `kind` written with this `group`. */
	deleteRecordGroup(kind: string, group: string): Promise<void>;
	/** Drops idle rate windows (memory stays bounded). */
	evictIdle(now: number): Promise<void>;
	/** Resolves when the store answers (readiness); rejects with a `StoreUnavailableError` when it does not. */
	ping(): Promise<void>;
	close(): Promise<void>;
}
/** How a wait for a decision ended. */
export type WaitOutcome = {
	status: "approved" | "denied" | "expired" | "withdrawn" | "consumed";
	approval: Approval$1;
} | {
	status: "timeout" | "aborted" | "shutdown";
};
/** Options of the hub. */
export interface HubOptions {
	/** How often the store is asked while someone listens; default 500 ms. */
	pollMs?: number;
	log?: (line: string) => void;
}
/** A registration that keeps the hub polling; `wait` on it, then `close` it. */
export interface Ticket {
	/** Resolves when approval `id` leaves `pending`, after `timeoutMs`, or when `signal` aborts. */
	wait(id: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
	close(): void;
}
declare class ApprovalHub {
	#private;
	constructor(store: Pick<Store, "approvalChanges">, options?: HubOptions);
	/** Reads the feed now (after a decision made in this process), rather than at the next tick. */
	poke(): void;
	/** Calls `listener` with every batch of changed approvals until the returned function is called. */
	subscribe(listener: (approvals: Approval$1[]) => void): Promise<() => void>;
	/**
	 * Registers for waiting. Take the ticket *before* asking the store for the approval: every change
	 * after that point is then seen, so a decision made at once is not missed.
	 */
	open(): Promise<Ticket>;
	/** Ends every wait (`shutdown`: the calls answer -32004 and may be retried) and stops polling. */
	close(): void;
}
/** What happened to an approval. */
export type ApprovalEvent = "approval.held" | "approval.approved" | "approval.denied" | "approval.withdrawn";
/** Links into the console for one approval (absent when the console is off). */
export interface ApprovalLinks {
	console: string;
	approve: string;
	deny: string;
}
/** Delivery counts per format, for the metrics. */
export interface WebhookStats {
	format: GuardWebhook["format"];
	delivered: number;
	failed: number;
}
/** Options of the notifier. */
export interface NotifierOptions {
	/** Links for an approval id (the console's base URL is known only once the server listens). */
	links?: (id: string) => ApprovalLinks | undefined;
	log?: (line: string) => void;
	/** Delay before the first retry, doubled for each further one; default 1000 ms. */
	backoffMs?: number;
	/** Deliveries in flight at most; more are dropped (and counted as failed); default 1000. */
	maxPending?: number;
}
declare class Notifier {
	#private;
	constructor(hooks: GuardWebhook[], options?: NotifierOptions);
	/** Counts per format since start. */
	stats(): WebhookStats[];
	/** Queues the event for every webhook and returns at once; never throws. */
	notify(event: ApprovalEvent, approval: Approval$1): void;
	/** Resolves once every queued delivery has succeeded or given up (the CLI waits before exiting). */
	idle(): Promise<void>;
}
/** Options of the desk. */
export interface DeskOptions {
	store: Store;
	config: GuardConfig;
	/** Where decisions made here are recorded (the console's). */
	audit?: AuditSink;
	log?: (line: string) => void;
	/** Hub polling interval (tests). */
	pollMs?: number;
	/** Webhook retry backoff (tests). */
	backoffMs?: number;
}
declare class ApprovalDesk {
	#private;
	readonly hub: ApprovalHub;
	readonly notifier: Notifier;
	constructor(options: DeskOptions);
	/** The console's base URL once the server knows it (`--port 0`). */
	set base(url: string | undefined);
	/** Links into the console for an approval (none when the console is off). */
	links(id: string): ApprovalLinks | undefined;
	/** Tells the webhooks (never blocks, never throws). */
	notify(event: ApprovalEvent, approval: Approval$1): void;
	/**
	 * A person's decision: recorded in the store (throws `StoreError` when it is no longer pending), in
	 * the audit log with who made it, told to the webhooks, and passed to the waiting call at once.
	 */
	decide(id: string, decision: "approved" | "denied", by: string, reason?: string): Promise<Approval$1>;
	close(): void;
}
/** One side of a connection that carries JSON-RPC messages. */
export interface MessageTransport {
	start(): Promise<void>;
	/** Sends one message; rejects when it cannot be delivered (closed, refused by the peer). */
	send(message: RpcMessage): Promise<void>;
	close(): Promise<void>;
	onmessage?: (message: RpcMessage) => void;
	/** The connection ended; `reason` says why when it ended on its own (a crash, a lost session). */
	onclose?: (reason?: string) => void;
	/**
	 * The peer will send nothing more (end of input), but answers can still be sent. Without a handler
	 * the end of input closes the transport (`onclose`).
	 */
	onend?: () => void;
	onerror?: (error: Error) => void;
	/** A message that is not valid, with the error response its sender should get (none for notifications). */
	oninvalid?: (reply: RpcResponse | undefined, reason: string) => void;
	/**
	 * Every request id this transport delivers was minted by the guard (unique in the process), so no
	 * layer behind it needs to rewrite it again: the HTTP call transports set it.
	 */
	readonly mintsIds?: boolean;
}
/** Backend lifecycle state. */
export type BackendState = "starting" | "up" | "down" | "stopped";
/** One backend MCP server as a session sees it. */
export interface Backend {
	/** The server's name in the config. */
	readonly name: string;
	/** Current state. */
	readonly state: BackendState;
	/** Milliseconds until the next restart (or reconnect) attempt while down; 0 when not scheduled. */
	readonly retryInMs: number;
	/** Restarts (reconnects, for a remote server) attempted since the first start: `/metrics` reports it. */
	readonly restarts: number;
	/**
	 * Sends a request and resolves with its response (the caller's id restored), with an error response
	 * (timeout, crash, a failed send), or with undefined once it was cancelled. The connection's one
	 * correlator matches the answer: a backend shared by several sessions mints the ids the server sees,
	 * unless the guard minted them already; a backend of one session passes them as they are.
	 */
	request(request: RpcRequest, options?: CallOptions): Promise<RpcResponse | undefined>;
	/** Cancels this session's request `id` (the server is told); false when none was in flight. */
	cancel(id: RpcId | undefined, reason: string): boolean;
	/** Answers this session's requests in flight with an error (the session is closing). */
	failPending(message: string): void;
	/**
	 * Called for every message the server sends that is not a response or the progress of a request in
	 * flight: server-to-client requests, notifications, and progress nobody waits for.
	 */
	onmessage?: (message: RpcMessage) => void;
	/** Called when the backend fails unexpectedly, after its pending requests were answered with the error. */
	oncrash?: (reason: string) => void;
	/** Called after a (re)start, before the backend is marked up: the relay re-initializes it here. */
	onstart?: (restart: boolean) => Promise<void>;
	/** Starts the backend; resolves once it is up (after `onstart`), rejects when it could not start at all. */
	start(): Promise<void>;
	/** Stops for good and releases everything the backend holds (process group, remote session). */
	stop(): Promise<void>;
	/** The last lines the backend wrote to stderr (a local process; remote backends have none), oldest first. */
	stderrTail?(): string[];
	/** Sends a message; throws when the backend is not up (or `starting`, with `duringStart`). */
	send(message: RpcMessage, duringStart?: boolean): Promise<void>;
}
/** How one request goes to a backend. */
export interface CallOptions {
	/** Answer with a timeout error after this long without an answer (progress restarts it); 0: never. */
	timeoutMs?: number;
	/** Progress for this request, with the caller's token restored. */
	onprogress?: (notification: RpcNotification) => void;
	/** Sent while the backend is still starting (its re-initialization). */
	duringStart?: boolean;
	/** The id (and token) were minted by the guard, unique in the process: no need to mint others. */
	minted?: boolean;
}
/** Options of a child process connection. */
export interface ProcessOptions {
	maxMessageBytes: number;
	/** Deepest nesting accepted in a message from the backend (`limits.max_depth`; default 64). */
	maxDepth?: number;
	/** Where backend stderr and the guard's own notes go. */
	log: (line: string) => void;
	/** The guard's environment, from which only the safe set is passed on (default process.env). */
	parentEnv?: NodeJS.ProcessEnv;
	/** How long to wait after closing stdin, and after SIGTERM, before escalating (default 2 s). */
	shutdownGraceMs?: number;
}
/** Options of a remote connection. */
export interface RemoteOptions {
	maxMessageBytes: number;
	maxDepth?: number;
	log: (line: string) => void;
	/** How long DELETE may take at shutdown (default 2 s). */
	shutdownGraceMs?: number;
	/** First wait before re-opening a dropped GET stream (doubles up to 30 s); the server's `retry:` wins. */
	streamRetryMs?: number;
	/** How long `notifications/initialized` waits for the GET stream to open (default 5 s). */
	streamOpenMs?: number;
	/**
	 * How long the answer to a POST or DELETE may stay silent (no headers, no bytes) before the server
	 * counts as gone (default 300 s, what fetch allowed). The GET stream has none: a quiet stream is not
	 * a failure.
	 */
	bodyTimeoutMs?: number;
}
/** Restart timings, the same for processes and remote servers. */
export interface SupervisorOptions {
	/** First restart delay; doubles per consecutive failure up to `maxBackoffMs` (default 250 ms). */
	initialBackoffMs?: number;
	/** Longest delay between restarts (default 30 s). */
	maxBackoffMs?: number;
	/** How long a connection must have been up for its failure to start the backoff over (default 10 s). */
	stableAfterMs?: number;
	/** Where the supervisor's notes go. */
	log: (line: string) => void;
	/** Whether the server was reached over the network (words the notes: "reconnecting" vs "restarting"). */
	remote?: boolean;
}
/** Everything a backend is built with: limits, timings, where its notes go. */
export type BackendOptions = ProcessOptions & RemoteOptions & Omit<SupervisorOptions, "remote">;
/** What `createGuard` needs besides the config. */
export interface GuardDeps {
	store: Store;
	audit: AuditSink;
	/** The client side, e.g. an `NdjsonTransport` over the process's stdin/stdout. */
	clientTransport: MessageTransport;
	/** Serve only this backend (`--server NAME`). */
	server?: string;
	/** The guard's environment (credentials from MCP_GUARD_*, safe variables for backends). */
	env?: NodeJS.ProcessEnv;
	/** Diagnostics (default: lines to stderr). */
	log?: (line: string) => void;
	/** Restart and shutdown timings. */
	backend?: Pick<BackendOptions, "initialBackoffMs" | "maxBackoffMs" | "shutdownGraceMs" | "stableAfterMs">;
	/**
	 * Called with the relay's session before anything runs: the HTTP server records there who
	 * authenticated at the edge (agent, peer, token scopes), since its requests carry no credential.
	 */
	session?: (session: SessionState) => void;
	/** Supplies a backend instead of launching one (HTTP: views of a backend shared by sessions). */
	makeBackend?: (server: GuardConfig["servers"][string]) => Backend | undefined;
	/**
	 * This guard instance's writer id (its audit file's, stable across restarts): spend reservations
	 * carry it, so the next start releases those whose calls were never forwarded.
	 */
	owner?: string;
	/** The process's approval desk, shared by sessions (default: one of this guard's own). */
	desk?: ApprovalDesk;
}
/** A running guard. */
export interface Guard {
	/** Starts the backends, then reads from the client. */
	start(): Promise<void>;
	/** Orderly shutdown; resolves when every backend has stopped. Idempotent. */
	close(): Promise<void>;
	/** Resolves once the guard has shut down (the client went away, or `close` was called). */
	readonly closed: Promise<void>;
	/** The supervised backends, by name. */
	readonly backends: ReadonlyMap<string, Backend>;
}
/**
 * Creates a guard for `config` from parts you supply (store, audit sink, client transport); `startGuard`
 * is the same with defaults. Config problems (unknown server, unusable routes or keys) throw here.
 */
export declare function createGuard(config: GuardConfig, deps: GuardDeps): Guard;
/** What `createJwt` needs. */
export interface CreateJwtOptions {
	/** The shared secret (`auth.jwt_secret`), at least 32 bytes. */
	secret: string | Uint8Array;
	/** The agent the token names (its `sub` claim, or the claim set as `auth.jwt.agent_claim`). */
	agentId: string;
	/** Lifetime in seconds; default 3600. */
	ttlSeconds?: number;
	/** `iss` claim (to match `auth.jwt.issuer`). */
	issuer?: string;
	/** `aud` claim (to match `auth.jwt.audience`). */
	audience?: string | string[];
	/** Default `HS256`. */
	algorithm?: "HS256" | "HS384" | "HS512";
	/** The claim naming the agent; default `sub`. */
	agentClaim?: string;
}
/** Refused input to `createJwt` (short secret, empty agent, bad lifetime or algorithm). */
export declare class JwtOptionsError extends Error {
	name: string;
}
/** Mints a signed JWT for `agentId`, valid from now for `ttlSeconds`. */
export declare function createJwt(options: CreateJwtOptions): Promise<string>;
/** How to run the guard. Every field is optional. */
export interface StartGuardOptions {
	/** `stdio` (default): speak MCP on `input`/`output`. `http`: listen on `http.host`:`http.port`. */
	transport?: "stdio" | "http";
	/** stdio: where client messages come from (default `process.stdin`). */
	input?: Readable;
	/** stdio: where answers go (default `process.stdout`, which then must carry nothing else). */
	output?: Writable;
	/** http: the address to bind instead of `http.host` (default `127.0.0.1`). */
	host?: string;
	/** http: the port instead of `http.port` (default 8080; 0 picks a free one, see `url`). */
	port?: number;
	/** http: allow a non-loopback address with `auth.mode: none` (refused otherwise). */
	allowUnauthenticated?: boolean;
	/** Serve only this backend of the config. */
	server?: string;
	/**
	 * Shared state (rate windows, spend, approvals, pins). Default: the config's SQLite store, opened
	 * here and closed by `close()`. One you pass is yours to close.
	 */
	store?: Store;
	/** Where decisions are recorded. Default: the config's audit log, opened here and closed by `close()`. */
	audit?: AuditSink;
	/** The environment credentials (`MCP_GUARD_*`) and the backends' safe variables come from (default `process.env`). */
	env?: NodeJS.ProcessEnv;
	/** Diagnostics (default: lines to stderr). */
	log?: (line: string) => void;
}
/** A running guard. */
export interface RunningGuard {
	/** http: the Streamable HTTP endpoint, e.g. `http://127.0.0.1:8080/mcp`. */
	readonly url?: string;
	/** The audit log written, when the guard opened its own. */
	readonly auditPath?: string;
	/** The backends' names. */
	readonly servers: string[];
	/** stdio: resolves once the client has gone (end of input) and everything is shut down. */
	readonly closed: Promise<void>;
	/** Stops: answers or drains what is in flight, stops the backends, closes what was opened here. Idempotent. */
	close(): Promise<void>;
}
/** Thrown when the guard cannot start with what it was given (unknown server, refused address, port in use). */
export declare class GuardStartError extends Error {
	name: string;
}
/**
 * Starts a guard for `config` (from `loadGuardConfig`). Resolves once the backends are up and the guard
 * reads from its client (stdio) or listens (http).
 */
export declare function startGuard(config: GuardConfig, options?: StartGuardOptions): Promise<RunningGuard>;
/** Scans as `mcp-guard scan` does: with the whole catalogue unless `rules` names the rules to run. */
export declare function scan(options?: Omit<ScanOptions, "rules"> & {
	rules?: ScanOptions["rules"];
}): Promise<ScanResult>;

export {};
