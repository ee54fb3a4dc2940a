import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify
} from "./chunk-76OGET5N.js";
import {
  CODES,
  NdjsonTransport,
  PolicyError,
  errorResponse,
  isNotification,
  isRequest
} from "./chunk-NSL6TPKO.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  hashArgs
} from "./chunk-FY4PTLU6.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

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
function backendEnv(configured, parent) {
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === void 0) continue;
    if (SAFE_ENV.includes(name) || name.startsWith("LC_")) env[name] = value;
  }
  return { ...env, ...configured };
}

// src/guard/backend/process.ts
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
  #timer;
  #starts = 0;
  constructor(server, options) {
    if (!server.command)
      throw new Error(`server ${server.name}: only local (command) servers run over stdio`);
    this.name = server.name;
    this.#server = server;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}
`));
    this.#options = {
      maxMessageBytes: options.maxMessageBytes,
      parentEnv: options.parentEnv,
      initialBackoffMs: options.initialBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 3e4,
      shutdownGraceMs: options.shutdownGraceMs ?? 2e3
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
  /** Milliseconds until the next restart attempt while down (0 when not scheduled). */
  get retryInMs() {
    return Math.max(0, this.#restartAt - Date.now());
  }
  /** Launches the child and resolves once it is up (after `onstart`). */
  async start() {
    await this.#launch();
  }
  /** Sends a message to the backend; throws when it is not up. */
  async send(message, duringStart = false) {
    const ok = this.#state === "up" || duringStart && this.#state === "starting";
    if (!ok || !this.#transport) throw new Error(`backend ${this.name} is ${this.#state}`);
    await this.#transport.send(message);
  }
  async #launch() {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = "starting";
    const child = spawn(this.#server.command, this.#server.args, {
      cwd: this.#server.cwd,
      env: backendEnv(this.#server.env, this.#options.parentEnv ?? process.env),
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, so shutdown can signal every process the server started.
      detached: true
    });
    this.#child = child;
    const transport = new NdjsonTransport(child.stdout, child.stdin, {
      maxMessageBytes: this.#options.maxMessageBytes
    });
    this.#transport = transport;
    transport.onmessage = (m) => this.onmessage?.(m);
    transport.oninvalid = (_reply, reason) => this.#log(`[${this.name}] guard: ignored output line: ${reason}`);
    transport.onerror = (error) => this.#log(`[${this.name}] guard: stdio error: ${error.message}`);
    createInterface({ input: child.stderr }).on("line", (line) => this.#log(`[${this.name}] ${line}`));
    const spawned = new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    child.once("exit", (code, signal) => this.#exited(child, code, signal));
    await transport.start();
    try {
      await spawned;
    } catch (error) {
      this.#log(`[${this.name}] guard: cannot start ${this.#server.command}: ${error.message}`);
      return;
    }
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${error.message}`);
      this.#kill(child, "SIGKILL");
      return;
    }
    if (this.#child === child && this.#state === "starting") {
      this.#state = "up";
      this.#crashes = 0;
    }
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

// src/guard/policies/approval/index.ts
function approvalPolicy(options) {
  const threshold = options.policies.requireApprovalAbove;
  const now = options.now ?? Date.now;
  const { store } = options;
  return async function approval(ctx, next) {
    if (threshold === void 0 || ctx.amount === void 0 || ctx.amount <= threshold) return next();
    const agent = ctx.agent ?? "anonymous";
    const tool = ctx.tool;
    const hash = ctx.argsHash;
    const found = await store.findApproval(agent, tool, hash, now());
    if (found?.status === "approved" && await store.consumeApproval(found.id, now())) {
      ctx.note = `approved by ${found.decidedBy ?? "unknown"} (approval ${found.id})`;
      return next();
    }
    if (found?.status === "denied") {
      throw new PolicyError(
        CODES.heldForApproval,
        `denied by ${found.decidedBy ?? "an operator"}${found.reason ? `: ${found.reason}` : ""} (approval ${found.id})`,
        { approval_id: found.id, status: "denied", reason: found.reason ?? null }
      );
    }
    const held = await store.requestApproval({
      agent,
      tool,
      argsHash: hash,
      amount: ctx.amount,
      summary: `${agent} calls ${tool} for ${ctx.amount}`,
      ttlSec: options.policies.approvalTtlSec,
      now: now()
    });
    const command = `mcp-guard guard approvals approve ${held.id} --config ${options.configFile}`;
    throw new PolicyError(
      CODES.heldForApproval,
      `held for approval: ${ctx.amount} is above require_approval_above (${threshold}); approve with \`${command}\`, then retry the same call`,
      {
        approval_id: held.id,
        status: "pending",
        expires_at: new Date(held.expiresAt).toISOString(),
        approve: command
      },
      "held"
    );
  };
}

// src/guard/policies/auth/verify.ts
import { createHash, createPublicKey, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
function makeVerifier(auth) {
  if (auth.mode === "none") return async () => "anonymous";
  if (auth.mode === "api_key") {
    const keys = auth.keys;
    if (keys.length === 0) throw new Error("auth.keys: api_key mode needs at least one key");
    return async (credential) => {
      const digest = createHash("sha256").update(credential, "utf8").digest();
      let agent;
      for (const key2 of keys) {
        if (key2.sha256.length === digest.length && timingSafeEqual(key2.sha256, digest)) agent ??= key2.agent;
      }
      if (agent === void 0) throw new Error("invalid API key");
      return agent;
    };
  }
  if (auth.algorithms.length === 0) throw new Error("auth.jwt.algorithms: list the accepted algorithms");
  if (auth.algorithms.some((a) => a.toLowerCase() === "none"))
    throw new Error("auth.jwt.algorithms: none is refused");
  let key;
  if (auth.secret) key = auth.secret;
  else if (auth.publicKey) key = createPublicKey(auth.publicKey);
  else if (auth.jwksFile) key = createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, "utf8")));
  else if (auth.jwksUrl) key = createRemoteJWKSet(new URL(auth.jwksUrl));
  else throw new Error("auth.jwt: a secret, a public key or a JWKS is required");
  const options = {
    algorithms: auth.algorithms,
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockToleranceSec,
    requiredClaims: ["exp"]
  };
  return async (credential) => {
    const token = credential.replace(/^Bearer\s+/i, "");
    let payload;
    try {
      payload = typeof key === "function" ? (await jwtVerify(token, key, options)).payload : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw new Error(`invalid token: ${error.message}`);
    }
    const agent = payload[auth.agentClaim];
    if (typeof agent !== "string" || agent === "")
      throw new Error(`invalid token: no ${auth.agentClaim} claim`);
    return agent;
  };
}

// src/guard/policies/auth/index.ts
var HOW = "pass a credential in _meta.api_key, _meta.token or _meta.authorization of the request (or of initialize), or set MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard environment";
function authPolicy(options) {
  const verify = makeVerifier(options.auth);
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const fromEnv = options.auth.mode === "jwt" ? env.MCP_GUARD_TOKEN : env.MCP_GUARD_API_KEY;
  const failLimit = options.failuresPerMinute ?? 60;
  async function refuse(ctx, reason) {
    const { allowed, retryAfterMs } = await options.store.hit(
      `auth-fail:${ctx.session.peer}`,
      failLimit,
      now()
    );
    if (!allowed) {
      throw new PolicyError(CODES.rateLimited, "too many failed authentications; slow down", {
        retry_after_ms: retryAfterMs
      });
    }
    throw new PolicyError(CODES.unauthenticated, `unauthenticated: ${reason}`);
  }
  return async function auth(ctx, next) {
    if (options.auth.mode === "none") {
      ctx.agent = ctx.session.agent ?? "anonymous";
      return next();
    }
    let agent;
    if (ctx.credential !== void 0) {
      try {
        agent = await verify(ctx.credential);
      } catch (error) {
        return refuse(ctx, error.message);
      }
      if (ctx.session.agent !== void 0 && ctx.session.agent !== agent) {
        return refuse(ctx, `this session belongs to agent ${ctx.session.agent}, not ${agent}`);
      }
    } else if (ctx.session.agent !== void 0) {
      agent = ctx.session.agent;
    } else if (fromEnv !== void 0 && fromEnv !== "") {
      try {
        agent = await verify(fromEnv);
      } catch (error) {
        const name = options.auth.mode === "jwt" ? "MCP_GUARD_TOKEN" : "MCP_GUARD_API_KEY";
        return refuse(ctx, `${name}: ${error.message}`);
      }
    } else {
      return refuse(ctx, `no credential; ${HOW}`);
    }
    ctx.session.agent ??= agent;
    ctx.agent = agent;
    return next();
  };
}

// src/guard/policies/rate-limit/index.ts
function rateLimitPolicy(options) {
  const limit = options.requestsPerMinute;
  if (limit !== void 0 && (!Number.isInteger(limit) || limit < 1)) {
    throw new Error(`requests_per_minute must be a positive integer, not ${limit}`);
  }
  const now = options.now ?? Date.now;
  return async function rateLimit(ctx, next) {
    if (limit === void 0) return next();
    const { allowed, retryAfterMs } = await options.store.hit(`agent:${ctx.agent}`, limit, now());
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

// src/guard/policies/spend/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var MAX_AMOUNT = 1e15;
function readPath(value, path) {
  let here = value;
  for (const part of path.split(".")) {
    if (here === null || typeof here !== "object" || !Object.hasOwn(here, part)) return void 0;
    here = here[part];
  }
  return here;
}
function spendPolicy(options) {
  const { spendTools, maxSpendPerSession, spendPerHourUsd } = options.policies;
  const tools = spendTools.map((t) => ({ ...t, match: (0, import_picomatch.default)(t.name) }));
  const now = options.now ?? Date.now;
  return async function spend(ctx, next) {
    if (ctx.method !== "tools/call" || ctx.tool === void 0) return next();
    const tool = tools.find((t) => t.match(ctx.tool));
    if (!tool) return next();
    const amount = readPath(ctx.args ?? {}, tool.amount);
    const where = `arguments.${tool.amount}`;
    if (typeof amount !== "number") {
      throw new PolicyError(
        CODES.invalidParams,
        `invalid params: ${where} must be a number (${tool.currency}) for spend tool ${ctx.tool}, got ${amount === void 0 ? "nothing" : typeof amount}`
      );
    }
    if (!Number.isFinite(amount) || amount < 0 || amount > MAX_AMOUNT) {
      throw new PolicyError(
        CODES.invalidParams,
        `invalid params: ${where} must be a finite amount between 0 and ${MAX_AMOUNT}, got ${amount}`
      );
    }
    ctx.amount = amount;
    if (maxSpendPerSession === void 0 && spendPerHourUsd === void 0) return next();
    const reservation = await options.store.reserve({
      agent: ctx.agent ?? "anonymous",
      session: ctx.session.id,
      amount,
      sessionCap: maxSpendPerSession,
      hourlyCap: spendPerHourUsd,
      now: now()
    });
    if (!reservation.ok) {
      const limit = reservation.cap === "session" ? maxSpendPerSession : spendPerHourUsd;
      const which = reservation.cap === "session" ? "max_spend_per_session" : "spend_per_hour_usd";
      throw new PolicyError(
        CODES.spendBlocked,
        `spend blocked: ${amount} ${tool.currency} would exceed ${which} (${limit}); ${reservation.remaining} left`,
        { cap: reservation.cap, limit, remaining: reservation.remaining, amount, currency: tool.currency }
      );
    }
    let response;
    try {
      response = await next();
    } catch (error) {
      await options.store.release(reservation.id);
      throw error;
    }
    if (response.error || response.result?.isError === true) await options.store.release(reservation.id);
    return response;
  };
}

// src/guard/policies/tool-policy/index.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
function matcher(globs) {
  if (!globs || globs.length === 0) return void 0;
  const m = (0, import_picomatch2.default)(globs, { dot: true });
  return (name) => m(name);
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
  return (agent, tool) => {
    const own = agent === void 0 ? void 0 : perAgent.get(agent);
    if (globalDeny?.(tool) || own?.deny?.(tool)) return false;
    if (globalAllow && !globalAllow(tool)) return false;
    if (own?.allow && !own.allow(tool)) return false;
    return true;
  };
}
function toolPolicy(policies) {
  const allowed = toolPredicate(policies);
  return async function toolAcl(ctx, next) {
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
      if (!allowed(ctx.agent, params.name)) {
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
      response.result.tools = tools.filter((t) => typeof t.name === "string" && allowed(ctx.agent, t.name));
    }
    return response;
  };
}

// src/guard/pipeline.ts
function buildPipeline(config, deps) {
  const { store, audit, router } = deps;
  const now = deps.now ?? Date.now;
  const p = config.policies;
  const policies = [
    authPolicy({ auth: config.auth, store, failuresPerMinute: p.requestsPerMinute, env: deps.env, now }),
    rateLimitPolicy({ requestsPerMinute: p.requestsPerMinute, store, now }),
    toolPolicy(p),
    spendPolicy({ policies: p, store, now }),
    approvalPolicy({ policies: p, store, configFile: config.file, now }),
    async function route(ctx) {
      const backend = router(ctx.method, ctx.tool);
      if (backend === void 0) {
        throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
      }
      ctx.backend = backend;
      return deps.forward(ctx);
    }
  ];
  const run = (i, ctx) => policies[i](ctx, () => run(i + 1, ctx));
  return async function handle(ctx) {
    const started = performance.now();
    const base = () => ({
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
      latencyMs: Math.round(performance.now() - started)
    });
    try {
      const response = await run(0, ctx);
      const error = response.error;
      audit.append({
        ...base(),
        decision: error ? "error" : "allow",
        code: error?.code,
        reason: error ? error.message : ctx.note
      });
      return response;
    } catch (thrown) {
      const error = thrown instanceof PolicyError ? thrown : new PolicyError(
        CODES.internal,
        `internal error: ${thrown.message}`,
        void 0,
        "error"
      );
      audit.append({ ...base(), decision: error.decision, code: error.code, reason: error.message });
      return errorResponse(ctx.request.id, error.code, error.message, error.data);
    }
  };
}

// src/guard/relay.ts
import { randomUUID } from "node:crypto";

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
var CANCELLED = -32800;
var Relay = class {
  session = { id: randomUUID(), peer: "stdio" };
  pipeline;
  #o;
  #toServer = /* @__PURE__ */ new Map();
  #toClient = /* @__PURE__ */ new Map();
  #progress = /* @__PURE__ */ new Map();
  #initialize;
  #initialized = false;
  #nextId = 0;
  #closing = false;
  constructor(options) {
    this.#o = options;
    for (const backend of options.backends.values()) {
      backend.onmessage = (m) => this.#fromBackend(backend, m);
      backend.oncrash = (reason) => this.#crashed(backend, reason);
      backend.onstart = (restart) => this.#reinitialize(backend, restart);
    }
    options.client.onmessage = (m) => this.#fromClient(m);
    options.client.oninvalid = (reply, reason) => {
      this.#o.log(`guard: invalid message from the client: ${reason}`);
      this.#o.audit.append({
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
  /** Sends a request to a backend and waits for its response, a timeout, or the backend's crash. */
  #request(backend, request, duringStart = false) {
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
          this.#o.log(
            `guard: ${request.method} (id ${JSON.stringify(request.id)}) to ${backend.name} timed out`
          );
          void backend.send({
            jsonrpc: "2.0",
            method: "notifications/cancelled",
            params: { requestId: request.id, reason: "timed out in mcp-guard" }
          }).catch(() => {
          });
          entry.resolve(
            errorResponse(request.id, CODES.internal, `backend ${backend.name} did not answer in time`, {
              backend: backend.name
            })
          );
        }),
        progressToken
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
  #timer(fire) {
    return setTimeout(fire, this.#o.config.limits.requestTimeoutMs);
  }
  async #toClientSend(message) {
    try {
      await this.#o.client.send(message);
    } catch (error) {
      this.#o.log(`guard: cannot write to the client: ${error.message}`);
    }
  }
  #fromClient(message) {
    if (this.#closing) {
      if (isRequest(message))
        void this.#toClientSend(errorResponse(message.id, CODES.internal, "guard is shutting down"));
      return;
    }
    if (isRequest(message)) void this.#clientRequest(message);
    else if (isNotification(message)) this.#clientNotification(message);
    else this.#clientResponse(message);
  }
  async #clientRequest(message) {
    const { params, credential } = takeCredential(message.params);
    const request = { ...message };
    if (params === void 0) delete request.params;
    else request.params = params;
    const ctx = { session: this.session, request, method: message.method, credential };
    if (message.method === "tools/call" && params) {
      if (typeof params.name === "string") ctx.tool = params.name;
      const args = params.arguments;
      if (args !== null && typeof args === "object" && !Array.isArray(args))
        ctx.args = args;
      ctx.argsHash = hashArgs(ctx.args ?? {});
    }
    const response = await this.pipeline(ctx);
    if (response.error?.code === CANCELLED) return;
    await this.#toClientSend(response);
  }
  #clientNotification(message) {
    const { params } = takeCredential(message.params);
    const note = { ...message };
    if (params === void 0) delete note.params;
    else note.params = params;
    if (this.#o.config.auth.mode !== "none" && this.session.agent === void 0) {
      this.#o.audit.append({
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
  #fromBackend(backend, message) {
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
    if (this.#initialized) await backend.send({ jsonrpc: "2.0", method: "notifications/initialized" }, true);
    this.#o.log(`[${backend.name}] guard: restarted and re-initialized`);
  }
  /** Answers every pending request in both directions with an error and stops accepting new ones. */
  async close() {
    this.#closing = true;
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

// src/guard/router.ts
var import_picomatch3 = __toESM(require_picomatch(), 1);
function makeRouter(routes, backends) {
  const usable = routes.filter((r) => backends.includes(r.target));
  if (usable.length === 0) {
    if (backends.length === 1) return () => backends[0];
    throw new Error(
      `several servers (${backends.join(", ")}) but no routes: add routes or pass --server NAME`
    );
  }
  const compiled = usable.map((r) => ({ ...r, tool: r.toolName ? (0, import_picomatch3.default)(r.toolName) : void 0 }));
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

// src/guard/guard.ts
function createGuard(config, deps) {
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
    if (!server.command) {
      throw new Error(
        `server ${name}: remote (url) backends are not supported by guard serve over stdio yet`
      );
    }
    backends.set(
      name,
      new BackendProcess(server, {
        maxMessageBytes: config.limits.maxMessageBytes,
        log,
        parentEnv: env,
        ...deps.backend
      })
    );
  }
  const router = makeRouter(deps.server === void 0 ? config.routes : [], names);
  const relay = new Relay({ config, client: deps.clientTransport, backends, audit: deps.audit, log });
  relay.pipeline = buildPipeline(config, {
    store: deps.store,
    audit: deps.audit,
    router,
    forward: relay.forward,
    env
  });
  let resolveClosed;
  const closed = new Promise((resolve) => {
    resolveClosed = resolve;
  });
  let closing;
  const close = () => {
    closing ??= (async () => {
      await relay.close();
      await Promise.all([...backends.values()].map((b) => b.stop()));
      await deps.clientTransport.close().catch(() => {
      });
      resolveClosed();
    })();
    return closing;
  };
  deps.clientTransport.onclose = () => void close();
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
  createGuard
};
