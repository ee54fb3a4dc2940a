// The pages of the guard's own issuer, server-rendered in the console's shell (its stylesheet, strict
// CSP, no inline script): sign-in and consent for an authorization (oidc-provider's interactions), the
// device flow's code entry, confirmation and success pages, and error pages. Sign-in reuses the
// console's users and its rate-limited `SignIn`; every form carries a CSRF token bound to the
// interaction and must come from this origin. The consent grants what the client asked for, as far as
// the client and the user may have it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { GuardUser } from '../../config/guard-types.ts';
import type { Asset } from '../console/assets.ts';
import { Html, html, page } from '../web/html.ts';
import { CSP, readFields, SECURITY_HEADERS, sameOrigin, sendHtml } from '../web/http.ts';
import type { SignIn } from '../web/signin.ts';
import { OAUTH_PATH } from './provider.ts';

/** Where the pages' stylesheet and script are served. */
export const ASSETS_PATH = `${OAUTH_PATH}/assets`;

/** What the pages need. */
export interface PagesOptions {
  assets: Map<string, Asset>;
  /** Keys the CSRF tokens (the issuer's page secret, the same on every replica). */
  pageSecret: string;
  signin: SignIn;
  /** The users, with the scopes each may grant. */
  users: readonly GuardUser[];
  /** Every scope the guard knows (a user without a list may grant these). */
  scopes: readonly string[];
  /** The scopes a client may get. */
  clientScopes(clientId: string): string[];
  /** The guard's canonical URL (the one resource). */
  resource: string;
  /** A device flow was approved (for the audit log). */
  onDeviceApproved(user: string, client: string, scope: string): void;
}

/**
 * How a client is named on the pages: its name, and for a client described by a metadata document the
 * host that serves it too (the name is the client's own word; the host is what was checked).
 */
export function clientLabel(client: { clientId: string; clientName?: string }): string {
  const name = client.clientName ?? client.clientId;
  const host = (client as { clientIdMetadataDocument?: boolean }).clientIdMetadataDocument
    ? URL.parse(client.clientId)?.host
    : undefined;
  return host && name !== client.clientId ? `${name} (${host})` : name;
}

/** The pages: the interaction handler for the mount, and the sources oidc-provider renders with. */
export class IssuerPages {
  readonly #o: PagesOptions;
  readonly #versions: { css: string; js: string };

  constructor(options: PagesOptions) {
    this.#o = options;
    this.#versions = {
      css: options.assets.get('console.css')!.version,
      js: options.assets.get('console.js')!.version,
    };
  }

  /** A whole page in the shell. */
  render(title: string, body: Html): string {
    return page({ title, body, assets: ASSETS_PATH, versions: this.#versions });
  }

  /** The CSRF token of an interaction. */
  #csrf(uid: string): string {
    return createHmac('sha256', this.#o.pageSecret).update(`oauth-csrf\u0000${uid}`).digest('base64url');
  }

  #csrfOk(uid: string, token: string | undefined): boolean {
    const want = Buffer.from(this.#csrf(uid));
    const given = Buffer.from(token ?? '');
    return want.length === given.length && timingSafeEqual(want, given);
  }

  /** Headers of a page whose form may end in a redirect to the client (CSP form-action covers redirects). */
  #headers(redirectUri: unknown): Record<string, string> {
    const origin = typeof redirectUri === 'string' ? URL.parse(redirectUri)?.origin : undefined;
    if (!origin || origin === 'null') return {};
    return { 'content-security-policy': CSP.replace("form-action 'self'", `form-action 'self' ${origin}`) };
  }

  #error(res: ServerResponse, status: number, message: string): void {
    sendHtml(
      res,
      status,
      this.render(
        'Not authorized',
        html`<section class="signin"><h1>Cannot continue</h1>
<p class="error" role="alert">${message}</p><p class="muted">Start again from your application.</p></section>`,
      ),
    );
  }

  /** `/oauth/interaction/<uid>[/login|/consent]`: the sign-in and consent of an authorization. */
  async interaction(
    provider: Provider,
    req: IncomingMessage,
    res: ServerResponse,
    rest: string,
  ): Promise<void> {
    const m = /^\/([\w-]{1,64})(?:\/(login|consent))?$/.exec(rest);
    if (!m) return this.#error(res, 404, 'No such page.');
    const [, uid, step] = m;
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return this.#error(res, 400, 'This sign-in has expired or was opened in another browser.');
    }
    if (details.uid !== uid) return this.#error(res, 400, 'This sign-in belongs to another request.');
    const client = await provider.Client.find(String(details.params.client_id));
    if (!client) return this.#error(res, 400, 'Unknown client.');
    const clientName = clientLabel(client);
    const headers = this.#headers(details.params.redirect_uri);
    const prompt = details.prompt.name;
    if (req.method === 'GET' && step === undefined) {
      if (prompt === 'login') return this.#login(res, uid, clientName, headers);
      if (prompt === 'consent') return this.#consent(res, details, clientName, client.clientId, headers);
      return this.#error(res, 400, `Unsupported step ${prompt}.`);
    }
    if (req.method !== 'POST' || step === undefined) return this.#error(res, 405, 'Use the form.');
    const fields = await readFields(req);
    if (!fields || !sameOrigin(req) || !this.#csrfOk(uid, fields.csrf))
      return this.#error(res, 403, 'This form was not sent by this page (missing or wrong CSRF token).');
    if (step === 'login') {
      if (prompt !== 'login') return this.#error(res, 400, 'Already signed in.');
      const outcome = await this.#o.signin.attempt(req, fields);
      if (!outcome.ok) {
        const error =
          outcome.status === 429
            ? `Too many failed sign-ins. Try again in ${outcome.retryAfterSec} s.`
            : 'Wrong user name or password.';
        return this.#login(res, uid, clientName, headers, {
          status: outcome.status,
          error,
          user: outcome.user,
        });
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: outcome.user.name } },
        {
          mergeWithLastSubmission: false,
        },
      );
      return;
    }
    if (prompt !== 'consent') return this.#error(res, 400, 'Nothing to consent to.');
    if (fields.decision !== 'allow') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the user denied the request' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const accountId = String(details.session?.accountId);
    const granted = this.#grantable(details, client.clientId, accountId);
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ??
        new provider.Grant({ accountId, clientId: client.clientId }))
      : new provider.Grant({ accountId, clientId: client.clientId });
    grant.addResourceScope(this.#o.resource, granted.join(' '));
    // What the client or the user may not have is recorded as refused, so it is not asked again.
    const missing = details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
    const refused = (missing?.[this.#o.resource] ?? []).filter((s) => !granted.includes(s));
    if (refused.length > 0) grant.rejectResourceScope(this.#o.resource, refused.join(' '));
    // The resource's scopes are in the library's scope list too, so they come back as OpenID scopes:
    // granted there as far as here, the rest refused (or the consent would be asked again).
    const oidc = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
    const oidcGranted = oidc.filter((s) => !this.#o.scopes.includes(s) || granted.includes(s));
    const oidcRefused = oidc.filter((s) => !oidcGranted.includes(s));
    if (oidcGranted.length > 0) grant.addOIDCScope(oidcGranted.join(' '));
    if (oidcRefused.length > 0) grant.rejectOIDCScope(oidcRefused.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  /** What the consent grants: asked for, allowed to the client, and allowed to the user. */
  #grantable(
    details: Awaited<ReturnType<Provider['interactionDetails']>>,
    clientId: string,
    user: string,
  ): string[] {
    const missing = details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
    const asked = missing?.[this.#o.resource] ?? [];
    const forClient = new Set(this.#o.clientScopes(clientId));
    const mine = this.#o.users.find((u) => u.name === user)?.scopes;
    const forUser = new Set(mine ?? this.#o.scopes);
    return asked.filter((s) => forClient.has(s) && forUser.has(s));
  }

  #login(
    res: ServerResponse,
    uid: string,
    clientName: string,
    headers: Record<string, string>,
    options: { status?: number; error?: string; user?: string } = {},
  ): void {
    this.#o.signin.form(res, OAUTH_PATH, {
      ...options,
      action: `${OAUTH_PATH}/interaction/${uid}/login`,
      subtitle: `to let ${clientName} use mcp-guard`,
      hidden: { csrf: this.#csrf(uid) },
      headers,
    });
  }

  #consent(
    res: ServerResponse,
    details: Awaited<ReturnType<Provider['interactionDetails']>>,
    clientName: string,
    clientId: string,
    headers: Record<string, string>,
  ): void {
    const user = String(details.session?.accountId);
    const granted = this.#grantable(details, clientId, user);
    const missing = details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
    const refused = (missing?.[this.#o.resource] ?? []).filter((s) => !granted.includes(s));
    const body = html`<section class="signin">
<h1>Authorize ${clientName}</h1>
<p><strong>${clientName}</strong> asks to use the MCP servers behind mcp-guard as <strong>${user}</strong>.</p>
${granted.length > 0 ? html`<p>It will get these scopes:</p><ul class="scopes">${granted.map((s) => html`<li><code>${s}</code></li>`)}</ul>` : html`<p>It asks for no scope.</p>`}
${refused.length > 0 ? html`<p class="muted">Not granted (not allowed to this client or to you): ${refused.join(', ')}</p>` : ''}
<form method="post" action="${OAUTH_PATH}/interaction/${details.uid}/consent">
<input type="hidden" name="csrf" value="${this.#csrf(details.uid)}">
<button type="submit" name="decision" value="allow" class="ok">Allow</button>
<button type="submit" name="decision" value="deny" class="danger">Deny</button>
</form>
</section>`;
    sendHtml(res, 200, this.render(`Authorize ${clientName}`, body), headers);
  }

  /** The sources oidc-provider renders the device flow and its errors with. */
  sources(): Required<
    Pick<
      NonNullable<NonNullable<Configuration['features']>['deviceFlow']>,
      'userCodeInputSource' | 'userCodeConfirmSource' | 'successSource'
    >
  > & { renderError: NonNullable<Configuration['renderError']> } {
    const send = (ctx: KoaContextWithOIDC, title: string, body: Html) => {
      ctx.set(SECURITY_HEADERS);
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = this.render(title, body);
    };
    // oidc-provider's own form markup (a hidden xsrf field, and the code input on the first page).
    const form = (source: string) => new Html(source);
    return {
      userCodeInputSource: async (ctx, source, _out, err) => {
        const message = err
          ? (err as { userCode?: string }).userCode || err.name === 'NoCodeError'
            ? 'That code is not right (or has expired). Try again.'
            : 'The sign-in was interrupted. Start again on your device.'
          : undefined;
        send(
          ctx,
          'Connect a device',
          html`<section class="signin">
<h1>Connect a device</h1>
<p class="muted">Enter the code your device shows.</p>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
${form(source)}
<button type="submit" form="op.deviceInputForm">Continue</button>
</section>`,
        );
      },
      userCodeConfirmSource: async (ctx, source, client, _deviceInfo, userCode) => {
        const name = clientLabel(client);
        send(
          ctx,
          'Confirm the device',
          html`<section class="signin">
<h1>Confirm the device</h1>
<p><strong>${name}</strong> asks to connect. Your device should show this code:</p>
<p class="user-code"><code>${userCode}</code></p>
<p class="muted">If it does not, or you did not start this, abort.</p>
${form(source)}
<button type="submit" form="op.deviceConfirmForm" class="ok">Continue</button>
<button type="submit" form="op.deviceConfirmForm" value="yes" name="abort" class="danger">Abort</button>
</section>`,
        );
      },
      successSource: async (ctx) => {
        const client = ctx.oidc.client;
        const name = client ? clientLabel(client) : 'the device';
        const code = ctx.oidc.entities.DeviceCode;
        this.#o.onDeviceApproved(
          String(code?.accountId ?? ctx.oidc.session?.accountId ?? ''),
          String(client?.clientId ?? ''),
          String(code?.scope ?? ''),
        );
        send(
          ctx,
          'Device connected',
          html`<section class="signin">
<h1>Device connected</h1>
<p>${name} is signed in. You can close this page.</p>
</section>`,
        );
      },
      renderError: async (ctx, out) => {
        send(
          ctx,
          'Error',
          html`<section class="signin"><h1>Cannot continue</h1>
<p class="error" role="alert">${String(out.error)}${out.error_description ? html`: ${String(out.error_description)}` : ''}</p></section>`,
        );
      },
    };
  }
}
