// Edge step: the body is parsed once, here, and checked against the one depth limit
// (`limits.max_depth`) before anything recurses into it: deeper is -32602 for a request (with its id),
// -32600 otherwise. Not JSON: 400 with -32700.
import { cannotNestDeeper, nestedDeeperThan, type RpcId } from '../../jsonrpc.ts';
import type { EdgeStep } from './step.ts';

/** Parses the body read by `bodyLimit` into `body`. */
export function jsonParse(maxDepth: number): EdgeStep {
  return {
    name: 'json-parse',
    run(r) {
      if (r.text === undefined) return undefined;
      let body: unknown;
      try {
        body = JSON.parse(r.text);
      } catch {
        return { refusal: 'parseError', message: 'Parse error: Invalid JSON' };
      }
      if (!cannotNestDeeper(r.text, maxDepth) && nestedDeeperThan(body, maxDepth)) {
        const o = body as Record<string, unknown>;
        const id = typeof o.id === 'string' || Number.isInteger(o.id) ? (o.id as RpcId) : null;
        const request = !Array.isArray(body) && typeof o.method === 'string';
        return {
          refusal: request ? 'invalidParams' : 'invalidMessage',
          message: `${request ? 'invalid params' : 'invalid request'}: nested deeper than ${maxDepth} levels (limits.max_depth)`,
          id,
        };
      }
      r.body = body;
      return undefined;
    },
  };
}
