import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors_exports,
  exportJWK,
  generateKeyPair
} from "./chunk-RDICAMBL.js";

// src/guard/oauth/keys.ts
import { randomBytes } from "node:crypto";
var RECORD_PREFIX = "oauth:";
var KIND = `${RECORD_PREFIX}secrets`;
var ID = "current";
async function newKey(alg, now) {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...alg.startsWith("RS") || alg.startsWith("PS") ? { modulusLength: 3072 } : {}
  });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  jwk.alg = alg;
  jwk.use = "sig";
  return { jwk, createdAt: now };
}
async function readSecrets(store, now = Date.now()) {
  const r = await store.getRecord(KIND, ID, now);
  return r && JSON.parse(r.value);
}
async function loadSecrets(store, alg, now = Date.now()) {
  const known = await readSecrets(store, now);
  if (known) return known;
  const made = {
    keys: [await newKey(alg, now)],
    cookieKeys: [randomBytes(32).toString("base64url")],
    pageSecret: randomBytes(32).toString("base64url")
  };
  if (await store.putRecord(KIND, ID, { value: JSON.stringify(made) }, now, true)) return made;
  const winner = await readSecrets(store, now);
  if (!winner) throw new Error("the OAuth issuer secrets vanished from the store while being created");
  return winner;
}
async function rotateKeys(store, alg, keepMs, now = Date.now()) {
  const secrets = await loadSecrets(store, alg, now);
  const fresh = await newKey(alg, now);
  const kept = [];
  const dropped = [];
  for (const k of secrets.keys) {
    const retireAt = k.retireAt ?? now + keepMs;
    if (retireAt <= now) dropped.push(String(k.jwk.kid));
    else kept.push({ ...k, retireAt });
  }
  const next = { ...secrets, keys: [fresh, ...kept] };
  await store.putRecord(KIND, ID, { value: JSON.stringify(next) }, now);
  return {
    current: String(fresh.jwk.kid),
    retiring: kept.map((k) => ({ kid: String(k.jwk.kid), retireAt: k.retireAt })),
    dropped
  };
}
function publishedKeys(secrets, now = Date.now()) {
  return secrets.keys.filter((k) => k.retireAt === void 0 || k.retireAt > now).map((k) => k.jwk);
}
function publicJwk(jwk) {
  const {
    d: _d,
    p: _p,
    q: _q,
    dp: _dp,
    dq: _dq,
    qi: _qi,
    oth: _oth,
    ...pub
  } = jwk;
  return pub;
}
var RELOAD_COOLDOWN_MS = 1e3;
var RELOAD_EVERY_MS = 6e4;
var checksByStore = /* @__PURE__ */ new WeakMap();
function selfIssuerChecks(store) {
  const known = checksByStore.get(store);
  if (known) return known;
  let resolver;
  let loadedAt = 0;
  let pending;
  const load = async () => {
    const now = Date.now();
    const secrets = await readSecrets(store, now);
    resolver = createLocalJWKSet({ keys: secrets ? publishedKeys(secrets, now).map(publicJwk) : [] });
    loadedAt = now;
  };
  const reload = () => {
    pending ??= (async () => {
      const wait = loadedAt + RELOAD_COOLDOWN_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await load();
    })().finally(() => {
      pending = void 0;
    });
    return pending;
  };
  const checks = {
    async getKey(header, token) {
      if (!resolver || Date.now() - loadedAt > RELOAD_EVERY_MS) await reload();
      try {
        return await resolver(header, token);
      } catch (error) {
        if (!(error instanceof errors_exports.JWKSNoMatchingKey)) throw error;
        const asked = Date.now();
        await reload();
        if (loadedAt < asked) await reload();
        return resolver(header, token);
      }
    },
    async live(claims) {
      if (typeof claims.gid !== "string") return;
      if (!await store.getRecord(`${RECORD_PREFIX}Grant`, claims.gid, Date.now()))
        throw new Error("the grant behind this token has been revoked");
    }
  };
  checksByStore.set(store, checks);
  return checks;
}

export {
  RECORD_PREFIX,
  readSecrets,
  loadSecrets,
  rotateKeys,
  publishedKeys,
  publicJwk,
  selfIssuerChecks
};
