// Where literal secrets hide in a server entry, found once for MG301 (hardcoded-secret) and MG501
// (config-permissions): env values, argv words (`--api-key <tok>`, `--token=<tok>`, `KEY=value`,
// `docker -e KEY=value`, escaped JSON, URLs with credentials), headers, and Codex `env_key` /
// `bearer_token`. Known formats come from `findTokens` over the whole file text, cached per document
// by `prepareSecrets` (the rules' async pre-pass), so the synchronous checks only look up offsets.
import { formatPath, member, nodeAt, type ParsedDocument } from '../../src/config/document.ts';
import { argv, endpoints } from '../../src/config/launch.ts';
import type { ClientConfig, ServerSpec, SValue } from '../../src/config/types.ts';
import { findRefs } from '../../src/config/variables.ts';
import {
  findTokens,
  isPasswordName,
  isPlaceholder,
  isSecretName,
  looksLikeSecret,
  preview,
  type TokenHit,
} from './secrets.ts';

/** One literal secret: the value holding it, what it is, and a safe preview. */
export interface SecretSite {
  value: SValue;
  /** `GitHub token`, `secret-named value`, `connection-string password` ... */
  kind: string;
  /** Where it sits, for messages: `env.GITHUB_TOKEN`, `args[2] (--api-key)`, `headers.Authorization`. */
  where: string;
  /** At most four characters of the secret, then `…`. */
  preview: string;
}

const TOKENS = new WeakMap<ParsedDocument, TokenHit[]>();
const PENDING = new WeakMap<ParsedDocument, Promise<void>>();

/**
 * Finds the known-format tokens of a file once (MG301 and MG501 share the result); await it before
 * {@link serverSecrets}.
 */
export function prepareSecrets(config: ClientConfig): Promise<void> {
  const doc = config.document;
  let pending = PENDING.get(doc);
  if (!pending) {
    pending = findTokens(doc.text).then((hits) => {
      TOKENS.set(doc, hits);
    });
    PENDING.set(doc, pending);
  }
  return pending;
}

/** Every literal secret of one server, at most one per config value. */
export function serverSecrets(server: ServerSpec, config: ClientConfig): SecretSite[] {
  const hits = TOKENS.get(config.document);
  if (!hits) throw new Error('prepareSecrets(config) must be awaited before serverSecrets()');
  const sites = new Map<string, SecretSite>();
  const add = (value: SValue, kind: string, where: string, secret: string) => {
    const key = formatPath(value.path);
    if (!sites.has(key)) sites.set(key, { value, kind, where, preview: preview(secret) });
  };
  // Endpoint URLs: userinfo and query credentials there are MG103's (credential-in-url).
  const endpointValues = new Set(endpoints(server).map((e) => e.source));
  const known = (value: SValue, where: string): boolean => {
    const hit = tokenIn(config.document, hits, value);
    if (!hit) return false;
    const secret = config.document.text.slice(hit.start, hit.end).replace(/^["']/, '');
    if (endpointValues.has(value) && inUrlCredentials(value.value, secret)) return false;
    add(value, hit.kind, where, secret);
    return true;
  };

  for (const [name, v] of Object.entries(server.env)) {
    const where = `env.${name}`;
    if (known(v, where)) continue;
    const found = namedSecret(name, v.value, v) ?? connectionPassword(v.value);
    if (found) add(v, found.kind, where, found.secret);
  }

  const words = argv(server);
  words.forEach((w, i) => {
    const where = w.source === server.command ? 'command' : `args[${server.args.indexOf(w.source)}]`;
    if (known(w.source, where)) return;
    const found = argSecret(w.text, words[i - 1]?.text, endpointValues.has(w.source));
    if (found) add(w.source, found.kind, `${where}${found.flag ? ` (${found.flag})` : ''}`, found.secret);
  });

  if (server.url) known(server.url, 'url');
  for (const [name, v] of Object.entries(server.headers)) {
    const where = `headers.${name}`;
    if (known(v, where)) continue;
    const found = headerSecret(name, v);
    if (found) add(v, found.kind, where, found.secret);
  }

  // Codex: `env_key` names a variable; a literal key there is a secret. `bearer_token` is one.
  const node = nodeAt(config.document.root, server.path);
  const envKey = member(node, 'env_key');
  if (envKey?.kind === 'string') {
    const { line, column } = config.document.position(envKey.offset);
    const v: SValue = {
      value: envKey.value,
      path: [...server.path, 'env_key'],
      line,
      column,
      refs: findRefs(envKey.value),
    };
    if (!known(v, 'env_key') && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.value) && v.refs.length === 0) {
      if (looksLikeSecret(v.value, 'named')) add(v, 'literal key', 'env_key', v.value);
    }
  }
  for (const hint of server.auth.hints) {
    if (hint.path.at(-1) !== 'bearer_token' || known(hint, 'bearer_token')) continue;
    if (hint.refs.length === 0 && looksLikeSecret(hint.value, 'password'))
      add(hint, 'literal token', 'bearer_token', hint.value);
  }
  return [...sites.values()];
}

/** Every literal secret of a file (all its servers), in file order. */
export function fileSecrets(config: ClientConfig): SecretSite[] {
  return config.servers.flatMap((s) => serverSecrets(s, config)).sort((a, b) => a.value.line - b.value.line);
}

/** True when `secret` sits in the userinfo or the query of `url`, where MG103 reports it. */
function inUrlCredentials(url: string, secret: string): boolean {
  const at = url.indexOf(secret.slice(0, 12));
  if (at < 0) return true; // a basic-auth URL match spans the whole userinfo
  const query = url.indexOf('?');
  if (query >= 0 && at > query) return true;
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  return authority.includes('@') && at < authority.lastIndexOf('@');
}

/** The first known-format token inside the node holding `value`. */
function tokenIn(doc: ParsedDocument, hits: TokenHit[], value: SValue): TokenHit | undefined {
  const node = nodeAt(doc.root, value.path);
  if (node?.kind !== 'string') return undefined;
  const end = node.offset + node.length;
  return hits.find((h) => h.start >= node.offset && h.start < end);
}

interface Found {
  kind: string;
  secret: string;
  flag?: string;
}

/** A secret-named key (or flag, or JSON member) holding a literal that looks like a credential. */
function namedSecret(name: string, raw: string, v?: SValue): Found | undefined {
  if (!isSecretName(name)) return undefined;
  const value = unquote(raw);
  if ((v ? v.refs.length > 0 : findRefs(value).length > 0) || value.includes('$')) return undefined;
  return looksLikeSecret(value, isPasswordName(name) ? 'password' : 'named')
    ? { kind: 'secret-named value', secret: value }
    : undefined;
}

/** The literal password of a `scheme://user:password@host` string (a connection string). */
function connectionPassword(text: string): Found | undefined {
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/]*):([^\s@/]+)@[^\s@]/gi)) {
    const password = decodeSafe(m[2]);
    if (password === decodeSafe(m[1])) continue; // postgres:postgres, a documentation default
    if (findRefs(password).length > 0 || password.includes('$') || isPlaceholder(password)) continue;
    if (password.length < 4) continue;
    return { kind: 'connection-string password', secret: password };
  }
  return undefined;
}

/** Secrets in one argv word, given the word before it. */
function argSecret(word: string, prev: string | undefined, isEndpoint: boolean): Found | undefined {
  if (word.includes('${')) return undefined;
  // --api-key=<tok>, -token=<tok>
  const flagEq = /^(--?[A-Za-z][\w.-]*)=(.+)$/s.exec(word);
  if (flagEq) {
    const f = namedSecret(flagEq[1], flagEq[2]);
    return f && { ...f, flag: flagEq[1] };
  }
  // --access-token <tok>
  if (prev && /^--?[A-Za-z][\w.-]*$/.test(prev) && !word.startsWith('-')) {
    const f = namedSecret(prev, word);
    if (f) return { ...f, flag: prev };
  }
  // API_KEY="..." or docker -e KEY=value
  const assign = /^([A-Za-z_][\w.-]*)=(.+)$/s.exec(word);
  if (assign) {
    const f = namedSecret(assign[1], assign[2]) ?? connectionPassword(assign[2]);
    return f && { ...f, flag: assign[1] };
  }
  // Escaped JSON handed to the server as one argument.
  if (/^\s*[{[]/.test(word)) {
    const f = jsonSecret(word);
    if (f) return f;
  }
  if (!isEndpoint) {
    const f = urlSecret(word) ?? connectionPassword(word);
    if (f) return f;
  }
  // A bare positional key: only when it is unmistakably random.
  if (looksLikeSecret(word, 'bare')) return { kind: 'high-entropy positional argument', secret: word };
  return undefined;
}

/** A secret-named query parameter with a literal value in a URL given as an argument. */
function urlSecret(word: string): Found | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+\?/i.test(word)) return undefined;
  let url: URL;
  try {
    url = new URL(word);
  } catch {
    return undefined;
  }
  for (const [k, val] of url.searchParams) {
    const f = namedSecret(k, val);
    if (f) return { ...f, flag: `?${k}` };
  }
  return undefined;
}

/** A secret-named member with a literal credential anywhere inside a JSON argument. */
function jsonSecret(text: string): Found | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const walk = (node: unknown, depth: number): Found | undefined => {
    if (depth > 8 || node === null || typeof node !== 'object') return undefined;
    for (const [k, val] of Object.entries(node)) {
      const f =
        typeof val === 'string' ? (namedSecret(k, val) ?? connectionPassword(val)) : walk(val, depth + 1);
      if (f) return { ...f, flag: f.flag ?? k };
    }
    return undefined;
  };
  return walk(data, 0);
}

/** A literal credential in a header: `Authorization: Bearer <tok>`, `Basic <b64>`, `X-API-Key: <tok>`. */
function headerSecret(name: string, v: SValue): Found | undefined {
  if (v.refs.length > 0 || v.value.includes('$')) return undefined;
  const value = v.value.trim();
  if (/^(proxy-)?authorization$/i.test(name)) {
    const m = /^(\S+)\s+(\S+)$/.exec(value);
    const scheme = m?.[1].toLowerCase();
    const cred = m ? m[2] : value;
    if (scheme === 'basic') {
      const decoded = Buffer.from(cred, 'base64').toString('utf8');
      const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
      return password.length >= 4 && !isPlaceholder(password) && !isPlaceholder(cred)
        ? { kind: 'basic-auth credential', secret: cred }
        : undefined;
    }
    return looksLikeSecret(cred, 'password')
      ? { kind: 'literal authorization token', secret: cred }
      : undefined;
  }
  return namedSecret(name, value, v);
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["']).*\1$/s.test(t) ? t.slice(1, -1) : t;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
