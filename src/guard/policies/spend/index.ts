// Spend, the fourth policy: calls to configured spend tools carry an amount (a dotted path into the
// arguments). The amount is checked, reserved against the session and hourly caps in the store
// before forwarding (so concurrent calls cannot overshoot), and released if the backend fails (or the
// call is refused later in the pipeline). The pipeline marks it forwarded just before the backend sees
// the call, so a guard that crashed in between gives it back when it restarts. Budget is leased per
// session a few calls at a time (lease.ts), so a busy session costs a store write per lease, not per
// call (except on a store replicas share: there, per call). An agent's own caps (the `agents` section)
// replace the defaults for that agent. A cap over tools no backend offers caps nothing: the first
// complete `tools/list` tells, and the guard warns.
import picomatch from 'picomatch';
import type { GuardPolicies } from '../../../config/guard-types.ts';
import { type Ctx, type Policy, plainPolicy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';
import type { ReserveRequest, Store } from '../../store/types.ts';
import { type LeasePart, spendLeasesFor } from './lease.ts';

/** Options of the spend policy. */
export interface SpendOptions {
  policies: Pick<GuardPolicies, 'spendTools' | 'maxSpendPerSession' | 'spendPerHourUsd'> &
    Partial<Pick<GuardPolicies, 'agents' | 'requireApprovalAbove'>>;
  store: Store;
  now?: () => number;
  /** Where the "no spend tool on any backend" warning goes (default: nowhere). */
  warn?: (line: string) => void;
  /** The guard's writer id: reservations carry it, so a restart releases those never forwarded. */
  owner?: string;
}

type SpendPolicies = SpendOptions['policies'];

/** The settings that only act on spend tools (caps and the approval threshold), as `key value` texts. */
export function spendControls(p: SpendPolicies): string[] {
  const out: string[] = [];
  const add = (key: string, v: number | undefined) => {
    if (v !== undefined) out.push(`${key} ${v}`);
  };
  add('max_spend_per_session', p.maxSpendPerSession);
  add('spend_per_hour_usd', p.spendPerHourUsd);
  add('require_approval_above', p.requireApprovalAbove);
  for (const [id, a] of Object.entries(p.agents ?? {})) {
    add(`agents.${id}.max_spend_per_session`, a.maxSpendPerSession);
    add(`agents.${id}.spend_per_hour_usd`, a.spendPerHourUsd);
    add(`agents.${id}.require_approval_above`, a.requireApprovalAbove);
  }
  return out;
}

/**
 * The warning for a config whose caps or approval threshold can never apply: none of the spend tools
 * is among `offered` (the backends' tool names). Undefined when there is nothing to warn about.
 */
export function unusedSpendWarning(p: SpendPolicies, offered: readonly string[]): string | undefined {
  const controls = spendControls(p);
  if (controls.length === 0) return undefined;
  const matchers = p.spendTools.map((t) => picomatch(t.name));
  if (offered.some((name) => matchers.some((m) => m(name)))) return undefined;
  const shown = offered.length > 12 ? [...offered.slice(0, 12), '...'] : offered;
  return (
    `${controls.join(', ')} set, but no backend offers a spend tool (spend tools: ${p.spendTools.map((t) => t.name).join(', ')}; ` +
    `backends offer: ${shown.join(', ') || 'no tools'}): nothing is capped or held for approval. ` +
    'List the tools that spend, with the argument that holds the amount, under policies.spend.tools.'
  );
}

/** Configs already warned about (HTTP runs a pipeline per session: one warning per guard is enough). */
const warned = new WeakSet<object>();

/** Amounts above this are refused as invalid rather than compared with caps (no cap is this large). */
export const MAX_AMOUNT = 1e15;

/** Reads a dotted path (`payment.amount`) out of an object. */
export function readPath(value: unknown, path: string): unknown {
  let here = value;
  for (const part of path.split('.')) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, part)) return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** Creates the spend policy. It also sets `ctx.amount` for the approval policy and the audit log. */
export function spendPolicy(options: SpendOptions): Policy {
  const { spendTools } = options.policies;
  const tools = spendTools.map((t) => ({ ...t, match: picomatch(t.name) }));
  const now = options.now ?? Date.now;
  // Replicas on several machines reserve per call (see `Store.replicated`).
  const leases = options.store.replicated ? undefined : spendLeasesFor(options.store, options.warn);
  /** A tools/list: warns (once per config) when no spend tool is among the tools offered. */
  async function warnUnused(ctx: Ctx, next: () => Promise<RpcResponse>): Promise<RpcResponse> {
    const response = await next();
    const tools = response.result?.tools;
    // Only a complete list (the first page with no next one) shows that a tool is absent.
    if (Array.isArray(tools) && !ctx.request.params?.cursor && !response.result?.nextCursor) {
      const names = tools
        .map((t: { name?: unknown }) => t.name)
        .filter((n): n is string => typeof n === 'string')
        .map((n) => ctx.resolveTool?.(n)?.name ?? n);
      warned.add(options.policies);
      const warning = unusedSpendWarning(options.policies, names);
      if (warning) options.warn?.(`mcp-guard: warning: ${warning}`);
    }
    return response;
  }

  /** The call holds `part` of its session's lease; a failed call gives it back (in memory). */
  function leased(ctx: Ctx, next: () => Promise<RpcResponse>, part: LeasePart): Promise<RpcResponse> {
    ctx.reservation = part.reservation;
    ctx.lease = part;
    // `next()` answers refusals further in as error responses (the pipeline's one `onError`).
    return next().then((response) => {
      const failed = response.error !== undefined || response.result?.isError === true;
      // The store hears of it when the lease is settled.
      part.end(!failed);
      ctx.released = failed;
      return response;
    });
  }

  /** The call needs the store: a new lease, or (a call that may wait for a human) a reservation of its own. */
  async function reserved(
    ctx: Ctx,
    next: () => Promise<RpcResponse>,
    request: ReserveRequest,
    lease: boolean,
    refuse: (cap: 'session' | 'hour', remaining: number) => PolicyError,
  ): Promise<RpcResponse> {
    if (lease && leases !== undefined) {
      const got = await leases.reserve(request);
      if (!got.ok) throw refuse(got.cap, got.remaining);
      return leased(ctx, next, got.part);
    }
    const reservation = await options.store.reserve(request);
    if (!reservation.ok) throw refuse(reservation.cap, reservation.remaining);
    ctx.reservation = reservation.id;
    // A release that cannot reach the store leaves the amount reserved until its hour has passed (the
    // safe side) rather than replacing the backend's answer; the store counts the error.
    const response = await next();
    // A failed call spent nothing: a JSON-RPC error (a refusal further in included), or a tool result
    // flagged as an error.
    if (response.error || response.result?.isError === true) {
      ctx.released = true;
      await options.store.release(reservation.id).catch(() => {});
    }
    return response;
  }

  // A plain function: a call that is no spend call, or that its session's lease covers, goes on
  // without I/O or an extra promise.
  return plainPolicy(check);

  function check(ctx: Ctx, next: () => Promise<RpcResponse>): Promise<RpcResponse> {
    if (ctx.method === 'tools/list' && options.warn && !warned.has(options.policies))
      return warnUnused(ctx, next);
    if (ctx.method !== 'tools/call' || ctx.tool === undefined) return next();
    // With several backends the tool may be prefixed: its backend's own name counts too.
    const own = ctx.resolveTool?.(ctx.tool)?.name;
    const tool = tools.find((t) => t.match(ctx.tool!) || (own !== undefined && t.match(own)));
    if (!tool) return next();
    const amount = readPath(ctx.args ?? {}, tool.amount);
    const where = `arguments.${tool.amount}`;
    if (typeof amount !== 'number') {
      throw new PolicyError(
        CODES.invalidParams,
        `invalid params: ${where} must be a number (${tool.currency}) for spend tool ${ctx.tool}, got ${amount === undefined ? 'nothing' : typeof amount}`,
      );
    }
    if (!Number.isFinite(amount) || amount < 0 || amount > MAX_AMOUNT) {
      throw new PolicyError(
        CODES.invalidParams,
        `invalid params: ${where} must be a finite amount between 0 and ${MAX_AMOUNT}, got ${amount}`,
      );
    }
    ctx.amount = amount;
    const agentCaps = ctx.agent === undefined ? undefined : options.policies.agents?.[ctx.agent];
    const maxSpendPerSession = agentCaps?.maxSpendPerSession ?? options.policies.maxSpendPerSession;
    const spendPerHourUsd = agentCaps?.spendPerHourUsd ?? options.policies.spendPerHourUsd;
    if (maxSpendPerSession === undefined && spendPerHourUsd === undefined) return next();
    const request: ReserveRequest = {
      agent: ctx.agent ?? 'anonymous',
      session: ctx.session.id,
      amount,
      sessionCap: maxSpendPerSession,
      hourlyCap: spendPerHourUsd,
      now: now(),
      owner: options.owner,
    };
    // A call that may wait for a human holds its own reservation: a lease's calls are recorded within
    // its lifetime (crash recovery counts on it), and a wait would keep the lease's budget out of reach.
    const threshold = agentCaps?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    const lease = leases !== undefined && (threshold === undefined || amount <= threshold);
    const part = lease ? leases.tryReserve(request) : undefined;
    if (part !== undefined) return leased(ctx, next, part);
    const refuse = (cap: 'session' | 'hour', remaining: number) => {
      const limit = cap === 'session' ? maxSpendPerSession : spendPerHourUsd;
      const which = cap === 'session' ? 'max_spend_per_session' : 'spend_per_hour_usd';
      return new PolicyError(
        CODES.spendBlocked,
        `spend blocked: ${amount} ${tool.currency} would exceed ${which} (${limit}); ${remaining} left`,
        { cap, limit, remaining, amount, currency: tool.currency },
      );
    };
    return reserved(ctx, next, request, lease, refuse);
  }
}
