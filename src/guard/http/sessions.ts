// The HTTP guard's session table: secure random ids, each session bound to the principal that opened
// it, caps in total (503) and per principal (429), idle expiry. A session owns whatever it runs (its
// guard: relay, pipeline, backends) through `close`. Sessions that run backends of their own are
// capped too: a new one beyond the cap ends the least recently used idle one first (clients that never
// end their sessions would otherwise keep a process each until the idle expiry), and says so in the log.
import { randomBytes } from 'node:crypto';

/** One open session (a Streamable HTTP session on /mcp, or a named /rpc session). */
export interface HttpSession {
  /** The id the client presents (`Mcp-Session-Id`), or the /rpc key. Never written to the audit log. */
  readonly id: string;
  /** The principal that opened it; nobody else may use it. */
  readonly principal: string;
  /** `mcp`: a legacy Streamable HTTP session; `rpc`: an /rpc session; `modern`: a principal's stateless calls. */
  readonly kind: 'mcp' | 'rpc' | 'modern';
  /** Last time a request for it started or ended (ms). */
  lastUsed: number;
  /** Requests being handled right now (a busy session never expires). */
  active: number;
  /** It runs backends of its own (`http.backend_mode: per_session`): counted against `maxBackends`. */
  readonly ownsBackends?: boolean;
  /** Ends the session: closes its streams, stops its backends. Idempotent. */
  close(): Promise<void>;
}

/** Why a new session was refused. */
export interface Refusal {
  status: 429 | 503;
  message: string;
}

/** Limits of the table. */
export interface SessionLimits {
  maxSessions: number;
  maxSessionsPerPrincipal: number;
  idleMs: number;
  /** Sessions running backends of their own, at most (`http.max_session_backends`); default no cap. */
  maxBackends?: number;
  /** Where an eviction is told. */
  log?: (line: string) => void;
  now?: () => number;
}

/** A fresh session id: 256 bits from the CSPRNG, base64url (visible ASCII, as the spec requires). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The table of open sessions. */
export class Sessions {
  readonly #limits: SessionLimits;
  readonly #now: () => number;
  readonly #all = new Map<string, HttpSession>();
  #sweeper: NodeJS.Timeout | undefined;

  constructor(limits: SessionLimits) {
    this.#limits = limits;
    this.#now = limits.now ?? Date.now;
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#all.size;
  }

  /** Open sessions (a snapshot). */
  list(): HttpSession[] {
    return [...this.#all.values()];
  }

  /**
   * Whether `principal` may open one more session (`ownsBackends`: one that runs backends of its own,
   * for which the least recently used idle such session may be ended); the refusal otherwise.
   */
  admit(principal: string, ownsBackends = false): Refusal | undefined {
    if (this.#all.size >= this.#limits.maxSessions) {
      return { status: 503, message: `too many sessions (http.max_sessions ${this.#limits.maxSessions})` };
    }
    let mine = 0;
    for (const s of this.#all.values()) if (s.principal === principal) mine++;
    if (mine >= this.#limits.maxSessionsPerPrincipal) {
      return {
        status: 429,
        message: `too many sessions for this principal (http.max_sessions_per_principal ${this.#limits.maxSessionsPerPrincipal})`,
      };
    }
    return ownsBackends ? this.#makeRoomForBackends() : undefined;
  }

  /**
   * At the cap of sessions running backends: the least recently used idle one is ended to make room
   * (logged); when every one is busy, the new session is refused.
   */
  #makeRoomForBackends(): Refusal | undefined {
    const max = this.#limits.maxBackends;
    if (max === undefined) return undefined;
    let owners = 0;
    let victim: HttpSession | undefined;
    for (const s of this.#all.values()) {
      if (!s.ownsBackends) continue;
      owners++;
      if (s.active === 0 && (victim === undefined || s.lastUsed < victim.lastUsed)) victim = s;
    }
    if (owners < max) return undefined;
    if (victim === undefined)
      return {
        status: 503,
        message: `too many sessions running backends (http.max_session_backends ${max}), none idle`,
      };
    this.#all.delete(victim.id);
    const idleSec = Math.round((this.#now() - victim.lastUsed) / 1000);
    this.#limits.log?.(
      `mcp-guard http: http.max_session_backends (${max}) reached: ended the least recently used idle session (${victim.principal}, idle ${idleSec} s) and its backends to open a new one`,
    );
    void victim.close().catch(() => {});
    return undefined;
  }

  /** Adds a session (after `admit`). */
  add(session: HttpSession): void {
    this.#all.set(session.id, session);
  }

  /** The session with this id, if open. */
  get(id: string): HttpSession | undefined {
    return this.#all.get(id);
  }

  /** Forgets a session (its owner closed it). */
  remove(id: string): void {
    this.#all.delete(id);
  }

  /** Marks the start of a request on a session; returns the function that marks its end. */
  use(session: HttpSession): () => void {
    session.active++;
    session.lastUsed = this.#now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      session.active--;
      session.lastUsed = this.#now();
    };
  }

  /** Closes the sessions idle for longer than the limit; resolves when they are closed. */
  async sweep(): Promise<void> {
    const now = this.#now();
    const idle = this.list().filter((s) => s.active === 0 && now - s.lastUsed > this.#limits.idleMs);
    for (const s of idle) this.#all.delete(s.id);
    await Promise.all(idle.map((s) => s.close().catch(() => {})));
  }

  /** Sweeps periodically (a fraction of the idle limit, at most every 30 s). */
  startSweeping(): void {
    const every = Math.max(50, Math.min(30_000, Math.floor(this.#limits.idleMs / 4)));
    this.#sweeper = setInterval(() => void this.sweep(), every);
    this.#sweeper.unref();
  }

  /** Closes every session and stops sweeping. */
  async closeAll(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    const all = this.list();
    this.#all.clear();
    await Promise.all(all.map((s) => s.close().catch(() => {})));
  }
}
