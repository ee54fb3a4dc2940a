// The one config model shared by the scanner and the guard: MCP servers and how a client reaches them.
import type { JsonPath, ParsedDocument } from './document.ts';
import type { GuardLint } from './guard-lint.ts';
import type { VarRef } from './variables.ts';

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
export type Transport = 'stdio' | 'http' | 'sse' | 'ws';

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
  autoApprove: { path: JsonPath; tools: string[] | 'all' }[];
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
  grants: 'all-tools' | 'server' | 'tools' | 'project-servers' | 'commands';
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
export type Scope = 'user' | 'project' | 'managed';

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
