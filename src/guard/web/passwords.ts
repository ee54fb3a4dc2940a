// Password hashes for the people who sign in to the guard's pages (the console, and the OAuth sign-in
// pages built on the same users): scrypt from node:crypto, salted, in the PHC string format
// `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without padding), so the cost travels with the hash
// and can be raised later without breaking existing ones. Defaults follow OWASP's advice for scrypt
// (N = 2^17, r = 8, p = 1: 128 MiB and a tenth of a second or so per check).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ParsedHash, ScryptCost } from '../../config/password-hash.ts';

export { type ParsedHash, parsePasswordHash, type ScryptCost } from '../../config/password-hash.ts';

/** The cost new hashes get. */
export const DEFAULT_COST: ScryptCost = { ln: 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.ln;
  return new Promise((resolve, reject) =>
    // maxmem: scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below OWASP's cost.
    scrypt(password, salt, length, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password.normalize('NFC'), salt, cost, KEY_BYTES);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

/** True when `password` matches `hash` (compared in constant time). */
export async function verifyPassword(password: string, hash: ParsedHash): Promise<boolean> {
  const key = await derive(password.normalize('NFC'), hash.salt, hash.cost, hash.hash.length);
  return timingSafeEqual(key, hash.hash);
}
