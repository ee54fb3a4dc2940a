import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  makeVerifier,
  missingScopes,
  requiredScopes
} from "./chunk-7O3UA3HI.js";
import {
  ApprovalDesk
} from "./chunk-Q23X6CGB.js";
import {
  DEFAULT_MAX_DEPTH,
  NdjsonTransport,
  errorResponse,
  isNotification,
  isRequest,
  isResponse
} from "./chunk-7NDUA5L5.js";
import {
  canonicalResource
} from "./chunk-OKPJKVYF.js";
import {
  spendPolicy
} from "./chunk-MPQGWRA6.js";
import {
  CANCELLED,
  CODES,
  PolicyError
} from "./chunk-7CQ3VBOM.js";
import {
  VERSION
} from "./chunk-OAQO3T5R.js";
import {
  NEVER,
  ZodIssueCode,
  _enum,
  _null,
  any,
  array,
  boolean,
  coerce_exports,
  custom,
  discriminatedUnion,
  intersection,
  iso_exports,
  literal,
  looseObject,
  number,
  object,
  optional,
  preprocess,
  record,
  string,
  union,
  unknown,
  url
} from "./chunk-PSWTDCTJ.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  StoreUnavailableError
} from "./chunk-2A7OQJ75.js";
import {
  canonicalJson,
  hashArgs,
  redact
} from "./chunk-6LN7JBTU.js";
import {
  __commonJS,
  __toESM
} from "./chunk-3FEQ3C2E.js";

// node_modules/content-type/index.js
var require_content_type = __commonJS({
  "node_modules/content-type/index.js"(exports) {
    "use strict";
    var PARAM_REGEXP = /; *([!#$%&'*+.^_`|~0-9A-Za-z-]+) *= *("(?:[\u000b\u0020\u0021\u0023-\u005b\u005d-\u007e\u0080-\u00ff]|\\[\u000b\u0020-\u00ff])*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+) */g;
    var TEXT_REGEXP = /^[\u000b\u0020-\u007e\u0080-\u00ff]+$/;
    var TOKEN_REGEXP = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
    var QESC_REGEXP = /\\([\u000b\u0020-\u00ff])/g;
    var QUOTE_REGEXP = /([\\"])/g;
    var TYPE_REGEXP = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
    exports.format = format;
    exports.parse = parse;
    function format(obj) {
      if (!obj || typeof obj !== "object") {
        throw new TypeError("argument obj is required");
      }
      var parameters = obj.parameters;
      var type = obj.type;
      if (!type || !TYPE_REGEXP.test(type)) {
        throw new TypeError("invalid type");
      }
      var string2 = type;
      if (parameters && typeof parameters === "object") {
        var param;
        var params = Object.keys(parameters).sort();
        for (var i = 0; i < params.length; i++) {
          param = params[i];
          if (!TOKEN_REGEXP.test(param)) {
            throw new TypeError("invalid parameter name");
          }
          string2 += "; " + param + "=" + qstring(parameters[param]);
        }
      }
      return string2;
    }
    function parse(string2) {
      if (!string2) {
        throw new TypeError("argument string is required");
      }
      var header = typeof string2 === "object" ? getcontenttype(string2) : string2;
      if (typeof header !== "string") {
        throw new TypeError("argument string is required to be a string");
      }
      var index = header.indexOf(";");
      var type = index !== -1 ? header.slice(0, index).trim() : header.trim();
      if (!TYPE_REGEXP.test(type)) {
        throw new TypeError("invalid media type");
      }
      var obj = new ContentType(type.toLowerCase());
      if (index !== -1) {
        var key;
        var match;
        var value;
        PARAM_REGEXP.lastIndex = index;
        while (match = PARAM_REGEXP.exec(header)) {
          if (match.index !== index) {
            throw new TypeError("invalid parameter format");
          }
          index += match[0].length;
          key = match[1].toLowerCase();
          value = match[2];
          if (value.charCodeAt(0) === 34) {
            value = value.slice(1, -1);
            if (value.indexOf("\\") !== -1) {
              value = value.replace(QESC_REGEXP, "$1");
            }
          }
          obj.parameters[key] = value;
        }
        if (index !== header.length) {
          throw new TypeError("invalid parameter format");
        }
      }
      return obj;
    }
    function getcontenttype(obj) {
      var header;
      if (typeof obj.getHeader === "function") {
        header = obj.getHeader("content-type");
      } else if (typeof obj.headers === "object") {
        header = obj.headers && obj.headers["content-type"];
      }
      if (typeof header !== "string") {
        throw new TypeError("content-type header is missing from object");
      }
      return header;
    }
    function qstring(val) {
      var str = String(val);
      if (TOKEN_REGEXP.test(str)) {
        return str;
      }
      if (str.length > 0 && !TEXT_REGEXP.test(str)) {
        throw new TypeError("invalid parameter value");
      }
      return '"' + str.replace(QUOTE_REGEXP, "\\$1") + '"';
    }
    function ContentType(type) {
      this.parameters = /* @__PURE__ */ Object.create(null);
      this.type = type;
    }
  }
});

// src/guard/backend/process.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

// src/guard/backend/env.ts
var SAFE_ENV = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "TZ",
  "TMPDIR",
  "TEMP",
  "TMP",
  "SYSTEMROOT",
  "SystemRoot",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
  "APPDATA",
  "LOCALAPPDATA",
  "USERPROFILE",
  "PROGRAMFILES"
];
var NETWORK_ENV = [
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "all_proxy",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE"
];
var PASSED = /* @__PURE__ */ new Set([...SAFE_ENV, ...NETWORK_ENV]);
function backendEnv(configured, parent) {
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === void 0) continue;
    if (PASSED.has(name) || name.startsWith("LC_")) env[name] = value;
  }
  return { ...env, ...configured };
}

// src/guard/backend/process.ts
var STDERR_TAIL_LINES = 5;
var BackendProcess = class {
  name;
  /** Called for every valid message the backend writes. */
  onmessage;
  /** Called when the child exits unexpectedly (before a restart is scheduled). */
  oncrash;
  /** Called after a (re)start, before the backend is marked up: the relay re-initializes it here. */
  onstart;
  #server;
  #options;
  #log;
  #child;
  #transport;
  #state = "down";
  #crashes = 0;
  #restartAt = 0;
  #upSince = 0;
  #timer;
  #starts = 0;
  /** The last stderr lines, quoted when the backend fails to answer `initialize`. */
  #tail = [];
  constructor(server, options) {
    if (!server.command)
      throw new Error(`server ${server.name}: only local (command) servers run over stdio`);
    this.name = server.name;
    this.#server = server;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}
`));
    this.#options = {
      maxMessageBytes: options.maxMessageBytes,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      parentEnv: options.parentEnv,
      initialBackoffMs: options.initialBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 3e4,
      shutdownGraceMs: options.shutdownGraceMs ?? 2e3,
      stableAfterMs: options.stableAfterMs ?? 1e4
    };
  }
  /** Current state. */
  get state() {
    return this.#state;
  }
  /** Process id of the running child, if any. */
  get pid() {
    return this.#child?.pid;
  }
  /** Restarts (reconnects) attempted since the first start, successful or not. */
  get restarts() {
    return Math.max(0, this.#starts - 1);
  }
  /** Milliseconds until the next restart attempt while down (0 when not scheduled). */
  get retryInMs() {
    return Math.max(0, this.#restartAt - Date.now());
  }
  /** The last lines the child wrote to stderr, oldest first. */
  stderrTail() {
    return [...this.#tail];
  }
  /**
   * Launches the child and resolves once it is up (after `onstart`). Rejects when the process cannot be
   * spawned at all (no such program, out of file descriptors): the caller's session fails, not the guard;
   * a restart is still scheduled, as after a crash.
   */
  async start() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = void 0;
    const failure = await this.#launch();
    if (failure) throw failure;
  }
  /** Sends a message to the backend; throws when it is not up. */
  async send(message, duringStart = false) {
    const ok = this.#state === "up" || duringStart && this.#state === "starting";
    if (!ok || !this.#transport) throw new Error(`backend ${this.name} is ${this.#state}`);
    await this.#transport.send(message);
  }
  /** Spawns the child; resolves with the spawn error when there is no child to talk to. */
  async #launch() {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = "starting";
    let child;
    try {
      child = spawn(this.#server.command, this.#server.args, {
        cwd: this.#server.cwd,
        env: backendEnv(this.#server.env, this.#options.parentEnv ?? process.env),
        stdio: ["pipe", "pipe", "pipe"],
        // Its own process group, so shutdown can signal every process the server started.
        detached: true
      });
    } catch (error) {
      return this.#spawnFailed(error);
    }
    const spawned = new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    if (!child.stdin || !child.stdout || !child.stderr) {
      const error = await spawned.then(
        () => new Error("no stdio pipes"),
        (e) => e
      );
      this.#kill(child, "SIGKILL");
      return this.#spawnFailed(error);
    }
    this.#child = child;
    const transport = new NdjsonTransport(child.stdout, child.stdin, {
      maxMessageBytes: this.#options.maxMessageBytes,
      maxDepth: this.#options.maxDepth
    });
    this.#transport = transport;
    transport.onmessage = (m) => this.onmessage?.(m);
    transport.oninvalid = (_reply, reason) => this.#log(`[${this.name}] guard: ignored output line: ${reason}`);
    transport.onerror = (error) => this.#log(`[${this.name}] guard: stdio error: ${error.message}`);
    child.stderr.on("error", () => {
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      this.#tail.push(line);
      if (this.#tail.length > STDERR_TAIL_LINES) this.#tail.shift();
      this.#log(`[${this.name}] ${line}`);
    });
    child.once("exit", (code, signal) => this.#exited(child, code, signal));
    await transport.start();
    try {
      await spawned;
    } catch (error) {
      this.#child = void 0;
      void transport.close();
      this.#transport = void 0;
      return this.#spawnFailed(error);
    }
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${error.message}`);
      this.#kill(child, "SIGKILL");
      return void 0;
    }
    if (this.#child === child && this.#state === "starting") {
      this.#state = "up";
      this.#upSince = Date.now();
    }
    return void 0;
  }
  /** A spawn that gave no process: reported, and retried later like a crash. */
  #spawnFailed(error) {
    const failure = new Error(
      `backend ${this.name}: cannot start ${this.#server.command}: ${error.code === "EMFILE" ? "out of file descriptors (EMFILE)" : error.message}`
    );
    this.#log(`[${this.name}] guard: ${failure.message}`);
    if (this.#state !== "stopped") {
      this.#state = "down";
      this.#scheduleRestart();
    }
    return failure;
  }
  #exited(child, code, signal) {
    if (this.#child !== child) return;
    this.#child = void 0;
    void this.#transport?.close();
    this.#transport = void 0;
    if (this.#state === "stopped") return;
    const reason = `backend ${this.name} exited (${signal ? `signal ${signal}` : `code ${code}`})`;
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = "down";
    this.oncrash?.(reason);
    if (this.#upSince > 0 && Date.now() - this.#upSince >= this.#options.stableAfterMs) this.#crashes = 0;
    this.#upSince = 0;
    this.#scheduleRestart();
  }
  /** The next launch, after the backoff (doubling per consecutive failure). */
  #scheduleRestart() {
    const delay = Math.min(this.#options.maxBackoffMs, this.#options.initialBackoffMs * 2 ** this.#crashes);
    this.#crashes++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: restarting in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      if (this.#state === "down") void this.#launch();
    }, delay);
  }
  #kill(child, signal) {
    try {
      if (child.pid !== void 0) process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
      }
    }
  }
  /** Stops for good: close stdin, wait, SIGTERM the process group, wait, SIGKILL it. */
  async stop() {
    this.#state = "stopped";
    if (this.#timer) clearTimeout(this.#timer);
    const child = this.#child;
    if (!child) return;
    const grace = this.#options.shutdownGraceMs;
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    const wait = (ms) => Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), ms).unref())
    ]);
    await this.#transport?.close();
    if (!await wait(grace)) {
      this.#kill(child, "SIGTERM");
      if (!await wait(grace)) {
        this.#kill(child, "SIGKILL");
        await wait(grace);
      }
    }
    this.#kill(child, "SIGKILL");
    this.#child = void 0;
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/mediaType.js
var import_content_type = __toESM(require_content_type(), 1);
function mediaTypeEssence(header) {
  if (!header) {
    return void 0;
  }
  try {
    return import_content_type.default.parse(header).type;
  } catch {
    const essence = (header.split(";", 1)[0] ?? "").trim().toLowerCase();
    if (essence === "" || header.slice(essence.length).includes(",")) {
      return void 0;
    }
    return essence;
  }
}
function isJsonContentType(header) {
  if (header === "application/json") {
    return true;
  }
  return mediaTypeEssence(header) === "application/json";
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/transport.js
function normalizeHeaders(headers) {
  if (!headers)
    return {};
  if (headers instanceof Headers) {
    return Object.fromEntries(headers.entries());
  }
  if (Array.isArray(headers)) {
    return Object.fromEntries(headers);
  }
  return { ...headers };
}
function createFetchWithInit(baseFetch = fetch, baseInit) {
  if (!baseInit) {
    return baseFetch;
  }
  return async (url2, init) => {
    const mergedInit = {
      ...baseInit,
      ...init,
      // Headers need special handling - merge instead of replace
      headers: init?.headers ? { ...normalizeHeaders(baseInit.headers), ...normalizeHeaders(init.headers) } : baseInit.headers
    };
    return baseFetch(url2, mergedInit);
  };
}
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = [301, 302, 303, 307, 308];
function isWithinOrigin(from, to) {
  if (from.protocol === to.protocol && from.hostname === to.hostname && from.port === to.port) {
    return true;
  }
  return from.hostname === to.hostname && from.protocol === "http:" && from.port === "" && to.protocol === "https:" && to.port === "";
}
function redirectTarget(response, requestUrl) {
  const location = REDIRECT_STATUSES.includes(response.status) ? response.headers.get("location") : null;
  try {
    return location ? new URL(location, requestUrl) : void 0;
  } catch {
    return void 0;
  }
}
function followWithinOrigin(baseFetch, url2, init, response, followed = 0) {
  const target = redirectTarget(response, url2);
  const keepsMethod = response.status === 307 || response.status === 308 || (init?.method ?? "GET").toUpperCase() === "GET";
  if (!target || followed === MAX_REDIRECTS || !keepsMethod) {
    return void 0;
  }
  const from = new URL(url2);
  const addsUserinfo = (target.username || target.password) && (target.username !== from.username || target.password !== from.password);
  if (addsUserinfo || !isWithinOrigin(from, target)) {
    return void 0;
  }
  return Promise.resolve(response.body?.cancel()).then(() => baseFetch(target, { ...init, redirect: "manual" })).then((next) => followWithinOrigin(baseFetch, target, init, next, followed + 1) ?? next);
}
var followingFetches = /* @__PURE__ */ new WeakSet();
function fetchLeavingRedirects(baseFetch) {
  const following = (url2, init) => (baseFetch ?? fetch)(url2, init);
  followingFetches.add(following);
  return following;
}
function fetchWithinOrigin(baseFetch = fetch) {
  if (followingFetches.has(baseFetch)) {
    return baseFetch;
  }
  return (url2, init) => {
    if (init?.redirect === "error" || init?.redirect === "manual") {
      return baseFetch(url2, init);
    }
    return Promise.resolve(baseFetch(url2, { ...init, redirect: "manual" })).then((response) => followWithinOrigin(baseFetch, url2, init, response) ?? response);
  };
}
function unfollowedRedirect(response, requestUrl) {
  if (response.type === "opaqueredirect") {
    return "Redirect not followed: this runtime does not expose the redirect target";
  }
  const from = response.url || requestUrl;
  const target = redirectTarget(response, from);
  if (!target) {
    return void 0;
  }
  target.username = target.password = target.search = target.hash = "";
  if (target.protocol === "http:" && new URL(from).protocol === "https:") {
    target.protocol = "https:";
    return `Redirect to plain http not followed; try ${target.href} instead`;
  }
  return `Redirect to ${target.href} not followed`;
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/types.js
var LATEST_PROTOCOL_VERSION = "2025-11-25";
var DEFAULT_NEGOTIATED_PROTOCOL_VERSION = "2025-03-26";
var SUPPORTED_PROTOCOL_VERSIONS = [LATEST_PROTOCOL_VERSION, "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07"];
var RELATED_TASK_META_KEY = "io.modelcontextprotocol/related-task";
var JSONRPC_VERSION = "2.0";
var AssertObjectSchema = custom((v) => v !== null && (typeof v === "object" || typeof v === "function"));
var ProgressTokenSchema = union([string(), number().int()]);
var CursorSchema = string();
var TaskCreationParamsSchema = looseObject({
  /**
   * Requested duration in milliseconds to retain task from creation.
   */
  ttl: number().optional(),
  /**
   * Time in milliseconds to wait between task status requests.
   */
  pollInterval: number().optional()
});
var TaskMetadataSchema = object({
  ttl: number().optional()
});
var RelatedTaskMetadataSchema = object({
  taskId: string()
});
var RequestMetaSchema = looseObject({
  /**
   * If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications.
   */
  progressToken: ProgressTokenSchema.optional(),
  /**
   * If specified, this request is related to the provided task.
   */
  [RELATED_TASK_META_KEY]: RelatedTaskMetadataSchema.optional()
});
var BaseRequestParamsSchema = object({
  /**
   * See [General fields: `_meta`](/specification/draft/basic/index#meta) for notes on `_meta` usage.
   */
  _meta: RequestMetaSchema.optional()
});
var TaskAugmentedRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * If specified, the caller is requesting task-augmented execution for this request.
   * The request will return a CreateTaskResult immediately, and the actual result can be
   * retrieved later via tasks/result.
   *
   * Task augmentation is subject to capability negotiation - receivers MUST declare support
   * for task augmentation of specific request types in their capabilities.
   */
  task: TaskMetadataSchema.optional()
});
var RequestSchema = object({
  method: string(),
  params: BaseRequestParamsSchema.loose().optional()
});
var NotificationsParamsSchema = object({
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: RequestMetaSchema.optional()
});
var NotificationSchema = object({
  method: string(),
  params: NotificationsParamsSchema.loose().optional()
});
var ResultSchema = looseObject({
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: RequestMetaSchema.optional()
});
var RequestIdSchema = union([string(), number().int()]);
var JSONRPCRequestSchema = object({
  jsonrpc: literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  ...RequestSchema.shape
}).strict();
var isJSONRPCRequest = (value) => JSONRPCRequestSchema.safeParse(value).success;
var JSONRPCNotificationSchema = object({
  jsonrpc: literal(JSONRPC_VERSION),
  ...NotificationSchema.shape
}).strict();
var JSONRPCResultResponseSchema = object({
  jsonrpc: literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  result: ResultSchema
}).strict();
var isJSONRPCResultResponse = (value) => JSONRPCResultResponseSchema.safeParse(value).success;
var ErrorCode;
(function(ErrorCode2) {
  ErrorCode2[ErrorCode2["ConnectionClosed"] = -32e3] = "ConnectionClosed";
  ErrorCode2[ErrorCode2["RequestTimeout"] = -32001] = "RequestTimeout";
  ErrorCode2[ErrorCode2["ParseError"] = -32700] = "ParseError";
  ErrorCode2[ErrorCode2["InvalidRequest"] = -32600] = "InvalidRequest";
  ErrorCode2[ErrorCode2["MethodNotFound"] = -32601] = "MethodNotFound";
  ErrorCode2[ErrorCode2["InvalidParams"] = -32602] = "InvalidParams";
  ErrorCode2[ErrorCode2["InternalError"] = -32603] = "InternalError";
  ErrorCode2[ErrorCode2["UrlElicitationRequired"] = -32042] = "UrlElicitationRequired";
})(ErrorCode || (ErrorCode = {}));
var JSONRPCErrorResponseSchema = object({
  jsonrpc: literal(JSONRPC_VERSION),
  id: RequestIdSchema.optional(),
  error: object({
    /**
     * The error type that occurred.
     */
    code: number().int(),
    /**
     * A short description of the error. The message SHOULD be limited to a concise single sentence.
     */
    message: string(),
    /**
     * Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.).
     */
    data: unknown().optional()
  })
}).strict();
var isJSONRPCErrorResponse = (value) => JSONRPCErrorResponseSchema.safeParse(value).success;
var JSONRPCMessageSchema = union([
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema
]);
var JSONRPCResponseSchema = union([JSONRPCResultResponseSchema, JSONRPCErrorResponseSchema]);
var EmptyResultSchema = ResultSchema.strict();
var CancelledNotificationParamsSchema = NotificationsParamsSchema.extend({
  /**
   * The ID of the request to cancel.
   *
   * This MUST correspond to the ID of a request previously issued in the same direction.
   */
  requestId: RequestIdSchema.optional(),
  /**
   * An optional string describing the reason for the cancellation. This MAY be logged or presented to the user.
   */
  reason: string().optional()
});
var CancelledNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/cancelled"),
  params: CancelledNotificationParamsSchema
});
var IconSchema = object({
  /**
   * URL or data URI for the icon.
   */
  src: string(),
  /**
   * Optional MIME type for the icon.
   */
  mimeType: string().optional(),
  /**
   * Optional array of strings that specify sizes at which the icon can be used.
   * Each string should be in WxH format (e.g., `"48x48"`, `"96x96"`) or `"any"` for scalable formats like SVG.
   *
   * If not provided, the client should assume that the icon can be used at any size.
   */
  sizes: array(string()).optional(),
  /**
   * Optional specifier for the theme this icon is designed for. `light` indicates
   * the icon is designed to be used with a light background, and `dark` indicates
   * the icon is designed to be used with a dark background.
   *
   * If not provided, the client should assume the icon can be used with any theme.
   */
  theme: _enum(["light", "dark"]).optional()
});
var IconsSchema = object({
  /**
   * Optional set of sized icons that the client can display in a user interface.
   *
   * Clients that support rendering icons MUST support at least the following MIME types:
   * - `image/png` - PNG images (safe, universal compatibility)
   * - `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)
   *
   * Clients that support rendering icons SHOULD also support:
   * - `image/svg+xml` - SVG images (scalable but requires security precautions)
   * - `image/webp` - WebP images (modern, efficient format)
   */
  icons: array(IconSchema).optional()
});
var BaseMetadataSchema = object({
  /** Intended for programmatic or logical use, but used as a display name in past specs or fallback */
  name: string(),
  /**
   * Intended for UI and end-user contexts — optimized to be human-readable and easily understood,
   * even by those unfamiliar with domain-specific terminology.
   *
   * If not provided, the name should be used for display (except for Tool,
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title: string().optional()
});
var ImplementationSchema = BaseMetadataSchema.extend({
  ...BaseMetadataSchema.shape,
  ...IconsSchema.shape,
  version: string(),
  /**
   * An optional URL of the website for this implementation.
   */
  websiteUrl: string().optional(),
  /**
   * An optional human-readable description of what this implementation does.
   *
   * This can be used by clients or servers to provide context about their purpose
   * and capabilities. For example, a server might describe the types of resources
   * or tools it provides, while a client might describe its intended use case.
   */
  description: string().optional()
});
var FormElicitationCapabilitySchema = intersection(object({
  applyDefaults: boolean().optional()
}), record(string(), unknown()));
var ElicitationCapabilitySchema = preprocess((value) => {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (Object.keys(value).length === 0) {
      return { form: {} };
    }
  }
  return value;
}, intersection(object({
  form: FormElicitationCapabilitySchema.optional(),
  url: AssertObjectSchema.optional()
}), record(string(), unknown()).optional()));
var ClientTasksCapabilitySchema = looseObject({
  /**
   * Present if the client supports listing tasks.
   */
  list: AssertObjectSchema.optional(),
  /**
   * Present if the client supports cancelling tasks.
   */
  cancel: AssertObjectSchema.optional(),
  /**
   * Capabilities for task creation on specific request types.
   */
  requests: looseObject({
    /**
     * Task support for sampling requests.
     */
    sampling: looseObject({
      createMessage: AssertObjectSchema.optional()
    }).optional(),
    /**
     * Task support for elicitation requests.
     */
    elicitation: looseObject({
      create: AssertObjectSchema.optional()
    }).optional()
  }).optional()
});
var ServerTasksCapabilitySchema = looseObject({
  /**
   * Present if the server supports listing tasks.
   */
  list: AssertObjectSchema.optional(),
  /**
   * Present if the server supports cancelling tasks.
   */
  cancel: AssertObjectSchema.optional(),
  /**
   * Capabilities for task creation on specific request types.
   */
  requests: looseObject({
    /**
     * Task support for tool requests.
     */
    tools: looseObject({
      call: AssertObjectSchema.optional()
    }).optional()
  }).optional()
});
var ClientCapabilitiesSchema = object({
  /**
   * Experimental, non-standard capabilities that the client supports.
   */
  experimental: record(string(), AssertObjectSchema).optional(),
  /**
   * Present if the client supports sampling from an LLM.
   */
  sampling: object({
    /**
     * Present if the client supports context inclusion via includeContext parameter.
     * If not declared, servers SHOULD only use `includeContext: "none"` (or omit it).
     */
    context: AssertObjectSchema.optional(),
    /**
     * Present if the client supports tool use via tools and toolChoice parameters.
     */
    tools: AssertObjectSchema.optional()
  }).optional(),
  /**
   * Present if the client supports eliciting user input.
   */
  elicitation: ElicitationCapabilitySchema.optional(),
  /**
   * Present if the client supports listing roots.
   */
  roots: object({
    /**
     * Whether the client supports issuing notifications for changes to the roots list.
     */
    listChanged: boolean().optional()
  }).optional(),
  /**
   * Present if the client supports task creation.
   */
  tasks: ClientTasksCapabilitySchema.optional(),
  /**
   * Extensions that the client supports. Keys are extension identifiers (vendor-prefix/extension-name).
   */
  extensions: record(string(), AssertObjectSchema).optional()
});
var InitializeRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * The latest version of the Model Context Protocol that the client supports. The client MAY decide to support older versions as well.
   */
  protocolVersion: string(),
  capabilities: ClientCapabilitiesSchema,
  clientInfo: ImplementationSchema
});
var InitializeRequestSchema = RequestSchema.extend({
  method: literal("initialize"),
  params: InitializeRequestParamsSchema
});
var isInitializeRequest = (value) => InitializeRequestSchema.safeParse(value).success;
var ServerCapabilitiesSchema = object({
  /**
   * Experimental, non-standard capabilities that the server supports.
   */
  experimental: record(string(), AssertObjectSchema).optional(),
  /**
   * Present if the server supports sending log messages to the client.
   */
  logging: AssertObjectSchema.optional(),
  /**
   * Present if the server supports sending completions to the client.
   */
  completions: AssertObjectSchema.optional(),
  /**
   * Present if the server offers any prompt templates.
   */
  prompts: object({
    /**
     * Whether this server supports issuing notifications for changes to the prompt list.
     */
    listChanged: boolean().optional()
  }).optional(),
  /**
   * Present if the server offers any resources to read.
   */
  resources: object({
    /**
     * Whether this server supports clients subscribing to resource updates.
     */
    subscribe: boolean().optional(),
    /**
     * Whether this server supports issuing notifications for changes to the resource list.
     */
    listChanged: boolean().optional()
  }).optional(),
  /**
   * Present if the server offers any tools to call.
   */
  tools: object({
    /**
     * Whether this server supports issuing notifications for changes to the tool list.
     */
    listChanged: boolean().optional()
  }).optional(),
  /**
   * Present if the server supports task creation.
   */
  tasks: ServerTasksCapabilitySchema.optional(),
  /**
   * Extensions that the server supports. Keys are extension identifiers (vendor-prefix/extension-name).
   */
  extensions: record(string(), AssertObjectSchema).optional()
});
var InitializeResultSchema = ResultSchema.extend({
  /**
   * The version of the Model Context Protocol that the server wants to use. This may not match the version that the client requested. If the client cannot support this version, it MUST disconnect.
   */
  protocolVersion: string(),
  capabilities: ServerCapabilitiesSchema,
  serverInfo: ImplementationSchema,
  /**
   * Instructions describing how to use the server and its features.
   *
   * This can be used by clients to improve the LLM's understanding of available tools, resources, etc. It can be thought of like a "hint" to the model. For example, this information MAY be added to the system prompt.
   */
  instructions: string().optional()
});
var InitializedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/initialized"),
  params: NotificationsParamsSchema.optional()
});
var isInitializedNotification = (value) => InitializedNotificationSchema.safeParse(value).success;
var PingRequestSchema = RequestSchema.extend({
  method: literal("ping"),
  params: BaseRequestParamsSchema.optional()
});
var ProgressSchema = object({
  /**
   * The progress thus far. This should increase every time progress is made, even if the total is unknown.
   */
  progress: number(),
  /**
   * Total number of items to process (or total progress required), if known.
   */
  total: optional(number()),
  /**
   * An optional message describing the current progress.
   */
  message: optional(string())
});
var ProgressNotificationParamsSchema = object({
  ...NotificationsParamsSchema.shape,
  ...ProgressSchema.shape,
  /**
   * The progress token which was given in the initial request, used to associate this notification with the request that is proceeding.
   */
  progressToken: ProgressTokenSchema
});
var ProgressNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/progress"),
  params: ProgressNotificationParamsSchema
});
var PaginatedRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * An opaque token representing the current pagination position.
   * If provided, the server should return results starting after this cursor.
   */
  cursor: CursorSchema.optional()
});
var PaginatedRequestSchema = RequestSchema.extend({
  params: PaginatedRequestParamsSchema.optional()
});
var PaginatedResultSchema = ResultSchema.extend({
  /**
   * An opaque token representing the pagination position after the last returned result.
   * If present, there may be more results available.
   */
  nextCursor: CursorSchema.optional()
});
var TaskStatusSchema = _enum(["working", "input_required", "completed", "failed", "cancelled"]);
var TaskSchema = object({
  taskId: string(),
  status: TaskStatusSchema,
  /**
   * Time in milliseconds to keep task results available after completion.
   * If null, the task has unlimited lifetime until manually cleaned up.
   */
  ttl: union([number(), _null()]),
  /**
   * ISO 8601 timestamp when the task was created.
   */
  createdAt: string(),
  /**
   * ISO 8601 timestamp when the task was last updated.
   */
  lastUpdatedAt: string(),
  pollInterval: optional(number()),
  /**
   * Optional diagnostic message for failed tasks or other status information.
   */
  statusMessage: optional(string())
});
var CreateTaskResultSchema = ResultSchema.extend({
  task: TaskSchema
});
var TaskStatusNotificationParamsSchema = NotificationsParamsSchema.merge(TaskSchema);
var TaskStatusNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/tasks/status"),
  params: TaskStatusNotificationParamsSchema
});
var GetTaskRequestSchema = RequestSchema.extend({
  method: literal("tasks/get"),
  params: BaseRequestParamsSchema.extend({
    taskId: string()
  })
});
var GetTaskResultSchema = ResultSchema.merge(TaskSchema);
var GetTaskPayloadRequestSchema = RequestSchema.extend({
  method: literal("tasks/result"),
  params: BaseRequestParamsSchema.extend({
    taskId: string()
  })
});
var GetTaskPayloadResultSchema = ResultSchema.loose();
var ListTasksRequestSchema = PaginatedRequestSchema.extend({
  method: literal("tasks/list")
});
var ListTasksResultSchema = PaginatedResultSchema.extend({
  tasks: array(TaskSchema)
});
var CancelTaskRequestSchema = RequestSchema.extend({
  method: literal("tasks/cancel"),
  params: BaseRequestParamsSchema.extend({
    taskId: string()
  })
});
var CancelTaskResultSchema = ResultSchema.merge(TaskSchema);
var ResourceContentsSchema = object({
  /**
   * The URI of this resource.
   */
  uri: string(),
  /**
   * The MIME type of this resource, if known.
   */
  mimeType: optional(string()),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var TextResourceContentsSchema = ResourceContentsSchema.extend({
  /**
   * The text of the item. This must only be set if the item can actually be represented as text (not binary data).
   */
  text: string()
});
var Base64Schema = string().refine((val) => {
  try {
    atob(val);
    return true;
  } catch {
    return false;
  }
}, { message: "Invalid Base64 string" });
var BlobResourceContentsSchema = ResourceContentsSchema.extend({
  /**
   * A base64-encoded string representing the binary data of the item.
   */
  blob: Base64Schema
});
var RoleSchema = _enum(["user", "assistant"]);
var AnnotationsSchema = object({
  /**
   * Intended audience(s) for the resource.
   */
  audience: array(RoleSchema).optional(),
  /**
   * Importance hint for the resource, from 0 (least) to 1 (most).
   */
  priority: number().min(0).max(1).optional(),
  /**
   * ISO 8601 timestamp for the most recent modification.
   */
  lastModified: iso_exports.datetime({ offset: true }).optional()
});
var ResourceSchema = object({
  ...BaseMetadataSchema.shape,
  ...IconsSchema.shape,
  /**
   * The URI of this resource.
   */
  uri: string(),
  /**
   * A description of what this resource represents.
   *
   * This can be used by clients to improve the LLM's understanding of available resources. It can be thought of like a "hint" to the model.
   */
  description: optional(string()),
  /**
   * The MIME type of this resource, if known.
   */
  mimeType: optional(string()),
  /**
   * The size of the raw resource content, in bytes (i.e., before base64 encoding or any tokenization), if known.
   *
   * This can be used by Hosts to display file sizes and estimate context window usage.
   */
  size: optional(number()),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: optional(looseObject({}))
});
var ResourceTemplateSchema = object({
  ...BaseMetadataSchema.shape,
  ...IconsSchema.shape,
  /**
   * A URI template (according to RFC 6570) that can be used to construct resource URIs.
   */
  uriTemplate: string(),
  /**
   * A description of what this template is for.
   *
   * This can be used by clients to improve the LLM's understanding of available resources. It can be thought of like a "hint" to the model.
   */
  description: optional(string()),
  /**
   * The MIME type for all resources that match this template. This should only be included if all resources matching this template have the same type.
   */
  mimeType: optional(string()),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: optional(looseObject({}))
});
var ListResourcesRequestSchema = PaginatedRequestSchema.extend({
  method: literal("resources/list")
});
var ListResourcesResultSchema = PaginatedResultSchema.extend({
  resources: array(ResourceSchema)
});
var ListResourceTemplatesRequestSchema = PaginatedRequestSchema.extend({
  method: literal("resources/templates/list")
});
var ListResourceTemplatesResultSchema = PaginatedResultSchema.extend({
  resourceTemplates: array(ResourceTemplateSchema)
});
var ResourceRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * The URI of the resource to read. The URI can use any protocol; it is up to the server how to interpret it.
   *
   * @format uri
   */
  uri: string()
});
var ReadResourceRequestParamsSchema = ResourceRequestParamsSchema;
var ReadResourceRequestSchema = RequestSchema.extend({
  method: literal("resources/read"),
  params: ReadResourceRequestParamsSchema
});
var ReadResourceResultSchema = ResultSchema.extend({
  contents: array(union([TextResourceContentsSchema, BlobResourceContentsSchema]))
});
var ResourceListChangedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/resources/list_changed"),
  params: NotificationsParamsSchema.optional()
});
var SubscribeRequestParamsSchema = ResourceRequestParamsSchema;
var SubscribeRequestSchema = RequestSchema.extend({
  method: literal("resources/subscribe"),
  params: SubscribeRequestParamsSchema
});
var UnsubscribeRequestParamsSchema = ResourceRequestParamsSchema;
var UnsubscribeRequestSchema = RequestSchema.extend({
  method: literal("resources/unsubscribe"),
  params: UnsubscribeRequestParamsSchema
});
var ResourceUpdatedNotificationParamsSchema = NotificationsParamsSchema.extend({
  /**
   * The URI of the resource that has been updated. This might be a sub-resource of the one that the client actually subscribed to.
   */
  uri: string()
});
var ResourceUpdatedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/resources/updated"),
  params: ResourceUpdatedNotificationParamsSchema
});
var PromptArgumentSchema = object({
  /**
   * The name of the argument.
   */
  name: string(),
  /**
   * A human-readable description of the argument.
   */
  description: optional(string()),
  /**
   * Whether this argument must be provided.
   */
  required: optional(boolean())
});
var PromptSchema = object({
  ...BaseMetadataSchema.shape,
  ...IconsSchema.shape,
  /**
   * An optional description of what this prompt provides
   */
  description: optional(string()),
  /**
   * A list of arguments to use for templating the prompt.
   */
  arguments: optional(array(PromptArgumentSchema)),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: optional(looseObject({}))
});
var ListPromptsRequestSchema = PaginatedRequestSchema.extend({
  method: literal("prompts/list")
});
var ListPromptsResultSchema = PaginatedResultSchema.extend({
  prompts: array(PromptSchema)
});
var GetPromptRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * The name of the prompt or prompt template.
   */
  name: string(),
  /**
   * Arguments to use for templating the prompt.
   */
  arguments: record(string(), string()).optional()
});
var GetPromptRequestSchema = RequestSchema.extend({
  method: literal("prompts/get"),
  params: GetPromptRequestParamsSchema
});
var TextContentSchema = object({
  type: literal("text"),
  /**
   * The text content of the message.
   */
  text: string(),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var ImageContentSchema = object({
  type: literal("image"),
  /**
   * The base64-encoded image data.
   */
  data: Base64Schema,
  /**
   * The MIME type of the image. Different providers may support different image types.
   */
  mimeType: string(),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var AudioContentSchema = object({
  type: literal("audio"),
  /**
   * The base64-encoded audio data.
   */
  data: Base64Schema,
  /**
   * The MIME type of the audio. Different providers may support different audio types.
   */
  mimeType: string(),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var ToolUseContentSchema = object({
  type: literal("tool_use"),
  /**
   * The name of the tool to invoke.
   * Must match a tool name from the request's tools array.
   */
  name: string(),
  /**
   * Unique identifier for this tool call.
   * Used to correlate with ToolResultContent in subsequent messages.
   */
  id: string(),
  /**
   * Arguments to pass to the tool.
   * Must conform to the tool's inputSchema.
   */
  input: record(string(), unknown()),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var EmbeddedResourceSchema = object({
  type: literal("resource"),
  resource: union([TextResourceContentsSchema, BlobResourceContentsSchema]),
  /**
   * Optional annotations for the client.
   */
  annotations: AnnotationsSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var ResourceLinkSchema = ResourceSchema.extend({
  type: literal("resource_link")
});
var ContentBlockSchema = union([
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ResourceLinkSchema,
  EmbeddedResourceSchema
]);
var PromptMessageSchema = object({
  role: RoleSchema,
  content: ContentBlockSchema
});
var GetPromptResultSchema = ResultSchema.extend({
  /**
   * An optional description for the prompt.
   */
  description: string().optional(),
  messages: array(PromptMessageSchema)
});
var PromptListChangedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/prompts/list_changed"),
  params: NotificationsParamsSchema.optional()
});
var ToolAnnotationsSchema = object({
  /**
   * A human-readable title for the tool.
   */
  title: string().optional(),
  /**
   * If true, the tool does not modify its environment.
   *
   * Default: false
   */
  readOnlyHint: boolean().optional(),
  /**
   * If true, the tool may perform destructive updates to its environment.
   * If false, the tool performs only additive updates.
   *
   * (This property is meaningful only when `readOnlyHint == false`)
   *
   * Default: true
   */
  destructiveHint: boolean().optional(),
  /**
   * If true, calling the tool repeatedly with the same arguments
   * will have no additional effect on the its environment.
   *
   * (This property is meaningful only when `readOnlyHint == false`)
   *
   * Default: false
   */
  idempotentHint: boolean().optional(),
  /**
   * If true, this tool may interact with an "open world" of external
   * entities. If false, the tool's domain of interaction is closed.
   * For example, the world of a web search tool is open, whereas that
   * of a memory tool is not.
   *
   * Default: true
   */
  openWorldHint: boolean().optional()
});
var ToolExecutionSchema = object({
  /**
   * Indicates the tool's preference for task-augmented execution.
   * - "required": Clients MUST invoke the tool as a task
   * - "optional": Clients MAY invoke the tool as a task or normal request
   * - "forbidden": Clients MUST NOT attempt to invoke the tool as a task
   *
   * If not present, defaults to "forbidden".
   */
  taskSupport: _enum(["required", "optional", "forbidden"]).optional()
});
var ToolSchema = object({
  ...BaseMetadataSchema.shape,
  ...IconsSchema.shape,
  /**
   * A human-readable description of the tool.
   */
  description: string().optional(),
  /**
   * A JSON Schema 2020-12 object defining the expected parameters for the tool.
   * Must have type: 'object' at the root level per MCP spec.
   */
  inputSchema: object({
    type: literal("object"),
    properties: record(string(), AssertObjectSchema).optional(),
    required: array(string()).optional()
  }).catchall(unknown()),
  /**
   * An optional JSON Schema 2020-12 object defining the structure of the tool's output
   * returned in the structuredContent field of a CallToolResult.
   * Must have type: 'object' at the root level per MCP spec.
   */
  outputSchema: object({
    type: literal("object"),
    properties: record(string(), AssertObjectSchema).optional(),
    required: array(string()).optional()
  }).catchall(unknown()).optional(),
  /**
   * Optional additional tool information.
   */
  annotations: ToolAnnotationsSchema.optional(),
  /**
   * Execution-related properties for this tool.
   */
  execution: ToolExecutionSchema.optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var ListToolsRequestSchema = PaginatedRequestSchema.extend({
  method: literal("tools/list")
});
var ListToolsResultSchema = PaginatedResultSchema.extend({
  tools: array(ToolSchema)
});
var CallToolResultSchema = ResultSchema.extend({
  /**
   * A list of content objects that represent the result of the tool call.
   *
   * If the Tool does not define an outputSchema, this field MUST be present in the result.
   * For backwards compatibility, this field is always present, but it may be empty.
   */
  content: array(ContentBlockSchema).default([]),
  /**
   * An object containing structured tool output.
   *
   * If the Tool defines an outputSchema, this field MUST be present in the result, and contain a JSON object that matches the schema.
   */
  structuredContent: record(string(), unknown()).optional(),
  /**
   * Whether the tool call ended in an error.
   *
   * If not set, this is assumed to be false (the call was successful).
   *
   * Any errors that originate from the tool SHOULD be reported inside the result
   * object, with `isError` set to true, _not_ as an MCP protocol-level error
   * response. Otherwise, the LLM would not be able to see that an error occurred
   * and self-correct.
   *
   * However, any errors in _finding_ the tool, an error indicating that the
   * server does not support tool calls, or any other exceptional conditions,
   * should be reported as an MCP error response.
   */
  isError: boolean().optional()
});
var CompatibilityCallToolResultSchema = CallToolResultSchema.or(ResultSchema.extend({
  toolResult: unknown()
}));
var CallToolRequestParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  /**
   * The name of the tool to call.
   */
  name: string(),
  /**
   * Arguments to pass to the tool.
   */
  arguments: record(string(), unknown()).optional()
});
var CallToolRequestSchema = RequestSchema.extend({
  method: literal("tools/call"),
  params: CallToolRequestParamsSchema
});
var ToolListChangedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/tools/list_changed"),
  params: NotificationsParamsSchema.optional()
});
var ListChangedOptionsBaseSchema = object({
  /**
   * If true, the list will be refreshed automatically when a list changed notification is received.
   * The callback will be called with the updated list.
   *
   * If false, the callback will be called with null items, allowing manual refresh.
   *
   * @default true
   */
  autoRefresh: boolean().default(true),
  /**
   * Debounce time in milliseconds for list changed notification processing.
   *
   * Multiple notifications received within this timeframe will only trigger one refresh.
   * Set to 0 to disable debouncing.
   *
   * @default 300
   */
  debounceMs: number().int().nonnegative().default(300)
});
var LoggingLevelSchema = _enum(["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]);
var SetLevelRequestParamsSchema = BaseRequestParamsSchema.extend({
  /**
   * The level of logging that the client wants to receive from the server. The server should send all logs at this level and higher (i.e., more severe) to the client as notifications/logging/message.
   */
  level: LoggingLevelSchema
});
var SetLevelRequestSchema = RequestSchema.extend({
  method: literal("logging/setLevel"),
  params: SetLevelRequestParamsSchema
});
var LoggingMessageNotificationParamsSchema = NotificationsParamsSchema.extend({
  /**
   * The severity of this log message.
   */
  level: LoggingLevelSchema,
  /**
   * An optional name of the logger issuing this message.
   */
  logger: string().optional(),
  /**
   * The data to be logged, such as a string message or an object. Any JSON serializable type is allowed here.
   */
  data: unknown()
});
var LoggingMessageNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/message"),
  params: LoggingMessageNotificationParamsSchema
});
var ModelHintSchema = object({
  /**
   * A hint for a model name.
   */
  name: string().optional()
});
var ModelPreferencesSchema = object({
  /**
   * Optional hints to use for model selection.
   */
  hints: array(ModelHintSchema).optional(),
  /**
   * How much to prioritize cost when selecting a model.
   */
  costPriority: number().min(0).max(1).optional(),
  /**
   * How much to prioritize sampling speed (latency) when selecting a model.
   */
  speedPriority: number().min(0).max(1).optional(),
  /**
   * How much to prioritize intelligence and capabilities when selecting a model.
   */
  intelligencePriority: number().min(0).max(1).optional()
});
var ToolChoiceSchema = object({
  /**
   * Controls when tools are used:
   * - "auto": Model decides whether to use tools (default)
   * - "required": Model MUST use at least one tool before completing
   * - "none": Model MUST NOT use any tools
   */
  mode: _enum(["auto", "required", "none"]).optional()
});
var ToolResultContentSchema = object({
  type: literal("tool_result"),
  toolUseId: string().describe("The unique identifier for the corresponding tool call."),
  content: array(ContentBlockSchema).default([]),
  structuredContent: object({}).loose().optional(),
  isError: boolean().optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var SamplingContentSchema = discriminatedUnion("type", [TextContentSchema, ImageContentSchema, AudioContentSchema]);
var SamplingMessageContentBlockSchema = discriminatedUnion("type", [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ToolUseContentSchema,
  ToolResultContentSchema
]);
var SamplingMessageSchema = object({
  role: RoleSchema,
  content: union([SamplingMessageContentBlockSchema, array(SamplingMessageContentBlockSchema)]),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var CreateMessageRequestParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  messages: array(SamplingMessageSchema),
  /**
   * The server's preferences for which model to select. The client MAY modify or omit this request.
   */
  modelPreferences: ModelPreferencesSchema.optional(),
  /**
   * An optional system prompt the server wants to use for sampling. The client MAY modify or omit this prompt.
   */
  systemPrompt: string().optional(),
  /**
   * A request to include context from one or more MCP servers (including the caller), to be attached to the prompt.
   * The client MAY ignore this request.
   *
   * Default is "none". Values "thisServer" and "allServers" are soft-deprecated. Servers SHOULD only use these values if the client
   * declares ClientCapabilities.sampling.context. These values may be removed in future spec releases.
   */
  includeContext: _enum(["none", "thisServer", "allServers"]).optional(),
  temperature: number().optional(),
  /**
   * The requested maximum number of tokens to sample (to prevent runaway completions).
   *
   * The client MAY choose to sample fewer tokens than the requested maximum.
   */
  maxTokens: number().int(),
  stopSequences: array(string()).optional(),
  /**
   * Optional metadata to pass through to the LLM provider. The format of this metadata is provider-specific.
   */
  metadata: AssertObjectSchema.optional(),
  /**
   * Tools that the model may use during generation.
   * The client MUST return an error if this field is provided but ClientCapabilities.sampling.tools is not declared.
   */
  tools: array(ToolSchema).optional(),
  /**
   * Controls how the model uses tools.
   * The client MUST return an error if this field is provided but ClientCapabilities.sampling.tools is not declared.
   * Default is `{ mode: "auto" }`.
   */
  toolChoice: ToolChoiceSchema.optional()
});
var CreateMessageRequestSchema = RequestSchema.extend({
  method: literal("sampling/createMessage"),
  params: CreateMessageRequestParamsSchema
});
var CreateMessageResultSchema = ResultSchema.extend({
  /**
   * The name of the model that generated the message.
   */
  model: string(),
  /**
   * The reason why sampling stopped, if known.
   *
   * Standard values:
   * - "endTurn": Natural end of the assistant's turn
   * - "stopSequence": A stop sequence was encountered
   * - "maxTokens": Maximum token limit was reached
   *
   * This field is an open string to allow for provider-specific stop reasons.
   */
  stopReason: optional(_enum(["endTurn", "stopSequence", "maxTokens"]).or(string())),
  role: RoleSchema,
  /**
   * Response content. Single content block (text, image, or audio).
   */
  content: SamplingContentSchema
});
var CreateMessageResultWithToolsSchema = ResultSchema.extend({
  /**
   * The name of the model that generated the message.
   */
  model: string(),
  /**
   * The reason why sampling stopped, if known.
   *
   * Standard values:
   * - "endTurn": Natural end of the assistant's turn
   * - "stopSequence": A stop sequence was encountered
   * - "maxTokens": Maximum token limit was reached
   * - "toolUse": The model wants to use one or more tools
   *
   * This field is an open string to allow for provider-specific stop reasons.
   */
  stopReason: optional(_enum(["endTurn", "stopSequence", "maxTokens", "toolUse"]).or(string())),
  role: RoleSchema,
  /**
   * Response content. May be a single block or array. May include ToolUseContent if stopReason is "toolUse".
   */
  content: union([SamplingMessageContentBlockSchema, array(SamplingMessageContentBlockSchema)])
});
var BooleanSchemaSchema = object({
  type: literal("boolean"),
  title: string().optional(),
  description: string().optional(),
  default: boolean().optional()
});
var StringSchemaSchema = object({
  type: literal("string"),
  title: string().optional(),
  description: string().optional(),
  minLength: number().optional(),
  maxLength: number().optional(),
  format: _enum(["email", "uri", "date", "date-time"]).optional(),
  default: string().optional()
});
var NumberSchemaSchema = object({
  type: _enum(["number", "integer"]),
  title: string().optional(),
  description: string().optional(),
  minimum: number().optional(),
  maximum: number().optional(),
  default: number().optional()
});
var UntitledSingleSelectEnumSchemaSchema = object({
  type: literal("string"),
  title: string().optional(),
  description: string().optional(),
  enum: array(string()),
  default: string().optional()
});
var TitledSingleSelectEnumSchemaSchema = object({
  type: literal("string"),
  title: string().optional(),
  description: string().optional(),
  oneOf: array(object({
    const: string(),
    title: string()
  })),
  default: string().optional()
});
var LegacyTitledEnumSchemaSchema = object({
  type: literal("string"),
  title: string().optional(),
  description: string().optional(),
  enum: array(string()),
  enumNames: array(string()).optional(),
  default: string().optional()
});
var SingleSelectEnumSchemaSchema = union([UntitledSingleSelectEnumSchemaSchema, TitledSingleSelectEnumSchemaSchema]);
var UntitledMultiSelectEnumSchemaSchema = object({
  type: literal("array"),
  title: string().optional(),
  description: string().optional(),
  minItems: number().optional(),
  maxItems: number().optional(),
  items: object({
    type: literal("string"),
    enum: array(string())
  }),
  default: array(string()).optional()
});
var TitledMultiSelectEnumSchemaSchema = object({
  type: literal("array"),
  title: string().optional(),
  description: string().optional(),
  minItems: number().optional(),
  maxItems: number().optional(),
  items: object({
    anyOf: array(object({
      const: string(),
      title: string()
    }))
  }),
  default: array(string()).optional()
});
var MultiSelectEnumSchemaSchema = union([UntitledMultiSelectEnumSchemaSchema, TitledMultiSelectEnumSchemaSchema]);
var EnumSchemaSchema = union([LegacyTitledEnumSchemaSchema, SingleSelectEnumSchemaSchema, MultiSelectEnumSchemaSchema]);
var PrimitiveSchemaDefinitionSchema = union([EnumSchemaSchema, BooleanSchemaSchema, StringSchemaSchema, NumberSchemaSchema]);
var ElicitRequestFormParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  /**
   * The elicitation mode.
   *
   * Optional for backward compatibility. Clients MUST treat missing mode as "form".
   */
  mode: literal("form").optional(),
  /**
   * The message to present to the user describing what information is being requested.
   */
  message: string(),
  /**
   * A restricted subset of JSON Schema.
   * Only top-level properties are allowed, without nesting.
   */
  requestedSchema: object({
    type: literal("object"),
    properties: record(string(), PrimitiveSchemaDefinitionSchema),
    required: array(string()).optional()
  })
});
var ElicitRequestURLParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  /**
   * The elicitation mode.
   */
  mode: literal("url"),
  /**
   * The message to present to the user explaining why the interaction is needed.
   */
  message: string(),
  /**
   * The ID of the elicitation, which must be unique within the context of the server.
   * The client MUST treat this ID as an opaque value.
   */
  elicitationId: string(),
  /**
   * The URL that the user should navigate to.
   */
  url: string().url()
});
var ElicitRequestParamsSchema = union([ElicitRequestFormParamsSchema, ElicitRequestURLParamsSchema]);
var ElicitRequestSchema = RequestSchema.extend({
  method: literal("elicitation/create"),
  params: ElicitRequestParamsSchema
});
var ElicitationCompleteNotificationParamsSchema = NotificationsParamsSchema.extend({
  /**
   * The ID of the elicitation that completed.
   */
  elicitationId: string()
});
var ElicitationCompleteNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/elicitation/complete"),
  params: ElicitationCompleteNotificationParamsSchema
});
var ElicitResultSchema = ResultSchema.extend({
  /**
   * The user action in response to the elicitation.
   * - "accept": User submitted the form/confirmed the action
   * - "decline": User explicitly decline the action
   * - "cancel": User dismissed without making an explicit choice
   */
  action: _enum(["accept", "decline", "cancel"]),
  /**
   * The submitted form data, only present when action is "accept".
   * Contains values matching the requested schema.
   * Per MCP spec, content is "typically omitted" for decline/cancel actions.
   * We normalize null to undefined for leniency while maintaining type compatibility.
   */
  content: preprocess((val) => val === null ? void 0 : val, record(string(), union([string(), number(), boolean(), array(string())])).optional())
});
var ResourceTemplateReferenceSchema = object({
  type: literal("ref/resource"),
  /**
   * The URI or URI template of the resource.
   */
  uri: string()
});
var PromptReferenceSchema = object({
  type: literal("ref/prompt"),
  /**
   * The name of the prompt or prompt template
   */
  name: string()
});
var CompleteRequestParamsSchema = BaseRequestParamsSchema.extend({
  ref: union([PromptReferenceSchema, ResourceTemplateReferenceSchema]),
  /**
   * The argument's information
   */
  argument: object({
    /**
     * The name of the argument
     */
    name: string(),
    /**
     * The value of the argument to use for completion matching.
     */
    value: string()
  }),
  context: object({
    /**
     * Previously-resolved variables in a URI template or prompt.
     */
    arguments: record(string(), string()).optional()
  }).optional()
});
var CompleteRequestSchema = RequestSchema.extend({
  method: literal("completion/complete"),
  params: CompleteRequestParamsSchema
});
var CompleteResultSchema = ResultSchema.extend({
  completion: looseObject({
    /**
     * An array of completion values. Must not exceed 100 items.
     */
    values: array(string()).max(100),
    /**
     * The total number of completion options available. This can exceed the number of values actually sent in the response.
     */
    total: optional(number().int()),
    /**
     * Indicates whether there are additional completion options beyond those provided in the current response, even if the exact total is unknown.
     */
    hasMore: optional(boolean())
  })
});
var RootSchema = object({
  /**
   * The URI identifying the root. This *must* start with file:// for now.
   */
  uri: string().startsWith("file://"),
  /**
   * An optional name for the root.
   */
  name: string().optional(),
  /**
   * See [MCP specification](https://github.com/modelcontextprotocol/modelcontextprotocol/blob/47339c03c143bb4ec01a26e721a1b8fe66634ebe/docs/specification/draft/basic/index.mdx#general-fields)
   * for notes on _meta usage.
   */
  _meta: record(string(), unknown()).optional()
});
var ListRootsRequestSchema = RequestSchema.extend({
  method: literal("roots/list"),
  params: BaseRequestParamsSchema.optional()
});
var ListRootsResultSchema = ResultSchema.extend({
  roots: array(RootSchema)
});
var RootsListChangedNotificationSchema = NotificationSchema.extend({
  method: literal("notifications/roots/list_changed"),
  params: NotificationsParamsSchema.optional()
});
var ClientRequestSchema = union([
  PingRequestSchema,
  InitializeRequestSchema,
  CompleteRequestSchema,
  SetLevelRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  CallToolRequestSchema,
  ListToolsRequestSchema,
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  ListTasksRequestSchema,
  CancelTaskRequestSchema
]);
var ClientNotificationSchema = union([
  CancelledNotificationSchema,
  ProgressNotificationSchema,
  InitializedNotificationSchema,
  RootsListChangedNotificationSchema,
  TaskStatusNotificationSchema
]);
var ClientResultSchema = union([
  EmptyResultSchema,
  CreateMessageResultSchema,
  CreateMessageResultWithToolsSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
  CreateTaskResultSchema
]);
var ServerRequestSchema = union([
  PingRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  ListTasksRequestSchema,
  CancelTaskRequestSchema
]);
var ServerNotificationSchema = union([
  CancelledNotificationSchema,
  ProgressNotificationSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  PromptListChangedNotificationSchema,
  TaskStatusNotificationSchema,
  ElicitationCompleteNotificationSchema
]);
var ServerResultSchema = union([
  EmptyResultSchema,
  InitializeResultSchema,
  CompleteResultSchema,
  GetPromptResultSchema,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceResultSchema,
  CallToolResultSchema,
  ListToolsResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
  CreateTaskResultSchema
]);

// node_modules/pkce-challenge/dist/index.node.js
var crypto;
crypto = globalThis.crypto?.webcrypto ?? // Node.js [18-16] REPL
globalThis.crypto ?? // Node.js >18
import("node:crypto").then((m) => m.webcrypto);
async function getRandomValues(size) {
  return (await crypto).getRandomValues(new Uint8Array(size));
}
async function random(size) {
  const mask = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
  const evenDistCutoff = Math.pow(2, 8) - Math.pow(2, 8) % mask.length;
  let result = "";
  while (result.length < size) {
    const randomBytes2 = await getRandomValues(size - result.length);
    for (const randomByte of randomBytes2) {
      if (randomByte < evenDistCutoff) {
        result += mask[randomByte % mask.length];
      }
    }
  }
  return result;
}
async function generateVerifier(length) {
  return await random(length);
}
async function generateChallenge(code_verifier) {
  const buffer = await (await crypto).subtle.digest("SHA-256", new TextEncoder().encode(code_verifier));
  return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\//g, "_").replace(/\+/g, "-").replace(/=/g, "");
}
async function pkceChallenge(length) {
  if (!length)
    length = 43;
  if (length < 43 || length > 128) {
    throw `Expected a length between 43 and 128. Received ${length}.`;
  }
  const verifier = await generateVerifier(length);
  const challenge = await generateChallenge(verifier);
  return {
    code_verifier: verifier,
    code_challenge: challenge
  };
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/auth.js
var SafeUrlSchema = url().superRefine((val, ctx) => {
  if (!URL.canParse(val)) {
    ctx.addIssue({
      code: ZodIssueCode.custom,
      message: "URL must be parseable",
      fatal: true
    });
    return NEVER;
  }
}).refine((url2) => {
  const u = new URL(url2);
  return u.protocol !== "javascript:" && u.protocol !== "data:" && u.protocol !== "vbscript:";
}, { message: "URL cannot use javascript:, data:, or vbscript: scheme" });
var OAuthProtectedResourceMetadataSchema = looseObject({
  resource: string().url(),
  authorization_servers: array(SafeUrlSchema).optional(),
  jwks_uri: string().url().optional(),
  scopes_supported: array(string()).optional(),
  bearer_methods_supported: array(string()).optional(),
  resource_signing_alg_values_supported: array(string()).optional(),
  resource_name: string().optional(),
  resource_documentation: string().optional(),
  resource_policy_uri: string().url().optional(),
  resource_tos_uri: string().url().optional(),
  tls_client_certificate_bound_access_tokens: boolean().optional(),
  authorization_details_types_supported: array(string()).optional(),
  dpop_signing_alg_values_supported: array(string()).optional(),
  dpop_bound_access_tokens_required: boolean().optional()
});
var OAuthMetadataSchema = looseObject({
  issuer: string(),
  authorization_endpoint: SafeUrlSchema,
  token_endpoint: SafeUrlSchema,
  registration_endpoint: SafeUrlSchema.optional(),
  scopes_supported: array(string()).optional(),
  response_types_supported: array(string()),
  response_modes_supported: array(string()).optional(),
  grant_types_supported: array(string()).optional(),
  token_endpoint_auth_methods_supported: array(string()).optional(),
  token_endpoint_auth_signing_alg_values_supported: array(string()).optional(),
  service_documentation: SafeUrlSchema.optional(),
  revocation_endpoint: SafeUrlSchema.optional(),
  revocation_endpoint_auth_methods_supported: array(string()).optional(),
  revocation_endpoint_auth_signing_alg_values_supported: array(string()).optional(),
  introspection_endpoint: string().optional(),
  introspection_endpoint_auth_methods_supported: array(string()).optional(),
  introspection_endpoint_auth_signing_alg_values_supported: array(string()).optional(),
  code_challenge_methods_supported: array(string()).optional(),
  client_id_metadata_document_supported: boolean().optional()
});
var OpenIdProviderMetadataSchema = looseObject({
  issuer: string(),
  authorization_endpoint: SafeUrlSchema,
  token_endpoint: SafeUrlSchema,
  userinfo_endpoint: SafeUrlSchema.optional(),
  jwks_uri: SafeUrlSchema,
  registration_endpoint: SafeUrlSchema.optional(),
  scopes_supported: array(string()).optional(),
  response_types_supported: array(string()),
  response_modes_supported: array(string()).optional(),
  grant_types_supported: array(string()).optional(),
  acr_values_supported: array(string()).optional(),
  subject_types_supported: array(string()),
  id_token_signing_alg_values_supported: array(string()),
  id_token_encryption_alg_values_supported: array(string()).optional(),
  id_token_encryption_enc_values_supported: array(string()).optional(),
  userinfo_signing_alg_values_supported: array(string()).optional(),
  userinfo_encryption_alg_values_supported: array(string()).optional(),
  userinfo_encryption_enc_values_supported: array(string()).optional(),
  request_object_signing_alg_values_supported: array(string()).optional(),
  request_object_encryption_alg_values_supported: array(string()).optional(),
  request_object_encryption_enc_values_supported: array(string()).optional(),
  token_endpoint_auth_methods_supported: array(string()).optional(),
  token_endpoint_auth_signing_alg_values_supported: array(string()).optional(),
  display_values_supported: array(string()).optional(),
  claim_types_supported: array(string()).optional(),
  claims_supported: array(string()).optional(),
  service_documentation: string().optional(),
  claims_locales_supported: array(string()).optional(),
  ui_locales_supported: array(string()).optional(),
  claims_parameter_supported: boolean().optional(),
  request_parameter_supported: boolean().optional(),
  request_uri_parameter_supported: boolean().optional(),
  require_request_uri_registration: boolean().optional(),
  op_policy_uri: SafeUrlSchema.optional(),
  op_tos_uri: SafeUrlSchema.optional(),
  client_id_metadata_document_supported: boolean().optional()
});
var OpenIdProviderDiscoveryMetadataSchema = object({
  ...OpenIdProviderMetadataSchema.shape,
  ...OAuthMetadataSchema.pick({
    code_challenge_methods_supported: true
  }).shape
});
var OAuthTokensSchema = object({
  access_token: string(),
  id_token: string().optional(),
  // Optional for OAuth 2.1, but necessary in OpenID Connect
  token_type: string(),
  expires_in: coerce_exports.number().optional(),
  scope: string().optional(),
  refresh_token: string().optional(),
  /**
   * Not part of the wire format: the authorization server this value was obtained from, added by
   * the client's `auth()` before it is stored and compared when it is read back.
   */
  issuer: string().optional().catch(void 0)
}).strip();
var OAuthErrorResponseSchema = object({
  error: string(),
  error_description: string().optional(),
  error_uri: string().optional()
});
var OptionalSafeUrlSchema = SafeUrlSchema.optional().or(literal("").transform(() => void 0));
var OAuthClientMetadataSchema = object({
  redirect_uris: array(SafeUrlSchema),
  token_endpoint_auth_method: string().optional(),
  grant_types: array(string()).optional(),
  response_types: array(string()).optional(),
  client_name: string().optional(),
  client_uri: SafeUrlSchema.optional(),
  logo_uri: OptionalSafeUrlSchema,
  scope: string().optional(),
  contacts: array(string()).optional(),
  tos_uri: OptionalSafeUrlSchema,
  policy_uri: string().optional(),
  jwks_uri: SafeUrlSchema.optional(),
  jwks: any().optional(),
  software_id: string().optional(),
  software_version: string().optional(),
  software_statement: string().optional()
}).strip();
var OAuthClientInformationSchema = object({
  client_id: string(),
  client_secret: string().optional(),
  client_id_issued_at: number().optional(),
  client_secret_expires_at: number().optional(),
  /**
   * Not part of the wire format: the authorization server this value was obtained from, added by
   * the client's `auth()` before it is stored and compared when it is read back.
   */
  issuer: string().optional().catch(void 0)
}).strip();
var OAuthClientInformationFullSchema = OAuthClientMetadataSchema.merge(OAuthClientInformationSchema);
var OAuthClientRegistrationErrorSchema = object({
  error: string(),
  error_description: string().optional()
}).strip();
var OAuthTokenRevocationRequestSchema = object({
  token: string(),
  token_type_hint: string().optional()
}).strip();

// node_modules/@modelcontextprotocol/sdk/dist/esm/shared/auth-utils.js
function resourceUrlFromServerUrl(url2) {
  const resourceURL = typeof url2 === "string" ? new URL(url2) : new URL(url2.href);
  resourceURL.hash = "";
  return resourceURL;
}
function checkResourceAllowed({ requestedResource, configuredResource }) {
  const requested = typeof requestedResource === "string" ? new URL(requestedResource) : new URL(requestedResource.href);
  const configured = typeof configuredResource === "string" ? new URL(configuredResource) : new URL(configuredResource.href);
  if (requested.origin !== configured.origin) {
    return false;
  }
  if (requested.pathname.length < configured.pathname.length) {
    return false;
  }
  const requestedPath = requested.pathname.endsWith("/") ? requested.pathname : requested.pathname + "/";
  const configuredPath = configured.pathname.endsWith("/") ? configured.pathname : configured.pathname + "/";
  return requestedPath.startsWith(configuredPath);
}

// node_modules/@modelcontextprotocol/sdk/dist/esm/server/auth/errors.js
var OAuthError = class extends Error {
  constructor(message, errorUri) {
    super(message);
    this.errorUri = errorUri;
    this.name = this.constructor.name;
  }
  /**
   * Converts the error to a standard OAuth error response object
   */
  toResponseObject() {
    const response = {
      error: this.errorCode,
      error_description: this.message
    };
    if (this.errorUri) {
      response.error_uri = this.errorUri;
    }
    return response;
  }
  get errorCode() {
    return this.constructor.errorCode;
  }
};
var InvalidRequestError = class extends OAuthError {
};
InvalidRequestError.errorCode = "invalid_request";
var InvalidClientError = class extends OAuthError {
};
InvalidClientError.errorCode = "invalid_client";
var InvalidGrantError = class extends OAuthError {
};
InvalidGrantError.errorCode = "invalid_grant";
var UnauthorizedClientError = class extends OAuthError {
};
UnauthorizedClientError.errorCode = "unauthorized_client";
var UnsupportedGrantTypeError = class extends OAuthError {
};
UnsupportedGrantTypeError.errorCode = "unsupported_grant_type";
var InvalidScopeError = class extends OAuthError {
};
InvalidScopeError.errorCode = "invalid_scope";
var AccessDeniedError = class extends OAuthError {
};
AccessDeniedError.errorCode = "access_denied";
var ServerError = class extends OAuthError {
};
ServerError.errorCode = "server_error";
var TemporarilyUnavailableError = class extends OAuthError {
};
TemporarilyUnavailableError.errorCode = "temporarily_unavailable";
var UnsupportedResponseTypeError = class extends OAuthError {
};
UnsupportedResponseTypeError.errorCode = "unsupported_response_type";
var UnsupportedTokenTypeError = class extends OAuthError {
};
UnsupportedTokenTypeError.errorCode = "unsupported_token_type";
var InvalidTokenError = class extends OAuthError {
};
InvalidTokenError.errorCode = "invalid_token";
var MethodNotAllowedError = class extends OAuthError {
};
MethodNotAllowedError.errorCode = "method_not_allowed";
var TooManyRequestsError = class extends OAuthError {
};
TooManyRequestsError.errorCode = "too_many_requests";
var InvalidClientMetadataError = class extends OAuthError {
};
InvalidClientMetadataError.errorCode = "invalid_client_metadata";
var InsufficientScopeError = class extends OAuthError {
};
InsufficientScopeError.errorCode = "insufficient_scope";
var InvalidTargetError = class extends OAuthError {
};
InvalidTargetError.errorCode = "invalid_target";
var OAUTH_ERRORS = {
  [InvalidRequestError.errorCode]: InvalidRequestError,
  [InvalidClientError.errorCode]: InvalidClientError,
  [InvalidGrantError.errorCode]: InvalidGrantError,
  [UnauthorizedClientError.errorCode]: UnauthorizedClientError,
  [UnsupportedGrantTypeError.errorCode]: UnsupportedGrantTypeError,
  [InvalidScopeError.errorCode]: InvalidScopeError,
  [AccessDeniedError.errorCode]: AccessDeniedError,
  [ServerError.errorCode]: ServerError,
  [TemporarilyUnavailableError.errorCode]: TemporarilyUnavailableError,
  [UnsupportedResponseTypeError.errorCode]: UnsupportedResponseTypeError,
  [UnsupportedTokenTypeError.errorCode]: UnsupportedTokenTypeError,
  [InvalidTokenError.errorCode]: InvalidTokenError,
  [MethodNotAllowedError.errorCode]: MethodNotAllowedError,
  [TooManyRequestsError.errorCode]: TooManyRequestsError,
  [InvalidClientMetadataError.errorCode]: InvalidClientMetadataError,
  [InsufficientScopeError.errorCode]: InsufficientScopeError,
  [InvalidTargetError.errorCode]: InvalidTargetError
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/client/auth.js
var UnauthorizedError = class extends Error {
  constructor(message) {
    super(message ?? "Unauthorized");
  }
};
function isClientAuthMethod(method) {
  return ["client_secret_basic", "client_secret_post", "none"].includes(method);
}
var AUTHORIZATION_CODE_RESPONSE_TYPE = "code";
var AUTHORIZATION_CODE_CHALLENGE_METHOD = "S256";
function selectClientAuthMethod(clientInformation, supportedMethods) {
  const hasClientSecret = clientInformation.client_secret !== void 0;
  if ("token_endpoint_auth_method" in clientInformation && clientInformation.token_endpoint_auth_method && isClientAuthMethod(clientInformation.token_endpoint_auth_method) && (supportedMethods.length === 0 || supportedMethods.includes(clientInformation.token_endpoint_auth_method))) {
    return clientInformation.token_endpoint_auth_method;
  }
  if (supportedMethods.length === 0) {
    return hasClientSecret ? "client_secret_basic" : "none";
  }
  if (hasClientSecret && supportedMethods.includes("client_secret_basic")) {
    return "client_secret_basic";
  }
  if (hasClientSecret && supportedMethods.includes("client_secret_post")) {
    return "client_secret_post";
  }
  if (supportedMethods.includes("none")) {
    return "none";
  }
  return hasClientSecret ? "client_secret_post" : "none";
}
function applyClientAuthentication(method, clientInformation, headers, params) {
  const { client_id, client_secret } = clientInformation;
  switch (method) {
    case "client_secret_basic":
      applyBasicAuth(client_id, client_secret, headers);
      return;
    case "client_secret_post":
      applyPostAuth(client_id, client_secret, params);
      return;
    case "none":
      applyPublicAuth(client_id, params);
      return;
    default:
      throw new Error(`Unsupported client authentication method: ${method}`);
  }
}
function applyBasicAuth(clientId, clientSecret, headers) {
  if (!clientSecret) {
    throw new Error("client_secret_basic authentication requires a client_secret");
  }
  const credentials = btoa(`${clientId}:${clientSecret}`);
  headers.set("Authorization", `Basic ${credentials}`);
}
function applyPostAuth(clientId, clientSecret, params) {
  params.set("client_id", clientId);
  if (clientSecret) {
    params.set("client_secret", clientSecret);
  }
}
function applyPublicAuth(clientId, params) {
  params.set("client_id", clientId);
}
async function parseErrorResponse(input) {
  const statusCode = input instanceof Response ? input.status : void 0;
  const body = input instanceof Response ? await input.text() : input;
  try {
    const result = OAuthErrorResponseSchema.parse(JSON.parse(body));
    const { error, error_description, error_uri } = result;
    const errorClass = OAUTH_ERRORS[error] || ServerError;
    return new errorClass(error_description || "", error_uri);
  } catch (error) {
    const redirect = input instanceof Response ? unfollowedRedirect(input, input.url) : void 0;
    const errorMessage = `${statusCode ? `HTTP ${statusCode}: ` : ""}${redirect ?? `Invalid OAuth error response: ${error}. Raw body: ${body}`}`;
    return new ServerError(errorMessage);
  }
}
function issuersMatch(a, b) {
  let [x, y] = [a, b];
  try {
    [x, y] = [new URL(a).href, new URL(b).href];
  } catch {
  }
  return x === y || x.endsWith("/") && x.slice(0, -1) === y || y.endsWith("/") && y.slice(0, -1) === x;
}
function discardIfIssuerMismatch(stored, issuer) {
  if (!stored)
    return void 0;
  if (typeof stored.issuer !== "string")
    return stored.issuer == null ? stored : { ...stored, issuer: void 0 };
  return issuersMatch(stored.issuer, issuer) ? stored : void 0;
}
var TokenResponseSchema = OAuthTokensSchema.omit({ issuer: true });
var RegistrationResponseSchema = OAuthClientInformationFullSchema.omit({ issuer: true });
function boundElsewhereError(stored, issuer) {
  return new Error(`OAuth client information is bound to authorization server ${stored.issuer} and is not presented to ${issuer}. Clear the stored client information, or correct \`expectedIssuer\`, if the authorization server has moved.`);
}
async function auth(provider, options) {
  try {
    return await authInternal(provider, options);
  } catch (error) {
    if (error instanceof InvalidClientError || error instanceof UnauthorizedClientError) {
      await provider.invalidateCredentials?.("all");
      return await authInternal(provider, options);
    } else if (error instanceof InvalidGrantError) {
      await provider.invalidateCredentials?.("tokens");
      return await authInternal(provider, options);
    }
    throw error;
  }
}
async function authInternal(provider, { serverUrl, authorizationCode, scope, resourceMetadataUrl, fetchFn }) {
  const cachedState = await provider.discoveryState?.();
  let resourceMetadata;
  let authorizationServerUrl;
  let metadata;
  let effectiveResourceMetadataUrl = resourceMetadataUrl;
  if (!effectiveResourceMetadataUrl && cachedState?.resourceMetadataUrl) {
    effectiveResourceMetadataUrl = new URL(cachedState.resourceMetadataUrl);
  }
  if (cachedState?.authorizationServerUrl) {
    authorizationServerUrl = cachedState.authorizationServerUrl;
    resourceMetadata = cachedState.resourceMetadata;
    metadata = cachedState.authorizationServerMetadata ?? await discoverAuthorizationServerMetadata(authorizationServerUrl, { fetchFn });
    if (!resourceMetadata) {
      try {
        resourceMetadata = await discoverOAuthProtectedResourceMetadata(serverUrl, { resourceMetadataUrl: effectiveResourceMetadataUrl }, fetchFn);
      } catch {
      }
    }
    if (metadata !== cachedState.authorizationServerMetadata || resourceMetadata !== cachedState.resourceMetadata) {
      await provider.saveDiscoveryState?.({
        authorizationServerUrl: String(authorizationServerUrl),
        resourceMetadataUrl: effectiveResourceMetadataUrl?.toString(),
        resourceMetadata,
        authorizationServerMetadata: metadata
      });
    }
  } else {
    const serverInfo = await discoverOAuthServerInfo(serverUrl, { resourceMetadataUrl: effectiveResourceMetadataUrl, fetchFn });
    authorizationServerUrl = serverInfo.authorizationServerUrl;
    metadata = serverInfo.authorizationServerMetadata;
    resourceMetadata = serverInfo.resourceMetadata;
    await provider.saveDiscoveryState?.({
      authorizationServerUrl: String(authorizationServerUrl),
      resourceMetadataUrl: effectiveResourceMetadataUrl?.toString(),
      resourceMetadata,
      authorizationServerMetadata: metadata
    });
  }
  const issuer = String(authorizationServerUrl);
  const selectedResource = await selectResourceURL(serverUrl, provider, resourceMetadata);
  const resource = selectedResource && resourceMetadata && !provider.validateResourceURL ? resourceMetadata.resource : selectedResource;
  const resolvedScope = scope || resourceMetadata?.scopes_supported?.join(" ") || provider.clientMetadata.scope;
  const storedClientInformation = await Promise.resolve(provider.clientInformation());
  let clientInformation = discardIfIssuerMismatch(storedClientInformation, issuer);
  const canRegisterAgain = provider.saveClientInformation !== void 0 && !!provider.redirectUrl;
  if (storedClientInformation && !clientInformation && !canRegisterAgain) {
    throw boundElsewhereError(storedClientInformation, issuer);
  }
  const unstampedClientInformation = clientInformation?.issuer == null ? clientInformation : void 0;
  const bindClientInformation = async () => {
    try {
      if (unstampedClientInformation)
        await provider.saveClientInformation?.({ ...unstampedClientInformation, issuer });
    } catch {
    }
  };
  if (!clientInformation) {
    if (authorizationCode !== void 0) {
      throw new Error("Existing OAuth client information is required when exchanging an authorization code");
    }
    const supportsUrlBasedClientId = metadata?.client_id_metadata_document_supported === true;
    const clientMetadataUrl = provider.clientMetadataUrl;
    if (clientMetadataUrl && !isHttpsUrl(clientMetadataUrl)) {
      throw new InvalidClientMetadataError(`clientMetadataUrl must be a valid HTTPS URL with a non-root pathname, got: ${clientMetadataUrl}`);
    }
    const shouldUseUrlBasedClientId = supportsUrlBasedClientId && clientMetadataUrl;
    if (shouldUseUrlBasedClientId) {
      clientInformation = { client_id: clientMetadataUrl, issuer };
      await provider.saveClientInformation?.(clientInformation);
    } else {
      if (!provider.saveClientInformation) {
        throw new Error("OAuth client information must be saveable for dynamic registration");
      }
      const fullInformation = await registerClient(authorizationServerUrl, {
        metadata,
        clientMetadata: provider.clientMetadata,
        scope: resolvedScope,
        fetchFn
      });
      clientInformation = { ...fullInformation, issuer };
      await provider.saveClientInformation(clientInformation);
    }
  }
  const nonInteractiveFlow = !provider.redirectUrl;
  if (authorizationCode !== void 0 || nonInteractiveFlow) {
    const tokens2 = await fetchToken(provider, authorizationServerUrl, {
      metadata,
      resource,
      authorizationCode,
      fetchFn
    });
    await bindClientInformation();
    await provider.saveTokens({ ...tokens2, issuer });
    return "AUTHORIZED";
  }
  const tokens = discardIfIssuerMismatch(await provider.tokens(), issuer);
  if (tokens?.refresh_token && tokens.issuer == null) {
    console.warn("[mcp-sdk] stored OAuth tokens have no 'issuer' property (saved by an earlier version, or by a provider that does not keep it) and are used as-is; make sure your OAuthClientProvider stores what saveTokens() and saveClientInformation() receive unchanged.");
  }
  if (tokens?.refresh_token) {
    try {
      const newTokens = await refreshAuthorization(authorizationServerUrl, {
        metadata,
        clientInformation,
        refreshToken: tokens.refresh_token,
        resource,
        addClientAuthentication: provider.addClientAuthentication,
        fetchFn
      });
      await bindClientInformation();
      await provider.saveTokens({ ...newTokens, issuer });
      return "AUTHORIZED";
    } catch (error) {
      if (!(error instanceof OAuthError) || error instanceof ServerError) {
      } else {
        throw error;
      }
    }
  }
  const state = provider.state ? await provider.state() : void 0;
  const { authorizationUrl, codeVerifier } = await startAuthorization(authorizationServerUrl, {
    metadata,
    clientInformation,
    state,
    redirectUrl: provider.redirectUrl,
    scope: resolvedScope,
    resource
  });
  await provider.saveCodeVerifier(codeVerifier);
  await provider.redirectToAuthorization(authorizationUrl);
  return "REDIRECT";
}
function isHttpsUrl(value) {
  if (!value)
    return false;
  try {
    const url2 = new URL(value);
    return url2.protocol === "https:" && url2.pathname !== "/";
  } catch {
    return false;
  }
}
async function selectResourceURL(serverUrl, provider, resourceMetadata) {
  const defaultResource = resourceUrlFromServerUrl(serverUrl);
  if (provider.validateResourceURL) {
    return await provider.validateResourceURL(defaultResource, resourceMetadata?.resource);
  }
  if (!resourceMetadata) {
    return void 0;
  }
  if (!checkResourceAllowed({ requestedResource: defaultResource, configuredResource: resourceMetadata.resource })) {
    throw new Error(`Protected resource ${resourceMetadata.resource} does not match expected ${defaultResource} (or origin)`);
  }
  return new URL(resourceMetadata.resource);
}
function extractWWWAuthenticateParams(res) {
  const authenticateHeader = res.headers.get("WWW-Authenticate");
  if (!authenticateHeader) {
    return {};
  }
  const [type, scheme] = authenticateHeader.split(" ");
  if (type.toLowerCase() !== "bearer" || !scheme) {
    return {};
  }
  const resourceMetadataMatch = extractFieldFromWwwAuth(res, "resource_metadata") || void 0;
  let resourceMetadataUrl;
  if (resourceMetadataMatch) {
    try {
      resourceMetadataUrl = new URL(resourceMetadataMatch);
    } catch {
    }
  }
  const scope = extractFieldFromWwwAuth(res, "scope") || void 0;
  const error = extractFieldFromWwwAuth(res, "error") || void 0;
  return {
    resourceMetadataUrl,
    scope,
    error
  };
}
function extractFieldFromWwwAuth(response, fieldName) {
  const wwwAuthHeader = response.headers.get("WWW-Authenticate");
  if (!wwwAuthHeader) {
    return null;
  }
  const pattern = new RegExp(`${fieldName}=(?:"([^"]+)"|([^\\s,]+))`);
  const match = wwwAuthHeader.match(pattern);
  if (match) {
    return match[1] || match[2];
  }
  return null;
}
async function discoverOAuthProtectedResourceMetadata(serverUrl, opts, fetchFn = fetch) {
  const response = await discoverMetadataWithFallback(serverUrl, "oauth-protected-resource", fetchFn, {
    protocolVersion: opts?.protocolVersion,
    metadataUrl: opts?.resourceMetadataUrl
  });
  if (!response || response.status === 404) {
    await response?.body?.cancel();
    throw new Error(`Resource server does not implement OAuth 2.0 Protected Resource Metadata.`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} trying to load well-known OAuth protected resource metadata.`);
  }
  return OAuthProtectedResourceMetadataSchema.parse(await response.json());
}
async function fetchWithCorsRetry(url2, headers, fetchFn = fetch) {
  try {
    return await fetchWithinOrigin(fetchFn)(url2, { headers });
  } catch (error) {
    if (error instanceof TypeError) {
      if (headers) {
        return fetchWithCorsRetry(url2, void 0, fetchFn);
      } else {
        return void 0;
      }
    }
    throw error;
  }
}
function buildWellKnownPath(wellKnownPrefix, pathname = "", options = {}) {
  if (pathname.endsWith("/")) {
    pathname = pathname.slice(0, -1);
  }
  return options.prependPathname ? `${pathname}/.well-known/${wellKnownPrefix}` : `/.well-known/${wellKnownPrefix}${pathname}`;
}
async function tryMetadataDiscovery(url2, protocolVersion, fetchFn = fetch) {
  const headers = {
    "MCP-Protocol-Version": protocolVersion
  };
  return await fetchWithCorsRetry(url2, headers, fetchFn);
}
function shouldAttemptFallback(response, pathname) {
  return !response || !response.ok && response.status < 500 && pathname !== "/";
}
async function discoverMetadataWithFallback(serverUrl, wellKnownType, fetchFn, opts) {
  const issuer = new URL(serverUrl);
  const protocolVersion = opts?.protocolVersion ?? LATEST_PROTOCOL_VERSION;
  let url2;
  if (opts?.metadataUrl) {
    url2 = new URL(opts.metadataUrl);
  } else {
    const wellKnownPath = buildWellKnownPath(wellKnownType, issuer.pathname);
    url2 = new URL(wellKnownPath, opts?.metadataServerUrl ?? issuer);
    url2.search = issuer.search;
  }
  let response = await tryMetadataDiscovery(url2, protocolVersion, fetchFn);
  if (!opts?.metadataUrl && shouldAttemptFallback(response, issuer.pathname)) {
    const rootUrl = new URL(`/.well-known/${wellKnownType}`, issuer);
    response = await tryMetadataDiscovery(rootUrl, protocolVersion, fetchFn);
  }
  return response;
}
function buildDiscoveryUrls(authorizationServerUrl) {
  const url2 = typeof authorizationServerUrl === "string" ? new URL(authorizationServerUrl) : authorizationServerUrl;
  const hasPath = url2.pathname !== "/";
  const urlsToTry = [];
  if (!hasPath) {
    urlsToTry.push({
      url: new URL("/.well-known/oauth-authorization-server", url2.origin),
      type: "oauth"
    });
    urlsToTry.push({
      url: new URL(`/.well-known/openid-configuration`, url2.origin),
      type: "oidc"
    });
    return urlsToTry;
  }
  let pathname = url2.pathname;
  if (pathname.endsWith("/")) {
    pathname = pathname.slice(0, -1);
  }
  urlsToTry.push({
    url: new URL(`/.well-known/oauth-authorization-server${pathname}`, url2.origin),
    type: "oauth"
  });
  urlsToTry.push({
    url: new URL(`/.well-known/openid-configuration${pathname}`, url2.origin),
    type: "oidc"
  });
  urlsToTry.push({
    url: new URL(`${pathname}/.well-known/openid-configuration`, url2.origin),
    type: "oidc"
  });
  return urlsToTry;
}
async function discoverAuthorizationServerMetadata(authorizationServerUrl, { fetchFn = fetch, protocolVersion = LATEST_PROTOCOL_VERSION } = {}) {
  const headers = {
    "MCP-Protocol-Version": protocolVersion,
    Accept: "application/json"
  };
  const urlsToTry = buildDiscoveryUrls(authorizationServerUrl);
  for (const { url: endpointUrl, type } of urlsToTry) {
    const response = await fetchWithCorsRetry(endpointUrl, headers, fetchFn);
    if (!response) {
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status < 500) {
        continue;
      }
      throw new Error(`HTTP ${response.status} trying to load ${type === "oauth" ? "OAuth" : "OpenID provider"} metadata from ${endpointUrl}`);
    }
    if (type === "oauth") {
      return OAuthMetadataSchema.parse(await response.json());
    } else {
      return OpenIdProviderDiscoveryMetadataSchema.parse(await response.json());
    }
  }
  return void 0;
}
async function discoverOAuthServerInfo(serverUrl, opts) {
  let resourceMetadata;
  let authorizationServerUrl;
  try {
    resourceMetadata = await discoverOAuthProtectedResourceMetadata(serverUrl, { resourceMetadataUrl: opts?.resourceMetadataUrl }, opts?.fetchFn);
    if (resourceMetadata.authorization_servers && resourceMetadata.authorization_servers.length > 0) {
      authorizationServerUrl = resourceMetadata.authorization_servers[0];
    }
  } catch {
  }
  if (!authorizationServerUrl) {
    authorizationServerUrl = String(new URL("/", serverUrl));
  }
  const authorizationServerMetadata = await discoverAuthorizationServerMetadata(authorizationServerUrl, { fetchFn: opts?.fetchFn });
  return {
    authorizationServerUrl,
    authorizationServerMetadata,
    resourceMetadata
  };
}
function resourceIndicatorToString(resource) {
  return typeof resource === "string" ? resource : resource.href;
}
async function startAuthorization(authorizationServerUrl, { metadata, clientInformation, redirectUrl, scope, state, resource }) {
  let authorizationUrl;
  if (metadata) {
    authorizationUrl = new URL(metadata.authorization_endpoint);
    if (!metadata.response_types_supported.includes(AUTHORIZATION_CODE_RESPONSE_TYPE)) {
      throw new Error(`Incompatible auth server: does not support response type ${AUTHORIZATION_CODE_RESPONSE_TYPE}`);
    }
    if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes(AUTHORIZATION_CODE_CHALLENGE_METHOD)) {
      throw new Error(`Incompatible auth server: does not support code challenge method ${AUTHORIZATION_CODE_CHALLENGE_METHOD}`);
    }
  } else {
    authorizationUrl = new URL("/authorize", authorizationServerUrl);
  }
  const challenge = await pkceChallenge();
  const codeVerifier = challenge.code_verifier;
  const codeChallenge = challenge.code_challenge;
  authorizationUrl.searchParams.set("response_type", AUTHORIZATION_CODE_RESPONSE_TYPE);
  authorizationUrl.searchParams.set("client_id", clientInformation.client_id);
  authorizationUrl.searchParams.set("code_challenge", codeChallenge);
  authorizationUrl.searchParams.set("code_challenge_method", AUTHORIZATION_CODE_CHALLENGE_METHOD);
  authorizationUrl.searchParams.set("redirect_uri", String(redirectUrl));
  if (state) {
    authorizationUrl.searchParams.set("state", state);
  }
  if (scope) {
    authorizationUrl.searchParams.set("scope", scope);
  }
  if (scope?.includes("offline_access")) {
    authorizationUrl.searchParams.append("prompt", "consent");
  }
  if (resource) {
    authorizationUrl.searchParams.set("resource", resourceIndicatorToString(resource));
  }
  return { authorizationUrl, codeVerifier };
}
function prepareAuthorizationCodeRequest(authorizationCode, codeVerifier, redirectUri) {
  return new URLSearchParams({
    grant_type: "authorization_code",
    code: authorizationCode,
    code_verifier: codeVerifier,
    redirect_uri: String(redirectUri)
  });
}
async function executeTokenRequest(authorizationServerUrl, { metadata, tokenRequestParams, clientInformation, addClientAuthentication, resource, fetchFn }) {
  const tokenUrl = metadata?.token_endpoint ? new URL(metadata.token_endpoint) : new URL("/token", authorizationServerUrl);
  const headers = new Headers({
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json"
  });
  if (resource) {
    tokenRequestParams.set("resource", resourceIndicatorToString(resource));
  }
  if (addClientAuthentication) {
    await addClientAuthentication(headers, tokenRequestParams, tokenUrl, metadata);
  } else if (clientInformation) {
    const supportedMethods = metadata?.token_endpoint_auth_methods_supported ?? [];
    const authMethod = selectClientAuthMethod(clientInformation, supportedMethods);
    applyClientAuthentication(authMethod, clientInformation, headers, tokenRequestParams);
  }
  const response = await fetchWithinOrigin(fetchFn ?? fetch)(tokenUrl, {
    method: "POST",
    headers,
    body: tokenRequestParams
  });
  if (!response.ok) {
    throw await parseErrorResponse(response);
  }
  return TokenResponseSchema.parse(await response.json());
}
async function refreshAuthorization(authorizationServerUrl, { metadata, clientInformation, refreshToken, resource, addClientAuthentication, fetchFn }) {
  const tokenRequestParams = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: refreshToken
  });
  const tokens = await executeTokenRequest(authorizationServerUrl, {
    metadata,
    tokenRequestParams,
    clientInformation,
    addClientAuthentication,
    resource,
    fetchFn
  });
  return { refresh_token: refreshToken, ...tokens };
}
async function fetchToken(provider, authorizationServerUrl, { metadata, resource, authorizationCode, fetchFn } = {}) {
  const readClientInformation = async () => {
    const storedClientInformation = await provider.clientInformation();
    const checked = discardIfIssuerMismatch(storedClientInformation, String(authorizationServerUrl));
    if (storedClientInformation && !checked) {
      throw boundElsewhereError(storedClientInformation, String(authorizationServerUrl));
    }
    return checked;
  };
  let clientInformation = await readClientInformation();
  const scope = provider.clientMetadata.scope;
  let tokenRequestParams;
  if (provider.prepareTokenRequest) {
    tokenRequestParams = await provider.prepareTokenRequest(scope);
  }
  if (!tokenRequestParams) {
    if (!authorizationCode) {
      throw new Error("Either provider.prepareTokenRequest() or authorizationCode is required");
    }
    if (!provider.redirectUrl) {
      throw new Error("redirectUrl is required for authorization_code flow");
    }
    const codeVerifier = await provider.codeVerifier();
    tokenRequestParams = prepareAuthorizationCodeRequest(authorizationCode, codeVerifier, provider.redirectUrl);
  }
  clientInformation ?? (clientInformation = await readClientInformation());
  return executeTokenRequest(authorizationServerUrl, {
    metadata,
    tokenRequestParams,
    clientInformation,
    addClientAuthentication: provider.addClientAuthentication,
    resource,
    fetchFn
  });
}
async function registerClient(authorizationServerUrl, { metadata, clientMetadata, scope, fetchFn }) {
  let registrationUrl;
  if (metadata) {
    if (!metadata.registration_endpoint) {
      throw new Error("Incompatible auth server: does not support dynamic client registration");
    }
    registrationUrl = new URL(metadata.registration_endpoint);
  } else {
    registrationUrl = new URL("/register", authorizationServerUrl);
  }
  const response = await fetchWithinOrigin(fetchFn ?? fetch)(registrationUrl, {
    method: "POST",
    headers: {
      "Content-Type": "application/json"
    },
    body: JSON.stringify({
      ...clientMetadata,
      ...scope !== void 0 ? { scope } : {}
    })
  });
  if (!response.ok) {
    throw await parseErrorResponse(response);
  }
  return RegistrationResponseSchema.parse(await response.json());
}

// node_modules/eventsource-parser/dist/index.js
var ParseError = class extends Error {
  constructor(message, options) {
    super(message), this.name = "ParseError", this.type = options.type, this.field = options.field, this.value = options.value, this.line = options.line;
  }
};
var LF = 10;
var CR = 13;
var SPACE = 32;
function noop(_arg) {
}
function createParser(config) {
  if (typeof config == "function")
    throw new TypeError(
      "`config` must be an object, got a function instead. Did you mean `createParser({onEvent: fn})`?"
    );
  const { onEvent = noop, onError = noop, onRetry = noop, onComment, maxBufferSize } = config, pendingFragments = [];
  let pendingFragmentsLength = 0, isFirstChunk = true, id, data = "", dataLines = 0, eventType, terminated = false;
  function feed(chunk) {
    if (terminated)
      throw new Error(
        "Cannot feed parser: it was terminated after exceeding the configured max buffer size. Call `reset()` to resume parsing."
      );
    if (isFirstChunk && (isFirstChunk = false, chunk.charCodeAt(0) === 239 && chunk.charCodeAt(1) === 187 && chunk.charCodeAt(2) === 191 && (chunk = chunk.slice(3))), pendingFragments.length === 0) {
      const trailing2 = processLines(chunk);
      trailing2 !== "" && (pendingFragments.push(trailing2), pendingFragmentsLength = trailing2.length), checkBufferSize();
      return;
    }
    if (chunk.indexOf(`
`) === -1 && chunk.indexOf("\r") === -1) {
      pendingFragments.push(chunk), pendingFragmentsLength += chunk.length, checkBufferSize();
      return;
    }
    pendingFragments.push(chunk);
    const input = pendingFragments.join("");
    pendingFragments.length = 0, pendingFragmentsLength = 0;
    const trailing = processLines(input);
    trailing !== "" && (pendingFragments.push(trailing), pendingFragmentsLength = trailing.length), checkBufferSize();
  }
  function checkBufferSize() {
    maxBufferSize !== void 0 && (pendingFragmentsLength + data.length <= maxBufferSize || (terminated = true, pendingFragments.length = 0, pendingFragmentsLength = 0, id = void 0, data = "", dataLines = 0, eventType = void 0, onError(
      new ParseError(`Buffered data exceeded max buffer size of ${maxBufferSize} characters`, {
        type: "max-buffer-size-exceeded"
      })
    )));
  }
  function processLines(chunk) {
    let searchIndex = 0;
    if (chunk.indexOf("\r") === -1) {
      let lfIndex = chunk.indexOf(`
`, searchIndex);
      for (; lfIndex !== -1; ) {
        if (searchIndex === lfIndex) {
          dataLines > 0 && onEvent({ id, event: eventType, data }), id = void 0, data = "", dataLines = 0, eventType = void 0, searchIndex = lfIndex + 1, lfIndex = chunk.indexOf(`
`, searchIndex);
          continue;
        }
        const firstCharCode = chunk.charCodeAt(searchIndex);
        if (isDataPrefix(chunk, searchIndex, firstCharCode)) {
          const valueStart = chunk.charCodeAt(searchIndex + 5) === SPACE ? searchIndex + 6 : searchIndex + 5, value = chunk.slice(valueStart, lfIndex);
          if (dataLines === 0 && chunk.charCodeAt(lfIndex + 1) === LF) {
            onEvent({ id, event: eventType, data: value }), id = void 0, data = "", eventType = void 0, searchIndex = lfIndex + 2, lfIndex = chunk.indexOf(`
`, searchIndex);
            continue;
          }
          data = dataLines === 0 ? value : `${data}
${value}`, dataLines++;
        } else isEventPrefix(chunk, searchIndex, firstCharCode) ? eventType = chunk.slice(
          chunk.charCodeAt(searchIndex + 6) === SPACE ? searchIndex + 7 : searchIndex + 6,
          lfIndex
        ) || void 0 : parseLine(chunk, searchIndex, lfIndex);
        searchIndex = lfIndex + 1, lfIndex = chunk.indexOf(`
`, searchIndex);
      }
      return chunk.slice(searchIndex);
    }
    for (; searchIndex < chunk.length; ) {
      const crIndex = chunk.indexOf("\r", searchIndex), lfIndex = chunk.indexOf(`
`, searchIndex);
      let lineEnd = -1;
      if (crIndex !== -1 && lfIndex !== -1 ? lineEnd = crIndex < lfIndex ? crIndex : lfIndex : crIndex !== -1 ? crIndex === chunk.length - 1 ? lineEnd = -1 : lineEnd = crIndex : lfIndex !== -1 && (lineEnd = lfIndex), lineEnd === -1)
        break;
      parseLine(chunk, searchIndex, lineEnd), searchIndex = lineEnd + 1, chunk.charCodeAt(searchIndex - 1) === CR && chunk.charCodeAt(searchIndex) === LF && searchIndex++;
    }
    return chunk.slice(searchIndex);
  }
  function parseLine(chunk, start, end) {
    if (start === end) {
      dispatchEvent();
      return;
    }
    const firstCharCode = chunk.charCodeAt(start);
    if (isDataPrefix(chunk, start, firstCharCode)) {
      const valueStart = chunk.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, value2 = chunk.slice(valueStart, end);
      data = dataLines === 0 ? value2 : `${data}
${value2}`, dataLines++;
      return;
    }
    if (isEventPrefix(chunk, start, firstCharCode)) {
      eventType = chunk.slice(chunk.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end) || void 0;
      return;
    }
    if (firstCharCode === 105 && chunk.charCodeAt(start + 1) === 100 && chunk.charCodeAt(start + 2) === 58) {
      const value2 = chunk.slice(chunk.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end);
      value2.includes("\0") || (id = value2);
      return;
    }
    if (firstCharCode === 58) {
      if (onComment) {
        const line2 = chunk.slice(start, end);
        onComment(line2.slice(chunk.charCodeAt(start + 1) === SPACE ? 2 : 1));
      }
      return;
    }
    const line = chunk.slice(start, end), fieldSeparatorIndex = line.indexOf(":");
    if (fieldSeparatorIndex === -1) {
      processField(line, "", line);
      return;
    }
    const field = line.slice(0, fieldSeparatorIndex), offset = line.charCodeAt(fieldSeparatorIndex + 1) === SPACE ? 2 : 1, value = line.slice(fieldSeparatorIndex + offset);
    processField(field, value, line);
  }
  function processField(field, value, line) {
    switch (field) {
      case "event":
        eventType = value || void 0;
        break;
      case "data":
        data = dataLines === 0 ? value : `${data}
${value}`, dataLines++;
        break;
      case "id":
        value.includes("\0") || (id = value);
        break;
      case "retry":
        /^\d+$/.test(value) ? onRetry(parseInt(value, 10)) : onError(
          new ParseError(`Invalid \`retry\` value: "${value}"`, {
            type: "invalid-retry",
            value,
            line
          })
        );
        break;
      default:
        onError(
          new ParseError(
            `Unknown field "${field.length > 20 ? `${field.slice(0, 20)}\u2026` : field}"`,
            { type: "unknown-field", field, value, line }
          )
        );
        break;
    }
  }
  function dispatchEvent() {
    dataLines > 0 && onEvent({
      id,
      event: eventType,
      data
    }), id = void 0, data = "", dataLines = 0, eventType = void 0;
  }
  function reset(options = {}) {
    if (options.consume && pendingFragments.length > 0) {
      const incompleteLine = pendingFragments.join("");
      parseLine(incompleteLine, 0, incompleteLine.length);
    }
    isFirstChunk = true, id = void 0, data = "", dataLines = 0, eventType = void 0, pendingFragments.length = 0, pendingFragmentsLength = 0, terminated = false;
  }
  return { feed, reset };
}
function isDataPrefix(chunk, i, firstCharCode) {
  return firstCharCode === 100 && chunk.charCodeAt(i + 1) === 97 && chunk.charCodeAt(i + 2) === 116 && chunk.charCodeAt(i + 3) === 97 && chunk.charCodeAt(i + 4) === 58;
}
function isEventPrefix(chunk, i, firstCharCode) {
  return firstCharCode === 101 && chunk.charCodeAt(i + 1) === 118 && chunk.charCodeAt(i + 2) === 101 && chunk.charCodeAt(i + 3) === 110 && chunk.charCodeAt(i + 4) === 116 && chunk.charCodeAt(i + 5) === 58;
}

// node_modules/eventsource-parser/dist/stream.js
var EventSourceParserStream = class extends TransformStream {
  constructor({ onError, onRetry, onComment, maxBufferSize } = {}) {
    let parser;
    super({
      start(controller) {
        parser = createParser({
          onEvent: (event) => {
            controller.enqueue(event);
          },
          onError(error) {
            typeof onError == "function" && onError(error), (onError === "terminate" || error.type === "max-buffer-size-exceeded") && controller.error(error);
          },
          onRetry,
          onComment,
          maxBufferSize
        });
      },
      transform(chunk) {
        parser.feed(chunk);
      }
    });
  }
};

// node_modules/@modelcontextprotocol/sdk/dist/esm/client/streamableHttp.js
var DEFAULT_STREAMABLE_HTTP_RECONNECTION_OPTIONS = {
  initialReconnectionDelay: 1e3,
  maxReconnectionDelay: 3e4,
  reconnectionDelayGrowFactor: 1.5,
  maxRetries: 2
};
var StreamableHTTPError = class extends Error {
  constructor(code, message) {
    super(`Streamable HTTP error: ${message}`);
    this.code = code;
  }
};
var StreamableHTTPClientTransport = class {
  constructor(url2, opts) {
    this._hasCompletedAuthFlow = false;
    this._url = url2;
    this._resourceMetadataUrl = void 0;
    this._scope = void 0;
    this._requestInit = opts?.requestInit;
    this._authProvider = opts?.authProvider;
    this._fetch = opts?.fetch;
    this._fetchWithInit = createFetchWithInit(opts?.fetch, opts?.requestInit);
    this._followRedirects = opts?.redirectPolicy === "follow";
    if (this._followRedirects) {
      this._fetch = fetchLeavingRedirects(this._fetch);
      this._fetchWithInit = fetchLeavingRedirects(this._fetchWithInit);
    }
    this._sessionId = opts?.sessionId;
    this._reconnectionOptions = opts?.reconnectionOptions ?? DEFAULT_STREAMABLE_HTTP_RECONNECTION_OPTIONS;
  }
  /** Error text for a redirect `response` that was not followed, or `undefined` for any other response. */
  _unfollowedRedirect(response, url2) {
    const text = unfollowedRedirect(response, url2);
    return text && !this._followRedirects ? `${text} (redirectPolicy: 'same-origin')` : text;
  }
  async _authThenStart() {
    if (!this._authProvider) {
      throw new UnauthorizedError("No auth provider");
    }
    let result;
    try {
      result = await auth(this._authProvider, {
        serverUrl: this._url,
        resourceMetadataUrl: this._resourceMetadataUrl,
        scope: this._scope,
        fetchFn: this._fetchWithInit
      });
    } catch (error) {
      this.onerror?.(error);
      throw error;
    }
    if (result !== "AUTHORIZED") {
      throw new UnauthorizedError();
    }
    return await this._startOrAuthSse({ resumptionToken: void 0 });
  }
  async _commonHeaders() {
    const headers = {};
    if (this._authProvider) {
      const tokens = await this._authProvider.tokens();
      if (tokens) {
        headers["Authorization"] = `Bearer ${tokens.access_token}`;
      }
    }
    if (this._sessionId) {
      headers["mcp-session-id"] = this._sessionId;
    }
    if (this._protocolVersion) {
      headers["mcp-protocol-version"] = this._protocolVersion;
    }
    const extraHeaders = normalizeHeaders(this._requestInit?.headers);
    return new Headers({
      ...headers,
      ...extraHeaders
    });
  }
  async _startOrAuthSse(options) {
    const { resumptionToken } = options;
    try {
      const headers = await this._commonHeaders();
      headers.set("Accept", "text/event-stream");
      if (resumptionToken) {
        headers.set("last-event-id", resumptionToken);
      }
      const fetchFn = this._fetch ?? fetch;
      const init = { method: "GET", headers, signal: this._abortController?.signal };
      let response = await fetchFn(this._url, this._followRedirects ? init : { ...init, redirect: "manual" });
      const followed = this._followRedirects ? void 0 : followWithinOrigin(fetchFn, this._url, init, response);
      if (followed) {
        response = await followed;
      }
      if (!response.ok) {
        await response.body?.cancel();
        if (response.status === 401 && this._authProvider) {
          return await this._authThenStart();
        }
        if (response.status === 405) {
          return;
        }
        throw new StreamableHTTPError(response.status, `Failed to open SSE stream: ${this._unfollowedRedirect(response, this._url) ?? response.statusText}`);
      }
      this._handleSseStream(response.body, options, true);
    } catch (error) {
      this.onerror?.(error);
      throw error;
    }
  }
  /**
   * Calculates the next reconnection delay using  backoff algorithm
   *
   * @param attempt Current reconnection attempt count for the specific stream
   * @returns Time to wait in milliseconds before next reconnection attempt
   */
  _getNextReconnectionDelay(attempt) {
    if (this._serverRetryMs !== void 0) {
      return this._serverRetryMs;
    }
    const initialDelay = this._reconnectionOptions.initialReconnectionDelay;
    const growFactor = this._reconnectionOptions.reconnectionDelayGrowFactor;
    const maxDelay = this._reconnectionOptions.maxReconnectionDelay;
    return Math.min(initialDelay * Math.pow(growFactor, attempt), maxDelay);
  }
  /**
   * Schedule a reconnection attempt using server-provided retry interval or backoff
   *
   * @param lastEventId The ID of the last received event for resumability
   * @param attemptCount Current reconnection attempt count for this specific stream
   */
  _scheduleReconnection(options, attemptCount = 0) {
    const maxRetries = this._reconnectionOptions.maxRetries;
    if (attemptCount >= maxRetries) {
      this.onerror?.(new Error(`Maximum reconnection attempts (${maxRetries}) exceeded.`));
      return;
    }
    const delay = this._getNextReconnectionDelay(attemptCount);
    this._reconnectionTimeout = setTimeout(() => {
      this._startOrAuthSse(options).catch((error) => {
        this.onerror?.(new Error(`Failed to reconnect SSE stream: ${error instanceof Error ? error.message : String(error)}`));
        this._scheduleReconnection(options, attemptCount + 1);
      });
    }, delay);
  }
  _handleSseStream(stream, options, isReconnectable) {
    if (!stream) {
      return;
    }
    const { onresumptiontoken, replayMessageId } = options;
    let lastEventId;
    let hasPrimingEvent = false;
    let receivedResponse = false;
    const processStream = async () => {
      try {
        const reader = stream.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream({
          onRetry: (retryMs) => {
            this._serverRetryMs = retryMs;
          }
        })).getReader();
        while (true) {
          const { value: event, done } = await reader.read();
          if (done) {
            break;
          }
          if (event.id) {
            lastEventId = event.id;
            hasPrimingEvent = true;
            onresumptiontoken?.(event.id);
          }
          if (!event.data) {
            continue;
          }
          if (!event.event || event.event === "message") {
            try {
              const message = JSONRPCMessageSchema.parse(JSON.parse(event.data));
              if (isJSONRPCResultResponse(message)) {
                receivedResponse = true;
                if (replayMessageId !== void 0) {
                  message.id = replayMessageId;
                }
              }
              this.onmessage?.(message);
            } catch (error) {
              this.onerror?.(error);
            }
          }
        }
        const canResume = isReconnectable || hasPrimingEvent;
        const needsReconnect = canResume && !receivedResponse;
        if (needsReconnect && this._abortController && !this._abortController.signal.aborted) {
          this._scheduleReconnection({
            resumptionToken: lastEventId,
            onresumptiontoken,
            replayMessageId
          }, 0);
        }
      } catch (error) {
        this.onerror?.(new Error(`SSE stream disconnected: ${error}`));
        const canResume = isReconnectable || hasPrimingEvent;
        const needsReconnect = canResume && !receivedResponse;
        if (needsReconnect && this._abortController && !this._abortController.signal.aborted) {
          try {
            this._scheduleReconnection({
              resumptionToken: lastEventId,
              onresumptiontoken,
              replayMessageId
            }, 0);
          } catch (error2) {
            this.onerror?.(new Error(`Failed to reconnect: ${error2 instanceof Error ? error2.message : String(error2)}`));
          }
        }
      }
    };
    processStream();
  }
  async start() {
    if (this._abortController) {
      throw new Error("StreamableHTTPClientTransport already started! If using Client class, note that connect() calls start() automatically.");
    }
    this._abortController = new AbortController();
  }
  /**
   * Call this method after the user has finished authorizing via their user agent and is redirected back to the MCP client application. This will exchange the authorization code for an access token, enabling the next connection attempt to successfully auth.
   */
  async finishAuth(authorizationCode) {
    if (!this._authProvider) {
      throw new UnauthorizedError("No auth provider");
    }
    const result = await auth(this._authProvider, {
      serverUrl: this._url,
      authorizationCode,
      resourceMetadataUrl: this._resourceMetadataUrl,
      scope: this._scope,
      fetchFn: this._fetchWithInit
    });
    if (result !== "AUTHORIZED") {
      throw new UnauthorizedError("Failed to authorize");
    }
  }
  async close() {
    if (this._reconnectionTimeout) {
      clearTimeout(this._reconnectionTimeout);
      this._reconnectionTimeout = void 0;
    }
    this._abortController?.abort();
    this.onclose?.();
  }
  async send(message, options) {
    try {
      const { resumptionToken, onresumptiontoken } = options || {};
      if (resumptionToken) {
        this._startOrAuthSse({ resumptionToken, replayMessageId: isJSONRPCRequest(message) ? message.id : void 0 }).catch((err) => this.onerror?.(err));
        return;
      }
      const headers = await this._commonHeaders();
      headers.set("content-type", "application/json");
      headers.set("accept", "application/json, text/event-stream");
      const init = {
        ...this._requestInit,
        method: "POST",
        headers,
        body: JSON.stringify(message),
        signal: this._abortController?.signal
      };
      const response = await fetchWithinOrigin(this._fetch ?? fetch)(this._url, init);
      const sessionId = response.headers.get("mcp-session-id");
      if (sessionId) {
        this._sessionId = sessionId;
      }
      if (!response.ok) {
        const text = await response.text().catch(() => null);
        if (response.status === 401 && this._authProvider) {
          if (this._hasCompletedAuthFlow) {
            throw new StreamableHTTPError(401, "Server returned 401 after successful authentication");
          }
          const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
          this._resourceMetadataUrl = resourceMetadataUrl;
          this._scope = scope;
          const result = await auth(this._authProvider, {
            serverUrl: this._url,
            resourceMetadataUrl: this._resourceMetadataUrl,
            scope: this._scope,
            fetchFn: this._fetchWithInit
          });
          if (result !== "AUTHORIZED") {
            throw new UnauthorizedError();
          }
          this._hasCompletedAuthFlow = true;
          return this.send(message);
        }
        if (response.status === 403 && this._authProvider) {
          const { resourceMetadataUrl, scope, error } = extractWWWAuthenticateParams(response);
          if (error === "insufficient_scope") {
            const wwwAuthHeader = response.headers.get("WWW-Authenticate");
            if (this._lastUpscopingHeader === wwwAuthHeader) {
              throw new StreamableHTTPError(403, "Server returned 403 after trying upscoping");
            }
            if (scope) {
              this._scope = scope;
            }
            if (resourceMetadataUrl) {
              this._resourceMetadataUrl = resourceMetadataUrl;
            }
            this._lastUpscopingHeader = wwwAuthHeader ?? void 0;
            const result = await auth(this._authProvider, {
              serverUrl: this._url,
              resourceMetadataUrl: this._resourceMetadataUrl,
              scope: this._scope,
              fetchFn: this._fetch
            });
            if (result !== "AUTHORIZED") {
              throw new UnauthorizedError();
            }
            return this.send(message);
          }
        }
        throw new StreamableHTTPError(response.status, `Error POSTing to endpoint: ${this._unfollowedRedirect(response, this._url) ?? text}`);
      }
      this._hasCompletedAuthFlow = false;
      this._lastUpscopingHeader = void 0;
      if (response.status === 202) {
        await response.body?.cancel();
        if (isInitializedNotification(message)) {
          this._startOrAuthSse({ resumptionToken: void 0 }).catch((err) => this.onerror?.(err));
        }
        return;
      }
      const messages = Array.isArray(message) ? message : [message];
      const hasRequests = messages.filter((msg) => "method" in msg && "id" in msg && msg.id !== void 0).length > 0;
      const contentType2 = response.headers.get("content-type");
      const responseMediaType = mediaTypeEssence(contentType2);
      if (hasRequests) {
        if (responseMediaType === "text/event-stream") {
          this._handleSseStream(response.body, { onresumptiontoken }, false);
        } else if (responseMediaType === "application/json") {
          const data = await response.json();
          const responseMessages = Array.isArray(data) ? data.map((msg) => JSONRPCMessageSchema.parse(msg)) : [JSONRPCMessageSchema.parse(data)];
          for (const msg of responseMessages) {
            this.onmessage?.(msg);
          }
        } else {
          await response.body?.cancel();
          throw new StreamableHTTPError(-1, `Unexpected content type: ${contentType2}`);
        }
      } else {
        await response.body?.cancel();
      }
    } catch (error) {
      this.onerror?.(error);
      throw error;
    }
  }
  get sessionId() {
    return this._sessionId;
  }
  /**
   * Terminates the current session by sending a DELETE request to the server.
   *
   * Clients that no longer need a particular session
   * (e.g., because the user is leaving the client application) SHOULD send an
   * HTTP DELETE to the MCP endpoint with the Mcp-Session-Id header to explicitly
   * terminate the session.
   *
   * The server MAY respond with HTTP 405 Method Not Allowed, indicating that
   * the server does not allow clients to terminate sessions.
   */
  async terminateSession() {
    if (!this._sessionId) {
      return;
    }
    try {
      const headers = await this._commonHeaders();
      const init = {
        ...this._requestInit,
        method: "DELETE",
        headers,
        signal: this._abortController?.signal
      };
      const response = await fetchWithinOrigin(this._fetch ?? fetch)(this._url, init);
      await response.body?.cancel();
      if (!response.ok && response.status !== 405) {
        throw new StreamableHTTPError(response.status, `Failed to terminate session: ${this._unfollowedRedirect(response, this._url) ?? response.statusText}`);
      }
      this._sessionId = void 0;
    } catch (error) {
      this.onerror?.(error);
      throw error;
    }
  }
  setProtocolVersion(version) {
    this._protocolVersion = version;
  }
  get protocolVersion() {
    return this._protocolVersion;
  }
  /**
   * Resume an SSE stream from a previous event ID.
   * Opens a GET SSE connection with Last-Event-ID header to replay missed events.
   *
   * @param lastEventId The event ID to resume from
   * @param options Optional callback to receive new resumption tokens
   */
  async resumeStream(lastEventId, options) {
    await this._startOrAuthSse({
      resumptionToken: lastEventId,
      onresumptiontoken: options?.onresumptiontoken
    });
  }
};

// src/guard/backend/remote.ts
var RemoteBackend = class {
  name;
  /** Called for every message the server sends (responses, requests, notifications). */
  onmessage;
  /** Called when the connection or session is lost (before a reconnect is scheduled). */
  oncrash;
  /** Called after each (re)connect, before the backend is marked up: the relay re-initializes it here. */
  onstart;
  #url;
  #headers;
  #fetch;
  #log;
  #maxBytes;
  #initialBackoffMs;
  #maxBackoffMs;
  #graceMs;
  #transport;
  #state = "down";
  #crashes = 0;
  #restartAt = 0;
  #timer;
  #starts = 0;
  /** Ids of `initialize` requests in flight: their response carries the protocol version for later requests. */
  #initIds = /* @__PURE__ */ new Set();
  constructor(server, options) {
    if (!server.url) throw new Error(`server ${server.name}: a remote backend needs a url`);
    this.name = server.name;
    this.#url = new URL(server.url);
    this.#headers = { ...server.headers };
    this.#fetch = options.fetch ?? fetch;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}
`));
    this.#maxBytes = options.maxMessageBytes;
    this.#initialBackoffMs = options.initialBackoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 3e4;
    this.#graceMs = options.shutdownGraceMs ?? 2e3;
  }
  /** Current state. */
  get state() {
    return this.#state;
  }
  /** The remote session id, once the server has issued one. */
  get sessionId() {
    return this.#transport?.sessionId;
  }
  /** Restarts (reconnects) attempted since the first start, successful or not. */
  get restarts() {
    return Math.max(0, this.#starts - 1);
  }
  /** Milliseconds until the next reconnect attempt while down (0 when not scheduled). */
  get retryInMs() {
    return Math.max(0, this.#restartAt - Date.now());
  }
  /**
   * Prepares a connection and resolves once it is up (after `onstart`). Nothing is sent before the
   * relay's first message: a server that is not there yet fails that message and starts the reconnects.
   */
  async start() {
    await this.#connect();
  }
  /** Sends a message to the server; throws when the backend is not up or the server refuses it. */
  async send(message, duringStart = false) {
    const ok = this.#state === "up" || duringStart && this.#state === "starting";
    const transport = this.#transport;
    if (!ok || !transport) throw new Error(`backend ${this.name} is ${this.#state}`);
    if (isRequest(message) && message.method === "initialize") this.#initIds.add(idKey(message.id));
    await transport.send(message);
  }
  async #connect() {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = "starting";
    this.#initIds.clear();
    const box = {};
    const transport = new StreamableHTTPClientTransport(this.#url, {
      requestInit: { headers: this.#headers },
      fetch: this.#watchedFetch(box)
    });
    box.transport = transport;
    this.#transport = transport;
    transport.onmessage = (message) => this.#received(transport, message);
    transport.onerror = (error) => {
      if (this.#transport === transport) this.#log(`[${this.name}] guard: ${error.message}`);
    };
    await transport.start();
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${error.message}`);
      this.#lost(transport, `backend ${this.name} could not be re-initialized`);
      return;
    }
    if (this.#transport === transport && this.#state === "starting") {
      this.#state = "up";
      this.#crashes = 0;
    }
  }
  #received(transport, message) {
    if (this.#transport !== transport) return;
    if (isResponse(message) && message.id !== null && this.#initIds.delete(idKey(message.id))) {
      const version = message.result?.protocolVersion;
      if (typeof version === "string") transport.setProtocolVersion(version);
    }
    this.onmessage?.(message);
  }
  /**
   * The fetch given to the transport: it notices a server that cannot be reached, a session the server
   * no longer knows (404), a stream cut off mid-way and a message over the size limit, and turns each
   * into a crash. Everything else (an HTTP error for one request) stays that request's failure.
   */
  #watchedFetch(box) {
    return async (url2, init) => {
      let response;
      try {
        response = await this.#fetch(url2, init);
      } catch (error) {
        const cause = error.cause?.code;
        this.#failed(box.transport, `connection failed (${cause ?? error.message})`);
        throw error;
      }
      if (response.status === 404 && init?.method !== "DELETE" && box.transport?.sessionId !== void 0) {
        this.#failed(box.transport, "session expired (HTTP 404)");
        return response;
      }
      if (!response.ok || !response.body) return response;
      const type = response.headers.get("content-type") ?? "";
      const body = this.#watchedBody(box, response.body, type.includes("text/event-stream"));
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      });
    };
  }
  /** Passes a response body through, failing the backend when it breaks off or carries an oversized message. */
  #watchedBody(box, body, sse) {
    const reader = body.getReader();
    const max = this.#maxBytes;
    let size = 0;
    let newline = false;
    return new ReadableStream({
      pull: async (controller) => {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (error) {
          this.#failed(box.transport, `connection lost (${error.message})`);
          controller.error(error);
          return;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        let over = false;
        for (const byte of chunk.value) {
          if (++size > max) over = true;
          if (!sse || byte === 13) continue;
          if (byte === 10) {
            if (newline) size = 0;
            newline = true;
          } else newline = false;
        }
        if (over) {
          const reason = `sent a message larger than ${max} bytes`;
          this.#failed(box.transport, reason);
          void reader.cancel(reason).catch(() => {
          });
          controller.error(new Error(reason));
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason)
    });
  }
  /** A failure seen on `transport`: a crash when it is the live connection of an up backend. */
  #failed(transport, detail) {
    if (transport === void 0 || transport !== this.#transport || this.#state !== "up") return;
    this.#lost(transport, `backend ${this.name} ${detail}`);
  }
  /** Drops the connection, tells the relay, and schedules a reconnect with exponential backoff. */
  #lost(transport, reason) {
    if (this.#transport !== transport || this.#state === "stopped") return;
    this.#transport = void 0;
    void transport.close().catch(() => {
    });
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = "down";
    this.oncrash?.(reason);
    const delay = Math.min(this.#maxBackoffMs, this.#initialBackoffMs * 2 ** this.#crashes);
    this.#crashes++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: reconnecting in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      if (this.#state === "down") void this.#connect();
    }, delay);
  }
  /** Stops for good: ends the remote session (HTTP DELETE, bounded by the grace period), then closes. */
  async stop() {
    this.#state = "stopped";
    if (this.#timer) clearTimeout(this.#timer);
    const transport = this.#transport;
    this.#transport = void 0;
    if (!transport) return;
    let timer;
    try {
      await Promise.race([
        transport.terminateSession(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, this.#graceMs);
        })
      ]);
    } catch (error) {
      this.#log(`[${this.name}] guard: could not end the remote session: ${error.message}`);
    } finally {
      clearTimeout(timer);
    }
    await transport.close();
  }
};
function idKey(id) {
  return JSON.stringify(id);
}

// src/guard/pipeline.ts
import { randomBytes } from "node:crypto";

// src/guard/policies/approval/index.ts
function approvalPolicy(options) {
  const now = options.now ?? Date.now;
  const { store, desk } = options;
  const mode = options.approvals?.mode ?? "error";
  const waitMs = (options.approvals?.waitSec ?? 300) * 1e3;
  if (mode === "wait" && !desk) throw new Error("approvals.mode wait needs the approval desk");
  const command = (id) => `mcp-guard guard approvals approve ${id} --config ${options.configFile}`;
  const denied = (a) => new PolicyError(
    CODES.heldForApproval,
    `denied by ${a.decidedBy ?? "an operator"}${a.reason ? `: ${a.reason}` : ""} (approval ${a.id})`,
    { approval_id: a.id, status: "denied", reason: a.reason ?? null }
  );
  const held = (a, threshold, amount, waitedMs) => {
    const links = desk?.links(a.id);
    const waited = waitedMs === void 0 ? "" : ` no decision after ${Math.round(waitedMs / 1e3)} s;`;
    return new PolicyError(
      CODES.heldForApproval,
      `held for approval: ${amount} is above require_approval_above (${threshold});${waited} approve with \`${command(a.id)}\`${links ? ` or at ${links.console}` : ""}, then retry the same call`,
      {
        approval_id: a.id,
        status: "pending",
        expires_at: new Date(a.expiresAt).toISOString(),
        approve: command(a.id),
        ...links ? { console: links.console } : {},
        ...waitedMs === void 0 ? {} : { waited_ms: waitedMs }
      },
      "held"
    );
  };
  async function ask(ctx, agent) {
    const at = now();
    const args = options.recordArguments && ctx.args ? redact(ctx.args, options.recordArguments.redact) : void 0;
    const a = await store.requestApproval({
      agent,
      tool: ctx.tool,
      argsHash: ctx.argsHash,
      amount: ctx.amount,
      summary: `${agent} calls ${ctx.tool} for ${ctx.amount}`,
      ttlSec: options.policies.approvalTtlSec,
      now: at,
      backend: ctx.backend ?? options.backendOf?.(ctx),
      ...args ? { args: canonicalJson(args) } : {}
    });
    if (a.createdAt === at) desk?.notify("approval.held", a);
    return a;
  }
  async function wait(ctx, agent, threshold, started) {
    const hub = desk.hub;
    let announced = false;
    let lastProgress = -1;
    const token = ctx.request.params?._meta?.progressToken;
    for (; ; ) {
      const ticket = await hub.open();
      let progress;
      try {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        if (!announced) await options.onHeld?.(ctx, a);
        announced = true;
        const left = Math.min(started + waitMs, a.expiresAt) - now();
        if (token !== void 0 && ctx.notify) {
          const tell = () => {
            lastProgress = Math.max(lastProgress + 1, Math.round((now() - started) / 1e3));
            ctx.notify({
              jsonrpc: "2.0",
              method: "notifications/progress",
              params: {
                progressToken: token,
                progress: lastProgress,
                total: Math.round(waitMs / 1e3),
                message: `held for approval ${a.id}: waiting for a human (${command(a.id)})`
              }
            });
          };
          tell();
          progress = setInterval(tell, options.progressMs ?? 1e4);
        }
        const outcome = await ticket.wait(a.id, left, ctx.signal);
        switch (outcome.status) {
          case "approved":
            return outcome.approval;
          case "denied":
            ctx.approval = { id: a.id, by: outcome.approval.decidedBy };
            throw denied(outcome.approval);
          case "aborted":
            await store.decideApproval(a.id, "withdrawn", agent, "cancelled by the client", now()).then((w) => desk.notify("approval.withdrawn", w)).catch(() => {
            });
            throw new PolicyError(CANCELLED, `cancelled by the client while held for approval ${a.id}`);
          case "timeout":
          case "shutdown":
            throw held(a, threshold, ctx.amount, now() - started);
        }
        if (now() - started >= waitMs) throw held(a, threshold, ctx.amount, now() - started);
      } finally {
        clearInterval(progress);
        ticket.close();
      }
    }
  }
  return async function approval(ctx, next) {
    const own = ctx.agent === void 0 ? void 0 : options.policies.agents?.[ctx.agent];
    const threshold = own?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    if (threshold === void 0 || ctx.amount === void 0 || ctx.amount <= threshold) return next();
    const agent = ctx.agent ?? "anonymous";
    if (own?.approvals === false) {
      throw new PolicyError(
        CODES.toolBlocked,
        `refused: ${ctx.amount} is above require_approval_above (${threshold}) and agent ${agent} may not use approvals`,
        { tool: ctx.tool, amount: ctx.amount, limit: threshold }
      );
    }
    const started = now();
    for (; ; ) {
      const found = await store.findApproval(agent, ctx.tool, ctx.argsHash, now());
      if (found?.status === "approved" && await store.consumeApproval(found.id, now())) {
        ctx.note = `approved by ${found.decidedBy ?? "unknown"} (approval ${found.id})`;
        ctx.approval = { id: found.id, by: found.decidedBy };
        return next();
      }
      if (found?.status === "denied") {
        ctx.approval = { id: found.id, by: found.decidedBy };
        throw denied(found);
      }
      if (mode === "error") {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        throw held(a, threshold, ctx.amount);
      }
      const approved = await wait(ctx, agent, threshold, started);
      if (await store.consumeApproval(approved.id, now())) {
        ctx.note = `approved by ${approved.decidedBy ?? "unknown"} (approval ${approved.id})`;
        ctx.approval = { id: approved.id, by: approved.decidedBy };
        return next();
      }
    }
  };
}

// src/guard/policies/auth/index.ts
var sessionScopes = /* @__PURE__ */ new WeakMap();
function bindOAuthScopes(session, scopes) {
  sessionScopes.set(session, [...scopes]);
}
var HOW = "pass a credential in _meta.api_key, _meta.token or _meta.authorization of the request (or of initialize), or set MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard environment";
function authPolicy(options) {
  const resource = options.resource ?? (options.http ? canonicalResource(options.http) : void 0);
  const verify = makeVerifier(options.auth, resource);
  const oauth = options.auth.mode === "oauth" ? options.auth : void 0;
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const tokenMode = options.auth.mode === "jwt" || options.auth.mode === "oauth";
  const fromEnv = tokenMode ? env.MCP_GUARD_TOKEN : env.MCP_GUARD_API_KEY;
  const failLimit = options.failuresPerMinute ?? 60;
  async function refuse(ctx, reason) {
    const { allowed, retryAfterMs } = await options.store.hit(`auth-fail:${ctx.session.peer}`, failLimit, now()).catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!allowed) {
      throw new PolicyError(CODES.rateLimited, "too many failed authentications; slow down", {
        retry_after_ms: retryAfterMs
      });
    }
    throw new PolicyError(CODES.unauthenticated, `unauthenticated: ${reason}`);
  }
  return async function auth2(ctx, next) {
    if (options.auth.mode === "none") {
      ctx.agent = ctx.session.agent ?? "anonymous";
      return next();
    }
    let agent;
    let scopes;
    if (ctx.credential !== void 0) {
      try {
        ({ agent, scopes } = await verify(ctx.credential));
      } catch (error) {
        return refuse(ctx, error.message);
      }
      if (ctx.session.agent !== void 0 && ctx.session.agent !== agent) {
        return refuse(ctx, `this session belongs to agent ${ctx.session.agent}, not ${agent}`);
      }
    } else if (ctx.session.agent !== void 0) {
      agent = ctx.session.agent;
      scopes = sessionScopes.get(ctx.session);
    } else if (fromEnv !== void 0 && fromEnv !== "") {
      try {
        ({ agent, scopes } = await verify(fromEnv));
      } catch (error) {
        const name = tokenMode ? "MCP_GUARD_TOKEN" : "MCP_GUARD_API_KEY";
        return refuse(ctx, `${name}: ${error.message}`);
      }
    } else {
      return refuse(ctx, `no credential; ${HOW}`);
    }
    if (ctx.session.agent === void 0) {
      ctx.session.agent = agent;
      if (scopes !== void 0) sessionScopes.set(ctx.session, scopes);
    }
    ctx.agent = agent;
    if (oauth === void 0) return next();
    const granted = scopes ?? [];
    if (ctx.method === "tools/call" && ctx.tool !== void 0) {
      const missing = missingScopes(granted, requiredScopes(oauth, ctx.tool));
      if (missing.length > 0) {
        throw new PolicyError(
          CODES.toolBlocked,
          `insufficient scope for tool ${ctx.tool}: needs ${missing.join(" ")}`,
          {
            error: "insufficient_scope",
            tool: ctx.tool,
            missing_scopes: missing
          }
        );
      }
      return next();
    }
    const response = await next();
    if (ctx.method === "tools/list" && Array.isArray(response.result?.tools)) {
      const tools = response.result.tools;
      response.result.tools = tools.filter(
        (t) => typeof t.name === "string" && missingScopes(granted, requiredScopes(oauth, t.name)).length === 0
      );
    }
    return response;
  };
}

// src/guard/policies/pinning/index.ts
import { createHash } from "node:crypto";
var PINNED_FIELDS = ["name", "title", "description", "inputSchema", "outputSchema", "annotations"];
var PIN_CACHE_MS = 1e3;
var PIN_CACHE_MAX = 4096;
function pinnedDefinition(tool, name = tool.name) {
  const out = {};
  for (const field of PINNED_FIELDS) if (tool[field] !== void 0) out[field] = tool[field];
  out.name = name;
  return out;
}
function hashToolDefinition(tool, name = tool.name) {
  const definition = canonicalJson(pinnedDefinition(tool, name));
  return { definition, hash: createHash("sha256").update(definition).digest("hex") };
}
function approveHint(server, tool) {
  return `mcp-guard guard pins approve ${server}/${tool}`;
}
function describe(pin) {
  const name = `${pin.server}/${pin.tool}`;
  return pin.status === "new" ? `new tool ${name} (sha256 ${pin.pendingHash?.slice(0, 12)})` : `tool ${name} changed since it was pinned (sha256 ${pin.hash?.slice(0, 12)} -> ${pin.pendingHash?.slice(0, 12)})`;
}
function addNote(ctx, note) {
  ctx.note = ctx.note ? `${ctx.note}; ${note}` : note;
}
function pinningPolicy(options) {
  const mode = options.mode ?? "warn";
  const { store, router } = options;
  const now = options.now ?? Date.now;
  const locate = options.locate ?? ((ctx, name) => {
    const server = ctx.backend ?? router(ctx.method, name);
    return server === void 0 ? void 0 : { server, tool: name };
  });
  const baselining = /* @__PURE__ */ new Set();
  const cacheMs = options.cacheMs ?? PIN_CACHE_MS;
  const cache = /* @__PURE__ */ new Map();
  const cacheMax = Math.max(1, options.cacheMax ?? PIN_CACHE_MAX);
  const cacheKey = (at) => `${at.server}\0${at.tool}`;
  function remember(at, pin, until) {
    const key = cacheKey(at);
    cache.delete(key);
    if (cache.size >= cacheMax) cache.delete(cache.keys().next().value);
    cache.set(key, { pin, until });
  }
  let generation = 0;
  async function lookup(at) {
    const t = now();
    const hit = cache.get(cacheKey(at));
    if (hit && t < hit.until) return hit.pin;
    const seen = generation;
    const pin = await store.getPin(at.server, at.tool);
    if (cacheMs > 0 && seen === generation) remember(at, pin, t + cacheMs);
    return pin;
  }
  async function checkCall(ctx, name) {
    const at = locate(ctx, name);
    if (!at) return;
    const pin = await lookup(at);
    if (!pin || pin.status === "pinned") return;
    if (mode === "block") {
      throw new PolicyError(
        CODES.toolBlocked,
        `${describe(pin)} and is blocked until a human approves it: ${approveHint(at.server, at.tool)}`,
        { tool: name, server: at.server, pin: pin.status, pendingHash: pin.pendingHash }
      );
    }
    addNote(ctx, `pinning: ${describe(pin)}, not approved`);
  }
  async function checkList(ctx, tools, hasMore) {
    const cursor = ctx.request.params?.cursor !== void 0;
    cache.clear();
    generation++;
    const trustBy = /* @__PURE__ */ new Map();
    const flagged = [];
    const kept = [];
    for (const tool of tools) {
      const t = tool;
      const at = t && typeof t === "object" && typeof t.name === "string" ? locate(ctx, t.name) : void 0;
      if (!at) {
        kept.push(tool);
        continue;
      }
      let trust = trustBy.get(at.server);
      if (trust === void 0) {
        trust = cursor && baselining.has(at.server) || (await store.listPins({ server: at.server })).length === 0;
        trustBy.set(at.server, trust);
      }
      const { definition, hash } = hashToolDefinition(t, at.tool);
      const seenAt = now();
      const pin = await store.putPin({ ...at, hash, definition, trust, now: seenAt });
      if (cacheMs > 0) remember(at, pin, seenAt + cacheMs);
      if (pin.status === "pinned") kept.push(tool);
      else {
        flagged.push(pin);
        if (mode !== "block") kept.push(tool);
      }
    }
    for (const [server, trusted] of trustBy) {
      if (trusted && hasMore) baselining.add(server);
      else baselining.delete(server);
    }
    if (flagged.length > 0) {
      const what = mode === "block" ? flagged.map((p) => `${describe(p)}: approve with ${approveHint(p.server, p.tool)}`) : flagged.map(describe);
      addNote(
        ctx,
        mode === "block" ? `pinning: hidden until approved: ${what.join("; ")}` : `pinning: ${what.join("; ")}; not approved yet (see mcp-guard guard pins diff)`
      );
    }
    return kept;
  }
  function unchecked(ctx, error) {
    if (mode === "block" || !(error instanceof StoreUnavailableError)) throw error;
    addNote(ctx, "pinning: not checked, the state store is unavailable");
  }
  return async function pinning(ctx, next) {
    if (mode === "off") return next();
    const name = ctx.request.params?.name;
    if (ctx.method === "tools/call" && typeof name === "string")
      await checkCall(ctx, name).catch((error) => unchecked(ctx, error));
    const response = await next();
    const tools = response.result?.tools;
    if (ctx.method === "tools/list" && Array.isArray(tools)) {
      const hasMore = response.result?.nextCursor !== void 0;
      const listed = tools;
      response.result.tools = await checkList(ctx, listed, hasMore).catch((error) => {
        unchecked(ctx, error);
        return listed;
      });
    }
    return response;
  };
}

// src/guard/policies/rate-limit/lease.ts
var LEASE_TTL_MS = 1e3;
var SWEEP_ABOVE = 1024;
var TokenLeases = class {
  #store;
  #ttlMs;
  #leases = /* @__PURE__ */ new Map();
  constructor(store, ttlMs = LEASE_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }
  /** Admits one call for `key` under `limitPerMinute` at `now`, or says when to retry. */
  async acquire(key, limitPerMinute, now) {
    let lease = this.#leases.get(key);
    if (lease === void 0 || lease.limit !== limitPerMinute) {
      const refund = lease && !lease.pending ? lease.tokens : 0;
      lease = { limit: limitPerMinute, tokens: refund, takenAt: -Infinity, expiresAt: now, size: 1 };
      this.#leases.set(key, lease);
    }
    for (; ; ) {
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens--;
        return { allowed: true, retryAfterMs: 0 };
      }
      if (!lease.pending) {
        const pending = this.#take(key, lease, now);
        lease.pending = pending;
        pending.then(
          () => this.#settled(lease, pending),
          () => this.#settled(lease, pending)
        );
      }
      const result = await lease.pending;
      if (lease.tokens > 0 && now < lease.expiresAt) continue;
      if (result.granted < result.want) return { allowed: false, retryAfterMs: result.retryAfterMs };
    }
  }
  /** Clears the in-flight marker (before any waiter resumes: it was registered first). */
  #settled(lease, pending) {
    if (lease.pending === pending) lease.pending = void 0;
  }
  /** Takes the next lease for `key` (giving back an expired one's leftovers) and adapts its size. */
  async #take(key, lease, now) {
    const max = Math.max(1, Math.floor(lease.limit / 10));
    if (lease.tokens === 0 && now - lease.takenAt < this.#ttlMs) lease.size = Math.min(max, lease.size * 2);
    else if (lease.tokens > 0) lease.size = Math.max(1, Math.floor(lease.size / 2));
    lease.size = Math.min(lease.size, max);
    const refund = lease.tokens;
    lease.tokens = 0;
    if (this.#leases.size > SWEEP_ABOVE) this.#sweep(key, now);
    const want = lease.size;
    const { granted, retryAfterMs } = await this.#store.take(key, lease.limit, want, now, refund);
    lease.tokens = granted;
    lease.takenAt = now;
    lease.expiresAt = now + this.#ttlMs;
    return { want, granted, retryAfterMs };
  }
  /** Forgets idle keys (memory stays bounded with many agents). */
  #sweep(current, now) {
    for (const [key, lease] of this.#leases) {
      if (key !== current && !lease.pending && lease.expiresAt + this.#ttlMs <= now) this.#leases.delete(key);
    }
  }
  /** Unused tokens held for `key` (tests and diagnostics). */
  held(key) {
    return this.#leases.get(key)?.tokens ?? 0;
  }
};
var shared = /* @__PURE__ */ new WeakMap();
function leasesFor(store) {
  let leases = shared.get(store);
  if (!leases) {
    leases = new TokenLeases(store);
    shared.set(store, leases);
  }
  return leases;
}

// src/guard/policies/rate-limit/index.ts
function rateLimitPolicy(options) {
  const check = (limit, where) => {
    if (limit !== void 0 && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error(`${where}requests_per_minute must be a positive integer, not ${limit}`);
    }
  };
  check(options.requestsPerMinute, "");
  for (const [id, a] of Object.entries(options.agents ?? {})) check(a.requestsPerMinute, `agents.${id}.`);
  const now = options.now ?? Date.now;
  const leases = leasesFor(options.store);
  return async function rateLimit(ctx, next) {
    const own = ctx.agent === void 0 ? void 0 : options.agents?.[ctx.agent];
    const limit = own?.requestsPerMinute ?? options.requestsPerMinute;
    if (limit === void 0) return next();
    const { allowed, retryAfterMs } = await leases.acquire(`agent:${ctx.agent}`, limit, now());
    if (!allowed) {
      throw new PolicyError(
        CODES.rateLimited,
        `rate limited: ${limit} requests per minute for agent ${ctx.agent}; retry in ${retryAfterMs} ms`,
        { retry_after_ms: retryAfterMs }
      );
    }
    return next();
  };
}

// src/guard/policies/tool-policy/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);
function matcher(globs) {
  if (!globs || globs.length === 0) return void 0;
  const m = (0, import_picomatch.default)(globs, { dot: true });
  return (name) => m(name);
}
function serverAllowed(policies, agent, server) {
  const servers = agent === void 0 ? void 0 : policies.agents[agent]?.servers;
  return servers === void 0 || servers.includes(server);
}
function toolPredicate(policies) {
  const globalAllow = matcher(policies.toolAllowlist);
  const globalDeny = matcher(policies.toolDenylist);
  const perAgent = new Map(
    Object.entries(policies.agents).map(([agent, p]) => [
      agent,
      { allow: matcher(p.toolAllowlist), deny: matcher(p.toolDenylist) }
    ])
  );
  return (agent, tool, ref) => {
    if (ref && !serverAllowed(policies, agent, ref.server)) return false;
    const names = ref ? [tool, ref.name, `${ref.server}__${ref.name}`] : [tool];
    const any2 = (m) => names.some((n) => m(n));
    const own = agent === void 0 ? void 0 : perAgent.get(agent);
    if (globalDeny && any2(globalDeny) || own?.deny && any2(own.deny)) return false;
    if (globalAllow && !any2(globalAllow)) return false;
    if (own?.allow && !any2(own.allow)) return false;
    return true;
  };
}
function toolPolicy(policies) {
  const allowed = toolPredicate(policies);
  return async function toolAcl(ctx, next) {
    if (ctx.backend !== void 0 && ctx.backend !== "*" && !serverAllowed(policies, ctx.agent, ctx.backend)) {
      throw new PolicyError(
        CODES.toolBlocked,
        `server ${ctx.backend} is not allowed for agent ${ctx.agent}`,
        {
          server: ctx.backend
        }
      );
    }
    if (ctx.method === "tools/call") {
      const params = ctx.request.params ?? {};
      if (typeof params.name !== "string" || params.name === "") {
        throw new PolicyError(CODES.invalidParams, "invalid params: tools/call needs params.name (a string)");
      }
      if (params.arguments !== void 0 && (typeof params.arguments !== "object" || params.arguments === null || Array.isArray(params.arguments))) {
        throw new PolicyError(
          CODES.invalidParams,
          "invalid params: tools/call params.arguments must be an object"
        );
      }
      if (!allowed(ctx.agent, params.name, ctx.resolveTool?.(params.name))) {
        throw new PolicyError(
          CODES.toolBlocked,
          `tool ${params.name} is not allowed for agent ${ctx.agent}`,
          {
            tool: params.name
          }
        );
      }
      return next();
    }
    const response = await next();
    if (ctx.method === "tools/list" && Array.isArray(response.result?.tools)) {
      const tools = response.result.tools;
      response.result.tools = tools.filter(
        (t) => typeof t.name === "string" && allowed(ctx.agent, t.name, ctx.resolveTool?.(t.name))
      );
    }
    return response;
  };
}

// src/guard/pipeline.ts
function storeUnavailable() {
  return new PolicyError(
    CODES.internal,
    "refused: the state store is unavailable, so limits cannot be checked; the call was not forwarded, retry later",
    { store: "unavailable" },
    "error"
  );
}
function auditUnavailable(error) {
  return new PolicyError(
    CODES.internal,
    `audit log unavailable (${error.message}); the request was refused, not run`,
    void 0,
    "error"
  );
}
function buildPipeline(config, deps) {
  const { store, audit, router } = deps;
  const now = deps.now ?? Date.now;
  const p = config.policies;
  const record2 = (entry) => audit.appendBatched ? audit.appendBatched(entry) : audit.append(entry);
  const base = (ctx, started) => ({
    agent: ctx.agent,
    session: ctx.session.id,
    method: ctx.method,
    tool: ctx.tool,
    id: ctx.request.id,
    amount: ctx.amount,
    backend: ctx.backend,
    argsHash: ctx.argsHash,
    // The audit log keeps only the hash unless audit.record_arguments is on.
    args: ctx.args,
    approval: ctx.approval?.id,
    by: ctx.approval?.by,
    latencyMs: Math.round(performance.now() - started),
    call: ctx.call
  });
  const policies = [
    authPolicy({
      auth: config.auth,
      http: config.http,
      store,
      failuresPerMinute: p.requestsPerMinute,
      env: deps.env,
      now
    }),
    rateLimitPolicy({ requestsPerMinute: p.requestsPerMinute, agents: p.agents, store, now }),
    ...deps.resolve ? [deps.resolve] : [],
    toolPolicy(p),
    // Inside the tool policy: pins cover every tool a backend offers, then the ACL filters the list.
    pinningPolicy({
      mode: p.pinning,
      store,
      router,
      now,
      // Several backends: routing knows each (prefixed) name's backend and original name.
      locate: deps.resolve ? (ctx, name) => {
        const at = ctx.resolveTool?.(name);
        return at ? { server: at.server, tool: at.name } : void 0;
      } : void 0
    }),
    spendPolicy({ policies: p, store, now, warn: deps.log, owner: deps.owner }),
    approvalPolicy({
      policies: p,
      store,
      configFile: config.file,
      approvals: config.approvals,
      desk: deps.desk,
      recordArguments: config.audit.recordArguments ? { redact: config.audit.redact } : void 0,
      backendOf: (ctx) => router(ctx.method, ctx.tool),
      // A waiting call is in the log as held from the start, then once more with its outcome.
      onHeld: (ctx, a) => record2({
        ...base(ctx, performance.now()),
        decision: "held",
        code: CODES.heldForApproval,
        reason: `waiting for approval ${a.id} (up to ${config.approvals.waitSec} s)`,
        // Not an answer: the request's latency is in its outcome's record.
        latencyMs: void 0
      }),
      now
    }),
    async function route(ctx) {
      const backend = ctx.backend ?? router(ctx.method, ctx.tool);
      if (backend === void 0) {
        throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
      }
      ctx.backend = backend;
      if (ctx.method === "tools/call") await ahead(ctx);
      return deps.forward(ctx);
    }
  ];
  const run = (i, ctx) => policies[i](ctx, () => run(i + 1, ctx));
  async function ahead(ctx) {
    ctx.call = randomBytes(8).toString("hex");
    try {
      await record2({
        ...base(ctx, performance.now()),
        latencyMs: void 0,
        decision: "forward",
        reservation: ctx.reservation
      });
    } catch (error) {
      ctx.call = void 0;
      throw auditUnavailable(error);
    }
    if (ctx.reservation !== void 0) {
      try {
        await store.forwarded(ctx.reservation);
      } catch (error) {
        throw error instanceof StoreUnavailableError ? storeUnavailable() : error;
      }
    }
  }
  return async function handle(ctx) {
    const started = performance.now();
    let response;
    let entry;
    try {
      response = await run(0, ctx);
      const error = response.error;
      entry = {
        ...base(ctx, started),
        decision: error ? "error" : "allow",
        code: error?.code,
        reason: error ? error.message : ctx.note
      };
    } catch (thrown) {
      const error = thrown instanceof PolicyError ? thrown : thrown instanceof StoreUnavailableError ? storeUnavailable() : new PolicyError(
        CODES.internal,
        `internal error: ${thrown.message}`,
        void 0,
        "error"
      );
      response = errorResponse(ctx.request.id, error.code, error.message, error.data);
      entry = { ...base(ctx, started), decision: error.decision, code: error.code, reason: error.message };
    }
    try {
      await record2(entry);
    } catch (error) {
      deps.log?.(`guard: cannot write the audit log: ${error.message}`);
      if (ctx.call !== void 0) return response;
      const refusal = auditUnavailable(error);
      return errorResponse(ctx.request.id, refusal.code, refusal.message);
    }
    return response;
  };
}

// src/guard/relay.ts
import { randomUUID } from "node:crypto";

// src/guard/router.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
var ALL_BACKENDS = "*";
function makeRouter(routes, backends, options = {}) {
  const usable = routes.filter((r) => backends.includes(r.target));
  if (usable.length === 0) {
    if (backends.length === 1) return () => backends[0];
    if (options.aggregate) return () => void 0;
    throw new Error(
      `several servers (${backends.join(", ")}) but no routes: add routes or pass --server NAME`
    );
  }
  const compiled = usable.map((r) => ({
    ...r,
    tool: r.toolName ? (0, import_picomatch2.default)(r.toolName, { dot: true }) : void 0
  }));
  return (method, tool) => {
    for (const r of compiled) {
      if (r.mode === "default") return r.target;
      if (r.mode === "method" && r.methodPrefix !== void 0 && method.startsWith(r.methodPrefix))
        return r.target;
      if (r.mode === "tool" && method === "tools/call" && tool !== void 0 && r.tool?.(tool))
        return r.target;
    }
    return void 0;
  };
}

// src/guard/aggregate/naming.ts
import { createHash as createHash2 } from "node:crypto";
var SEPARATOR = "__";
var MAX_NAME = 64;
var CHARSET = /^[A-Za-z0-9_.-]+$/;
var HASH_LENGTH = 8;
function isSafeName(name) {
  return name.length >= 1 && name.length <= MAX_NAME && CHARSET.test(name);
}
function prefixedName(server, name) {
  const plain = `${server}${SEPARATOR}${name}`;
  if (isSafeName(plain)) return plain;
  const hash = createHash2("sha256").update(`${server}\0${name}`).digest("hex").slice(0, HASH_LENGTH);
  const cleaned = plain.replace(/[^A-Za-z0-9_.-]/g, "_");
  return `${cleaned.slice(0, MAX_NAME - HASH_LENGTH - 1)}_${hash}`;
}
function splitPrefixed(exposed, servers) {
  const sorted = [...servers].sort((x, y) => y.length - x.length);
  for (const server of sorted) {
    const head = `${server}${SEPARATOR}`;
    if (exposed.startsWith(head) && exposed.length > head.length) {
      const name = exposed.slice(head.length);
      if (prefixedName(server, name) === exposed) return { server, name };
    }
  }
  return void 0;
}

// src/guard/aggregate/catalog.ts
var LIST_METHODS = {
  "tools/list": { key: "tools", capability: "tools" },
  "prompts/list": { key: "prompts", capability: "prompts" },
  "resources/list": { key: "resources", capability: "resources" },
  "resources/templates/list": { key: "resourceTemplates", capability: "resources" }
};
var CollisionError = class extends Error {
  constructor(what, name, first, second) {
    super(
      `${what} "${name}" is offered by both server ${first} and server ${second}; set namespacing: prefix (or rename one) in the guard config`
    );
    this.name = "CollisionError";
  }
};
var Catalog = class {
  namespacing;
  tools = /* @__PURE__ */ new Map();
  prompts = /* @__PURE__ */ new Map();
  /** Resource URI -> backend. URIs are never renamed: they are addresses, not labels. */
  resources = /* @__PURE__ */ new Map();
  /** URI template -> backend; a URI is matched against the literal part before the first `{`. */
  templates = /* @__PURE__ */ new Map();
  constructor(namespacing) {
    this.namespacing = namespacing;
  }
  /** The exposed name of a tool or prompt of `server`. */
  expose(server, name) {
    return this.namespacing === "prefix" ? prefixedName(server, name) : name;
  }
  /**
   * Takes one page of `server`'s list, renames its items for the client and records them. `first`:
   * this is the first page, so what the backend offered before is forgotten (it may have changed).
   */
  absorb(kind, server, items, first) {
    const byName = kind.key === "tools" ? this.tools : kind.key === "prompts" ? this.prompts : void 0;
    if (byName) {
      if (first) {
        for (const [k, ref] of byName) if (ref.server === server) byName.delete(k);
      }
      const what = kind.key === "tools" ? "tool" : "prompt";
      return items.filter((item) => typeof item.name === "string").map((item) => {
        const name = item.name;
        const exposed = this.expose(server, name);
        const seen = byName.get(exposed);
        if (seen && seen.server !== server) throw new CollisionError(what, exposed, seen.server, server);
        byName.set(exposed, { server, name });
        return exposed === name ? item : { ...item, name: exposed };
      });
    }
    const field = kind.key === "resources" ? "uri" : "uriTemplate";
    const map = kind.key === "resources" ? this.resources : this.templates;
    if (first) {
      for (const [k, owner] of map) if (owner === server) map.delete(k);
    }
    for (const item of items) {
      const uri = item[field];
      if (typeof uri !== "string") continue;
      const seen = map.get(uri);
      if (seen !== void 0 && seen !== server) {
        throw new CollisionError(
          kind.key === "resources" ? "resource" : "resource template",
          uri,
          seen,
          server
        );
      }
      map.set(uri, server);
    }
    return items;
  }
  /** The backend of a resource URI: listed resources first, then the longest matching template. */
  resourceServer(uri) {
    const listed = this.resources.get(uri);
    if (listed !== void 0) return listed;
    let best;
    for (const [template, server] of this.templates) {
      const brace = template.indexOf("{");
      const literal2 = brace < 0 ? template : template.slice(0, brace);
      if (literal2 !== "" && uri.startsWith(literal2) && (!best || literal2.length > best.length)) {
        best = { server, length: literal2.length };
      }
    }
    return best?.server;
  }
};

// src/guard/aggregate/cursor.ts
var PREFIX = "mcpg1.";
function encodeCursor(cursors) {
  if (Object.keys(cursors).length === 0) return void 0;
  return PREFIX + Buffer.from(JSON.stringify(cursors), "utf8").toString("base64url");
}
function decodeCursor(cursor, backends) {
  if (typeof cursor !== "string" || !cursor.startsWith(PREFIX)) throw new Error("unknown cursor");
  let value;
  try {
    value = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw new Error("unreadable cursor");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error("unreadable cursor");
  const out = {};
  for (const [backend, c] of Object.entries(value)) {
    if (!backends.includes(backend) || typeof c !== "string")
      throw new Error(`cursor names unknown server ${backend}`);
    out[backend] = c;
  }
  if (Object.keys(out).length === 0) throw new Error("empty cursor");
  return out;
}

// src/guard/aggregate/initialize.ts
function oldestVersion(hellos) {
  const versions = hellos.map((h) => h.result.protocolVersion).filter((v) => typeof v === "string").sort();
  return versions[0];
}
function mergeCapabilities(hellos) {
  const out = {};
  for (const { result } of hellos) {
    const caps = result.capabilities ?? {};
    for (const [key, value] of Object.entries(caps)) {
      if (key === "tasks" || value === null || typeof value !== "object") continue;
      const merged = out[key] ?? {};
      out[key] = merged;
      for (const [flag, v] of Object.entries(value)) {
        if (typeof v === "boolean") merged[flag] = merged[flag] === true || v;
        else if (merged[flag] === void 0) merged[flag] = v;
      }
    }
  }
  return out;
}
function mergeInitialize(hellos) {
  const instructions = hellos.filter((h) => typeof h.result.instructions === "string" && h.result.instructions !== "").map((h) => `[${h.server}]
${h.result.instructions}`);
  const result = {
    protocolVersion: oldestVersion(hellos),
    capabilities: mergeCapabilities(hellos),
    serverInfo: { name: "mcp-guard", version: VERSION }
  };
  if (instructions.length) result.instructions = instructions.join("\n\n");
  return result;
}
var SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
function commonVersions(hellos) {
  const lists = hellos.map(
    (h) => Array.isArray(h.result.supportedVersions) ? h.result.supportedVersions.filter((v) => typeof v === "string") : []
  );
  const [first = [], ...rest] = lists;
  return first.filter((v) => rest.every((list) => list.includes(v)));
}
function mergeDiscover(hellos) {
  const merged = mergeInitialize(hellos);
  const ttls = hellos.map((h) => h.result.ttlMs).filter((t) => typeof t === "number" && t >= 0);
  const result = {
    resultType: "complete",
    supportedVersions: commonVersions(hellos),
    capabilities: merged.capabilities,
    ttlMs: ttls.length === hellos.length ? Math.min(...ttls) : 0,
    cacheScope: hellos.every((h) => h.result.cacheScope === "public") ? "public" : "private",
    _meta: { [SERVER_INFO_KEY]: merged.serverInfo }
  };
  if (merged.instructions !== void 0) result.instructions = merged.instructions;
  return result;
}

// src/guard/aggregate/aggregator.ts
var TARGET_KEY = "target_server";
var FAN_OUT = /* @__PURE__ */ new Set([
  "initialize",
  "server/discover",
  "ping",
  "logging/setLevel",
  ...Object.keys(LIST_METHODS)
]);
var MAX_PAGES = 100;
var CANCELLED2 = -32800;
var UNSUPPORTED_VERSION = -32022;
var VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
var MODERN_ERA = "2026-07-28";
var Aggregator = class {
  catalog;
  #o;
  #names;
  /** Server capabilities per backend, from its `initialize` answer. */
  #caps = /* @__PURE__ */ new Map();
  /** Subscribed resource URI -> backend, replayed when that backend restarts. */
  #subscriptions = /* @__PURE__ */ new Map();
  #internalId = 0;
  constructor(options) {
    this.#o = options;
    this.#names = [...options.backends.keys()];
    this.catalog = new Catalog(options.config.namespacing);
  }
  /** Records a backend's `initialize` answer (also after a restart). */
  noteHello(server, result) {
    if (result && typeof result.capabilities === "object" && result.capabilities !== null)
      this.#caps.set(server, result.capabilities);
  }
  /** Resource URIs this session subscribed to on `server`. */
  subscriptionsOf(server) {
    return [...this.#subscriptions].filter(([, s]) => s === server).map(([uri]) => uri);
  }
  /** Where a tool name as the client uses it lives, from the catalogue or the plain prefix form. */
  toolRef = (name) => this.#lookup(this.catalog.tools, name);
  #lookup(map, name) {
    const known = map.get(name);
    if (known) return known;
    return this.catalog.namespacing === "prefix" ? splitPrefixed(name, this.#names) : void 0;
  }
  /** The routing policy: sets `ctx.backend` (a server, or `*` for the methods the guard fans out). */
  resolve = async (ctx, next) => {
    const params = ctx.request.params;
    const meta = params?._meta;
    ctx.resolveTool = this.toolRef;
    if (meta !== void 0 && Object.hasOwn(meta, TARGET_KEY)) {
      const target = meta[TARGET_KEY];
      const { [TARGET_KEY]: _, ...rest } = meta;
      ctx.request = { ...ctx.request, params: { ...params, _meta: rest } };
      if (FAN_OUT.has(ctx.method) && !LIST_METHODS[ctx.method]) {
        ctx.backend = ALL_BACKENDS;
        return next();
      }
      if (typeof target !== "string" || !this.#o.backends.has(target)) {
        throw new PolicyError(
          CODES.noRoute,
          `_meta.${TARGET_KEY}: no server named ${JSON.stringify(target)}`
        );
      }
      if (!serverAllowed(this.#o.config.policies, ctx.agent, target)) {
        throw new PolicyError(CODES.toolBlocked, `server ${target} is not allowed for agent ${ctx.agent}`, {
          server: target
        });
      }
      ctx.backend = target;
      if (ctx.method === "tools/call" && ctx.tool !== void 0) {
        const tool = ctx.tool;
        const ref = this.toolRef(tool);
        const pinned = ref?.server === target ? ref : { server: target, name: tool };
        ctx.resolveTool = (name) => name === tool ? pinned : this.toolRef(name);
      }
      return next();
    }
    if (FAN_OUT.has(ctx.method)) {
      ctx.backend = ALL_BACKENDS;
      return next();
    }
    const backend = await this.#route(ctx);
    if (backend === void 0) {
      throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
    }
    ctx.backend = backend;
    return next();
  };
  async #route(ctx) {
    const params = ctx.request.params ?? {};
    const { router } = this.#o;
    const name = typeof params.name === "string" ? params.name : void 0;
    const byName = async (listMethod, map) => {
      if (name === void 0) return void 0;
      let ref = this.#lookup(map, name);
      if (!ref) {
        await this.#refresh([listMethod]);
        ref = this.#lookup(map, name);
      }
      return ref?.server;
    };
    const byUri = async (uri) => {
      if (typeof uri !== "string") return void 0;
      let server = this.catalog.resourceServer(uri);
      if (server === void 0) {
        await this.#refresh(["resources/list", "resources/templates/list"]);
        server = this.catalog.resourceServer(uri);
      }
      return server;
    };
    let found;
    switch (ctx.method) {
      case "tools/call":
        found = await byName("tools/list", this.catalog.tools);
        break;
      case "prompts/get":
        found = await byName("prompts/list", this.catalog.prompts);
        break;
      case "resources/read":
      case "resources/subscribe":
      case "resources/unsubscribe":
        found = await byUri(params.uri);
        break;
      case "completion/complete": {
        const ref = params.ref ?? {};
        if (ref.type === "ref/prompt" && typeof ref.name === "string") {
          let prompt = this.#lookup(this.catalog.prompts, ref.name);
          if (!prompt) {
            await this.#refresh(["prompts/list"]);
            prompt = this.#lookup(this.catalog.prompts, ref.name);
          }
          found = prompt?.server;
        } else if (ref.type === "ref/resource") found = await byUri(ref.uri);
        break;
      }
    }
    return found ?? router(ctx.method, ctx.tool);
  }
  /** Lists every page of the given lists from every backend that has them, to fill the catalogue. */
  async #refresh(methods) {
    for (const method of methods) {
      const kind = LIST_METHODS[method];
      for (const server of this.#eligible(kind, void 0)) {
        let cursor;
        for (let page = 0; page < MAX_PAGES; page++) {
          const response = await this.#o.send(server, {
            jsonrpc: "2.0",
            id: `mcp-guard-list-${++this.#internalId}`,
            method,
            params: cursor === void 0 ? {} : { cursor }
          });
          const result = response.result;
          if (!result || !Array.isArray(result[kind.key])) break;
          try {
            this.catalog.absorb(kind, server, result[kind.key], page === 0);
          } catch (error) {
            if (error instanceof CollisionError) throw new PolicyError(CODES.internal, error.message);
            throw error;
          }
          if (typeof result.nextCursor !== "string") break;
          cursor = result.nextCursor;
        }
      }
    }
  }
  /** Backends that are up, offer `kind` (when known), and that `agent` may reach. */
  #eligible(kind, agent) {
    return this.#names.filter((name) => {
      if (this.#o.backends.get(name)?.state !== "up") return false;
      if (!serverAllowed(this.#o.config.policies, agent, name)) return false;
      const caps = this.#caps.get(name);
      return !kind || !caps || caps[kind.capability] !== void 0;
    });
  }
  /** Forwards a request that passed the pipeline: fanned out (`ctx.backend` is `*`) or to one backend. */
  async handle(ctx) {
    const request = ctx.request;
    const kind = LIST_METHODS[ctx.method];
    if (ctx.backend === ALL_BACKENDS) {
      if (ctx.method === "initialize") return this.#initialize(request);
      if (ctx.method === "server/discover") return this.#discover(request);
      if (ctx.method === "ping") return { jsonrpc: "2.0", id: request.id, result: eraResult(request, {}) };
      if (kind) return this.#list(kind, request, this.#eligible(kind, ctx.agent));
      return this.#broadcast(request, this.#eligible(void 0, ctx.agent));
    }
    const backend = ctx.backend;
    if (kind) return this.#list(kind, request, [backend]);
    const response = await this.#o.send(backend, this.#restoreNames(ctx, backend));
    const uri = request.params?.uri;
    if (!response.error && typeof uri === "string") {
      if (ctx.method === "resources/subscribe") this.#subscriptions.set(uri, backend);
      if (ctx.method === "resources/unsubscribe") this.#subscriptions.delete(uri);
    }
    return response;
  }
  /** The request as the backend knows it: exposed tool and prompt names back to the originals. */
  #restoreNames(ctx, backend) {
    const request = ctx.request;
    const params = request.params ?? {};
    const original = (map, name) => {
      if (typeof name !== "string") return void 0;
      const ref = map === this.catalog.tools ? ctx.resolveTool?.(name) : this.#lookup(map, name);
      return ref?.server === backend ? ref.name : void 0;
    };
    if (ctx.method === "tools/call") {
      const name = original(this.catalog.tools, params.name);
      if (name !== void 0) return { ...request, params: { ...params, name } };
    } else if (ctx.method === "prompts/get") {
      const name = original(this.catalog.prompts, params.name);
      if (name !== void 0) return { ...request, params: { ...params, name } };
    } else if (ctx.method === "completion/complete") {
      const ref = params.ref ?? {};
      const name = ref.type === "ref/prompt" ? original(this.catalog.prompts, ref.name) : void 0;
      if (name !== void 0) return { ...request, params: { ...params, ref: { ...ref, name } } };
    }
    return request;
  }
  async #initialize(request) {
    const servers = this.#eligible(void 0, void 0);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request)));
    const hellos = [];
    answers.forEach((answer, i) => {
      if (answer.result) {
        hellos.push({ server: servers[i], result: answer.result });
        this.noteHello(servers[i], answer.result);
      } else this.#o.log(`[${servers[i]}] guard: initialize failed: ${answer.error?.message}`);
    });
    if (hellos.length === 0) {
      return answers[0] ?? errorResponse(request.id, CODES.internal, "no backend is up");
    }
    const versions = new Set(hellos.map((h) => h.result.protocolVersion));
    if (versions.size > 1) {
      this.#o.log(
        `guard: backends answered different protocol versions (${hellos.map((h) => `${h.server} ${h.result.protocolVersion}`).join(", ")}); the client gets the oldest`
      );
    }
    return { jsonrpc: "2.0", id: request.id, result: mergeInitialize(hellos) };
  }
  /**
   * `server/discover` (modern era) asked of every backend and answered by the guard. A backend that
   * cannot answer it (a legacy-only server's `-32601`) makes the whole answer that error, so the client
   * falls back to the legacy era, where `initialize` is merged; backends with no version in common
   * get `-32022` listing none, which sends the client to the legacy era too.
   */
  async #discover(request) {
    const servers = this.#eligible(void 0, void 0);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request)));
    const failed = answers.findIndex((a) => !a.result);
    if (failed >= 0) {
      this.#o.log(
        `[${servers[failed]}] guard: server/discover failed (${answers[failed].error?.message}); the client gets its error`
      );
      return answers[failed];
    }
    if (answers.length === 0) return noBackend(request);
    const hellos = answers.map((a, i) => ({ server: servers[i], result: a.result }));
    for (const h of hellos) this.noteHello(h.server, h.result);
    const merged = mergeDiscover(hellos);
    const common = merged.supportedVersions;
    if (common.length === 0) {
      const offered = hellos.map((h) => `${h.server} ${JSON.stringify(h.result.supportedVersions)}`).join(", ");
      this.#o.log(
        `guard: the servers have no protocol version in common (${offered}); the client must use the legacy era`
      );
      const requested = request.params?._meta?.[VERSION_KEY];
      return errorResponse(
        request.id,
        UNSUPPORTED_VERSION,
        `no protocol version every server supports (${offered})`,
        {
          supported: [],
          ...typeof requested === "string" ? { requested } : {}
        }
      );
    }
    return { jsonrpc: "2.0", id: request.id, result: merged };
  }
  async #broadcast(request, servers) {
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request)));
    const ok = answers.find((a) => !a.error);
    return ok ? { jsonrpc: "2.0", id: request.id, result: eraResult(request, {}) } : answers[0] ?? noBackend(request);
  }
  async #list(kind, request, servers) {
    const params = request.params ?? {};
    let pages;
    if (params.cursor !== void 0) {
      try {
        pages = decodeCursor(params.cursor, this.#names);
      } catch (error) {
        return errorResponse(request.id, CODES.invalidParams, `invalid params: ${error.message}`);
      }
      for (const s of Object.keys(pages)) if (!servers.includes(s)) delete pages[s];
    } else pages = Object.fromEntries(servers.map((s) => [s, void 0]));
    const targets = Object.keys(pages);
    const answers = await Promise.all(
      targets.map((s) => {
        const { cursor: _, ...rest } = params;
        const cursor2 = pages[s];
        return this.#o.send(s, { ...request, params: cursor2 === void 0 ? rest : { ...rest, cursor: cursor2 } });
      })
    );
    const cancelled = answers.find((a) => a.error?.code === CANCELLED2);
    if (cancelled) return cancelled;
    const items = [];
    const next = {};
    let failures = 0;
    for (const [i, answer] of answers.entries()) {
      const server = targets[i];
      const list = answer.result?.[kind.key];
      if (!Array.isArray(list)) {
        failures++;
        this.#o.log(`[${server}] guard: ${request.method} failed: ${answer.error?.message ?? "no list"}`);
        continue;
      }
      try {
        items.push(...this.catalog.absorb(kind, server, list, pages[server] === void 0));
      } catch (error) {
        if (!(error instanceof CollisionError)) throw error;
        this.#o.log(`guard: ${error.message}`);
        return errorResponse(request.id, CODES.internal, error.message);
      }
      if (typeof answer.result?.nextCursor === "string") next[server] = answer.result.nextCursor;
    }
    if (targets.length > 0 && failures === targets.length) return answers[0];
    const result = eraResult(request, { [kind.key]: items });
    if (result.resultType !== void 0) {
      const ttls = answers.map((a) => a.result?.ttlMs).filter((t) => typeof t === "number" && t >= 0);
      result.ttlMs = ttls.length === answers.length && ttls.length > 0 ? Math.min(...ttls) : 0;
      result.cacheScope = "private";
    }
    const cursor = encodeCursor(next);
    if (cursor !== void 0) result.nextCursor = cursor;
    return { jsonrpc: "2.0", id: request.id, result };
  }
};
function eraResult(request, result) {
  const version = request.params?._meta?.[VERSION_KEY];
  return typeof version === "string" && version >= MODERN_ERA ? { resultType: "complete", ...result } : result;
}
function noBackend(request) {
  return errorResponse(request.id, CODES.internal, "no backend is up");
}

// src/guard/backend/types.ts
function timeoutMessage(backend, method, ms) {
  if (method !== "initialize") return `backend ${backend.name} did not answer in time`;
  const tail = backend.stderrTail?.() ?? [];
  const said = tail.length ? `; its last stderr lines: ${tail.map((l) => JSON.stringify(l)).join(" / ")}` : backend.stderrTail ? "; it wrote nothing to stderr" : "";
  return `backend ${backend.name} did not answer initialize within ${ms} ms (limits.initialize_timeout_ms)${said}`;
}

// src/guard/credentials.ts
var CREDENTIAL_KEYS = ["api_key", "token", "authorization"];
function takeCredential(params) {
  const meta = params?._meta;
  if (!params || meta === null || typeof meta !== "object" || Array.isArray(meta)) return { params };
  const found = CREDENTIAL_KEYS.filter((k) => Object.hasOwn(meta, k));
  if (found.length === 0) return { params };
  const rest = { ...meta };
  const value = rest[found[0]];
  for (const k of found) delete rest[k];
  const out = { ...params };
  if (Object.keys(rest).length === 0) delete out._meta;
  else out._meta = rest;
  return { params: out, credential: typeof value === "string" ? value : "" };
}

// src/guard/relay.ts
var Relay = class {
  session = { id: randomUUID(), peer: "stdio" };
  pipeline;
  /** Set when there are several backends: merges lists and routes names (its `resolve` is a policy). */
  aggregator;
  #o;
  #toServer = /* @__PURE__ */ new Map();
  #toClient = /* @__PURE__ */ new Map();
  #progress = /* @__PURE__ */ new Map();
  /**
   * Client requests still in the pipeline (not yet at a backend: a call waiting for approval), by
   * JSON of the client's id, so a cancellation (or shutdown) can end them.
   */
  #inPipeline = /* @__PURE__ */ new Map();
  #initialize;
  #initialized = false;
  #nextId = 0;
  #closing = false;
  /** The client's input has ended: nothing it could answer will come. */
  #inputEnded = false;
  /** Client requests not yet answered (in the pipeline or at a backend); `drain` waits for 0. */
  #inflight = 0;
  /** Set by `drain` while it waits: called when `#inflight` comes down to 0. */
  #drained;
  constructor(options) {
    this.#o = options;
    for (const backend of options.backends.values()) {
      backend.onmessage = (m) => this.#fromBackend(backend, m);
      backend.oncrash = (reason) => this.#crashed(backend, reason);
      backend.onstart = (restart) => this.#reinitialize(backend, restart);
    }
    this.aggregator = options.backends.size > 1 ? new Aggregator({
      config: options.config,
      backends: options.backends,
      router: options.router ?? (() => void 0),
      send: (name, request) => this.#mapped(name, request),
      log: options.log
    }) : void 0;
    options.client.onmessage = (m) => this.#fromClient(m);
    options.client.oninvalid = (reply, reason) => {
      this.#o.log(`guard: invalid message from the client: ${reason}`);
      this.#record({
        decision: "deny",
        session: this.session.id,
        method: "(invalid)",
        id: reply?.id ?? null,
        code: reply?.error?.code,
        reason,
        latencyMs: 0
      });
      if (reply) void this.#toClientSend(reply);
    };
  }
  /** Forwards a request that passed the pipeline to `ctx.backend`; resolves with its response. */
  forward = async (ctx) => {
    if (this.aggregator) {
      if (ctx.method === "initialize") this.#initialize = ctx.request;
      return this.aggregator.handle(ctx);
    }
    const backend = this.#o.backends.get(ctx.backend);
    if (ctx.method === "initialize") {
      this.#initialize = ctx.request;
      for (const other of this.#o.backends.values()) {
        if (other !== backend && other.state === "up") void this.#request(other, ctx.request);
      }
    }
    if (backend.state !== "up") {
      return errorResponse(
        ctx.request.id,
        CODES.internal,
        `backend ${backend.name} is ${backend.state}${backend.retryInMs ? `; restarting in ${backend.retryInMs} ms` : ""}`,
        { backend: backend.name }
      );
    }
    return this.#request(backend, ctx.request);
  };
  #key(backend, id) {
    return `${backend}\0${JSON.stringify(id)}`;
  }
  /**
   * Several backends: sends a client request to one backend under a guard id (and a guard progress
   * token), so requests fanned out to several backends, and the guard's own, never clash; the
   * response comes back with the client's id.
   */
  async #mapped(name, request) {
    const backend = this.#o.backends.get(name);
    if (backend.state !== "up") {
      return errorResponse(request.id, CODES.internal, `backend ${name} is ${backend.state}`, {
        backend: name
      });
    }
    const n = ++this.#nextId;
    const out = { ...request, id: `mcp-guard-${n}` };
    const meta = request.params?._meta;
    const hasToken = meta?.progressToken !== void 0;
    if (hasToken)
      out.params = { ...request.params, _meta: { ...meta, progressToken: `mcp-guard-progress-${n}` } };
    const response = await this.#request(backend, out, false, {
      id: request.id,
      hasToken,
      token: meta?.progressToken
    });
    return { ...response, id: request.id };
  }
  /** Sends a request to a backend and waits for its response, a timeout, or the backend's crash. */
  #request(backend, request, duringStart = false, client) {
    const key = this.#key(backend.name, request.id);
    if (this.#toServer.has(key)) {
      return Promise.resolve(
        errorResponse(
          request.id,
          CODES.invalidRequest,
          `request id ${JSON.stringify(request.id)} is already in flight`
        )
      );
    }
    const token = request.params?._meta;
    const progressToken = token?.progressToken === void 0 ? void 0 : JSON.stringify(token.progressToken);
    const { initializeTimeoutMs, requestTimeoutMs } = this.#o.config.limits;
    const limit = request.method === "initialize" ? initializeTimeoutMs : requestTimeoutMs;
    return new Promise((resolve) => {
      const entry = {
        backend: backend.name,
        resolve: (response) => {
          clearTimeout(entry.timer);
          this.#toServer.delete(key);
          if (progressToken !== void 0) this.#progress.delete(progressToken);
          resolve(response);
        },
        timer: this.#timer(() => {
          const message = timeoutMessage(backend, request.method, limit);
          this.#o.log(`guard: ${request.method} (id ${JSON.stringify(request.id)}): ${message}`);
          void backend.send({
            jsonrpc: "2.0",
            method: "notifications/cancelled",
            params: { requestId: request.id, reason: "timed out in mcp-guard" }
          }).catch(() => {
          });
          entry.resolve(errorResponse(request.id, CODES.internal, message, { backend: backend.name }));
        }, limit),
        progressToken,
        client
      };
      this.#toServer.set(key, entry);
      if (progressToken !== void 0) this.#progress.set(progressToken, key);
      backend.send(request, duringStart).catch((error) => {
        entry.resolve(
          errorResponse(request.id, CODES.internal, `backend ${backend.name}: ${error.message}`, {
            backend: backend.name
          })
        );
      });
    });
  }
  #timer(fire, ms = this.#o.config.limits.requestTimeoutMs) {
    return setTimeout(fire, ms);
  }
  async #toClientSend(message) {
    try {
      await this.#o.client.send(message);
    } catch (error) {
      this.#o.log(`guard: cannot write to the client: ${error.message}`);
    }
  }
  /** An audit record the relay writes itself (invalid input, dropped notifications); never throws. */
  #record(entry) {
    try {
      this.#o.audit.append(entry);
    } catch (error) {
      this.#o.log(`guard: cannot write the audit log: ${error.message}`);
    }
  }
  /**
   * Every message from the client lands here. Nothing a message holds may throw past this point: a
   * throw would end the session (over stdio, the guard) with nobody answered.
   */
  #fromClient(message) {
    try {
      if (this.#closing) {
        if (isRequest(message))
          void this.#toClientSend(errorResponse(message.id, CODES.internal, "guard is shutting down"));
        return;
      }
      if (isRequest(message)) void this.#clientRequest(message);
      else if (isNotification(message)) this.#clientNotification(message);
      else this.#clientResponse(message);
    } catch (error) {
      this.#o.log(`guard: internal error on a client message: ${error.stack ?? error}`);
      if (isRequest(message))
        void this.#toClientSend(errorResponse(message.id, CODES.internal, "internal error in mcp-guard"));
    }
  }
  async #clientRequest(message) {
    const key = JSON.stringify(message.id);
    const controller = new AbortController();
    this.#inPipeline.set(key, controller);
    this.#inflight++;
    try {
      let response;
      try {
        const { params, credential } = takeCredential(message.params);
        const request = { ...message };
        if (params === void 0) delete request.params;
        else request.params = params;
        const ctx = {
          session: this.session,
          request,
          method: message.method,
          credential,
          signal: controller.signal,
          notify: (n) => void this.#toClientSend(n)
        };
        if (message.method === "tools/call" && params) {
          if (typeof params.name === "string") ctx.tool = params.name;
          const args = params.arguments;
          if (args !== null && typeof args === "object" && !Array.isArray(args))
            ctx.args = args;
          ctx.argsHash = hashArgs(ctx.args ?? {});
        }
        response = await this.pipeline(ctx);
      } catch (error) {
        this.#o.log(`guard: internal error on ${message.method}: ${error.stack ?? error}`);
        response = errorResponse(message.id, CODES.internal, "internal error in mcp-guard");
      }
      if (response.error?.code === CANCELLED) return;
      await this.#toClientSend(response);
    } finally {
      if (this.#inPipeline.get(key) === controller) this.#inPipeline.delete(key);
      if (--this.#inflight === 0) this.#drained?.();
    }
  }
  #clientNotification(message) {
    const { params } = takeCredential(message.params);
    const note = { ...message };
    if (params === void 0) delete note.params;
    else note.params = params;
    if (this.#o.config.auth.mode !== "none" && this.session.agent === void 0) {
      this.#record({
        decision: "deny",
        session: this.session.id,
        method: message.method,
        code: CODES.unauthenticated,
        reason: "notification from an unauthenticated session dropped",
        latencyMs: 0
      });
      return;
    }
    if (message.method === "notifications/cancelled") {
      const requestId = params?.requestId;
      this.#inPipeline.get(JSON.stringify(requestId))?.abort();
      if (this.aggregator) {
        for (const [key, entry] of this.#toServer) {
          if (!entry.client || requestId === void 0 || entry.client.id !== requestId) continue;
          const guardId = JSON.parse(key.slice(key.indexOf("\0") + 1));
          const backend = this.#o.backends.get(entry.backend);
          void backend.send({ ...note, params: { ...note.params, requestId: guardId } }).catch(() => {
          });
          entry.resolve(errorResponse(guardId, CANCELLED, "cancelled by the client"));
        }
        return;
      }
      for (const backend of this.#o.backends.values()) {
        const entry = requestId === void 0 ? void 0 : this.#toServer.get(this.#key(backend.name, requestId));
        if (!entry) continue;
        void backend.send(note).catch(() => {
        });
        entry.resolve(errorResponse(requestId, CANCELLED, "cancelled by the client"));
      }
      return;
    }
    if (message.method === "notifications/initialized") this.#initialized = true;
    for (const backend of this.#o.backends.values()) {
      if (backend.state === "up") void backend.send(note).catch(() => {
      });
    }
  }
  #clientResponse(message) {
    const guardId = typeof message.id === "string" ? message.id : void 0;
    const entry = guardId === void 0 ? void 0 : this.#toClient.get(guardId);
    if (!entry) {
      this.#o.log(`guard: response from the client with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    clearTimeout(entry.timer);
    this.#toClient.delete(guardId);
    const backend = this.#o.backends.get(entry.backend);
    void backend.send({ ...message, id: entry.originalId }).catch((error) => {
      this.#o.log(`guard: cannot relay a response to ${backend.name}: ${error.message}`);
    });
  }
  /** Every message from a backend lands here; like the client's, nothing in it may throw past this point. */
  #fromBackend(backend, message) {
    try {
      this.#backendMessage(backend, message);
    } catch (error) {
      this.#o.log(`[${backend.name}] guard: internal error on a backend message: ${error.stack}`);
    }
  }
  #backendMessage(backend, message) {
    if (isRequest(message) && this.#inputEnded) {
      void backend.send(errorResponse(message.id, CODES.internal, "the client has closed its input")).catch(() => {
      });
      return;
    }
    if (isRequest(message)) {
      const guardId = `mcp-guard-${++this.#nextId}`;
      const entry2 = {
        backend: backend.name,
        originalId: message.id,
        timer: this.#timer(() => {
          this.#toClient.delete(guardId);
          void this.#toClientSend({
            jsonrpc: "2.0",
            method: "notifications/cancelled",
            params: { requestId: guardId, reason: "timed out in mcp-guard" }
          });
          void backend.send(errorResponse(message.id, CODES.internal, "the client did not answer in time")).catch(() => {
          });
        })
      };
      this.#toClient.set(guardId, entry2);
      void this.#toClientSend({ ...message, id: guardId });
      return;
    }
    if (isNotification(message)) {
      let out = message;
      if (message.method === "notifications/cancelled") {
        const requestId = message.params?.requestId;
        for (const [guardId, entry2] of this.#toClient) {
          if (entry2.backend !== backend.name || entry2.originalId !== requestId) continue;
          clearTimeout(entry2.timer);
          this.#toClient.delete(guardId);
          out = { ...message, params: { ...message.params, requestId: guardId } };
        }
      } else if (message.method === "notifications/progress") {
        const key = this.#progress.get(JSON.stringify(message.params?.progressToken));
        const entry2 = key === void 0 ? void 0 : this.#toServer.get(key);
        if (entry2) entry2.timer.refresh();
        if (entry2?.client?.hasToken) {
          out = { ...message, params: { ...message.params, progressToken: entry2.client.token } };
        } else if (this.aggregator && !entry2) {
          return;
        }
      }
      void this.#toClientSend(out);
      return;
    }
    const entry = message.id === null ? void 0 : this.#toServer.get(this.#key(backend.name, message.id));
    if (!entry) {
      this.#o.log(`[${backend.name}] guard: response with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    entry.resolve(message);
  }
  #crashed(backend, reason) {
    for (const [key, entry] of this.#toServer) {
      if (entry.backend !== backend.name) continue;
      const id = JSON.parse(key.slice(key.indexOf("\0") + 1));
      entry.resolve(
        errorResponse(id, CODES.internal, `${reason} while handling this request`, { backend: backend.name })
      );
    }
    for (const [guardId, entry] of this.#toClient) {
      if (entry.backend !== backend.name) continue;
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      void this.#toClientSend({
        jsonrpc: "2.0",
        method: "notifications/cancelled",
        params: { requestId: guardId, reason }
      });
    }
  }
  /** After a restart, replays the client's `initialize` (and `initialized`) so the new process has a session. */
  async #reinitialize(backend, restart) {
    if (!restart || !this.#initialize) return;
    const request = { ...this.#initialize, id: `mcp-guard-init-${++this.#nextId}` };
    const response = await this.#request(backend, request, true);
    if (response.error) throw new Error(`initialize: ${response.error.message}`);
    this.aggregator?.noteHello(backend.name, response.result);
    if (this.#initialized) await backend.send({ jsonrpc: "2.0", method: "notifications/initialized" }, true);
    for (const uri of this.aggregator?.subscriptionsOf(backend.name) ?? []) {
      const id = `mcp-guard-subscribe-${++this.#nextId}`;
      void this.#request(
        backend,
        { jsonrpc: "2.0", id, method: "resources/subscribe", params: { uri } },
        true
      );
    }
    this.#o.log(`[${backend.name}] guard: restarted and re-initialized`);
  }
  /**
   * The client's input has ended: lets every request already received finish and its answer be written.
   * Requests the backends send to the client from now on are answered with an error at once (the client
   * can no longer reply), and so are those already waiting for it.
   */
  async drain() {
    this.#inputEnded = true;
    for (const [guardId, entry] of this.#toClient) {
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      const backend = this.#o.backends.get(entry.backend);
      void backend.send(errorResponse(entry.originalId, CODES.internal, "the client has closed its input")).catch(() => {
      });
    }
    if (this.#inflight > 0)
      await new Promise((resolve) => {
        this.#drained = resolve;
      });
  }
  /** Answers every pending request in both directions with an error and stops accepting new ones. */
  async close() {
    this.#closing = true;
    for (const controller of this.#inPipeline.values()) controller.abort();
    for (const [key, entry] of this.#toServer) {
      const id = JSON.parse(key.slice(key.indexOf("\0") + 1));
      entry.resolve(errorResponse(id, CODES.internal, "guard is shutting down"));
    }
    const sends = [];
    for (const [guardId, entry] of this.#toClient) {
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      const backend = this.#o.backends.get(entry.backend);
      sends.push(
        backend.send(errorResponse(entry.originalId, CODES.internal, "the client went away")).catch(() => {
        })
      );
    }
    await Promise.all(sends);
  }
};

// src/guard/guard.ts
function createGuard(config, deps) {
  const missing = ["store", "audit", "clientTransport"].filter((k) => !deps?.[k]);
  if (missing.length > 0)
    throw new TypeError(
      `createGuard: deps.${missing.join(", deps.")} missing; startGuard(config) opens the config's store and audit log and serves stdio or HTTP for you`
    );
  const log = deps.log ?? ((line) => process.stderr.write(`${line}
`));
  const env = deps.env ?? process.env;
  let names = Object.keys(config.servers);
  if (deps.server !== void 0) {
    if (!config.servers[deps.server]) {
      throw new Error(
        `--server ${deps.server}: no such server in ${config.file} (have: ${names.join(", ")})`
      );
    }
    names = [deps.server];
  }
  if (names.length === 0) throw new Error(`${config.file}: no servers to guard`);
  const backends = /* @__PURE__ */ new Map();
  for (const name of names) {
    const server = config.servers[name];
    const options = {
      maxMessageBytes: config.limits.maxMessageBytes,
      maxDepth: config.limits.maxDepth,
      log,
      ...deps.backend
    };
    backends.set(
      name,
      deps.makeBackend?.(server) ?? (server.url ? new RemoteBackend(server, options) : new BackendProcess(server, { ...options, parentEnv: env }))
    );
  }
  const router = makeRouter(deps.server === void 0 ? config.routes : [], names, {
    aggregate: names.length > 1
  });
  const relay = new Relay({ config, client: deps.clientTransport, backends, audit: deps.audit, log, router });
  deps.session?.(relay.session);
  const desk = deps.desk ?? new ApprovalDesk({ store: deps.store, config, log });
  relay.pipeline = buildPipeline(config, {
    desk,
    store: deps.store,
    audit: deps.audit,
    router,
    forward: relay.forward,
    resolve: relay.aggregator?.resolve,
    env,
    owner: deps.owner,
    log
  });
  let resolveClosed;
  const closed = new Promise((resolve) => {
    resolveClosed = resolve;
  });
  let closing;
  const close = () => {
    closing ??= (async () => {
      if (!deps.desk) desk.close();
      await relay.close();
      await Promise.all([...backends.values()].map((b) => b.stop()));
      await deps.clientTransport.close().catch(() => {
      });
      resolveClosed();
    })();
    return closing;
  };
  deps.clientTransport.onclose = () => void close();
  deps.clientTransport.onend = () => void relay.drain().then(close);
  deps.clientTransport.onerror = (error) => log(`guard: client stream error: ${error.message}`);
  return {
    backends,
    closed,
    close,
    async start() {
      await Promise.all([...backends.values()].map((b) => b.start()));
      await deps.clientTransport.start();
    }
  };
}

export {
  BackendProcess,
  isJsonContentType,
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  JSONRPCRequestSchema,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  isJSONRPCErrorResponse,
  JSONRPCMessageSchema,
  isInitializeRequest,
  RemoteBackend,
  bindOAuthScopes,
  createGuard
};
