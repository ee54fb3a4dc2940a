// The per-message context the pipeline's policies share, the session it belongs to, and the small
// interfaces the runtime needs from its collaborators (the audit log).
import type { AuditEntry } from './audit/index.ts';
import type { RpcNotification, RpcRequest, RpcResponse } from './jsonrpc.ts';

/** One client connection: over stdio, the guard's whole lifetime. */
export interface SessionState {
  /** Random id, recorded in audit records and used as the spend ledger's session key. */
  id: string;
  /** The agent the session authenticated as (set by the first valid credential). */
  agent?: string;
  /** A name for the unauthenticated peer, under which failed authentications are rate limited. */
  peer: string;
}

/** What the pipeline knows about one client request. Policies fill in what they learn. */
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
  /** `tools/call` forwarded: the id linking its `forward` record to its outcome record. */
  call?: string;
  /** The approval that held (or let through) this call, and who decided it, for the audit record. */
  approval?: { id: string; by?: string };
  /** Aborted when the client cancels the request before it reached a backend (a call waiting for approval). */
  signal?: AbortSignal;
  /** Sends a notification to this request's client (progress while a held call waits). */
  notify?: (notification: RpcNotification) => void;
}

/** A policy: look at the context, refuse by throwing `PolicyError`, or call `next` (and look at its result). */
export type Policy = (ctx: Ctx, next: () => Promise<RpcResponse>) => Promise<RpcResponse>;

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
