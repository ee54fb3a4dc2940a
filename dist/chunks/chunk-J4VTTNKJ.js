import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  CODES,
  PolicyError
} from "./chunk-7CQ3VBOM.js";
import {
  spendLeasesFor
} from "./chunk-VWPGPIYQ.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  hashArgs
} from "./chunk-R4QOK6IO.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

// src/guard/policies/spend/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);

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

// src/guard/context.ts
var RequestContext = class {
  session;
  request;
  method;
  tool = void 0;
  args = void 0;
  argsHash = void 0;
  credential;
  agent = void 0;
  amount = void 0;
  backend = void 0;
  resolveTool = void 0;
  note = void 0;
  reservation = void 0;
  lease = void 0;
  released = false;
  call = void 0;
  approval = void 0;
  refusal = void 0;
  cancelled = false;
  cancelReason = void 0;
  notify;
  #controller = void 0;
  constructor(session, request, credential, notify) {
    this.session = session;
    this.request = request;
    this.method = request.method;
    this.credential = credential;
    this.notify = notify;
  }
  /** Aborted when the client cancels; made the first time a policy asks for it. */
  get signal() {
    this.#controller ??= new AbortController();
    if (this.cancelled && !this.#controller.signal.aborted) this.#controller.abort();
    return this.#controller.signal;
  }
  /** The request is cancelled: the client asked, or its session is closing. Nothing will be sent back. */
  cancel(reason = "cancelled by the client") {
    if (this.cancelled) return;
    this.cancelled = true;
    this.cancelReason = reason;
    this.#controller?.abort();
  }
};
function createContext(session, message, notify) {
  const { params, credential } = takeCredential(message.params);
  let request = message;
  if (params !== message.params) {
    request = { ...message };
    if (params === void 0) delete request.params;
    else request.params = params;
  }
  const ctx = new RequestContext(session, request, credential, notify);
  if (message.method === "tools/call" && params) {
    if (typeof params.name === "string") ctx.tool = params.name;
    const args = params.arguments;
    if (args !== null && typeof args === "object" && !Array.isArray(args))
      ctx.args = args;
    ctx.argsHash = hashArgs(ctx.args ?? {});
  }
  return ctx;
}
function plainPolicy(check) {
  return (ctx, next) => {
    try {
      return check(ctx, next);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

// src/guard/policies/spend/index.ts
function spendControls(p) {
  const out = [];
  const add = (key, v) => {
    if (v !== void 0) out.push(`${key} ${v}`);
  };
  add("max_spend_per_session", p.maxSpendPerSession);
  add("spend_per_hour_usd", p.spendPerHourUsd);
  add("require_approval_above", p.requireApprovalAbove);
  for (const [id, a] of Object.entries(p.agents ?? {})) {
    add(`agents.${id}.max_spend_per_session`, a.maxSpendPerSession);
    add(`agents.${id}.spend_per_hour_usd`, a.spendPerHourUsd);
    add(`agents.${id}.require_approval_above`, a.requireApprovalAbove);
  }
  return out;
}
function unusedSpendWarning(p, offered) {
  const controls = spendControls(p);
  if (controls.length === 0) return void 0;
  const matchers = p.spendTools.map((t) => (0, import_picomatch.default)(t.name));
  if (offered.some((name) => matchers.some((m) => m(name)))) return void 0;
  const shown = offered.length > 12 ? [...offered.slice(0, 12), "..."] : offered;
  return `${controls.join(", ")} set, but no backend offers a spend tool (spend tools: ${p.spendTools.map((t) => t.name).join(", ")}; backends offer: ${shown.join(", ") || "no tools"}): nothing is capped or held for approval. List the tools that spend, with the argument that holds the amount, under policies.spend.tools.`;
}
var warned = /* @__PURE__ */ new WeakSet();
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
  const { spendTools } = options.policies;
  const tools = spendTools.map((t) => ({ ...t, match: (0, import_picomatch.default)(t.name) }));
  const now = options.now ?? Date.now;
  const leases = options.store.replicated ? void 0 : spendLeasesFor(options.store, options.warn);
  async function warnUnused(ctx, next) {
    const response = await next();
    const tools2 = response.result?.tools;
    if (Array.isArray(tools2) && !ctx.request.params?.cursor && !response.result?.nextCursor) {
      const names = tools2.map((t) => t.name).filter((n) => typeof n === "string").map((n) => ctx.resolveTool?.(n)?.name ?? n);
      warned.add(options.policies);
      const warning = unusedSpendWarning(options.policies, names);
      if (warning) options.warn?.(`mcp-guard: warning: ${warning}`);
    }
    return response;
  }
  function leased(ctx, next, part) {
    ctx.reservation = part.reservation;
    ctx.lease = part;
    return next().then((response) => {
      const failed = response.error !== void 0 || response.result?.isError === true;
      part.end(!failed);
      ctx.released = failed;
      return response;
    });
  }
  async function reserved(ctx, next, request, lease, refuse) {
    if (lease && leases !== void 0) {
      const got = await leases.reserve(request);
      if (!got.ok) throw refuse(got.cap, got.remaining);
      return leased(ctx, next, got.part);
    }
    const reservation = await options.store.reserve(request);
    if (!reservation.ok) throw refuse(reservation.cap, reservation.remaining);
    ctx.reservation = reservation.id;
    const response = await next();
    if (response.error || response.result?.isError === true) {
      ctx.released = true;
      await options.store.release(reservation.id).catch(() => {
      });
    }
    return response;
  }
  return plainPolicy(check);
  function check(ctx, next) {
    if (ctx.method === "tools/list" && options.warn && !warned.has(options.policies))
      return warnUnused(ctx, next);
    if (ctx.method !== "tools/call" || ctx.tool === void 0) return next();
    const own = ctx.resolveTool?.(ctx.tool)?.name;
    const tool = tools.find((t) => t.match(ctx.tool) || own !== void 0 && t.match(own));
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
    const agentCaps = ctx.agent === void 0 ? void 0 : options.policies.agents?.[ctx.agent];
    const maxSpendPerSession = agentCaps?.maxSpendPerSession ?? options.policies.maxSpendPerSession;
    const spendPerHourUsd = agentCaps?.spendPerHourUsd ?? options.policies.spendPerHourUsd;
    if (maxSpendPerSession === void 0 && spendPerHourUsd === void 0) return next();
    const request = {
      agent: ctx.agent ?? "anonymous",
      session: ctx.session.id,
      amount,
      sessionCap: maxSpendPerSession,
      hourlyCap: spendPerHourUsd,
      now: now(),
      owner: options.owner
    };
    const threshold = agentCaps?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    const lease = leases !== void 0 && (threshold === void 0 || amount <= threshold);
    const part = lease ? leases.tryReserve(request) : void 0;
    if (part !== void 0) return leased(ctx, next, part);
    const refuse = (cap, remaining) => {
      const limit = cap === "session" ? maxSpendPerSession : spendPerHourUsd;
      const which = cap === "session" ? "max_spend_per_session" : "spend_per_hour_usd";
      return new PolicyError(
        CODES.spendBlocked,
        `spend blocked: ${amount} ${tool.currency} would exceed ${which} (${limit}); ${remaining} left`,
        { cap, limit, remaining, amount, currency: tool.currency }
      );
    };
    return reserved(ctx, next, request, lease, refuse);
  }
}

export {
  takeCredential,
  createContext,
  plainPolicy,
  spendControls,
  unusedSpendWarning,
  MAX_AMOUNT,
  readPath,
  spendPolicy
};
