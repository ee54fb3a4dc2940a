// Spend, the fourth policy: calls to configured spend tools carry an amount (a dotted path into the
// arguments). The amount is checked, reserved against the session and hourly caps in the store
// before forwarding (so concurrent calls cannot overshoot), and released if the backend fails. An
// agent's own caps (the `agents` section) replace the defaults for that agent.
import picomatch from 'picomatch';
import type { GuardPolicies } from '../../../config/guard-types.ts';
import type { Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';

/** Options of the spend policy. */
export interface SpendOptions {
  policies: Pick<GuardPolicies, 'spendTools' | 'maxSpendPerSession' | 'spendPerHourUsd'> &
    Partial<Pick<GuardPolicies, 'agents'>>;
  store: Store;
  now?: () => number;
}

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
  return async function spend(ctx, next) {
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
    const reservation = await options.store.reserve({
      agent: ctx.agent ?? 'anonymous',
      session: ctx.session.id,
      amount,
      sessionCap: maxSpendPerSession,
      hourlyCap: spendPerHourUsd,
      now: now(),
    });
    if (!reservation.ok) {
      const limit = reservation.cap === 'session' ? maxSpendPerSession : spendPerHourUsd;
      const which = reservation.cap === 'session' ? 'max_spend_per_session' : 'spend_per_hour_usd';
      throw new PolicyError(
        CODES.spendBlocked,
        `spend blocked: ${amount} ${tool.currency} would exceed ${which} (${limit}); ${reservation.remaining} left`,
        { cap: reservation.cap, limit, remaining: reservation.remaining, amount, currency: tool.currency },
      );
    }
    // A release that cannot reach the store leaves the amount reserved until its hour has passed (the
    // safe side) rather than replacing the backend's answer; the store counts the error.
    const release = () => options.store.release(reservation.id).catch(() => {});
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await next();
    } catch (error) {
      await release();
      throw error;
    }
    // A failed call spent nothing: a JSON-RPC error, or a tool result flagged as an error.
    if (response.error || response.result?.isError === true) await release();
    return response;
  };
}
