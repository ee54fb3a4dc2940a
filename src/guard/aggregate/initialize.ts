// The guard's own answer to `initialize` when it fronts several backends: every backend received
// its own `initialize` (the client's, capabilities mirrored), and the client gets one merged answer.
// The protocol version is the oldest any backend answered with, so the client never speaks a
// version one of the backends cannot. The modern era's `server/discover` is merged the same way: the
// versions offered are those every backend supports.
import { VERSION } from '../../version.ts';

/** One backend's `initialize` result. */
export interface BackendHello {
  server: string;
  result: Record<string, unknown>;
}

type Caps = Record<string, Record<string, unknown> | undefined>;

/** The oldest protocol version among the backends' answers (versions are ISO dates, so they sort as text). */
export function oldestVersion(hellos: BackendHello[]): string | undefined {
  const versions = hellos
    .map((h) => h.result.protocolVersion)
    .filter((v): v is string => typeof v === 'string')
    .sort();
  return versions[0];
}

/**
 * Merged server capabilities: a feature is offered when any backend offers it, and a flag such as
 * `listChanged` or `subscribe` is set when any backend sets it (the guard routes to that backend).
 * `tasks` is left out: the guard does not map task ids between backends.
 */
export function mergeCapabilities(hellos: BackendHello[]): Record<string, unknown> {
  const out: Caps = {};
  for (const { result } of hellos) {
    const caps = (result.capabilities ?? {}) as Caps;
    for (const [key, value] of Object.entries(caps)) {
      if (key === 'tasks' || value === null || typeof value !== 'object') continue;
      const merged = out[key] ?? {};
      out[key] = merged;
      for (const [flag, v] of Object.entries(value)) {
        if (typeof v === 'boolean') merged[flag] = merged[flag] === true || v;
        else if (merged[flag] === undefined) merged[flag] = v;
      }
    }
  }
  return out;
}

/** The `initialize` result the guard answers with. */
export function mergeInitialize(hellos: BackendHello[]): Record<string, unknown> {
  const instructions = hellos
    .filter((h) => typeof h.result.instructions === 'string' && h.result.instructions !== '')
    .map((h) => `[${h.server}]\n${h.result.instructions as string}`);
  const result: Record<string, unknown> = {
    protocolVersion: oldestVersion(hellos),
    capabilities: mergeCapabilities(hellos),
    serverInfo: { name: 'mcp-guard', version: VERSION },
  };
  if (instructions.length) result.instructions = instructions.join('\n\n');
  return result;
}

/** The `_meta` key under which a modern-era `server/discover` result names the server. */
export const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';

/**
 * The protocol versions every backend lists in its `server/discover` answer, in the first backend's
 * order of preference: a version missing from any one backend is never offered.
 */
export function commonVersions(hellos: BackendHello[]): string[] {
  const lists = hellos.map((h) =>
    Array.isArray(h.result.supportedVersions)
      ? h.result.supportedVersions.filter((v): v is string => typeof v === 'string')
      : [],
  );
  const [first = [], ...rest] = lists;
  return first.filter((v) => rest.every((list) => list.includes(v)));
}

/**
 * The `server/discover` result the guard answers with (modern era, several backends): the common
 * versions, merged capabilities and instructions, the guard as the server, the shortest cache lifetime
 * and `private` caching unless every backend allows `public`.
 */
export function mergeDiscover(hellos: BackendHello[]): Record<string, unknown> {
  const merged = mergeInitialize(hellos);
  const ttls = hellos.map((h) => h.result.ttlMs).filter((t): t is number => typeof t === 'number' && t >= 0);
  const result: Record<string, unknown> = {
    resultType: 'complete',
    supportedVersions: commonVersions(hellos),
    capabilities: merged.capabilities,
    ttlMs: ttls.length === hellos.length ? Math.min(...ttls) : 0,
    cacheScope: hellos.every((h) => h.result.cacheScope === 'public') ? 'public' : 'private',
    _meta: { [SERVER_INFO_KEY]: merged.serverInfo },
  };
  if (merged.instructions !== undefined) result.instructions = merged.instructions;
  return result;
}
