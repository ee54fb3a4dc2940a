// Approval, the fifth policy: a spend call above `require_approval_above` is held until a human
// approves it with the CLI (another process, the same store). The client's retry of the same call
// (same agent, tool and argument hash) then passes exactly once; a denial is refused with its reason.
// Per agent: its own `require_approval_above` replaces the default, and `approvals: false` refuses
// (-32003) what would have been held, for agents no human watches.
import type { GuardPolicies } from '../../../config/guard-types.ts';
import type { Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';

/** Options of the approval policy. */
export interface ApprovalOptions {
  policies: Pick<GuardPolicies, 'requireApprovalAbove' | 'approvalTtlSec'> &
    Partial<Pick<GuardPolicies, 'agents'>>;
  store: Store;
  /** The config file, named in the approve command the client is told about. */
  configFile: string;
  now?: () => number;
}

/** Creates the approval policy. Needs `ctx.amount` (set by spend) and `ctx.argsHash`. */
export function approvalPolicy(options: ApprovalOptions): Policy {
  const now = options.now ?? Date.now;
  const { store } = options;
  return async function approval(ctx, next) {
    const own = ctx.agent === undefined ? undefined : options.policies.agents?.[ctx.agent];
    const threshold = own?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    if (threshold === undefined || ctx.amount === undefined || ctx.amount <= threshold) return next();
    const agent = ctx.agent ?? 'anonymous';
    if (own?.approvals === false) {
      throw new PolicyError(
        CODES.toolBlocked,
        `refused: ${ctx.amount} is above require_approval_above (${threshold}) and agent ${agent} may not use approvals`,
        { tool: ctx.tool, amount: ctx.amount, limit: threshold },
      );
    }
    const tool = ctx.tool!;
    const hash = ctx.argsHash!;
    const found = await store.findApproval(agent, tool, hash, now());
    if (found?.status === 'approved' && (await store.consumeApproval(found.id, now()))) {
      ctx.note = `approved by ${found.decidedBy ?? 'unknown'} (approval ${found.id})`;
      return next();
    }
    if (found?.status === 'denied') {
      throw new PolicyError(
        CODES.heldForApproval,
        `denied by ${found.decidedBy ?? 'an operator'}${found.reason ? `: ${found.reason}` : ''} (approval ${found.id})`,
        { approval_id: found.id, status: 'denied', reason: found.reason ?? null },
      );
    }
    const held = await store.requestApproval({
      agent,
      tool,
      argsHash: hash,
      amount: ctx.amount,
      summary: `${agent} calls ${tool} for ${ctx.amount}`,
      ttlSec: options.policies.approvalTtlSec,
      now: now(),
    });
    const command = `mcp-guard guard approvals approve ${held.id} --config ${options.configFile}`;
    throw new PolicyError(
      CODES.heldForApproval,
      `held for approval: ${ctx.amount} is above require_approval_above (${threshold}); approve with \`${command}\`, then retry the same call`,
      {
        approval_id: held.id,
        status: 'pending',
        expires_at: new Date(held.expiresAt).toISOString(),
        approve: command,
      },
      'held',
    );
  };
}
