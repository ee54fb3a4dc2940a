// Auth, the first policy: who is calling. The credential comes with the request (`_meta.api_key`,
// `_meta.token`, `_meta.authorization`, already stripped from what is forwarded), or from the
// session it authenticated, or from the guard's own environment. A presented credential is always
// checked, even inside an authenticated session. Failures are rate limited per peer. With `oauth`,
// `tools/call` also needs the token's scopes to cover the tool's `tool_scopes`, and `tools/list` hides
// the tools they do not cover (the same predicate, so an agent never sees a tool it may not call).
import type { GuardAuth, GuardHttp } from '../../../config/guard-types.ts';
import { missingScopes, requiredScopes } from '../../auth/oauth.ts';
import { canonicalResource } from '../../auth/prm.ts';
import { makeVerifier } from '../../auth/verify.ts';
import { type Ctx, type Policy, plainPolicy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';
import type { Store } from '../../store/types.ts';

/** How a session authenticated elsewhere (the HTTP edge) is given its token's scopes. */
export { bindOAuthScopes } from '../../auth/principal.ts';

/** Options of the auth policy. */
export interface AuthOptions {
  auth: GuardAuth;
  store: Store;
  /** Failed authentications per minute per peer before -32029 (default: requests_per_minute, else 60). */
  failuresPerMinute?: number;
  /** `oauth`: the guard's canonical URL, the audience tokens must name (default: from `http`). */
  resource?: string;
  /** The `http` config, whence the canonical URL (`public_url`, else `http://host:port/mcp`) for `oauth`. */
  http?: Pick<GuardHttp, 'host' | 'port' | 'publicUrl'>;
  /** The guard's environment: `MCP_GUARD_API_KEY` / `MCP_GUARD_TOKEN` (default process.env). */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

const HOW =
  'pass a credential in _meta.api_key, _meta.token or _meta.authorization of the request (or of initialize), or set MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard environment';

/** Creates the auth policy. Invalid key material throws here, at start-up. */
export function authPolicy(options: AuthOptions): Policy {
  const resource = options.resource ?? (options.http ? canonicalResource(options.http) : undefined);
  const verify = makeVerifier(options.auth, resource, options.store);
  const oauth = options.auth.mode === 'oauth' ? options.auth : undefined;
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const tokenMode = options.auth.mode === 'jwt' || options.auth.mode === 'oauth';
  const fromEnv = tokenMode ? env.MCP_GUARD_TOKEN : env.MCP_GUARD_API_KEY;
  const failLimit = options.failuresPerMinute ?? 60;

  async function refuse(ctx: Ctx, reason: string): Promise<never> {
    // Counting needs the store; when it is unavailable the credential is still refused, uncounted.
    const { allowed, retryAfterMs } = await options.store
      .hit(`auth-fail:${ctx.session.peer}`, failLimit, now())
      .catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!allowed) {
      throw new PolicyError(CODES.rateLimited, 'too many failed authentications; slow down', {
        retry_after_ms: retryAfterMs,
      });
    }
    throw new PolicyError(CODES.unauthenticated, `unauthenticated: ${reason}`);
  }

  /** `oauth`: the token's scopes must cover the tool called; `tools/list` hides the tools they do not. */
  function scoped(ctx: Ctx, next: () => Promise<RpcResponse>, scopes: readonly string[] | undefined) {
    if (oauth === undefined) return next();
    const granted = scopes ?? [];
    if (ctx.method === 'tools/call' && ctx.tool !== undefined) {
      const missing = missingScopes(granted, requiredScopes(oauth, ctx.tool));
      if (missing.length > 0) {
        throw new PolicyError(
          CODES.toolBlocked,
          `insufficient scope for tool ${ctx.tool}: needs ${missing.join(' ')}`,
          {
            error: 'insufficient_scope',
            tool: ctx.tool,
            missing_scopes: missing,
          },
        );
      }
      return next();
    }
    if (ctx.method !== 'tools/list') return next();
    return next().then((response) => {
      if (Array.isArray(response.result?.tools)) {
        const tools = response.result.tools as { name?: unknown }[];
        response.result.tools = tools.filter(
          (t) =>
            typeof t.name === 'string' && missingScopes(granted, requiredScopes(oauth, t.name)).length === 0,
        );
      }
      return response;
    });
  }

  /** A credential to verify, or none at all: the store may be asked (verification, failure count). */
  async function authenticate(ctx: Ctx, next: () => Promise<RpcResponse>): Promise<RpcResponse> {
    let agent: string;
    let scopes: readonly string[] | undefined;
    if (ctx.credential !== undefined) {
      try {
        ({ agent, scopes } = await verify(ctx.credential));
      } catch (error) {
        return refuse(ctx, (error as Error).message);
      }
      if (ctx.session.agent !== undefined && ctx.session.agent !== agent) {
        return refuse(ctx, `this session belongs to agent ${ctx.session.agent}, not ${agent}`);
      }
    } else if (fromEnv !== undefined && fromEnv !== '') {
      try {
        ({ agent, scopes } = await verify(fromEnv));
      } catch (error) {
        const name = tokenMode ? 'MCP_GUARD_TOKEN' : 'MCP_GUARD_API_KEY';
        return refuse(ctx, `${name}: ${(error as Error).message}`);
      }
    } else {
      return refuse(ctx, `no credential; ${HOW}`);
    }
    if (ctx.session.agent === undefined) {
      ctx.session.agent = agent;
      if (scopes !== undefined) ctx.session.scopes = scopes;
    }
    ctx.agent = agent;
    return scoped(ctx, next, scopes);
  }

  // A plain function, not `async`: a session that authenticated already and presents no new credential
  // (every call after the first) needs no I/O, so it takes the synchronous fast path (see `compose`).
  return plainPolicy(function auth(ctx, next) {
    if (options.auth.mode === 'none') {
      ctx.agent = ctx.session.agent ?? 'anonymous';
      return next();
    }
    const agent = ctx.session.agent;
    if (ctx.credential !== undefined || agent === undefined) return authenticate(ctx, next);
    ctx.agent = agent;
    return scoped(ctx, next, ctx.session.scopes);
  });
}
