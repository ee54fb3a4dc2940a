// Composes middleware into one handler, after Hono's `compose`: each step is `(ctx, next)` and may
// look at what `next()` answers; calling `next()` a second time is an error (a step that forwarded a
// request twice would run a tool twice); an error thrown by a step is turned into the answer by the one
// `onError`, at the step that threw, so the steps around it see an answer, never an exception.
import type { RpcResponse } from './jsonrpc.ts';

/** One step of a composed chain. */
export type Step<C> = (ctx: C, next: () => Promise<RpcResponse>) => Promise<RpcResponse>;

/** Turns what a step threw into the answer (and may note it on the context). */
export type OnError<C> = (error: unknown, ctx: C) => RpcResponse;

/** The chain as one function. The last step answers; one that calls `next()` gets an error. */
export function compose<C>(steps: readonly Step<C>[], onError: OnError<C>): (ctx: C) => Promise<RpcResponse> {
  const n = steps.length;
  return (ctx) => {
    let index = -1;
    const dispatch = async (i: number): Promise<RpcResponse> => {
      if (i <= index) throw new Error('next() called more than once');
      index = i;
      if (i === n) throw new Error('the last step called next(): nothing answers after it');
      try {
        return await steps[i](ctx, () => dispatch(i + 1));
      } catch (error) {
        return onError(error, ctx);
      }
    };
    return dispatch(0);
  };
}
