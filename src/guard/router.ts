// Chooses the backend for a request from the config's routes, in order, first match wins: a
// tool-name glob for `tools/call` (matched against the name as the client sends it), a method
// prefix, or a default. With a single backend and no routes, everything goes to it. With several
// backends the aggregator (./aggregate) routes names it has listed first and asks the routes only
// for the rest; no match is `-32005`.
import picomatch from 'picomatch';
import type { GuardRoute } from '../config/guard-types.ts';

/** Returns the backend name for a method (and tool), or undefined when no route matches. */
export type Router = (method: string, tool: string | undefined) => string | undefined;

/** `ctx.backend` of a request the guard answers for every backend at once (lists, initialize, ...). */
export const ALL_BACKENDS = '*';

/** Options of `makeRouter`. */
export interface RouterOptions {
  /** Several backends are aggregated: no routes is fine (names are routed by the catalogue). */
  aggregate?: boolean;
}

/** Builds a router over the running backends; routes naming other backends are skipped. */
export function makeRouter(routes: GuardRoute[], backends: string[], options: RouterOptions = {}): Router {
  const usable = routes.filter((r) => backends.includes(r.target));
  if (usable.length === 0) {
    if (backends.length === 1) return () => backends[0];
    if (options.aggregate) return () => undefined;
    throw new Error(
      `several servers (${backends.join(', ')}) but no routes: add routes or pass --server NAME`,
    );
  }
  const compiled = usable.map((r) => ({
    ...r,
    tool: r.toolName ? picomatch(r.toolName, { dot: true }) : undefined,
  }));
  return (method, tool) => {
    for (const r of compiled) {
      if (r.mode === 'default') return r.target;
      if (r.mode === 'method' && r.methodPrefix !== undefined && method.startsWith(r.methodPrefix))
        return r.target;
      if (r.mode === 'tool' && method === 'tools/call' && tool !== undefined && r.tool?.(tool))
        return r.target;
    }
    return undefined;
  };
}
