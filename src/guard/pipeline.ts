// The policy pipeline, composed (./compose.ts) in its fixed order: auth -> rate limit -> [resolve] ->
// tool policy -> pinning -> spend -> approval -> route -> forward. A policy refuses by throwing a
// `PolicyError`; the one `onError` turns it into the response and notes it on the context. Audit wraps
// every decision: one record per request, whether it was allowed (and what the backend answered),
// refused by a policy, held for approval or cancelled by the client; a `tools/call` that reaches its
// backend has two, written ahead (`forward`, before the backend sees it) and after (its outcome, same
// `call`), so a call in flight when the guard dies still left a trace. A response leaves only once its
// record is written. A record that cannot be written (a full disk) fails the request closed: a call is
// never forwarded without its `forward` record; only a call already forwarded gets its real answer.
import { randomBytes } from 'node:crypto';
import type { GuardConfig } from '../config/guard-types.ts';
import type { ApprovalDesk } from './approvals/desk.ts';
import type { AuditEntry } from './audit/index.ts';
import { compose } from './compose.ts';
import type { AuditSink, Ctx, Policy } from './context.ts';
import { CANCELLED, CODES, PolicyError } from './errors.ts';
import { errorResponse, type RpcResponse } from './jsonrpc.ts';
import { approvalPolicy } from './policies/approval/index.ts';
import { authPolicy } from './policies/auth/index.ts';
import { pinningPolicy } from './policies/pinning/index.ts';
import { rateLimitPolicy } from './policies/rate-limit/index.ts';
import { spendPolicy } from './policies/spend/index.ts';
import { toolPolicy } from './policies/tool-policy/index.ts';
import type { Router } from './router.ts';
import { type Store, StoreUnavailableError } from './store/types.ts';

/**
 * The refusal of a call that needed the shared state while the store could not be reached: nothing was
 * forwarded. `-32603` with `data.store: "unavailable"`, so clients can tell it from a backend failure.
 * Where the store is and why it failed go to the guard's log, not to the client.
 */
function storeUnavailable(): PolicyError {
  return new PolicyError(
    CODES.internal,
    'refused: the state store is unavailable, so limits cannot be checked; the call was not forwarded, retry later',
    { store: 'unavailable' },
    'error',
  );
}

/** What the pipeline needs besides the config. */
export interface PipelineDeps {
  store: Store;
  audit: AuditSink;
  router: Router;
  /** Sends the request to a backend and resolves with its response (errors as responses, never throws). */
  forward: (ctx: Ctx) => Promise<RpcResponse>;
  /** Several backends: the relay's routing policy (sets `ctx.backend` after the rate limit, may refuse). */
  resolve?: Policy;
  /** The process's approval desk (waiting calls, webhooks, console links). */
  desk?: ApprovalDesk;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** The guard's writer id (owner of its spend reservations; see `Store.releaseUnforwarded`). */
  owner?: string;
  /** Diagnostics for the operator (start-up warnings, a record that could not be written); default: none. */
  log?: (line: string) => void;
}

/** The refusal of a request whose audit record cannot be written. */
function auditUnavailable(error: unknown): PolicyError {
  return new PolicyError(
    CODES.internal,
    `audit log unavailable (${(error as Error).message}); the request was refused, not run`,
    undefined,
    'error',
  );
}

/**
 * A `call` id: random per process, then counted. Unique in an audit file across restarts (what links a
 * `forward` record to its outcome) without asking the system for randomness on every call, which cost
 * more than the rest of the id.
 */
const CALL_PREFIX = randomBytes(6).toString('hex');
let calls = 0;
function callId(): string {
  return `${CALL_PREFIX}${(++calls).toString(16).padStart(4, '0')}`;
}

/** Runs one client request through the policies; always resolves with the response for the client. */
export type Pipeline = (ctx: Ctx) => Promise<RpcResponse>;

/** What a step threw, as the refusal the client gets and the audit records. */
function asRefusal(thrown: unknown): PolicyError {
  if (thrown instanceof PolicyError) return thrown;
  if (thrown instanceof StoreUnavailableError) return storeUnavailable();
  return new PolicyError(CODES.internal, `internal error: ${(thrown as Error).message}`, undefined, 'error');
}

/** Builds the pipeline. Invalid policy options (key material, limits) throw here, at start-up. */
export function buildPipeline(config: GuardConfig, deps: PipelineDeps): Pipeline {
  const { store, audit, router } = deps;
  const now = deps.now ?? Date.now;
  const p = config.policies;
  // Records of one tick share one write when the sink can batch; either way the response is returned
  // (and so sent) only once its record is in the log.
  const record = (entry: AuditEntry): unknown =>
    audit.appendBatched ? audit.appendBatched(entry) : audit.append(entry);
  /** What every record of a request carries. */
  const base = (ctx: Ctx, started: number) => ({
    agent: ctx.agent,
    session: ctx.session.id,
    method: ctx.method,
    tool: ctx.tool,
    id: ctx.request.id,
    amount: ctx.amount,
    backend: ctx.backend,
    argsHash: ctx.argsHash,
    // The audit log keeps only the hash unless audit.record_arguments is on.
    args: ctx.args,
    approval: ctx.approval?.id,
    by: ctx.approval?.by,
    latencyMs: Math.round(performance.now() - started),
    call: ctx.call,
  });
  const steps: Policy[] = [
    authPolicy({
      auth: config.auth,
      http: config.http,
      store,
      failuresPerMinute: p.requestsPerMinute,
      env: deps.env,
      now,
    }),
    rateLimitPolicy({ requestsPerMinute: p.requestsPerMinute, agents: p.agents, store, now }),
    ...(deps.resolve ? [deps.resolve] : []),
    toolPolicy(p),
    // Inside the tool policy: pins cover every tool a backend offers, then the ACL filters the list.
    pinningPolicy({
      mode: p.pinning,
      store,
      router,
      now,
      // Several backends: routing knows each (prefixed) name's backend and original name.
      locate: deps.resolve
        ? (ctx, name) => {
            const at = ctx.resolveTool?.(name);
            return at ? { server: at.server, tool: at.name } : undefined;
          }
        : undefined,
    }),
    spendPolicy({ policies: p, store, now, warn: deps.log, owner: deps.owner }),
    approvalPolicy({
      policies: p,
      store,
      configFile: config.file,
      approvals: config.approvals,
      desk: deps.desk,
      recordArguments: config.audit.recordArguments ? { redact: config.audit.redact } : undefined,
      backendOf: (ctx) => router(ctx.method, ctx.tool),
      // A waiting call is in the log as held from the start, then once more with its outcome.
      onHeld: (ctx, a) =>
        record({
          ...base(ctx, performance.now()),
          decision: 'held',
          code: CODES.heldForApproval,
          reason: `waiting for approval ${a.id} (up to ${config.approvals.waitSec} s)`,
          // Not an answer: the request's latency is in its outcome's record, and it is counted there.
          latencyMs: undefined,
          waiting: true,
        }),
      now,
    }),
    async function route(ctx) {
      const backend = ctx.backend ?? router(ctx.method, ctx.tool);
      if (backend === undefined) {
        throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
      }
      ctx.backend = backend;
      if (ctx.method === 'tools/call') await ahead(ctx);
      return deps.forward(ctx);
    },
  ];
  const run = compose(steps, (thrown, ctx) => {
    const refusal = asRefusal(thrown);
    ctx.refusal = refusal;
    return errorResponse(ctx.request.id, refusal.code, refusal.message, refusal.data);
  });
  /**
   * Just before a `tools/call` reaches its backend: the `forward` record (with the call's reservation),
   * then the reservation marked forwarded (it then stays counted whatever happens to this process). In
   * this order, and one after the other: a crash between the two leaves a `forward` record whose
   * reservation is still unmarked, which the next start releases and records as never sent
   * (`recordUnfinished`); the other order could leave a reservation counted for a call with no record.
   * Either not written: refused, nothing sent.
   */
  async function ahead(ctx: Ctx): Promise<void> {
    ctx.call = callId();
    try {
      await record({
        ...base(ctx, performance.now()),
        latencyMs: undefined,
        decision: 'forward',
        reservation: ctx.reservation,
        lease: ctx.lease === undefined ? undefined : true,
      });
    } catch (error) {
      ctx.call = undefined;
      throw auditUnavailable(error);
    }
    // From here the outcome record keeps `call`: the forward record is answered whatever happens.
    if (ctx.reservation !== undefined) {
      try {
        // A lease is marked once, by its first call; the others wait for that mark.
        await (ctx.lease ? ctx.lease.forwarded() : store.forwarded(ctx.reservation));
      } catch (error) {
        throw error instanceof StoreUnavailableError ? storeUnavailable() : error;
      }
    }
  }
  /** The outcome record of a request: cancelled, refused (the refusal's decision), an error, or allowed. */
  function outcome(ctx: Ctx, response: RpcResponse, started: number): AuditEntry {
    const entry = verdict(ctx, response, started);
    // Crash recovery settles a lease to its calls' amounts less those given back (audit/writers.ts).
    if (ctx.released) entry.released = true;
    return entry;
  }
  function verdict(ctx: Ctx, response: RpcResponse, started: number): AuditEntry {
    if (ctx.cancelled) {
      const why = ctx.cancelReason ?? 'cancelled by the client';
      const reason = ctx.refusal ? `${why} (${ctx.refusal.message})` : why;
      return { ...base(ctx, started), decision: 'error', code: CANCELLED, reason };
    }
    const refusal = ctx.refusal;
    if (refusal !== undefined)
      return {
        ...base(ctx, started),
        decision: refusal.decision,
        code: refusal.code,
        reason: refusal.message,
      };
    const error = response.error;
    return {
      ...base(ctx, started),
      decision: error ? 'error' : 'allow',
      code: error?.code,
      reason: error ? error.message : ctx.note,
    };
  }

  return async function handle(ctx) {
    const started = performance.now();
    const response = await run(ctx);
    try {
      await record(outcome(ctx, response, started));
    } catch (error) {
      deps.log?.(`guard: cannot write the audit log: ${(error as Error).message}`);
      // Forwarded already (its `forward` record is written): the real answer, or a retry would run it twice.
      if (ctx.call !== undefined) return response;
      const refusal = auditUnavailable(error);
      return errorResponse(ctx.request.id, refusal.code, refusal.message);
    }
    return response;
  };
}
