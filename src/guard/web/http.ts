// The HTTP plumbing of the guard's pages: security headers on every answer (a strict
// Content-Security-Policy without inline script or style, no framing, no sniffing, no caching),
// redirects, form bodies, cookies (the `cookie` package) and the same-origin check for changes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
import { readBody } from '../http/security.ts';

/** The pages' policy: only files from the guard itself, nothing inline, no plugins, no framing. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Headers every page and API answer carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Not no-referrer: with it, browsers send `Origin: null` on the pages' own form posts.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Sends an HTML page. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

/** Sends JSON (the console's API). */
export function sendApiJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** 303 See Other: after a form POST, the browser GETs `location`. */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, ...headers });
  res.end();
}

/** The largest form or API body a page accepts. */
const MAX_FORM_BYTES = 64 * 1024;

/** Reads a form (`application/x-www-form-urlencoded`) or JSON object body; undefined when unreadable. */
export async function readFields(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body.ok) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const value = body.text === '' ? {} : JSON.parse(body.text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
      return out;
    } catch {
      return undefined;
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === '')
    return Object.fromEntries(new URLSearchParams(body.text));
  return undefined;
}

/** The request's cookies. */
export function cookies(req: IncomingMessage): Record<string, string | undefined> {
  return req.headers.cookie ? parseCookie(req.headers.cookie) : {};
}

/** A `Set-Cookie` value. */
export function setCookie(cookie: SetCookie): string {
  return stringifySetCookie(cookie);
}

/**
 * True when a state-changing request comes from a page of this same origin, or from no browser at all
 * (a script sends neither header). A cross-site form or fetch always sends one of them: modern browsers
 * send `Sec-Fetch-Site`, and every browser sends `Origin` on a cross-origin POST.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
