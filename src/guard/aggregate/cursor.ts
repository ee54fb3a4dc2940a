// Pagination cursors of merged lists. A merged page holds one page of every backend that still has
// more; the guard's `nextCursor` carries each such backend's own cursor, so the next request asks
// only those backends for their next page. The cursor is opaque to clients (base64url JSON).

const PREFIX = 'mcpg1.';

/** Backend name -> that backend's own cursor. */
export type CursorMap = Record<string, string>;

/** Encodes the backends' cursors into one cursor for the client; undefined when no backend has more. */
export function encodeCursor(cursors: CursorMap): string | undefined {
  if (Object.keys(cursors).length === 0) return undefined;
  return PREFIX + Buffer.from(JSON.stringify(cursors), 'utf8').toString('base64url');
}

/** Decodes a client cursor; throws on anything the guard did not issue (answered as invalid params). */
export function decodeCursor(cursor: unknown, backends: readonly string[]): CursorMap {
  if (typeof cursor !== 'string' || !cursor.startsWith(PREFIX)) throw new Error('unknown cursor');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new Error('unreadable cursor');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('unreadable cursor');
  const out: CursorMap = {};
  for (const [backend, c] of Object.entries(value)) {
    if (!backends.includes(backend) || typeof c !== 'string')
      throw new Error(`cursor names unknown server ${backend}`);
    out[backend] = c;
  }
  if (Object.keys(out).length === 0) throw new Error('empty cursor');
  return out;
}
