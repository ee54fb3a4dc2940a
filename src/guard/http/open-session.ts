// The one way a session of any kind opens (a legacy `/mcp` session, an `/rpc` session, a principal's
// modern-era session): admitted against the caps, its guard (relay, pipeline, backends) built over its
// client transport and bound to the principal, entered in the session table (and taken out when its
// guard closes), started. Only what differs is the caller's: the transport, the table key, shared
// backends or not, and what runs once the guard is up.
import type { ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.ts';
import type { Guard } from '../guard.ts';
import type { MessageTransport } from '../transport/types.ts';
import type { HttpContext } from './context.ts';
import { refuse } from './refusals.ts';
import type { HttpSession } from './sessions.ts';

/** What kind of session to open, and how. */
export interface SessionSpec<T extends MessageTransport> {
  kind: HttpSession['kind'];
  /** Its key in the session table (for a legacy session, the `Mcp-Session-Id` it will be given). */
  id: string;
  transport: T;
  /** Over the backends shared by every session (the modern era); else as `http.backend_mode` says. */
  shared?: boolean;
  /** The spend session's key (see `stableSessionId`); default the relay's own random id. */
  spendKey?: string;
  /** Runs once the guard is up (an /rpc session whose client does not initialize has it done here). */
  afterStart?: () => Promise<void>;
}

/** An open session, with its transport and the promise of its start. */
export interface OpenedSession<T extends MessageTransport> extends HttpSession {
  readonly transport: T;
  /** Settles once the guard has started (and `afterStart` ran). */
  readonly ready: Promise<void>;
}

/**
 * Opens a session for `principal`. Refused (shutting down, a cap) or failed (its backends did not
 * start): the response has been sent and undefined is returned.
 */
export async function openSession<T extends MessageTransport>(
  ctx: HttpContext,
  res: ServerResponse,
  principal: Principal,
  spec: SessionSpec<T>,
): Promise<OpenedSession<T> | undefined> {
  if (ctx.closing()) {
    refuse(res, { refusal: 'shuttingDown', message: 'the guard is shutting down' });
    return undefined;
  }
  const ownsBackends = spec.shared !== true && ctx.config.http.backendMode === 'per_session';
  const refused = ctx.sessions.admit(principal.id, ownsBackends);
  if (refused) {
    refuse(res, {
      refusal: refused.status === 429 ? 'tooManySessionsForPrincipal' : 'tooManySessions',
      message: refused.message,
    });
    return undefined;
  }
  let guard: Guard;
  try {
    guard = ctx.openGuard(spec.transport, principal, { shared: spec.shared, sessionId: spec.spendKey });
  } catch (error) {
    refuse(res, { refusal: 'internal', message: `cannot start a session: ${(error as Error).message}` });
    return undefined;
  }
  const ready = guard.start().then(spec.afterStart);
  const session: OpenedSession<T> = {
    id: spec.id,
    principal: principal.id,
    kind: spec.kind,
    lastUsed: Date.now(),
    active: 0,
    ownsBackends,
    transport: spec.transport,
    ready,
    close: () => guard.close(),
  };
  ctx.sessions.add(session);
  void guard.closed.then(() => ctx.sessions.remove(spec.id));
  // Busy while it starts: neither the idle sweep nor the backend cap ends it meanwhile.
  const done = ctx.sessions.use(session);
  try {
    await ready;
  } catch (error) {
    await guard.close();
    refuse(res, {
      refusal: 'backendFailed',
      message: `cannot start the backend: ${(error as Error).message}`,
    });
    return undefined;
  } finally {
    done();
  }
  return session;
}
