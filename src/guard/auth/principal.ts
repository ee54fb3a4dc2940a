// Who is calling, once authenticated: the principal the HTTP edge names for a request, and how a
// session is bound to it. The session carries its principal (agent, OAuth scopes, peer), so the auth
// policy finds the scopes on the session itself, whichever transport authenticated it.
import type { SessionState } from '../context.ts';

/** Who is calling: `id` keys sessions and caps; `agent` is the authenticated agent (absent without auth). */
export interface Principal {
  id: string;
  agent?: string;
  /** OAuth: the scopes the token grants (checked against `tool_scopes` per call). */
  scopes?: string[];
  /** The client's address, under which failures are counted. */
  address: string;
}

/**
 * Records the scopes of the token that authenticated `session`. A session bound without scopes holds
 * none: tools that need a scope are refused, never let through.
 */
export function bindOAuthScopes(session: SessionState, scopes: readonly string[]): void {
  session.scopes = [...scopes];
}

/** Binds a new session to the principal that opened it (at the HTTP edge). */
export function bindPrincipal(session: SessionState, principal: Principal): void {
  session.agent = principal.agent;
  session.peer = principal.address;
  if (principal.scopes) bindOAuthScopes(session, principal.scopes);
}
