// Where the guard listens, as the loader and the runtime see it: whether a bind address only accepts
// connections from this machine. `guard serve-http` refuses an unauthenticated guard on any other
// address, and the scanner's MG210 judges `http.host` with this same function, so the two agree.
import ipaddr from 'ipaddr.js';

/**
 * True when a *listen* address only accepts connections from this machine: `127.0.0.0/8`, `::1`
 * (also IPv4-mapped), `localhost` and `*.localhost`. Unlike a client URL (where connecting to
 * `0.0.0.0` reaches the client's own machine), binding the unspecified address `0.0.0.0` / `::`, an
 * empty host or `*` listens on every interface.
 */
export function isLoopbackListen(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '');
  if (h === '' || h === '*') return false;
  // `process` turns IPv4-mapped IPv6 (`::ffff:127.0.0.1`) into the IPv4 address it stands for.
  if (ipaddr.isValid(h)) return ipaddr.process(h).range() === 'loopback';
  return h === 'localhost' || h.endsWith('.localhost');
}
