// Composes middleware into one handler, after Hono's `compose`: each step is `(ctx, next)` and may
// look at what `next()` answers; calling `next()` a second time is an error (a step that forwarded a
// request twice would run a tool twice); an error thrown by a step is turned into the answer by the one
// `onError`, at the step that threw, so the steps around it see an answer, never an exception.
import type { RpcResponse } from './jsonrpc.ts';

/** One step of a composed chain. */
export type Step<C> = (ctx: C, next: () => Promise<RpcResponse>) => Promise<RpcResponse>;

/** Turns what a step threw into the answer (and may note it on the context). */
export type OnError<C> = (error: unknown, ctx: C) => RpcResponse;

/**
 * The chain as one function. The last step answers; one that calls `next()` gets an error. A step may be
 * a plain function that returns `next()`'s promise as it is (a policy that needs no I/O for this request):
 * then nothing is added for it, no promise and no turn of the microtask queue, which is the hot path's
 * synchronous fast path through the policies.
 */
export function compose<C>(steps: readonly Step<C>[], onError: OnError<C>): (ctx: C) => Promise<RpcResponse> {
  const n = steps.length;
  return (ctx) => {
    let index = -1;
    const dispatch = (i: number): Promise<RpcResponse> => {
      if (i <= index) return Promise.reject(new Error('next() called more than once'));
      index = i;
      if (i === n) return Promise.reject(new Error('the last step called next(): nothing answers after it'));
      /** The inner step's answer, when `next()` was called once and reached a step (else an error here). */
      let inner: Promise<RpcResponse> | undefined;
      let calls = 0;
      let answer: Promise<RpcResponse>;
      try {
        answer = steps[i](ctx, () => {
          const next = dispatch(i + 1);
          inner = ++calls === 1 && i + 1 < n ? next : undefined;
          return next;
        });
      } catch (error) {
        // Thrown before the step returned (a plain function refusing): answered here all the same.
        return Promise.resolve(onError(error, ctx));
      }
      // The inner step's answer passed on as it is: its errors were answered there already.
      if (answer === inner) return answer;
      return answer.then(undefined, (error: unknown) => onError(error, ctx));
    };
    return dispatch(0);
  };
}
