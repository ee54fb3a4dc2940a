// The password hashes of `console.users` as the config loader checks them: a scrypt hash in the PHC
// string format `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, with a cost within safe bounds. Hashing and
// verifying live with the pages that sign people in (src/guard/web/passwords.ts).

/** The cost of a scrypt hash: N = 2^ln, block size r, parallelism p. */
export interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}

/** Costs accepted when reading a hash: below is too cheap to slow guessing, above would exhaust memory. */
const LIMITS = { ln: [14, 20], r: [8, 32], p: [1, 4] } as const;

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
