// The guard's JSON-RPC error codes and the one error type policies throw to refuse a message.
// Codes are stable and documented (README, docs/architecture.md); clients may branch on them.

/** JSON-RPC error codes the guard answers with. */
export const CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  unauthenticated: -32001,
  spendBlocked: -32002,
  toolBlocked: -32003,
  heldForApproval: -32004,
  noRoute: -32005,
  rateLimited: -32029,
} as const;

/**
 * The code of a request the client cancelled (as LSP's RequestCancelled): such a request gets no
 * response at all; the relay drops it, and the audit record keeps the code.
 */
export const CANCELLED = -32800;

/** A refusal by a policy: the pipeline turns it into the JSON-RPC error response and the audit record. */
export class PolicyError extends Error {
  readonly code: number;
  readonly data: Record<string, unknown> | undefined;
  /** The audit decision this refusal records (`deny` unless the call is `held` for approval). */
  readonly decision: 'deny' | 'held' | 'error';
  constructor(
    code: number,
    message: string,
    data?: Record<string, unknown>,
    decision: 'deny' | 'held' | 'error' = 'deny',
  ) {
    super(message);
    this.name = 'PolicyError';
    this.code = code;
    this.data = data;
    this.decision = decision;
  }
}
