// Approval, the fifth policy: a spend call above `require_approval_above` is held for a human, who
// decides in the console or with the CLI (another process, the same store). With `approvals.mode:
// error` (the default, and the Python guard's behaviour) the call is answered -32004 at once and the
// client's retry of the same call (same agent, tool and argument hash) passes exactly once; a denial
// is refused with its reason. With `wait` the call stays open until someone decides (progress
// notifications meanwhile, when the client asked for progress), then goes on or is refused; after
// `approvals.wait_sec` it gets the -32004 answer after all. The client cancelling the call withdraws
// the approval. Per agent: its own `require_approval_above` replaces the default, and `approvals:
// false` refuses (-32003) what would have been held, for agents no human watches.
import type { GuardAgent, GuardApprovals, GuardPolicies } from '../../../config/guard-types.ts';
import type { ApprovalDesk } from '../../approvals/desk.ts';
import { canonicalJson, redact } from '../../audit/index.ts';
import type { Ctx, Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';
import type { Approval, Store } from '../../store/types.ts';

/** Options of the approval policy. */
export interface ApprovalOptions {
  policies: Pick<GuardPolicies, 'requireApprovalAbove' | 'approvalTtlSec'> &
    Partial<Pick<GuardPolicies, 'agents'>>;
  store: Store;
  /** The config file, named in the approve command the client is told about. */
  configFile: string;
  /** `approvals`: error or wait (default error). */
  approvals?: Pick<GuardApprovals, 'mode' | 'waitSec'>;
  /** Wakes waiting calls, tells webhooks, links to the console (needed for `wait`). */
  desk?: ApprovalDesk;
  /** Keep the (redacted) arguments with the approval, for the console (`audit.record_arguments`). */
  recordArguments?: { redact: string[] };
  /** The backend a call goes to (for the console), when routing knows it before forwarding. */
  backendOf?: (ctx: Ctx) => string | undefined;
  /** Called when a call starts waiting (the pipeline writes its `held` audit record). */
  onHeld?: (ctx: Ctx, approval: Approval) => unknown;
  /** Progress notifications while waiting, this often; default 10 000 ms. */
  progressMs?: number;
  now?: () => number;
}

/** Creates the approval policy. Needs `ctx.amount` (set by spend) and `ctx.argsHash`. */
export function approvalPolicy(options: ApprovalOptions): Policy {
  const now = options.now ?? Date.now;
  const { store, desk } = options;
  const mode = options.approvals?.mode ?? 'error';
  const waitMs = (options.approvals?.waitSec ?? 300) * 1000;
  if (mode === 'wait' && !desk) throw new Error('approvals.mode wait needs the approval desk');

  const command = (id: string) => `mcp-guard guard approvals approve ${id} --config ${options.configFile}`;
  const denied = (a: Approval) =>
    new PolicyError(
      CODES.heldForApproval,
      `denied by ${a.decidedBy ?? 'an operator'}${a.reason ? `: ${a.reason}` : ''} (approval ${a.id})`,
      { approval_id: a.id, status: 'denied', reason: a.reason ?? null },
    );
  const held = (a: Approval, threshold: number, amount: number, waitedMs?: number) => {
    const links = desk?.links(a.id);
    const waited = waitedMs === undefined ? '' : ` no decision after ${Math.round(waitedMs / 1000)} s;`;
    return new PolicyError(
      CODES.heldForApproval,
      `held for approval: ${amount} is above require_approval_above (${threshold});${waited} approve with \`${command(a.id)}\`${links ? ` or at ${links.console}` : ''}, then retry the same call`,
      {
        approval_id: a.id,
        status: 'pending',
        expires_at: new Date(a.expiresAt).toISOString(),
        approve: command(a.id),
        ...(links ? { console: links.console } : {}),
        ...(waitedMs === undefined ? {} : { waited_ms: waitedMs }),
      },
      'held',
    );
  };

  /** Asks the store for an approval of this call; tells the webhooks when it is a new one. */
  async function ask(ctx: Ctx, agent: string): Promise<Approval> {
    const at = now();
    const args =
      options.recordArguments && ctx.args ? redact(ctx.args, options.recordArguments.redact) : undefined;
    const a = await store.requestApproval({
      agent,
      tool: ctx.tool!,
      argsHash: ctx.argsHash!,
      amount: ctx.amount,
      summary: `${agent} calls ${ctx.tool} for ${ctx.amount}`,
      ttlSec: options.policies.approvalTtlSec,
      now: at,
      backend: ctx.backend ?? options.backendOf?.(ctx),
      ...(args ? { args: canonicalJson(args) } : {}),
    });
    // A pending approval of the same call already existed (a retry): it was announced when created.
    if (a.createdAt === at) desk?.notify('approval.held', a);
    return a;
  }

  /** Keeps the call open until a decision (or the wait ends); returns the approval to consume. */
  async function wait(ctx: Ctx, agent: string, threshold: number, started: number): Promise<Approval> {
    const hub = desk!.hub;
    let announced = false;
    /** Progress must grow with every notification, also across a second ask in the same second. */
    let lastProgress = -1;
    const token = (ctx.request.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
    for (;;) {
      // The ticket comes first: a decision made the moment the approval exists is not missed.
      const ticket = await hub.open();
      let progress: NodeJS.Timeout | undefined;
      try {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        if (!announced) await options.onHeld?.(ctx, a);
        announced = true;
        const left = Math.min(started + waitMs, a.expiresAt) - now();
        if (token !== undefined && ctx.notify) {
          const tell = () => {
            lastProgress = Math.max(lastProgress + 1, Math.round((now() - started) / 1000));
            ctx.notify!({
              jsonrpc: '2.0',
              method: 'notifications/progress',
              params: {
                progressToken: token,
                progress: lastProgress,
                total: Math.round(waitMs / 1000),
                message: `held for approval ${a.id}: waiting for a human (${command(a.id)})`,
              },
            });
          };
          tell();
          progress = setInterval(tell, options.progressMs ?? 10_000);
        }
        const outcome = await ticket.wait(a.id, left, ctx.signal);
        switch (outcome.status) {
          case 'approved':
            return outcome.approval;
          case 'denied':
            ctx.approval = { id: a.id, by: outcome.approval.decidedBy };
            throw denied(outcome.approval);
          case 'aborted':
            await store
              .decideApproval(a.id, 'withdrawn', agent, 'the request was cancelled', now())
              .then((w) => desk!.notify('approval.withdrawn', w))
              .catch(() => {}); // decided meanwhile: nothing to withdraw
            // The request was cancelled (the context says so): nothing will be sent; the record keeps why.
            throw new PolicyError(
              CODES.internal,
              `approval ${a.id} withdrawn: the request was cancelled while held`,
              undefined,
              'error',
            );
          case 'timeout':
          case 'shutdown':
            throw held(a, threshold, ctx.amount!, now() - started);
        }
        // expired, consumed or withdrawn by another identical call: ask again while time is left.
        if (now() - started >= waitMs) throw held(a, threshold, ctx.amount!, now() - started);
      } finally {
        clearInterval(progress);
        ticket.close();
      }
    }
  }

  // A plain function: a call under the threshold goes on without I/O or an extra promise.
  return function approval(ctx, next) {
    const own = ctx.agent === undefined ? undefined : options.policies.agents?.[ctx.agent];
    const threshold = own?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    if (threshold === undefined || ctx.amount === undefined || ctx.amount <= threshold) return next();
    return decide(ctx, next, own, threshold);
  };

  /** A call above the threshold: passes with an approval, is refused, or is held (and waits, in `wait` mode). */
  async function decide(
    ctx: Ctx,
    next: () => Promise<RpcResponse>,
    own: GuardAgent | undefined,
    threshold: number,
  ): Promise<RpcResponse> {
    const agent = ctx.agent ?? 'anonymous';
    if (own?.approvals === false) {
      throw new PolicyError(
        CODES.toolBlocked,
        `refused: ${ctx.amount} is above require_approval_above (${threshold}) and agent ${agent} may not use approvals`,
        { tool: ctx.tool, amount: ctx.amount, limit: threshold },
      );
    }
    const started = now();
    for (;;) {
      const found = await store.findApproval(agent, ctx.tool!, ctx.argsHash!, now());
      if (found?.status === 'approved' && (await store.consumeApproval(found.id, now()))) {
        ctx.note = `approved by ${found.decidedBy ?? 'unknown'} (approval ${found.id})`;
        ctx.approval = { id: found.id, by: found.decidedBy };
        return next();
      }
      if (found?.status === 'denied') {
        ctx.approval = { id: found.id, by: found.decidedBy };
        throw denied(found);
      }
      if (mode === 'error') {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        throw held(a, threshold, ctx.amount!);
      }
      const approved = await wait(ctx, agent, threshold, started);
      // Two identical calls waiting on one approval: the first consumes it, the other asks again.
      if (await store.consumeApproval(approved.id, now())) {
        ctx.note = `approved by ${approved.decidedBy ?? 'unknown'} (approval ${approved.id})`;
        ctx.approval = { id: approved.id, by: approved.decidedBy };
        return next();
      }
    }
  }
}
