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
  http: { host: string; port: number; allowedOrigins: string[] };
  /** Default path: `.mcp-guard/state.db` next to the config file. */
  store: { type: 'sqlite'; path: string };
  /** Defaults: 4 MiB and 120 s. */
  limits: { maxMessageBytes: number; requestTimeoutMs: number };
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
  agents: Record<string, { toolAllowlist?: string[]; toolDenylist?: string[] }>;
  /** `amount` is a dotted path into the call's arguments; defaults to common wallet tools. */
  spendTools: { name: string; amount: string; currency: string }[];
}

/** A config problem with its place: `file:line:column: key: what is wrong and how to fix it`. */
export class GuardConfigError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly key: string;
  constructor(file: string, line: number, column: number, key: string, what: string) {
    super(`${file}:${line}:${column}: ${key || '(root)'}: ${what}`);
    this.name = 'GuardConfigError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }
}
