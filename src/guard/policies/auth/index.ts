// Auth, the first policy: who is calling. The credential comes with the request (`_meta.api_key`,
// `_meta.token`, `_meta.authorization`, already stripped from what is forwarded), or from the
// session it authenticated, or from the guard's own environment. A presented credential is always
// checked, even inside an authenticated session. Failures are rate limited per peer.
import type { GuardAuth } from '../../../config/guard-types.ts';
import type { Ctx, Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';
import { makeVerifier } from './verify.ts';

/** Options of the auth policy. */
export interface AuthOptions {
  auth: GuardAuth;
  store: Store;
  /** Failed authentications per minute per peer before -32029 (default: requests_per_minute, else 60). */
  failuresPerMinute?: number;
  /** The guard's environment: `MCP_GUARD_API_KEY` / `MCP_GUARD_TOKEN` (default process.env). */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

const HOW =
  'pass a credential in _meta.api_key, _meta.token or _meta.authorization of the request (or of initialize), or set MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard environment';

/** Creates the auth policy. Invalid key material throws here, at start-up. */
export function authPolicy(options: AuthOptions): Policy {
  const verify = makeVerifier(options.auth);
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const fromEnv = options.auth.mode === 'jwt' ? env.MCP_GUARD_TOKEN : env.MCP_GUARD_API_KEY;
  const failLimit = options.failuresPerMinute ?? 60;

  async function refuse(ctx: Ctx, reason: string): Promise<never> {
    const { allowed, retryAfterMs } = await options.store.hit(
      `auth-fail:${ctx.session.peer}`,
      failLimit,
      now(),
    );
    if (!allowed) {
      throw new PolicyError(CODES.rateLimited, 'too many failed authentications; slow down', {
        retry_after_ms: retryAfterMs,
      });
    }
    throw new PolicyError(CODES.unauthenticated, `unauthenticated: ${reason}`);
  }

  return async function auth(ctx, next) {
    if (options.auth.mode === 'none') {
      ctx.agent = ctx.session.agent ?? 'anonymous';
      return next();
    }
    let agent: string;
    if (ctx.credential !== undefined) {
      try {
        agent = await verify(ctx.credential);
      } catch (error) {
        return refuse(ctx, (error as Error).message);
      }
      if (ctx.session.agent !== undefined && ctx.session.agent !== agent) {
        return refuse(ctx, `this session belongs to agent ${ctx.session.agent}, not ${agent}`);
      }
    } else if (ctx.session.agent !== undefined) {
      agent = ctx.session.agent;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      try {
        agent = await verify(fromEnv);
      } catch (error) {
        const name = options.auth.mode === 'jwt' ? 'MCP_GUARD_TOKEN' : 'MCP_GUARD_API_KEY';
        return refuse(ctx, `${name}: ${(error as Error).message}`);
      }
    } else {
      return refuse(ctx, `no credential; ${HOW}`);
    }
    ctx.session.agent ??= agent;
    ctx.agent = agent;
    return next();
  };
}
