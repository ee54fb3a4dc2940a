// Edge step: authentication. The credential (Authorization: Bearer, or X-API-Key) names the principal
// the request acts for; a refusal is audited with the client's address. Once through, the credential
// headers are taken off the request: nothing below (the SDK transport, the relay, a remote backend)
// ever sees them.
import type { AuditSink } from '../../context.ts';
import { CODES } from '../../errors.ts';
import type { EdgeAuth, EdgeRefusal, Principal } from '../edge-auth.ts';
import type { RefusalKind } from '../refusals.ts';
import { stripCredentialHeaders } from '../security.ts';
import type { EdgeRequest, EdgeStep, StepOutcome } from './step.ts';

/** The refusal each edge-auth status stands for. */
const KINDS: Record<EdgeRefusal['status'], RefusalKind> = {
  401: 'unauthenticated',
  403: 'forbidden',
  429: 'authThrottled',
  503: 'authUnavailable',
};

/**
 * Authenticates the request, or refuses it (401, 403, 429 or 503) and records the refusal. A credential
 * judged without I/O (an API key) costs no promise.
 */
export function edgeAuthStep(edge: EdgeAuth, audit: AuditSink): EdgeStep {
  const decide = (r: EdgeRequest, principal: Principal | EdgeRefusal): StepOutcome => {
    if ('status' in principal) {
      audit.append({
        decision: 'deny',
        session: '-',
        method: '(http)',
        id: null,
        code: principal.status === 429 ? CODES.rateLimited : CODES.unauthenticated,
        reason: `${principal.message} (from ${r.req.socket.remoteAddress})`,
        latencyMs: 0,
      });
      return { refusal: KINDS[principal.status], message: principal.message, headers: principal.headers };
    }
    r.principal = principal;
    stripCredentialHeaders(r.req);
    return undefined;
  };
  return {
    name: 'auth',
    run(r) {
      const principal = edge.authenticate(r.req);
      return principal instanceof Promise ? principal.then((p) => decide(r, p)) : decide(r, principal);
    },
  };
}
