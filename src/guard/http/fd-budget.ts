// How many sessions the HTTP guard can hold before the process runs out of file descriptors. Each
// session with its own backend processes holds three pipes per local backend, plus its connection;
// past the descriptor limit a new backend cannot start (EMFILE). Node raises its soft limit to the hard
// one at start-up, so the limit read here is the one in force.
import { readFileSync } from 'node:fs';
import type { GuardConfig } from '../../config/guard-types.ts';

/** Descriptors kept for everything that is not a session: the listener, the store, the audit log, stdio. */
export const RESERVED_FDS = 64;

/** The process's open-file limit (soft), or undefined where it cannot be read (not Linux). */
export function openFileLimit(limitsFile = '/proc/self/limits'): number | undefined {
  let text: string;
  try {
    text = readFileSync(limitsFile, 'utf8');
  } catch {
    return undefined;
  }
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(text);
  if (!m || m[1] === 'unlimited') return undefined;
  return Number(m[1]);
}

/** Descriptors one session holds: its connection, plus three pipes per local backend it runs itself. */
export function fdsPerSession(config: GuardConfig, server?: string): number {
  if (config.http.backendMode === 'shared') return 1;
  const names = server === undefined ? Object.keys(config.servers) : [server];
  const local = names.filter((n) => config.servers[n]?.command !== undefined).length;
  return 1 + 3 * local;
}

/**
 * `http.max_sessions`, lowered when the descriptor limit cannot hold that many sessions; `lowered`
 * says so (the guard logs it at start-up, with the limit it found).
 */
export function sessionCap(
  config: GuardConfig,
  server?: string,
  limit = openFileLimit(),
): { maxSessions: number; lowered?: { fdLimit: number; perSession: number } } {
  const configured = config.http.maxSessions;
  if (limit === undefined) return { maxSessions: configured };
  const perSession = fdsPerSession(config, server);
  const fit = Math.max(1, Math.floor((limit - RESERVED_FDS) / perSession));
  if (fit >= configured) return { maxSessions: configured };
  return { maxSessions: fit, lowered: { fdLimit: limit, perSession } };
}
