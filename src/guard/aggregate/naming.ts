// Names in merged lists. With `namespacing: prefix`, a tool or prompt `name` of backend `server` is
// shown to the client as `<server>__<name>`, kept within the charset and length MCP clients accept
// for tool names (`[A-Za-z0-9_.-]{1,64}`): anything outside the charset becomes `_`, and a name that
// had to be changed or shortened ends in `_` + a short hash of the original pair, so two different
// originals never share one exposed name.
import { createHash } from 'node:crypto';

/** Between the server and the original name. */
export const SEPARATOR = '__';
/** The longest exposed name. */
export const MAX_NAME = 64;
const CHARSET = /^[A-Za-z0-9_.-]+$/;
const HASH_LENGTH = 8;

/** Whether a name is within the exposed-name charset and length. */
export function isSafeName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_NAME && CHARSET.test(name);
}

/** The exposed name of `name` from backend `server` (deterministic: the same pair always gives the same name). */
export function prefixedName(server: string, name: string): string {
  const plain = `${server}${SEPARATOR}${name}`;
  if (isSafeName(plain)) return plain;
  const hash = createHash('sha256').update(`${server}\u0000${name}`).digest('hex').slice(0, HASH_LENGTH);
  const cleaned = plain.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${cleaned.slice(0, MAX_NAME - HASH_LENGTH - 1)}_${hash}`;
}

/**
 * Splits an exposed name back into server and original name when it is the plain form
 * `<server>__<name>` of a known server (names that were hashed are found through the catalog).
 */
export function splitPrefixed(
  exposed: string,
  servers: readonly string[],
): { server: string; name: string } | undefined {
  // Longest server first, so `x__y__z` with servers `x` and `x__y` prefers the more specific one.
  const sorted = [...servers].sort((x, y) => y.length - x.length);
  for (const server of sorted) {
    const head = `${server}${SEPARATOR}`;
    if (exposed.startsWith(head) && exposed.length > head.length) {
      const name = exposed.slice(head.length);
      if (prefixedName(server, name) === exposed) return { server, name };
    }
  }
  return undefined;
}
