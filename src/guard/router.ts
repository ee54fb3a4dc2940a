// Chooses the backend for a request: the config's routes in order (first match wins: a tool-name
// glob for `tools/call`, a method prefix, or a default), else the single backend.
import picomatch from 'picomatch';
import type { GuardRoute } from '../config/guard-types.ts';

/** Returns the backend name for a method (and tool), or undefined when no route matches. */
export type Router = (method: string, tool: string | undefined) => string | undefined;

/** Builds a router over the running backends; routes naming other backends are skipped. */
export function makeRouter(routes: GuardRoute[], backends: string[]): Router {
  const usable = routes.filter((r) => backends.includes(r.target));
  if (usable.length === 0) {
    if (backends.length === 1) return () => backends[0];
    throw new Error(
      `several servers (${backends.join(', ')}) but no routes: add routes or pass --server NAME`,
    );
  }
  const compiled = usable.map((r) => ({ ...r, tool: r.toolName ? picomatch(r.toolName) : undefined }));
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
