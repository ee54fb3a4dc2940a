// Rate limit, the second policy: requests per minute per authenticated agent, counted in the shared
// store's sliding window (so a burst at a window edge cannot double the allowance).
import type { Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';

/** Options of the rate-limit policy. */
export interface RateLimitOptions {
  /** Requests per minute per agent; undefined turns the policy off. */
  requestsPerMinute?: number;
  store: Store;
  now?: () => number;
}

/** Creates the rate-limit policy. */
export function rateLimitPolicy(options: RateLimitOptions): Policy {
  const limit = options.requestsPerMinute;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new Error(`requests_per_minute must be a positive integer, not ${limit}`);
  }
  const now = options.now ?? Date.now;
  return async function rateLimit(ctx, next) {
    if (limit === undefined) return next();
    const { allowed, retryAfterMs } = await options.store.hit(`agent:${ctx.agent}`, limit, now());
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
