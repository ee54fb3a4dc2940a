// Tool policy, the third policy: global and per-agent allow and deny lists of tool names (globs, deny
// wins). `tools/call` to a tool outside them is refused; `tools/list` results are filtered with the
// same predicate, so an agent never sees a tool it may not call.
import picomatch from 'picomatch';
import type { GuardPolicies } from '../../../config/guard-types.ts';
import type { Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';

type Matcher = (name: string) => boolean;

function matcher(globs: string[] | undefined): Matcher | undefined {
  if (!globs || globs.length === 0) return undefined;
  const m = picomatch(globs, { dot: true });
  return (name) => m(name);
}

/** Builds the predicate "may `agent` call `tool`?" from the policies. */
export function toolPredicate(policies: Pick<GuardPolicies, 'toolAllowlist' | 'toolDenylist' | 'agents'>) {
  const globalAllow = matcher(policies.toolAllowlist);
  const globalDeny = matcher(policies.toolDenylist);
  const perAgent = new Map(
    Object.entries(policies.agents).map(([agent, p]) => [
      agent,
      { allow: matcher(p.toolAllowlist), deny: matcher(p.toolDenylist) },
    ]),
  );
  return (agent: string | undefined, tool: string): boolean => {
    const own = agent === undefined ? undefined : perAgent.get(agent);
    if (globalDeny?.(tool) || own?.deny?.(tool)) return false;
    if (globalAllow && !globalAllow(tool)) return false;
    if (own?.allow && !own.allow(tool)) return false;
    return true;
  };
}

/** Creates the tool policy. */
export function toolPolicy(
  policies: Pick<GuardPolicies, 'toolAllowlist' | 'toolDenylist' | 'agents'>,
): Policy {
  const allowed = toolPredicate(policies);
  return async function toolAcl(ctx, next) {
    if (ctx.method === 'tools/call') {
      const params = ctx.request.params ?? {};
      if (typeof params.name !== 'string' || params.name === '') {
        throw new PolicyError(CODES.invalidParams, 'invalid params: tools/call needs params.name (a string)');
      }
      if (
        params.arguments !== undefined &&
        (typeof params.arguments !== 'object' || params.arguments === null || Array.isArray(params.arguments))
      ) {
        throw new PolicyError(
          CODES.invalidParams,
          'invalid params: tools/call params.arguments must be an object',
        );
      }
      if (!allowed(ctx.agent, params.name)) {
        throw new PolicyError(
          CODES.toolBlocked,
          `tool ${params.name} is not allowed for agent ${ctx.agent}`,
          {
            tool: params.name,
          },
        );
      }
      return next();
    }
    const response = await next();
    if (ctx.method === 'tools/list' && Array.isArray(response.result?.tools)) {
      const tools = response.result.tools as { name?: unknown }[];
      response.result.tools = tools.filter((t) => typeof t.name === 'string' && allowed(ctx.agent, t.name));
    }
    return response;
  };
}
