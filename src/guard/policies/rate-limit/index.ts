// Rate limit, the second policy: requests per minute per authenticated agent, counted in the shared
// store's token bucket (a burst of at most the limit, then one call per 60/limit seconds, so no window
// edge can double the allowance). Tokens are leased from the bucket a few at a time (lease.ts), so a busy
// agent costs one store write per lease rather than per request. An agent's own
// `requests_per_minute` (the `agents` section) replaces the default for that agent.
import type { GuardAgent } from '../../../config/guard-types.ts';
import type { Ctx, Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';
import type { Store } from '../../store/types.ts';
import { leasesFor } from './lease.ts';

/** Options of the rate-limit policy. */
export interface RateLimitOptions {
  /** Requests per minute per agent; undefined turns the policy off. */
  requestsPerMinute?: number;
  /** Per-agent overrides (`requestsPerMinute`). */
  agents?: Record<string, GuardAgent>;
  store: Store;
  now?: () => number;
}

/** Creates the rate-limit policy. */
export function rateLimitPolicy(options: RateLimitOptions): Policy {
  const check = (limit: number | undefined, where: string) => {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error(`${where}requests_per_minute must be a positive integer, not ${limit}`);
    }
  };
  check(options.requestsPerMinute, '');
  for (const [id, a] of Object.entries(options.agents ?? {})) check(a.requestsPerMinute, `agents.${id}.`);
  const now = options.now ?? Date.now;
  const leases = leasesFor(options.store);
  // A plain function: a call the lease in hand admits goes on without I/O or an extra promise.
  return function rateLimit(ctx, next) {
    const own = ctx.agent === undefined ? undefined : options.agents?.[ctx.agent];
    const limit = own?.requestsPerMinute ?? options.requestsPerMinute;
    if (limit === undefined) return next();
    const key = `agent:${ctx.agent}`;
    const at = now();
    if (leases.tryAcquire(key, limit, at)) return next();
    return acquire(ctx, next, key, limit, at);
  };

  /** The call needs the store (no token left in the lease): asks, then admits or refuses. */
  async function acquire(
    ctx: Ctx,
    next: () => Promise<RpcResponse>,
    key: string,
    limit: number,
    at: number,
  ): Promise<RpcResponse> {
    const { allowed, retryAfterMs } = await leases.acquire(key, limit, at);
    if (!allowed) {
      throw new PolicyError(
        CODES.rateLimited,
        `rate limited: ${limit} requests per minute for agent ${ctx.agent}; retry in ${retryAfterMs} ms`,
        { retry_after_ms: retryAfterMs },
      );
    }
    return next();
  }
}
