// What the HTTP guard's endpoint handlers share: the config, the session table, and the factory that
// builds the guarded relay (pipeline and backends) behind one session's client transport.
import type { GuardConfig } from '../../config/guard-types.ts';
import type { Guard } from '../guard.ts';
import type { MessageTransport } from '../transport/ndjson.ts';
import type { Principal } from './edge-auth.ts';
import type { Sessions } from './sessions.ts';

/** Shared by the endpoint handlers. */
export interface HttpContext {
  config: GuardConfig;
  sessions: Sessions;
  log: (line: string) => void;
  /**
   * Builds (not starts) the guard for one session's client transport, bound to `principal`. With
   * `shared` (or `http.backend_mode: shared`) its backends are views of backends shared by all sessions.
   */
  openGuard(transport: MessageTransport, principal: Principal, options?: { shared?: boolean }): Guard;
  /** True once shutdown began: no new sessions. */
  closing(): boolean;
}
