// A view of a Store that reports its failures (for the `mcp_guard_store_errors_total` metric) without
// changing what it answers. Built as a Proxy, so a method added to the Store interface is observed
// without anyone remembering to add it here; methods run bound to the store itself (its #private
// fields need the real object as `this`).
import { type Store, StoreError } from './types.ts';

/**
 * `store`, with `onError(operation, error)` called for each call that failed because of the store:
 * not for a refusal meant for a human (`StoreError`: unknown approval id ...) or a bad argument
 * (`RangeError`), which the caller caused.
 */
export function observeStore(store: Store, onError: (operation: string, error: Error) => void): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(property);
      if (fn === undefined) {
        const name = String(property);
        fn = (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (!(out instanceof Promise)) return out;
          return out.catch((error: Error) => {
            if (!(error instanceof StoreError) && !(error instanceof RangeError)) onError(name, error);
            throw error;
          });
        };
        wrapped.set(property, fn);
      }
      return fn;
    },
  });
}
