import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/config/password-hash.ts
var LIMITS = { ln: [14, 20], r: [8, 32], p: [1, 4] };
var PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
function parsePasswordHash(text) {
  const m = PHC.exec(text.trim());
  if (!m)
    throw new Error(
      "not a scrypt hash ($scrypt$ln=..,r=..,p=..$salt$hash); make one with `mcp-guard guard console hash-password`"
    );
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  for (const key of ["ln", "r", "p"]) {
    const [lo, hi] = LIMITS[key];
    if (cost[key] < lo || cost[key] > hi)
      throw new Error(`scrypt ${key}=${cost[key]} is outside ${lo}..${hi}`);
  }
  const salt = Buffer.from(m[4], "base64");
  const hash = Buffer.from(m[5], "base64");
  if (salt.length < 8 || hash.length < 16) throw new Error("salt or hash too short");
  return { cost, salt, hash };
}

export {
  parsePasswordHash
};
