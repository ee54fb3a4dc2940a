// Edge step: a POST's body is read whole, up to `http.max_body_bytes`; beyond it 413, and the
// connection is closed (the rest is drained only so far, then dropped). Other methods have no body.
import { readBody } from '../security.ts';
import type { EdgeStep } from './step.ts';

/** Reads the body of a POST into `text`, refusing one over `max` bytes (413). */
export function bodyLimit(max: number): EdgeStep {
  return {
    name: 'body-limit',
    async run(r) {
      if (r.req.method !== 'POST') return undefined;
      const read = await readBody(r.req, max);
      if (!read.ok)
        return {
          refusal: 'bodyTooLarge',
          message: `request body larger than http.max_body_bytes (${max})`,
          headers: { connection: 'close' },
        };
      // Read to the end: the connection may be kept (it was marked for closing while the body was unread,
      // except at the MCP and /rpc endpoints, where the edge's refusals say so themselves).
      if (r.res.hasHeader('connection')) r.res.removeHeader('connection');
      r.text = read.text;
      return undefined;
    },
  };
}
