// Sign-in sessions of the guard's pages: a cookie holding a short JWT (HS256, `jose`) that names the
// user, a random session id and the user's password-hash fingerprint. `HttpOnly`, `SameSite=Strict`,
// `Secure` when the public URL is https, limited to the pages' path. The CSRF token of a session is an
// HMAC of its id: the page carries it in every form, and every change must present it. With
// `console.session_secret` set, sessions survive a restart and work on every replica; otherwise the
// key is random per process. Signing out clears the cookie and revokes the session id until it expires:
// in this process, and, with a shared secret, in the store too, so that a copy of the cookie opens no
// other replica and no restarted guard either.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { type Store, StoreUnavailableError } from '../store/types.ts';
import { cookies, setCookie } from './http.ts';
import type { UserDirectory } from './users.ts';

/** A signed-in user. */
export interface WebSession {
  user: string;
  /** Random id of this sign-in. */
  sid: string;
  /** The token forms and API calls must present with every change. */
  csrf: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** Options of the session keeper. */
export interface SessionOptions {
  users: UserDirectory;
  /** HS256 key; random when absent (sessions then live only as long as this process). */
  secret?: Uint8Array;
  ttlSec: number;
  /** Mark the cookie `Secure` (the public URL is https). */
  secure: boolean;
  /** The cookie's path, e.g. `/console`. */
  path: string;
  cookieName: string;
  /** Where sign-outs are shared (used with `secret`: only then can another process read the cookie). */
  store?: Store;
}

/** The store's record kind of a signed-out session id. */
const SIGNED_OUT = 'web-signout';

const ISSUER = 'mcp-guard-web';

/** Issues, reads and ends sessions. */
export class SessionKeeper {
  readonly #o: SessionOptions;
  readonly #key: Uint8Array;
  /** Session ids signed out in this process, until their expiry (seconds). */
  readonly #revoked = new Map<string, number>();

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#key = options.secret ?? randomBytes(32);
  }

  #csrf(sid: string): string {
    return createHmac('sha256', this.#key).update(`csrf\u0000${sid}`).digest('base64url');
  }

  /** Starts a session for `user`; returns the `Set-Cookie` value and the session. */
  async issue(user: string): Promise<{ cookie: string; session: WebSession }> {
    const known = this.#o.users.get(user);
    if (!known) throw new Error(`unknown user ${user}`);
    const sid = randomBytes(16).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + this.#o.ttlSec;
    const jwt = await new SignJWT({ sid, pwv: known.version })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user)
      .setIssuer(ISSUER)
      .setExpirationTime(exp)
      .sign(this.#key);
    const cookie = setCookie({
      name: this.#o.cookieName,
      value: jwt,
      httpOnly: true,
      secure: this.#o.secure,
      sameSite: 'strict',
      path: this.#o.path,
      maxAge: this.#o.ttlSec,
    });
    return { cookie, session: { user, sid, csrf: this.#csrf(sid), exp } };
  }

  /** The session of a request, if its cookie is valid, unexpired, not signed out and its user unchanged. */
  async read(req: IncomingMessage): Promise<WebSession | undefined> {
    const token = cookies(req)[this.#o.cookieName];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, algorithms: ['HS256'] });
      const { sub, sid, pwv, exp } = payload as { sub?: string; sid?: string; pwv?: string; exp?: number };
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return undefined;
      if (this.#revoked.has(sid)) return undefined;
      if (this.#o.users.get(sub)?.version !== pwv) return undefined;
      // Signed out on another replica (or before a restart). A store that cannot answer throws: the
      // request fails rather than letting a possibly signed-out session in.
      if (this.#shared && (await this.#shared.getRecord(SIGNED_OUT, sid, Date.now()))) {
        this.#revoked.set(sid, exp);
        return undefined;
      }
      return { user: sub, sid, csrf: this.#csrf(sid), exp };
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      return undefined;
    }
  }

  /** The store sign-outs are shared through: only with a configured secret (a random key's cookies never leave this process). */
  get #shared(): Store | undefined {
    return this.#o.secret === undefined ? undefined : this.#o.store;
  }

  /** True when `token` is this session's CSRF token (compared in constant time). */
  csrfOk(session: WebSession, token: string | undefined): boolean {
    if (typeof token !== 'string') return false;
    const want = Buffer.from(session.csrf);
    const given = Buffer.from(token);
    return want.length === given.length && timingSafeEqual(want, given);
  }

  /**
   * Ends a session (here, and in the store when shared, until the session would have expired); returns
   * the `Set-Cookie` value that clears the cookie.
   */
  async end(session: WebSession | undefined): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    for (const [sid, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(sid);
    if (session) {
      this.#revoked.set(session.sid, session.exp);
      await this.#shared?.putRecord(
        SIGNED_OUT,
        session.sid,
        { value: '1', expiresAt: session.exp * 1000 },
        Date.now(),
      );
    }
    return setCookie({
      name: this.#o.cookieName,
      value: '',
      httpOnly: true,
      secure: this.#o.secure,
      sameSite: 'strict',
      path: this.#o.path,
      maxAge: 0,
    });
  }
}
