// Reading mcp-guard's own config file (`mcp-guard.yaml` / `.json`) for the MG21x rules. The scanner
// sees it as a plain parsed tree; these helpers answer the few questions the rules ask of it (is this
// a guard config at all, where does it listen) in one place, so the rules agree with each other.
import ipaddr from 'ipaddr.js';
import { member, type PNode } from '../config/document.ts';
import type { ClientConfig } from '../config/types.ts';
import { findRefs } from '../config/variables.ts';
import { classifyHost } from './hosts.ts';

/**
 * Top-level keys of a guard config, in the Python-era shape and the richer one. A file named
 * `mcp-guard.json` that holds none of them is somebody else's file, and judging it would only be noise.
 */
const GUARD_KEYS = [
  'auth',
  'servers',
  'policies',
  'http',
  'routes',
  'rate_limit',
  'audit_log',
  'audit',
  'store',
  'limits',
  'agents',
  'namespacing',
  'approvals',
  'console',
];

/**
 * The address the guard binds when `http` is present without `host`. The runtime must keep this safe
 * default; if it ever binds all interfaces by default, change it here so MG210 follows.
 */
export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** The root object of `config` when it is an mcp-guard config; undefined for every other file. */
export function guardRoot(config: ClientConfig): (PNode & { kind: 'object' }) | undefined {
  if (config.client !== 'mcp-guard') return undefined;
  const root = config.document.root;
  if (root?.kind !== 'object') return undefined;
  return root.entries.some((e) => GUARD_KEYS.includes(e.key)) ? root : undefined;
}

/** A scalar as text (YAML reads `key: 12345` as a number, yet it is still a key); undefined otherwise. */
export function scalarText(node: PNode | undefined): string | undefined {
  if (node?.kind === 'string') return node.value;
  if (node?.kind === 'number') return String(node.value);
  return undefined;
}

/**
 * Where the guard accepts connections:
 * - `stdio`: no `http` section, so only the parent process talks to it;
 * - `loopback`: only this machine (`127.0.0.0/8`, `::1`, `localhost`);
 * - `exposed`: every interface (`0.0.0.0`, `::`, an empty host) or a LAN or public address or name;
 * - `unknown`: the host is a variable reference without a default, decided at deploy time.
 */
export type Listen =
  | { kind: 'stdio' }
  | { kind: 'loopback' | 'exposed'; host: string }
  | { kind: 'unknown'; host: string };

/** Reads `http.host` (or its absence) from a guard config's root. */
export function listenAddress(root: PNode): Listen {
  const http = member(root, 'http');
  if (!http || http.kind === 'null' || (http.kind === 'boolean' && !http.value)) return { kind: 'stdio' };
  const hostNode = member(http, 'host');
  if (!hostNode || hostNode.kind === 'null') return { kind: 'loopback', host: DEFAULT_HTTP_HOST };
  const written = scalarText(hostNode) ?? '';
  const refs = findRefs(written);
  let host = written;
  if (refs.length > 0) {
    // `${HOST:-127.0.0.1}` binds its default whenever HOST is unset: judge the default.
    if (refs.length !== 1 || refs[0].text !== written.trim() || refs[0].fallback === undefined)
      return { kind: 'unknown', host: written };
    host = refs[0].fallback;
  }
  return { kind: isLoopbackListen(host) ? 'loopback' : 'exposed', host: written };
}

/**
 * True when a *listen* address only accepts connections from this machine. Unlike a client URL
 * (where hosts.ts rightly counts `0.0.0.0` as the client's own machine), binding the unspecified
 * address `0.0.0.0` / `::` (or an empty host) listens on every interface.
 */
export function isLoopbackListen(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === '' || h === '*') return false;
  if (ipaddr.isValid(h) && ipaddr.process(h).range() === 'unspecified') return false;
  return classifyHost(h).kind === 'loopback';
}
