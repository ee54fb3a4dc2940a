import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  spendLeasesFor
} from "./chunk-AAOBOPLT.js";
import {
  CODES,
  PolicyError
} from "./chunk-7CQ3VBOM.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

// src/guard/policies/spend/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);
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
  const leases = spendLeasesFor(options.store, options.warn);
  return async function spend(ctx, next) {
    if (ctx.method === "tools/list" && options.warn && !warned.has(options.policies)) {
      const response2 = await next();
      const tools2 = response2.result?.tools;
      if (Array.isArray(tools2) && !ctx.request.params?.cursor && !response2.result?.nextCursor) {
        const names = tools2.map((t) => t.name).filter((n) => typeof n === "string").map((n) => ctx.resolveTool?.(n)?.name ?? n);
        warned.add(options.policies);
        const warning = unusedSpendWarning(options.policies, names);
        if (warning) options.warn(`mcp-guard: warning: ${warning}`);
      }
      return response2;
    }
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
    const reservation = threshold === void 0 || amount <= threshold ? await leases.reserve(request) : await options.store.reserve(request);
    if (!reservation.ok) {
      const limit = reservation.cap === "session" ? maxSpendPerSession : spendPerHourUsd;
      const which = reservation.cap === "session" ? "max_spend_per_session" : "spend_per_hour_usd";
      throw new PolicyError(
        CODES.spendBlocked,
        `spend blocked: ${amount} ${tool.currency} would exceed ${which} (${limit}); ${reservation.remaining} left`,
        { cap: reservation.cap, limit, remaining: reservation.remaining, amount, currency: tool.currency }
      );
    }
    if ("part" in reservation) {
      const part = reservation.part;
      ctx.reservation = part.reservation;
      ctx.lease = part;
      const response2 = await next();
      const failed = response2.error !== void 0 || response2.result?.isError === true;
      part.end(!failed);
      ctx.released = failed;
      return response2;
    }
    ctx.reservation = reservation.id;
    const response = await next();
    if (response.error || response.result?.isError === true) {
      ctx.released = true;
      await options.store.release(reservation.id).catch(() => {
      });
    }
    return response;
  };
}

export {
  spendControls,
  unusedSpendWarning,
  MAX_AMOUNT,
  readPath,
  spendPolicy
};
