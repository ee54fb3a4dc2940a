// Password hashes for the people who sign in to the guard's pages (the console, and the OAuth sign-in
// pages built on the same users): scrypt from node:crypto, salted, in the PHC string format
// `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without padding), so the cost travels with the hash
// and can be raised later without breaking existing ones. Defaults follow OWASP's advice for scrypt
// (N = 2^17, r = 8, p = 1: 128 MiB and a tenth of a second or so per check).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The cost of a scrypt hash: N = 2^ln, block size r, parallelism p. */
export interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}

/** The cost new hashes get. */
export const DEFAULT_COST: ScryptCost = { ln: 17, r: 8, p: 1 };
/** Costs accepted when reading a hash: below is too cheap to slow guessing, above would exhaust memory. */
const LIMITS = { ln: [14, 20], r: [8, 32], p: [1, 4] } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A parsed hash. */
export interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

const PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Parses a hash string; throws an Error saying what is wrong (for config errors). */
export function parsePasswordHash(text: string): ParsedHash {
  const m = PHC.exec(text.trim());
  if (!m)
    throw new Error(
      'not a scrypt hash ($scrypt$ln=..,r=..,p=..$salt$hash); make one with `mcp-guard guard console hash-password`',
    );
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  for (const key of ['ln', 'r', 'p'] as const) {
    const [lo, hi] = LIMITS[key];
    if (cost[key] < lo || cost[key] > hi)
      throw new Error(`scrypt ${key}=${cost[key]} is outside ${lo}..${hi}`);
  }
  const salt = Buffer.from(m[4], 'base64');
  const hash = Buffer.from(m[5], 'base64');
  if (salt.length < 8 || hash.length < 16) throw new Error('salt or hash too short');
  return { cost, salt, hash };
}

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
