import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/web/passwords.ts
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
var DEFAULT_COST = { ln: 17, r: 8, p: 1 };
var KEY_BYTES = 32;
var SALT_BYTES = 16;
function derive(password, salt, cost, length) {
  const N = 2 ** cost.ln;
  return new Promise(
    (resolve, reject) => (
      // maxmem: scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below OWASP's cost.
      scrypt(
        password,
        salt,
        length,
        { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
        (error, key) => error ? reject(error) : resolve(key)
      )
    )
  );
}
var b64 = (b) => b.toString("base64").replace(/=+$/, "");
async function hashPassword(password, cost = DEFAULT_COST) {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password.normalize("NFC"), salt, cost, KEY_BYTES);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}
async function verifyPassword(password, hash) {
  const key = await derive(password.normalize("NFC"), hash.salt, hash.cost, hash.hash.length);
  return timingSafeEqual(key, hash.hash);
}

export {
  DEFAULT_COST,
  hashPassword,
  verifyPassword
};
