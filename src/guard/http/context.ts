// What the HTTP guard's endpoint handlers share: the config, the session table, and the factory that
// builds the guarded relay (pipeline and backends) behind one session's client transport.

import { createHash } from 'node:crypto';
import type { GuardConfig } from '../../config/guard-types.ts';
import type { Principal } from '../auth/principal.ts';
import type { Guard } from '../guard.ts';
import type { MessageTransport } from '../transport/types.ts';
import type { Sessions } from './sessions.ts';

/** Options of {@link HttpContext.openGuard}. */
export interface OpenGuardOptions {
  /** Run over backends shared by every session (modern-era requests always do). */
  shared?: boolean;
  /**
   * The session's spend key, the same on every replica (see {@link stableSessionId}); default a random
   * id of this relay (a legacy session lives on one replica).
   */
  sessionId?: string;
}

/**
 * The spend session of a principal's stateless calls (modern era, or one /rpc session name): derived
 * from `key`, so every replica behind a load balancer charges the same session total. A random id per
 * replica would give an agent one `max_spend_per_session` per replica it reaches.
 */
export function stableSessionId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Shared by the endpoint handlers. */
export interface HttpContext {
  config: GuardConfig;
  sessions: Sessions;
  log: (line: string) => void;
  /**
   * Builds (not starts) the guard for one session's client transport, bound to `principal`. With
   * `shared` (or `http.backend_mode: shared`) its backends are views of backends shared by all sessions.
   */
  openGuard(transport: MessageTransport, principal: Principal, options?: OpenGuardOptions): Guard;
  /** True once shutdown began: no new sessions. */
  closing(): boolean;
}
