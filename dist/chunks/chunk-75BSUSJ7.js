import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  selfIssuerChecks
} from "./chunk-JW5THHOE.js";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors_exports,
  jwtVerify
} from "./chunk-RDICAMBL.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  issuerFor
} from "./chunk-YJ42EYLH.js";
import {
  StoreUnavailableError
} from "./chunk-2A7OQJ75.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

// src/guard/auth/oauth.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var OAuthError = class extends Error {
  status;
  error;
  description;
  scope;
  constructor(status, error, description, scope) {
    super(description);
    this.name = "OAuthError";
    this.status = status;
    this.error = error;
    this.description = description;
    this.scope = scope;
  }
};
var DEFAULT_OAUTH_ALGORITHMS = ["RS256", "ES256", "PS256", "EdDSA"];
function createOAuthVerifier(auth, resource, options = {}) {
  const algorithms = auth.algorithms.length > 0 ? auth.algorithms : DEFAULT_OAUTH_ALGORITHMS;
  for (const alg of algorithms) {
    if (/^none$/i.test(alg) || /^HS/i.test(alg))
      throw new Error(`auth.oauth.algorithms: ${alg} is refused (use an asymmetric algorithm such as RS256)`);
  }
  if (resource === "") throw new Error("auth.oauth: the guard needs a canonical URL (http.public_url)");
  let getKey = options.getKey;
  let issuers = auth.issuers;
  let live;
  if (auth.self) {
    issuers = [issuerFor(resource)];
    if (options.store) {
      const checks = selfIssuerChecks(options.store);
      getKey ??= checks.getKey;
      live = checks.live;
    } else if (getKey === void 0)
      throw new Error("auth.oauth.issuer self: the verifier needs the store that holds the keys");
  }
  if (issuers.length === 0) throw new Error("auth.oauth.issuers: list at least one issuer");
  if (getKey === void 0) {
    if (!auth.jwksUrl) throw new Error("auth.oauth.jwks_url: the authorization server JWKS URL is required");
    const cacheMs = Math.max(0, auth.jwksCacheSec) * 1e3;
    getKey = createRemoteJWKSet(new URL(auth.jwksUrl), {
      timeoutDuration: auth.jwksTimeoutMs,
      cacheMaxAge: cacheMs,
      // A token with an unknown `kid` refetches the JWKS (key rotation), but not more often than this.
      cooldownDuration: Math.min(3e4, cacheMs)
    });
  }
  const key = getKey;
  const verifyOptions = {
    algorithms,
    issuer: issuers,
    audience: resource,
    clockTolerance: auth.clockToleranceSec,
    requiredClaims: ["exp"]
  };
  const global = [...new Set(auth.scopes)];
  const stillGranted = async (claims) => {
    try {
      await live(claims);
    } catch (error) {
      if (error instanceof StoreUnavailableError)
        throw new OAuthError(503, "temporarily_unavailable", "the state store is unavailable");
      throw new OAuthError(401, "invalid_token", error.message);
    }
  };
  return {
    async verify(token) {
      const jwt = token.replace(/^Bearer\s+/i, "").trim();
      if (jwt === "") throw new OAuthError(401, "invalid_token", "no access token");
      let claims;
      try {
        claims = (await jwtVerify(jwt, key, verifyOptions)).payload;
      } catch (error) {
        if (keysUnavailable(error))
          throw new OAuthError(503, "temporarily_unavailable", describeJoseError(error));
        if (error instanceof StoreUnavailableError)
          throw new OAuthError(503, "temporarily_unavailable", "the state store is unavailable");
        throw new OAuthError(401, "invalid_token", describeJoseError(error));
      }
      const agent = claims[auth.agentClaim];
      if (typeof agent !== "string" || agent === "")
        throw new OAuthError(401, "invalid_token", `the token has no ${auth.agentClaim} claim`);
      const scopes = tokenScopes(claims);
      const missing = missingScopes(scopes, global);
      if (missing.length > 0)
        throw new OAuthError(403, "insufficient_scope", `missing scope: ${missing.join(" ")}`, global);
      if (!live) return { agent, scopes, claims };
      await stillGranted(claims);
      return { agent, scopes, claims, recheck: () => stillGranted(claims) };
    }
  };
}
function keysUnavailable(error) {
  if (error instanceof errors_exports.JWKSTimeout) return true;
  if (error instanceof errors_exports.JOSEError) return /JSON Web Key Set HTTP response/.test(error.message);
  return error instanceof TypeError && /fetch failed/.test(error.message);
}
function describeJoseError(error) {
  if (error instanceof errors_exports.JWTExpired) return "the token has expired";
  if (error instanceof errors_exports.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "the token was not issued for this resource (audience)";
    if (error.claim === "iss") return "the token was not issued by an accepted authorization server";
    return `invalid ${error.claim} claim: ${error.reason}`;
  }
  if (error instanceof errors_exports.JWKSTimeout) return "timed out fetching the authorization server's keys";
  if (error instanceof errors_exports.JWKSNoMatchingKey) return "no key of the authorization server matches";
  if (error instanceof errors_exports.JWSSignatureVerificationFailed) return "bad signature";
  if (error instanceof errors_exports.JOSEAlgNotAllowed) return "signing algorithm not accepted";
  if (error instanceof errors_exports.JOSEError) return `invalid token (${error.code})`;
  if (keysUnavailable(error)) return "cannot reach the authorization server's keys";
  return `invalid token: ${error.message}`;
}
function tokenScopes(claims) {
  const out = /* @__PURE__ */ new Set();
  for (const value of [claims.scope, claims.scp]) {
    const list = typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value : [];
    for (const s of list) if (typeof s === "string" && s !== "") out.add(s);
  }
  return [...out];
}
function requiredScopes(auth, tool) {
  const out = new Set(auth.scopes);
  if (tool !== void 0) {
    for (const [glob, scopes] of Object.entries(auth.toolScopes)) {
      if (import_picomatch.default.isMatch(tool, glob, { dot: true })) for (const s of scopes) out.add(s);
    }
  }
  return [...out];
}
function missingScopes(have, need) {
  const granted = new Set(have);
  return need.filter((s) => !granted.has(s));
}
function wwwAuthenticate(options) {
  const params = [];
  const add = (name, value) => {
    if (value !== void 0 && value !== "") params.push(`${name}="${quotable(value)}"`);
  };
  add("resource_metadata", options.resourceMetadataUrl);
  add("error", options.error);
  add("error_description", options.description);
  if (options.scope && options.scope.length > 0) add("scope", options.scope.join(" "));
  return params.length > 0 ? `Bearer ${params.join(", ")}` : "Bearer";
}
function quotable(value) {
  return value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "?");
}

// src/guard/auth/verify.ts
import { createPublicKey, hash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
var BEARER = /^Bearer\s+/i;
function apiKeyVerifier(keys) {
  if (keys.length === 0) throw new Error("auth.keys: api_key mode needs at least one key");
  return (credential) => {
    const presented = credential.replace(BEARER, "");
    const digest = hash("sha256", presented, "buffer");
    let agent;
    for (const key of keys) {
      if (key.sha256.length === digest.length && timingSafeEqual(key.sha256, digest)) agent ??= key.agent;
    }
    if (agent === void 0) throw new Error("invalid API key");
    return { agent };
  };
}
function makeVerifier(auth, resource, store) {
  if (auth.mode === "none") return async () => ({ agent: "anonymous" });
  if (auth.mode === "api_key") {
    const check = apiKeyVerifier(auth.keys);
    return async (credential) => check(credential);
  }
  if (auth.mode === "oauth") {
    if (resource === void 0)
      throw new Error("auth.oauth: the guard needs its canonical URL (http.public_url)");
    const oauth = createOAuthVerifier(auth, resource, { store });
    return async (credential) => {
      const { agent, scopes, recheck } = await oauth.verify(credential);
      return recheck ? { agent, scopes, recheck } : { agent, scopes };
    };
  }
  if (auth.mode !== "jwt") throw new Error(`auth.mode: unknown mode ${auth.mode}`);
  if (auth.algorithms.length === 0) throw new Error("auth.jwt.algorithms: list the accepted algorithms");
  if (auth.algorithms.some((a) => a.toLowerCase() === "none"))
    throw new Error("auth.jwt.algorithms: none is refused");
  let key;
  if (auth.secret) key = auth.secret;
  else if (auth.publicKey) key = createPublicKey(auth.publicKey);
  else if (auth.jwksFile) key = createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, "utf8")));
  else if (auth.jwksUrl) key = createRemoteJWKSet(new URL(auth.jwksUrl));
  else throw new Error("auth.jwt: a secret, a public key or a JWKS is required");
  const options = {
    algorithms: auth.algorithms,
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockToleranceSec,
    requiredClaims: ["exp"]
  };
  return async (credential) => {
    const token = credential.replace(BEARER, "");
    let payload;
    try {
      payload = typeof key === "function" ? (await jwtVerify(token, key, options)).payload : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw new Error(`invalid token: ${error.message}`);
    }
    const agent = payload[auth.agentClaim];
    if (typeof agent !== "string" || agent === "")
      throw new Error(`invalid token: no ${auth.agentClaim} claim`);
    return { agent };
  };
}

export {
  OAuthError,
  requiredScopes,
  missingScopes,
  wwwAuthenticate,
  apiKeyVerifier,
  makeVerifier
};
