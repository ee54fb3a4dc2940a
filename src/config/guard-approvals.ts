// The guard config's `approvals` (error or wait, webhooks) and `console` (users, sessions) sections.
// Split from guard-normalize.ts; every refusal names its key, so the loader can point at its line.

import type { JsonPath } from './document.ts';
import { type Fail, MIN_HS_SECRET_BYTES, positive } from './guard-normalize.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import type { GuardApprovals, GuardAuth, GuardConsole } from './guard-types.ts';
import { parsePasswordHash } from './password-hash.ts';

/** Defaults of these sections, documented in docs/guard-config.md. */
export const APPROVAL_DEFAULTS = {
  waitSec: 300,
  webhookTimeoutMs: 5000,
  webhookRetries: 3,
  sessionTtlSec: 28_800,
  loginAttemptsPerMinute: 5,
  oauthScope: 'console',
} as const;

/** `approvals`: the mode of held calls and the webhooks (secrets checked, fail closed). */
export function normalizeApprovals(raw: RawGuardConfig, fail: Fail): GuardApprovals {
  const a = raw.approvals ?? {};
  const notify = (a.notify ?? []).map((w, i) => {
    const at = (...k: string[]): JsonPath => ['approvals', 'notify', i, ...k];
    // A `${VAR}` kept as written (the scanner's lint mode) is judged at deploy time, not by its text.
    if (fail.known(at('url')) && (!URL.canParse(w.url) || !/^https?:$/.test(new URL(w.url).protocol)))
      fail(at('url'), 'expected the http(s) URL of the webhook');
    const format = w.format ?? 'json';
    if (
      w.secret !== undefined &&
      fail.known(at('secret')) &&
      new TextEncoder().encode(w.secret).length < MIN_HS_SECRET_BYTES
    )
      fail(at('secret'), `use at least ${MIN_HS_SECRET_BYTES} bytes (try: openssl rand -base64 48)`);
    if (format === 'json' && w.secret === undefined)
      fail(at('secret'), 'json webhooks are signed: give a secret (e.g. "${WEBHOOK_SECRET}")');
    return {
      url: w.url,
      format,
      ...(w.secret !== undefined ? { secret: w.secret } : {}),
      timeoutMs: positive(w.timeout_ms, at('timeout_ms'), fail) ?? APPROVAL_DEFAULTS.webhookTimeoutMs,
      retries:
        w.retries !== undefined && w.retries > 10
          ? fail(at('retries'), 'at most 10 (each waits twice as long as the one before)')
          : (w.retries ?? APPROVAL_DEFAULTS.webhookRetries),
    };
  });

  return {
    mode: a.mode ?? 'error',
    waitSec: positive(a.wait_sec, ['approvals', 'wait_sec'], fail) ?? APPROVAL_DEFAULTS.waitSec,
    notify,
  };
}

/** `console`: its users (hashes parsed), session settings. */
export function normalizeConsole(
  raw: RawGuardConfig,
  authMode: GuardAuth['mode'] | undefined,
  fail: Fail,
): GuardConsole {
  const c = raw.console ?? {};
  const at = (...k: (string | number)[]): JsonPath => ['console', ...k];
  const names = new Set<string>();
  const users = (c.users ?? []).map((u, i) => {
    if (!/^[^\s\p{C}:]{1,64}$/u.test(u.name))
      fail(at('users', i, 'name'), 'a user name is 1 to 64 characters without spaces or colons');
    if (names.has(u.name)) fail(at('users', i, 'name'), `user "${u.name}" appears twice`);
    names.add(u.name);
    try {
      if (fail.known(at('users', i, 'password_hash'))) parsePasswordHash(u.password_hash);
    } catch (error) {
      fail(at('users', i, 'password_hash'), (error as Error).message);
    }
    (u.scopes ?? []).forEach((scope, j) => {
      if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))
        fail(at('users', i, 'scopes', j), 'a scope is printable ASCII without spaces, quotes or backslashes');
    });
    return {
      name: u.name,
      passwordHash: u.password_hash.trim(),
      ...(u.scopes !== undefined ? { scopes: u.scopes } : {}),
    };
  });
  const enabled = c.enabled ?? false;
  if (enabled && users.length === 0 && authMode !== 'oauth' && authMode !== undefined)
    fail(
      at('enabled'),
      'the console needs its own users: add console.users with a name and a password_hash (`mcp-guard guard console hash-password`)',
    );
  const out: GuardConsole = {
    enabled,
    users,
    sessionTtlSec:
      positive(c.session_ttl_sec, at('session_ttl_sec'), fail) ?? APPROVAL_DEFAULTS.sessionTtlSec,
    loginAttemptsPerMinute:
      positive(c.login_attempts_per_minute, at('login_attempts_per_minute'), fail) ??
      APPROVAL_DEFAULTS.loginAttemptsPerMinute,
    oauthScope: c.oauth_scope ?? APPROVAL_DEFAULTS.oauthScope,
  };
  if (c.session_secret !== undefined) {
    const bytes = new TextEncoder().encode(c.session_secret);
    if (fail.known(at('session_secret')) && bytes.length < MIN_HS_SECRET_BYTES)
      fail(
        at('session_secret'),
        `${bytes.length} bytes; use at least ${MIN_HS_SECRET_BYTES} (openssl rand -base64 48)`,
      );
    out.sessionSecret = bytes;
  }
  if (out.oauthScope.trim() === '' || /\s/.test(out.oauthScope))
    fail(at('oauth_scope'), 'one scope name, without spaces');
  return out;
}
