import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  SignJWT
} from "./chunk-RDICAMBL.js";
import {
  MIN_HS_SECRET_BYTES
} from "./chunk-A257UFCZ.js";

// src/guard/jwt.ts
var JwtOptionsError = class extends Error {
  name = "JwtOptionsError";
};
async function createJwt(options) {
  const secret = typeof options.secret === "string" ? new TextEncoder().encode(options.secret) : options.secret;
  if (!(secret instanceof Uint8Array) || secret.length < MIN_HS_SECRET_BYTES)
    throw new JwtOptionsError(
      `secret: ${secret?.length ?? 0} bytes; use at least ${MIN_HS_SECRET_BYTES} (the guard refuses shorter ones; try: openssl rand -base64 48)`
    );
  if (typeof options.agentId !== "string" || options.agentId.trim() === "")
    throw new JwtOptionsError("agentId: give the agent the token is for");
  const ttl = options.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new JwtOptionsError("ttlSeconds: expected a positive integer");
  const algorithm = options.algorithm ?? "HS256";
  if (!/^HS(256|384|512)$/.test(algorithm))
    throw new JwtOptionsError("algorithm: expected HS256, HS384 or HS512");
  const claim = options.agentClaim ?? "sub";
  let jwt = new SignJWT(claim === "sub" ? {} : { [claim]: options.agentId }).setProtectedHeader({ alg: algorithm, typ: "JWT" }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1e3) + ttl);
  if (claim === "sub") jwt = jwt.setSubject(options.agentId);
  if (options.issuer !== void 0) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== void 0) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secret);
}

export {
  JwtOptionsError,
  createJwt
};
