// Shared by the policy tests: a context for one request and a `next` that records whether it ran.
import type { Ctx } from '../context.ts';
import type { RpcResponse } from '../jsonrpc.ts';

/** A context for one request in a fresh session. */
export function makeCtx(method: string, params: Record<string, unknown> = {}, extra: Partial<Ctx> = {}): Ctx {
  const ctx: Ctx = {
    session: { id: 'session-1', peer: 'test' },
    request: { jsonrpc: '2.0', id: 1, method, params },
    method,
    ...extra,
  };
  if (method === 'tools/call' && typeof params.name === 'string') {
    ctx.tool = params.name;
    ctx.args = (params.arguments as Record<string, unknown>) ?? {};
  }
  return ctx;
}

/** A `next` that counts its calls and answers with `response` (default: an empty result). */
export function makeNext(response: RpcResponse = { jsonrpc: '2.0', id: 1, result: {} }) {
  const next = async () => {
    next.calls++;
    return structuredClone(response);
  };
  next.calls = 0;
  return next;
}
