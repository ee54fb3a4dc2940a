// Checks the HTTP guard makes before anything else sees a request: Origin allowlist and Host check
// (DNS rebinding), credentials refused in query strings, a bounded body reader, and the removal of
// inbound credential headers so nothing downstream can forward them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardHttp } from '../../config/guard-types.ts';
import { isLoopbackListen } from '../../config/listen.ts';

/** Names of loopback hosts as they appear in a `Host` header (without port). */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * True when the bind address `host` only accepts connections from this machine. The scanner's rule
 * MG210 judges a guard config's `http.host` with the same function, so the guard refuses to start
 * exactly where the scanner reports an exposed, unauthenticated guard.
 */
export function isLoopback(host: string): boolean {
  return isLoopbackListen(host);
}

/** Splits a Host header value into its name (lower case, IPv6 in brackets) and port. */
export function splitHost(value: string): { name: string; port?: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(value.trim().toLowerCase());
  if (!m) return { name: value.toLowerCase() };
  return { name: m[1], port: m[2] };
}

/** Decides which Host and Origin values the guard accepts. */
export class WireGuard {
  readonly #http: GuardHttp;
  readonly #loopback: boolean;
  #port = 0;
  /** The last Host value allowed (the verdict depends only on the value, the config and the port). */
  #lastAllowed: string | undefined;

  constructor(http: GuardHttp, boundHost: string) {
    this.#http = http;
    this.#loopback = isLoopback(boundHost);
  }

  /** The port actually bound (known after listen; 0 picks one). */
  set port(port: number) {
    this.#port = port;
    this.#lastAllowed = undefined;
  }

  /**
   * Host check. Bound to loopback, only loopback names (and `allowed_hosts`) pass: a DNS-rebinding
   * page reaches 127.0.0.1 under its own name, which shows in Host. Elsewhere, `allowed_hosts` when set.
   */
  hostAllowed(value: string | undefined): boolean {
    if (value === undefined || value === '') return !this.#loopback && this.#http.allowedHosts.length === 0;
    // Every request of a client names the same Host: the last one allowed is taken without parsing.
    if (value === this.#lastAllowed) return true;
    const allowed = this.#judgeHost(value);
    // Remembered only once the port is known (it is part of the verdict on loopback).
    if (allowed && this.#port !== 0) this.#lastAllowed = value;
    return allowed;
  }

  #judgeHost(value: string): boolean {
    const { name, port } = splitHost(value);
    const listed = this.#http.allowedHosts.some((h) => {
      const want = h.toLowerCase();
      return want === value.toLowerCase() || want === name;
    });
    if (listed) return true;
    if (this.#loopback)
      return LOOPBACK_NAMES.has(name) && (port === undefined || port === String(this.#port));
    return this.#http.allowedHosts.length === 0;
  }

  /**
   * Origin check: absent passes (non-browser clients send none); otherwise it must be listed in
   * `allowed_origins` or be the guard's own origin (a page the guard itself would serve, as the
   * conformance suite's same-origin request is).
   */
  originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.#http.allowedOrigins.includes(origin)) return true;
    if (!URL.canParse(origin) || hostHeader === undefined) return false;
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.host === hostHeader.toLowerCase() && this.hostAllowed(url.host);
  }
}

/** Query parameters that carry credentials; a request naming one is refused (they end up in logs). */
const TOKEN_PARAMS = ['access_token', 'token', 'api_key', 'apikey', 'key', 'authorization', 'auth'];

/** Returns the credential-looking query parameter of a URL, if any. */
export function queryCredential(url: URL): string | undefined {
  for (const name of url.searchParams.keys()) {
    if (TOKEN_PARAMS.includes(name.toLowerCase())) return name;
  }
  return undefined;
}

/** Removes inbound credential headers so that no later stage can forward them to a backend. */
export function stripCredentialHeaders(req: IncomingMessage): void {
  delete req.headers.authorization;
  delete req.headers['x-api-key'];
  // In place, from the end (so indexes stay valid): no copy of the headers on every request.
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    // Only a name of the right length is lowered and compared: no new string for every other header.
    const length = raw[i].length;
    if (length !== 13 && length !== 9) continue;
    const name = raw[i].toLowerCase();
    if (name === 'authorization' || name === 'x-api-key') raw.splice(i, 2);
  }
}

/** The outcome of reading a body: its text, or too large (the rest is drained, not stored). */
export type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * How much of an oversized body is read and dropped so that the client, still sending, receives its 413
 * rather than a broken pipe. Beyond this the guard stops reading and the connection is closed.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads a request body up to `max` bytes; stops storing past the limit (Content-Length checked first). */
export async function readBody(req: IncomingMessage, max: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > Math.max(max, DRAIN_BYTES)) {
    req.resume();
    return { ok: false, tooLarge: true };
  }
  // Events rather than `for await`: an async iterator costs a promise per chunk and more per request,
  // and a call's body is usually one chunk.
  return new Promise<Body>((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    let tooLarge = Number.isFinite(declared) && declared > max;
    const detach = () =>
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
    const finish = (body: Body) => {
      detach();
      resolve(body);
    };
    // The client went away (or the stream failed) before the end of its body.
    const onAbort = (error?: Error) => {
      detach();
      reject(error ?? new Error('the request was aborted before its body ended'));
    };
    const onData = (chunk: Buffer) => {
      // Past the limit the rest is read and dropped: the client gets its 413 instead of a reset.
      length += chunk.length;
      if (length > max) tooLarge = true;
      if (!tooLarge) parts.push(chunk);
      else if (length > DRAIN_BYTES) {
        req.destroy(); // stop reading: the connection is closed after the 413
        parts.length = 0;
        finish({ ok: false, tooLarge: true });
      }
    };
    const onEnd = () => {
      if (tooLarge) {
        parts.length = 0;
        finish({ ok: false, tooLarge: true });
        return;
      }
      finish({
        ok: true,
        text: parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts).toString('utf8'),
      });
    };
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

/** Sends a JSON document. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}
