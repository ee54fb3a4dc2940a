// The per-request context the pipeline's policies share, built in one place (`createContext`), the
// session it belongs to, and the small interfaces the runtime needs from its collaborators (the audit
// log). The context is a class with every slot present from the start (one shape for V8, however many
// policies fill it in); cancellation is a flag on it, with an abort signal made only when a policy
// waits on it.
import type { AuditEntry } from './audit/index.ts';
import { hashArgs } from './audit/record.ts';
import { takeCredential } from './credentials.ts';
import type { PolicyError } from './errors.ts';
import type { RpcNotification, RpcRequest, RpcResponse } from './jsonrpc.ts';

/** One client connection (over stdio, the guard's whole lifetime) and the principal it is bound to. */
export interface SessionState {
  /** Random id, recorded in audit records and used as the spend ledger's session key. */
  id: string;
  /** The agent the session authenticated as (set by the first valid credential, or at the HTTP edge). */
  agent?: string;
  /**
   * OAuth: the scopes the token that authenticated the session grants (checked against `tool_scopes`).
   * Undefined when the session was not authenticated by an OAuth token: such a session holds none.
   */
  scopes?: readonly string[];
  /** A name for the unauthenticated peer, under which failed authentications are rate limited. */
  peer: string;
}

/** What the pipeline knows about one client request. Policies fill in the slots they own. */
export interface Ctx {
  session: SessionState;
  /** The request as it will be forwarded (credentials already stripped from `_meta`). */
  request: RpcRequest;
  method: string;
  /** `tools/call`: the tool name when it is a string. */
  tool?: string;
  /** `tools/call`: the arguments when they are an object. */
  args?: Record<string, unknown>;
  /** SHA-256 of the canonical arguments (`tools/call`). */
  argsHash?: string;
  /** The credential presented with this request (`_meta.api_key` / `token` / `authorization`), if any. */
  credential?: string;
  /** The authenticated agent, set by auth. */
  agent?: string;
  /** Amount of a spend call, set by spend. */
  amount?: number;
  /** The backend the request goes to, set by routing (`*`: the guard answers for every backend). */
  backend?: string;
  /**
   * Several backends: the backend and original name of a tool name as the client uses it (prefixed
   * with `namespacing: prefix`), set by routing; policies match globs against both names.
   */
  resolveTool?: (name: string) => { server: string; name: string } | undefined;
  /** A note for the audit record of an allowed request (e.g. the approval that let it through). */
  note?: string;
  /** The spend reservation of this call, set by spend (marked forwarded just before forwarding). */
  reservation?: string;
  /**
   * Set by spend when `reservation` is a lease shared with other calls of the session: the pipeline marks
   * it forwarded through this (once for all of them) instead of `Store.forwarded`.
   */
  lease?: { forwarded(): Promise<void> };
  /** The call's spend was given back (it failed, or was refused after spend): its outcome record says so. */
  released?: boolean;
  /** `tools/call` forwarded: the id linking its `forward` record to its outcome record. */
  call?: string;
  /** The approval that held (or let through) this call, and who decided it, for the audit record. */
  approval?: { id: string; by?: string };
  /** The refusal the pipeline's error handler turned into the response (for the audit record). */
  refusal?: PolicyError;
  /** Set when the request was cancelled (by the client, or its session closing): nothing is sent back. */
  cancelled?: boolean;
  /** Why it was cancelled, for the audit record. */
  cancelReason?: string;
  /** Aborted when the client cancels (a policy waiting for something, such as an approval, stops). */
  signal?: AbortSignal;
  /** Sends a notification to this request's client (progress while a held call waits). */
  notify?: (notification: RpcNotification) => void;
}

/** The context of one request as the relay builds it: every slot present, the signal made on demand. */
export class RequestContext implements Ctx {
  session: SessionState;
  request: RpcRequest;
  method: string;
  tool: string | undefined = undefined;
  args: Record<string, unknown> | undefined = undefined;
  argsHash: string | undefined = undefined;
  credential: string | undefined;
  agent: string | undefined = undefined;
  amount: number | undefined = undefined;
  backend: string | undefined = undefined;
  resolveTool: Ctx['resolveTool'] = undefined;
  note: string | undefined = undefined;
  reservation: string | undefined = undefined;
  lease: Ctx['lease'] = undefined;
  released = false;
  call: string | undefined = undefined;
  approval: Ctx['approval'] = undefined;
  refusal: PolicyError | undefined = undefined;
  cancelled = false;
  cancelReason: string | undefined = undefined;
  notify: Ctx['notify'];
  #controller: AbortController | undefined = undefined;

  constructor(
    session: SessionState,
    request: RpcRequest,
    credential: string | undefined,
    notify?: Ctx['notify'],
  ) {
    this.session = session;
    this.request = request;
    this.method = request.method;
    this.credential = credential;
    this.notify = notify;
  }

  /** Aborted when the client cancels; made the first time a policy asks for it. */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    if (this.cancelled && !this.#controller.signal.aborted) this.#controller.abort();
    return this.#controller.signal;
  }

  /** The request is cancelled: the client asked, or its session is closing. Nothing will be sent back. */
  cancel(reason = 'cancelled by the client'): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.cancelReason = reason;
    this.#controller?.abort();
  }
}

/**
 * Builds the context of a client request: the credential taken out of `_meta` (the backend never sees
 * it), and for `tools/call` the tool name, the arguments and their hash.
 */
export function createContext(
  session: SessionState,
  message: RpcRequest,
  notify?: Ctx['notify'],
): RequestContext {
  const { params, credential } = takeCredential(message.params);
  let request = message;
  if (params !== message.params) {
    request = { ...message };
    if (params === undefined) delete request.params;
    else request.params = params;
  }
  const ctx = new RequestContext(session, request, credential, notify);
  if (message.method === 'tools/call' && params) {
    if (typeof params.name === 'string') ctx.tool = params.name;
    const args = params.arguments;
    if (args !== null && typeof args === 'object' && !Array.isArray(args))
      ctx.args = args as Record<string, unknown>;
    ctx.argsHash = hashArgs(ctx.args ?? {});
  }
  return ctx;
}

/** A policy: look at the context, refuse by throwing `PolicyError`, or call `next` (and look at its result). */
export type Policy = (ctx: Ctx, next: () => Promise<RpcResponse>) => Promise<RpcResponse>;

/**
 * A policy written as a plain function (the synchronous fast path: it returns `next()`'s promise as it
 * is when it needs no I/O) whose refusals, thrown, still reach its caller as a rejected promise, as an
 * `async` policy's would.
 */
export function plainPolicy(check: Policy): Policy {
  return (ctx, next) => {
    try {
      return check(ctx, next);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** The part of the audit log the runtime uses (`AuditLog` from ./audit satisfies it). */
export interface AuditSink {
  append(record: AuditEntry): unknown;
  /**
   * Optional: the same record, written together with the others of this tick; resolves once it is in
   * the log (the pipeline answers only then). `AuditLog` has it; a sink without it gets `append`.
   */
  appendBatched?(record: AuditEntry): Promise<unknown>;
  /**
   * Optional: undefined when records can be written, else why not (after one more try). `/ready` turns
   * 503 while it says something, so a load balancer drains a guard that cannot keep its log.
   */
  health?(): Promise<string | undefined>;
}
