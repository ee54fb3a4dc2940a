// Edge step: the wire checks, before anything else is looked at. `Host` must be one the guard answers
// to (DNS rebinding) and a browser's `Origin` one it allows.
import type { WireGuard } from '../security.ts';
import type { EdgeStep } from './step.ts';

/** Refuses a request whose Host or Origin is not allowed (403). */
export function wireChecks(wire: WireGuard): EdgeStep {
  return {
    name: 'wire',
    run({ req }) {
      if (!wire.hostAllowed(req.headers.host))
        return { refusal: 'hostNotAllowed', message: `Host ${req.headers.host ?? '(none)'} is not allowed` };
      if (!wire.originAllowed(req.headers.origin, req.headers.host))
        return { refusal: 'originNotAllowed', message: `Origin ${req.headers.origin} is not allowed` };
      return undefined;
    },
  };
}
