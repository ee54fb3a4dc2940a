// What the guard-config rules (MG21x) ask of the loader's model beyond its plain fields: where the
// guard listens, judged from the effective `http` section. The address and its default come from the
// loader; loopback is decided by the same function `guard serve-http` refuses with.
import type { GuardLint } from '../../src/config/guard-lint.ts';
import { isLoopbackListen } from '../../src/config/listen.ts';
import { guardRefs } from '../../src/config/variables.ts';

/**
 * Where the guard accepts connections:
 * - `stdio`: the file has no `http` section, so only the parent process talks to it;
 * - `loopback`: only this machine (`127.0.0.0/8`, `::1`, `localhost`);
 * - `exposed`: every interface (`0.0.0.0`, `::`, an empty host) or a LAN or public address or name;
 * - `unknown`: the host is a `${VAR}` without a default, decided at deploy time.
 * `host` is the address as written (or the loader's default).
 */
export type Listen =
  | { kind: 'stdio' }
  | { kind: 'loopback' | 'exposed'; host: string }
  | { kind: 'unknown'; host: string };

/** Where the guard configured by `guard` listens; undefined when its `http` section was refused. */
export function listenOf(guard: GuardLint): Listen | undefined {
  if (!guard.sources.has('http')) return { kind: 'stdio' };
  const written = guard.config.http?.host;
  if (written === undefined) return undefined;
  const refs = guardRefs(written);
  let host = written;
  if (refs.length > 0) {
    // `${HOST:-127.0.0.1}` binds its default whenever HOST is unset: judge the default.
    if (refs.length !== 1 || refs[0].text !== written.trim() || refs[0].fallback === undefined)
      return { kind: 'unknown', host: written };
    host = refs[0].fallback;
  }
  return { kind: isLoopbackListen(host) ? 'loopback' : 'exposed', host: written };
}
