import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  OAuthError,
  apiKeyVerifier,
  makeVerifier,
  wwwAuthenticate
} from "./chunk-75BSUSJ7.js";
import {
  decodeJwt
} from "./chunk-RDICAMBL.js";

// src/guard/http/edge-auth.ts
import { createHash, timingSafeEqual } from "node:crypto";
var TOKEN_CACHE_MS = 3e4;
var TOKEN_CACHE_MAX = 1024;
var FAILURE_DELAY_MS = 1e3;
var BLOCKED_MAX = 1e4;
function clientAddress(req) {
  return req.socket.remoteAddress ?? "unknown";
}
function presentedCredential(req) {
  const authz = req.headers.authorization;
  if (authz !== void 0) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authz);
    if (!m) return { malformed: 'Authorization must be "Bearer <token>"' };
    return { credential: m[1] };
  }
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key !== "") return { credential: key };
  return {};
}
var EdgeAuth = class {
  #o;
  #verify;
  #now;
  /** Address -> time until which its failures are answered late with 429 (over the failure limit). */
  #blocked = /* @__PURE__ */ new Map();
  /** SHA-256 of a verified token -> what it names, until when (jwt and oauth modes only). */
  #tokens = /* @__PURE__ */ new Map();
  #cacheTokens;
  /** The synchronous API key check (api_key mode). */
  #apiKey;
  /** Per connection: the API key it presented last and the principal it names (api_key mode). */
  #byConnection = /* @__PURE__ */ new WeakMap();
  constructor(options) {
    this.#o = options;
    this.#verify = options.verify ?? makeVerifier(options.auth, options.resource, options.store);
    this.#now = options.now ?? Date.now;
    this.#cacheTokens = options.auth.mode === "jwt" || options.auth.mode === "oauth";
    this.#apiKey = options.auth.mode === "api_key" && options.verify === void 0 ? apiKeyVerifier(options.auth.keys) : void 0;
  }
  /** The `WWW-Authenticate` value for a 401 (RFC 6750; RFC 9728 `resource_metadata` in OAuth mode). */
  challenge(error, description, scope) {
    return wwwAuthenticate({ resourceMetadataUrl: this.#o.resourceMetadataUrl, error, description, scope });
  }
  /**
   * Authenticates one request: the principal, or the refusal to send. The credential is always checked:
   * a valid one passes whatever others sent from the same address (on loopback that is every local
   * client), and only failures are slowed down.
   */
  authenticate(req) {
    const address = clientAddress(req);
    if (this.#o.auth.mode === "none") return { id: `addr:${address}`, address };
    const { credential, malformed } = presentedCredential(req);
    if (credential === void 0) {
      const reason = malformed ?? "no credential: send Authorization: Bearer <token> or X-API-Key";
      return malformed ? this.#fail(address, reason) : this.#unauthorized(reason);
    }
    return this.#apiKey ? this.#checkKey(req, credential, address) : this.#check(credential, address);
  }
  /**
   * An API key, with no promise: the key a connection presented last, presented again, is compared
   * (constant time) with it instead of hashed and compared with every configured key. Keys never
   * change while the guard runs, so a key verified once stays valid.
   */
  #checkKey(req, credential, address) {
    const known = this.#byConnection.get(req.socket);
    if (known !== void 0) {
      const presented = Buffer.from(credential);
      if (presented.length === known.credential.length && timingSafeEqual(presented, known.credential))
        return known.principal;
    }
    let agent;
    try {
      agent = this.#apiKey(credential).agent;
    } catch (error) {
      return this.#fail(address, error.message);
    }
    const principal = { id: `agent:${agent}`, agent, scopes: void 0, address };
    this.#byConnection.set(req.socket, { credential: Buffer.from(credential), principal });
    return principal;
  }
  async #check(credential, address) {
    const now = this.#now();
    try {
      const { agent, scopes } = this.#cacheTokens ? await this.#verifyToken(credential, now) : await this.#verify(credential);
      return { id: `agent:${agent}`, agent, scopes, address };
    } catch (error) {
      if (error instanceof OAuthError && error.status === 503) {
        return { status: 503, message: error.description, headers: { "retry-after": "5" } };
      }
      if (error instanceof OAuthError && error.status === 403) {
        return {
          status: 403,
          message: error.description,
          headers: { "www-authenticate": this.challenge(error.error, error.description, error.scope) }
        };
      }
      return this.#fail(address, error.message);
    }
  }
  /** Verifies a token, or accepts it again when it was verified recently and has not expired. */
  async #verifyToken(token, now) {
    const key = createHash("sha256").update(token).digest("base64");
    const known = this.#tokens.get(key);
    if (known !== void 0) {
      if (known.until > now) {
        if (known.verified.recheck) {
          try {
            await known.verified.recheck();
          } catch (error) {
            this.#tokens.delete(key);
            throw error;
          }
        }
        return known.verified;
      }
      this.#tokens.delete(key);
    }
    const verified = await this.#verify(token);
    let exp;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      return verified;
    }
    if (typeof exp !== "number") return verified;
    const until = Math.min(exp * 1e3, now + TOKEN_CACHE_MS);
    if (until <= now) return verified;
    if (this.#tokens.size >= TOKEN_CACHE_MAX) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest !== void 0) this.#tokens.delete(oldest);
    }
    this.#tokens.set(key, { verified, until });
    return verified;
  }
  #unauthorized(message, error) {
    return {
      status: 401,
      message: `unauthenticated: ${message}`,
      headers: { "www-authenticate": this.challenge(error, error ? message : void 0) }
    };
  }
  /**
   * A failed authentication: counted per address in the store; past the limit it is answered with 429
   * only after {@link FAILURE_DELAY_MS}, so guessing from one address goes no faster than that per
   * connection (and connections per address are capped).
   */
  async #fail(address, reason) {
    const now = this.#now();
    const until = this.#blocked.get(address);
    if (until !== void 0 && until > now) return this.#slowDown(until - now);
    if (until !== void 0) this.#blocked.delete(address);
    const limit = this.#o.failuresPerMinute ?? 10;
    const { allowed, retryAfterMs } = await this.#o.store.hit(`auth-fail:${address}`, limit, now).catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!allowed) {
      if (this.#blocked.size >= BLOCKED_MAX) this.#forgetExpired(now);
      this.#blocked.set(address, now + Math.max(retryAfterMs, 1e3));
      return this.#slowDown(retryAfterMs);
    }
    return this.#unauthorized(reason, "invalid_token");
  }
  async #slowDown(retryAfterMs) {
    await new Promise((resolve) => setTimeout(resolve, this.#o.failureDelayMs ?? FAILURE_DELAY_MS));
    return {
      status: 429,
      message: "too many failed authentications; slow down",
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1e3))) }
    };
  }
  #forgetExpired(now) {
    for (const [address, until] of this.#blocked) if (until <= now) this.#blocked.delete(address);
    for (const address of this.#blocked.keys()) {
      if (this.#blocked.size < BLOCKED_MAX) break;
      this.#blocked.delete(address);
    }
  }
};

export {
  clientAddress,
  EdgeAuth
};
