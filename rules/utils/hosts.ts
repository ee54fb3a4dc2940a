// Where a remote endpoint points: one place that splits a config URL (which may hold `${VAR}`
// references the WHATWG parser rejects) and classifies its host as loopback, private network, raw
// public IP or ephemeral tunnel. The network rules (MG101-MG104) all judge hosts through this module,
// so "is this remote?" has one answer.
import ipaddr from 'ipaddr.js';
import { type Endpoint, endpoints } from '../../src/config/launch.ts';
import type { ServerSpec } from '../../src/config/types.ts';
import { findRefs } from '../../src/config/variables.ts';

/**
 * What a host is, as far as a client config can tell:
 * - `loopback`: the client's own machine (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`), and also
 *   `0.0.0.0` / `::`: clients that connect to the unspecified address reach their own machine, so
 *   traffic to it never leaves the host. Never "remote".
 * - `private`: a private, link-local, CGNAT or unique-local address (10/8, 192.168/16, fc00::/7 ...).
 * - `internal`: a name that only resolves inside a network: a single label (`mcp-server`, a Docker
 *   Compose service), `.local`, `.internal`, `.lan`, `.home.arpa`.
 * - `public-ip`: a raw, globally routable IP address.
 * - `tunnel`: a host of an ephemeral tunnel service (ngrok, trycloudflare, localtunnel ...).
 * - `name`: any other DNS name.
 */
export type HostKind = 'loopback' | 'private' | 'internal' | 'public-ip' | 'tunnel' | 'name';

/** A config URL split into the parts the rules judge. */
export interface ParsedEndpoint {
  /** Lower-case scheme without the colon: `https`, `http`, `ws`, `wss`. */
  scheme: string;
  /** Normalised host (lower case, no trailing dot, IPv6 without brackets); undefined when it is a variable. */
  host?: string;
  /** The host's class; undefined when the host is a variable and cannot be judged. */
  kind?: HostKind;
  /** The tunnel service, when `kind` is `tunnel`. */
  tunnel?: string;
  /** `user` and `password` from `https://user:password@host`, as written (not decoded). */
  userinfo?: { user: string; password?: string };
  /** Query parameters as written, in order. */
  query: { name: string; value: string }[];
  /** The path as written (may hold references). */
  path: string;
  /** `scheme://host[:port]`, safe to show in a message: no userinfo, path or query. */
  origin: string;
}

/** Ephemeral tunnel services: a registrable domain (or a label pattern) and the service's name. */
const TUNNELS: { test: RegExp; name: string }[] = [
  { test: /(^|\.)ngrok[a-z0-9-]*\.(io|app|dev|pizza)$/, name: 'ngrok' },
  { test: /(^|\.)trycloudflare\.com$/, name: 'Cloudflare quick' },
  { test: /(^|\.)(loca\.lt|localtunnel\.me)$/, name: 'localtunnel' },
  { test: /(^|\.)(serveo\.net|serveousercontent\.com)$/, name: 'serveo' },
  { test: /(^|\.)(localhost\.run|lhr\.life|lhr\.rocks|lhr\.pro)$/, name: 'localhost.run' },
  { test: /(^|\.)[a-z0-9-]*pinggy[a-z0-9-]*\.(io|link|online)$/, name: 'pinggy' },
  { test: /(^|\.)bore\.pub$/, name: 'bore' },
  { test: /(^|\.)tunnelmole\.(net|com)$/, name: 'tunnelmole' },
  { test: /(^|\.)(loclx\.io|localxpose\.io)$/, name: 'LocalXpose' },
  { test: /(^|\.)devtunnels\.ms$/, name: 'Microsoft dev tunnels' },
  { test: /(^|\.)(sharedwithexpose\.com|expose\.dev)$/, name: 'Expose' },
  { test: /(^|\.)share\.zrok\.io$/, name: 'zrok' },
  { test: /(^|\.)localtonet\.com$/, name: 'localtonet' },
  { test: /(^|\.)telebit\.(cloud|io)$/, name: 'telebit' },
];

/** Wildcard DNS services that map `<ip>.nip.io` to the IP itself: judged as that IP. */
const WILDCARD_IP_DNS = /^(?:.*?[.-])?(\d{1,3}(?:[.-]\d{1,3}){3})\.(?:nip\.io|sslip\.io|xip\.io)$/;

/** Suffixes of names that only resolve inside a private network. */
const INTERNAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp', '.test'];

/** Classifies a normalised host name or IP address (see {@link HostKind}). */
export function classifyHost(host: string): { kind: HostKind; tunnel?: string } {
  const h = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(h)) return { kind: classifyIp(h) };
  const wildcard = WILDCARD_IP_DNS.exec(h);
  if (wildcard) {
    const ip = wildcard[1].replace(/-/g, '.');
    if (ipaddr.IPv4.isValidFourPartDecimal(ip)) return { kind: classifyIp(ip) };
  }
  if (h === 'localhost' || h.endsWith('.localhost')) return { kind: 'loopback' };
  const tunnel = TUNNELS.find((t) => t.test.test(h));
  if (tunnel) return { kind: 'tunnel', tunnel: tunnel.name };
  if (!h.includes('.') || INTERNAL_SUFFIXES.some((s) => h.endsWith(s))) return { kind: 'internal' };
  return { kind: 'name' };
}

function classifyIp(text: string): HostKind {
  // `process` turns IPv4-mapped IPv6 (`::ffff:127.0.0.1`) into the IPv4 address it stands for.
  const range = ipaddr.process(text).range();
  if (range === 'loopback' || range === 'unspecified') return 'loopback';
  if (range === 'unicast') return 'public-ip';
  // private, linkLocal, uniqueLocal, carrierGradeNat, reserved, multicast, broadcast ...: not public.
  return 'private';
}

/** True for every kind whose traffic leaves the client's machine. */
export function isRemote(kind: HostKind | undefined): boolean {
  return kind !== undefined && kind !== 'loopback';
}

/** True for hosts that are only reachable inside a private network (judged one severity lower). */
export function isLocalNetwork(kind: HostKind | undefined): boolean {
  return kind === 'private' || kind === 'internal';
}

// scheme://authority then the rest; the authority ends at the first `/`, `?` or `#` outside a `${...}`.
const SPLIT = /^([a-z][a-z0-9+.-]*):\/\/((?:\$\{[^}]*\}|[^/?#])*)([^?#]*)(?:\?([^#]*))?/i;
// A port, literal or a reference, at the end of the authority.
const PORT = /:(?:\d*|\$\{[^}]*\}|\$[A-Za-z_]\w*|%\w+%|\{\{[^}]*\}\})$/;

/**
 * Splits a config URL and classifies its host. Returns undefined when the text is not a URL with an
 * authority (`${MCP_URL}`, a bare path). The host is left undefined when it holds a variable
 * reference or a placeholder (`https://${HOST}/mcp`, `https://<your-host>/`): it cannot be judged.
 */
export function parseEndpoint(raw: string): ParsedEndpoint | undefined {
  const m = SPLIT.exec(raw.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const authority = m[2];
  const at = authority.lastIndexOf('@');
  let userinfo: ParsedEndpoint['userinfo'];
  if (at >= 0) {
    const info = authority.slice(0, at);
    // The first colon outside a `${...}` reference separates the user from the password.
    const m2 = /^((?:\$\{[^}]*\}|[^:])*)(?::([\s\S]*))?$/.exec(info);
    userinfo = m2?.[2] !== undefined ? { user: m2[1], password: m2[2] } : { user: m2?.[1] ?? info };
  }
  const hostPort = authority.slice(at + 1);
  const hostText = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : hostPort.replace(PORT, '');
  const query = parseQuery(m[4] ?? '');
  const path = m[3];
  const variable = hostText === '' || findRefs(hostText).length > 0 || /[<>{}$%\s]/.test(hostText);
  if (variable) return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };

  let host: string;
  try {
    // WHATWG normalisation: lower case, IDNA, `0x7f.1` -> `127.0.0.1`. A dummy scheme keeps `ws:`
    // and unknown schemes on the "special" (host-parsing) path.
    host = new URL(`http://${hostText}/`).hostname;
  } catch {
    return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };
  }
  host = host.replace(/\.$/, '').replace(/^\[|\]$/g, '');
  if (isPlaceholderHost(host)) return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };
  const { kind, tunnel } = classifyHost(host);
  const port = hostPort.slice(hostText.length);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { scheme, host, kind, tunnel, userinfo, query, path, origin: `${scheme}://${shownHost}${port}` };
}

/** Hosts written as placeholders: `your-server.com`, `your_server_ip`, `example.com`, `*.example`, `xxx`. */
export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    /your|placeholder|xxx/.test(h) ||
    /(^|\.)example(\.(com|org|net))?$/.test(h) ||
    /\.(invalid|example)$/.test(h)
  );
}

function parseQuery(text: string): { name: string; value: string }[] {
  if (!text) return [];
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

/** A remote endpoint of a server (see `endpoints()` in launch.ts) with its URL split and judged. */
export interface JudgedEndpoint extends Endpoint {
  parsed: ParsedEndpoint;
}

/** Every endpoint of `server` that is a URL with an authority; `${MCP_URL}` and the like are skipped. */
export function judgedEndpoints(server: ServerSpec): JudgedEndpoint[] {
  const out: JudgedEndpoint[] = [];
  for (const e of endpoints(server)) {
    const parsed = parseEndpoint(e.url);
    if (parsed) out.push({ ...e, parsed });
  }
  return out;
}
