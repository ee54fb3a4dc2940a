// Rate limit, the second policy: requests per minute per authenticated agent, counted in the shared
// store's token bucket (a burst of at most the limit, then one call per 60/limit seconds, so no window
// edge can double the allowance). Tokens are leased from the bucket a few at a time (lease.ts), so a busy
// agent costs one store write per lease rather than per request. An agent's own
// `requests_per_minute` (the `agents` section) replaces the default for that agent.
import type { GuardAgent } from '../../../config/guard-types.ts';
import type { Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
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
  return async function rateLimit(ctx, next) {
    const own = ctx.agent === undefined ? undefined : options.agents?.[ctx.agent];
    const limit = own?.requestsPerMinute ?? options.requestsPerMinute;
    if (limit === undefined) return next();
    const { allowed, retryAfterMs } = await leases.acquire(`agent:${ctx.agent}`, limit, now());
    if (!allowed) {
      throw new PolicyError(
        CODES.rateLimited,
        `rate limited: ${limit} requests per minute for agent ${ctx.agent}; retry in ${retryAfterMs} ms`,
        { retry_after_ms: retryAfterMs },
      );
    }
    return next();
  };
}
