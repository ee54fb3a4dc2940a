// The client side of the guard's own authorization server in tests: the MCP SDK's `OAuthClientProvider`
// kept in memory (a pre-registered client, a dynamically registered one, or one named by its metadata
// document's URL), the sign-in and consent pages driven in Chromium, and the loopback page the
// client's redirect URI points at.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Page } from 'playwright-core';

/** The client's redirect URI: a loopback page that only says the sign-in is done (the code is in its URL). */
export async function callbackServer(): Promise<{ redirectUrl: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end('signed in; you can close this page'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    redirectUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * The SDK's client side of OAuth, kept in memory. With a `clientId`, a pre-registered public client
 * (PKCE); without, the SDK registers one (RFC 7591) or, given `clientMetadataUrl`, uses that URL as
 * its client id (a client ID metadata document).
 */
export class MemoryOAuth implements OAuthClientProvider {
  #tokens: OAuthTokens | undefined;
  #verifier = '';
  #client: OAuthClientInformationMixed | undefined;
  authorizationUrl: URL | undefined;
  readonly redirectUrl: string;
  readonly clientMetadataUrl: string | undefined;
  constructor(redirectUrl: string, opts: { clientId?: string; clientMetadataUrl?: string } = {}) {
    this.redirectUrl = redirectUrl;
    this.clientMetadataUrl = opts.clientMetadataUrl;
    if (opts.clientId) this.#client = { client_id: opts.clientId };
  }
  get clientMetadata(): OAuthClientMetadata {
    return { redirect_uris: [this.redirectUrl], client_name: 'e2e', token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

/**
 * Opens an authorization URL in Chromium, signs in when a user is given (first with a wrong password
 * when asked), allows on the consent page, and returns the code the client's redirect URI receives.
 */
export async function authorizeInBrowser(
  page: Page,
  url: URL,
  redirectUrl: string,
  opts: { user?: string; password?: string; wrongFirst?: boolean } = {},
): Promise<string> {
  await page.goto(url.href);
  if (opts.user) {
    if (opts.wrongFirst) {
      await page.fill('input[name=user]', opts.user);
      await page.fill('input[name=password]', 'not the password');
      await page.click('form button[type=submit]');
      await page.waitForSelector('.error');
    }
    await page.fill('input[name=user]', opts.user);
    await page.fill('input[name=password]', opts.password ?? '');
    await page.click('form button[type=submit]');
  }
  await page.waitForSelector('button[value=allow]');
  assert.match((await page.textContent('h1')) ?? '', /Authorize/);
  await page.click('button[value=allow]');
  await page.waitForURL((u) => u.href.startsWith(redirectUrl));
  const code = new URL(page.url()).searchParams.get('code');
  assert.ok(code, page.url());
  return code;
}
