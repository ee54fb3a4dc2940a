// Signing in to the guard's pages: the login form and its POST. Wrong passwords are rate limited per
// client address and per user name in the store (shared by replicas): past the limit the address (or
// name) is refused with 429 until the window has passed, whatever it presents. A successful sign-in
// sets the session cookie and goes back to the page that asked (only ever a page under `basePath`).
// Login CSRF: the POST must come from a page of the same origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../http/edge-auth.ts';
import type { Store } from '../store/types.ts';
import { type Html, html } from './html.ts';
import { readFields, redirect, sameOrigin, sendHtml } from './http.ts';
import type { SessionKeeper, WebSession } from './session.ts';
import type { KnownUser, UserDirectory } from './users.ts';

/** One sign-in attempt, as `onAttempt` reports it. */
export interface SignInAttempt {
  user: string;
  ok: boolean;
  address: string;
  reason?: string;
}

/** The audit record of a sign-in attempt (`method`: whose pages, e.g. `console/signin`). */
export function signInRecord(method: string, e: SignInAttempt) {
  return {
    decision: e.ok ? 'allow' : 'deny',
    method,
    session: '-',
    by: e.user || undefined,
    reason: e.ok ? `signed in from ${e.address}` : `${e.reason ?? 'refused'} (from ${e.address})`,
    latencyMs: 0,
  };
}

/** Renders a page around a body (the app's shell). */
export type RenderPage = (title: string, body: Html, session?: WebSession) => string;

/** Options of the sign-in handler. */
export interface SignInOptions {
  users: UserDirectory;
  /** Issues the session of a successful `post` (a page that only calls `attempt` needs none). */
  sessions?: SessionKeeper;
  store: Pick<Store, 'hit'>;
  /** Failed sign-ins per minute per address; per user name, four times as many. */
  attemptsPerMinute: number;
  /** Where the pages live, e.g. `/console`: `next` must stay under it. */
  basePath: string;
  render: RenderPage;
  /** What the form says under its heading (whose pages these are); default `mcp-guard console`. */
  subtitle?: string;
  /** Called for every attempt (the audit log). */
  onAttempt?: (event: SignInAttempt) => void;
  now?: () => number;
}

/** The login form and its POST. */
export class SignIn {
  readonly #o: SignInOptions;
  /** Key (address or user) -> time until which it is refused outright. */
  readonly #blocked = new Map<string, number>();

  constructor(options: SignInOptions) {
    this.#o = options;
  }

  /** A safe place to go after signing in: a path under the pages, never another site. */
  safeNext(next: string | null | undefined): string {
    const base = this.#o.basePath;
    if (!next?.startsWith(`${base}/`) || next.startsWith('//') || /[\\\r\n]/.test(next)) return base;
    return next;
  }

  /**
   * The login page. `action`, `subtitle` and `hidden` let another page reuse it (the OAuth sign-in
   * posts to its interaction, names the client and carries its CSRF token); `headers` go with it.
   */
  form(
    res: ServerResponse,
    next: string,
    options: {
      status?: number;
      error?: string;
      user?: string;
      action?: string;
      subtitle?: string;
      hidden?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
  ): void {
    const hidden = Object.entries(options.hidden ?? {}).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
    );
    const body = html`<section class="signin">
<h1>Sign in</h1>
<p class="muted">${options.subtitle ?? this.#o.subtitle ?? 'mcp-guard console'}</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="${options.action ?? `${this.#o.basePath}/login`}">
<input type="hidden" name="next" value="${this.safeNext(next)}">${hidden}
<label>User <input name="user" autocomplete="username" required value="${options.user ?? ''}" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
</section>`;
    sendHtml(res, options.status ?? 200, this.#o.render('Sign in', body), options.headers);
  }

  #refusedFor(keys: string[], now: number): number {
    let until = 0;
    for (const k of keys) {
      const t = this.#blocked.get(k) ?? 0;
      if (t <= now) this.#blocked.delete(k);
      else until = Math.max(until, t);
    }
    return until;
  }

  /**
   * Checks one sign-in attempt: the rate limit (per address and per user name, counted in the store),
   * then the password. Every attempt is reported to `onAttempt`; a wrong password counts.
   */
  async attempt(
    req: IncomingMessage,
    fields: Record<string, string> | undefined,
  ): Promise<
    { ok: true; user: KnownUser } | { ok: false; status: 401 | 429; user: string; retryAfterSec?: number }
  > {
    const now = (this.#o.now ?? Date.now)();
    const address = clientAddress(req);
    const user = fields?.user ?? '';
    const keys = [`signin-address:${address}`, `signin-user:${user}`];
    const until = this.#refusedFor(keys, now);
    if (until > now) {
      this.#o.onAttempt?.({ user, ok: false, address, reason: 'rate limited' });
      return { ok: false, status: 429, user, retryAfterSec: Math.ceil((until - now) / 1000) };
    }
    const found = fields && user !== '' ? await this.#o.users.verify(user, fields.password ?? '') : undefined;
    if (!found) {
      this.#o.onAttempt?.({ user, ok: false, address, reason: 'wrong user name or password' });
      const limit = this.#o.attemptsPerMinute;
      const [byAddress, byUser] = await Promise.all([
        this.#o.store.hit(keys[0], limit, now),
        this.#o.store.hit(keys[1], limit * 4, now),
      ]);
      for (const [k, r] of [
        [keys[0], byAddress],
        [keys[1], byUser],
      ] as const)
        if (!r.allowed) this.#blocked.set(k, now + r.retryAfterMs);
      return { ok: false, status: 401, user };
    }
    this.#o.onAttempt?.({ user: found.name, ok: true, address });
    return { ok: true, user: found };
  }

  /**
   * Handles the POST: checks the rate limit, the password, then signs in. Returns the new session (the
   * cookie is set and the redirect sent), or undefined once a refusal has been answered. `api` answers
   * in JSON instead of pages.
   */
  async post(
    req: IncomingMessage,
    res: ServerResponse,
    reply: {
      api: boolean;
      refuse: (status: number, message: string, headers?: Record<string, string>) => void;
    },
  ): Promise<WebSession | undefined> {
    if (!sameOrigin(req)) {
      reply.refuse(403, 'cross-site sign-in refused');
      return undefined;
    }
    const fields = await readFields(req);
    const next = this.safeNext(fields?.next);
    const outcome = await this.attempt(req, fields);
    if (!outcome.ok && outcome.status === 429) {
      const retry = String(outcome.retryAfterSec);
      if (reply.api) reply.refuse(429, 'too many failed sign-ins; try again later', { 'retry-after': retry });
      else
        this.form(res, next, {
          status: 429,
          user: outcome.user,
          error: `Too many failed sign-ins. Try again in ${retry} s.`,
        });
      return undefined;
    }
    if (!outcome.ok) {
      if (reply.api) reply.refuse(401, 'wrong user name or password');
      else this.form(res, next, { status: 401, user: outcome.user, error: 'Wrong user name or password.' });
      return undefined;
    }
    if (!this.#o.sessions) throw new Error('SignIn.post needs a session keeper');
    const { cookie, session } = await this.#o.sessions.issue(outcome.user.name);
    if (reply.api) {
      res.setHeader('set-cookie', cookie);
      return session;
    }
    redirect(res, next, { 'set-cookie': cookie });
    return session;
  }
}
