// Tool policy, the third policy: global and per-agent allow and deny lists of tool names (globs, deny
// wins), and the servers each agent may reach. `tools/call` to a tool outside them is refused;
// `tools/list` results are filtered with the same predicate, so an agent never sees a tool it may
// not call. With several backends a tool has two names (the exposed `<server>__<name>` and the
// backend's own): a glob matching either counts, so `echo` and `everything__echo` both work.
import picomatch from 'picomatch';
import type { GuardPolicies } from '../../../config/guard-types.ts';
import { type Ctx, type Policy, plainPolicy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';

type Matcher = (name: string) => boolean;

/** Where a tool lives: its backend and its name there. */
export interface ToolRef {
  server: string;
  name: string;
}

function matcher(globs: string[] | undefined): Matcher | undefined {
  if (!globs || globs.length === 0) return undefined;
  const m = picomatch(globs, { dot: true });
  return (name) => m(name);
}

/** Whether `agent` may reach backend `server` (its `servers` list; every server when unset). */
export function serverAllowed(
  policies: Pick<GuardPolicies, 'agents'>,
  agent: string | undefined,
  server: string,
): boolean {
  const servers = agent === undefined ? undefined : policies.agents[agent]?.servers;
  return servers === undefined || servers.includes(server);
}

/** Builds the predicate "may `agent` call `tool` (which lives at `ref`, when known)?" from the policies. */
export function toolPredicate(policies: Pick<GuardPolicies, 'toolAllowlist' | 'toolDenylist' | 'agents'>) {
  const globalAllow = matcher(policies.toolAllowlist);
  const globalDeny = matcher(policies.toolDenylist);
  const perAgent = new Map(
    Object.entries(policies.agents).map(([agent, p]) => [
      agent,
      { allow: matcher(p.toolAllowlist), deny: matcher(p.toolDenylist) },
    ]),
  );
  return (agent: string | undefined, tool: string, ref?: ToolRef): boolean => {
    if (ref && !serverAllowed(policies, agent, ref.server)) return false;
    const names = ref ? [tool, ref.name, `${ref.server}__${ref.name}`] : [tool];
    const any = (m: Matcher) => names.some((n) => m(n));
    const own = agent === undefined ? undefined : perAgent.get(agent);
    if ((globalDeny && any(globalDeny)) || (own?.deny && any(own.deny))) return false;
    if (globalAllow && !any(globalAllow)) return false;
    if (own?.allow && !any(own.allow)) return false;
    return true;
  };
}

/** Creates the tool policy. */
export function toolPolicy(
  policies: Pick<GuardPolicies, 'toolAllowlist' | 'toolDenylist' | 'agents'>,
): Policy {
  const allowed = toolPredicate(policies);
  // A plain function: a call is checked without I/O and goes on with no extra promise; only a list,
  // filtered on its way back, waits for the answer.
  return plainPolicy(check);

  function check(ctx: Ctx, next: () => Promise<RpcResponse>): Promise<RpcResponse> {
    // Routing already chose a backend (several backends, or `_meta.target_server`): the agent must be
    // allowed to reach it, whatever the method. `*` is a fan-out, filtered server by server.
    if (
      ctx.backend !== undefined &&
      ctx.backend !== '*' &&
      !serverAllowed(policies, ctx.agent, ctx.backend)
    ) {
      throw new PolicyError(
        CODES.toolBlocked,
        `server ${ctx.backend} is not allowed for agent ${ctx.agent}`,
        {
          server: ctx.backend,
        },
      );
    }
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
      if (!allowed(ctx.agent, params.name, ctx.resolveTool?.(params.name))) {
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
    if (ctx.method !== 'tools/list') return next();
    return next().then((response) => {
      if (Array.isArray(response.result?.tools)) {
        const tools = response.result.tools as { name?: unknown }[];
        response.result.tools = tools.filter(
          (t) => typeof t.name === 'string' && allowed(ctx.agent, t.name, ctx.resolveTool?.(t.name)),
        );
      }
      return response;
    });
  }
}
