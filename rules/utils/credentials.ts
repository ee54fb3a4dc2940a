// The credentials a server config carries: in its URL (`https://user:pass@host`, `?api_key=...`, a
// token as a path segment), in headers, in auth settings, or in a bridge's arguments. MG103 reports
// the literal ones in URLs; MG101 and MG102 ask whether any credential (references included) is sent.
import { argv } from '../../src/config/launch.ts';
import type { ServerSpec } from '../../src/config/types.ts';
import { findRefs } from '../../src/config/variables.ts';
import type { JudgedEndpoint, ParsedEndpoint } from './hosts.ts';
import { isPlaceholder as isSecretPlaceholder, preview } from './secrets.ts';

/** One credential found in a URL. */
export interface UrlCredential {
  /** `userinfo`, `query` or `path`. */
  where: 'userinfo' | 'query' | 'path';
  /** The parameter name (`api_key`), `password`/`user` for userinfo, `path` for a path segment. */
  name: string;
  /** The value as written. */
  value: string;
  /** True when the value is a literal secret: no variable reference and not a placeholder. */
  literal: boolean;
}

// Query parameter names that carry credentials, compared lower-cased with `-`, `_` and `.` removed.
const EXACT_NAMES = new Set(['key', 'sig', 'auth', 'pwd', 'pass', 'jwt', 'bearer', 'sessionid']);
const NAME_SUFFIXES = [
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'authkey',
  'subscriptionkey',
  'token',
  'secret',
  'password',
  'passwd',
  'signature',
  'credential',
  'credentials',
];

/** True when a query parameter name suggests a credential (`api_key`, `apiKey`, `access_token`, `sig` ...). */
export function isCredentialParam(name: string): boolean {
  const n = safeDecode(name).toLowerCase().replace(/[-_.]/g, '');
  return EXACT_NAMES.has(n) || NAME_SUFFIXES.some((s) => n.endsWith(s));
}

/**
 * True for values that stand for a secret without being one (see `isPlaceholder` in secrets.ts), judged
 * on the URL-decoded text; values under four characters are too short to be credentials.
 */
export function isPlaceholder(value: string): boolean {
  const v = safeDecode(value).trim();
  return v.length < 4 || isSecretPlaceholder(v);
}

/** True when a header name suggests a credential: `Authorization`, `X-API-Key`, `X-Auth-Token`, `Cookie` ... */
export function isCredentialHeader(name: string): boolean {
  const n = name.toLowerCase();
  return (
    /^(proxy-)?authorization$|^cookie$/.test(n) ||
    /api[-_]?key|token|secret|auth|password|passwd|credential|session|signature|access[-_]?key/.test(n)
  );
}

/**
 * A path segment or user name that looks like a token: long, one word, and mixing digits with letters
 * or upper with lower case (`sk_live_4f9...`, `aBcDXXXXXXXX`), unlike `server-filesystem` or `sse`.
 */
function looksLikeToken(segment: string): boolean {
  return (
    segment.length >= 20 &&
    /^[A-Za-z0-9_-]+$/.test(segment) &&
    ((/\d/.test(segment) && /[A-Za-z]/.test(segment)) || (/[a-z]/.test(segment) && /[A-Z]/.test(segment)))
  );
}

/** Every credential carried by the URL, literal or not. */
export function urlCredentials(endpoint: ParsedEndpoint): UrlCredential[] {
  const out: UrlCredential[] = [];
  const judge = (value: string) => findRefs(value).length === 0 && !isPlaceholder(value);
  const info = endpoint.userinfo;
  if (info?.password !== undefined && info.password !== '') {
    out.push({ where: 'userinfo', name: 'password', value: info.password, literal: judge(info.password) });
  } else if (info && (findRefs(info.user).length > 0 || looksLikeToken(info.user))) {
    // `https://<token>@host`: a token given as the user name (GitHub and others accept this).
    out.push({ where: 'userinfo', name: 'user', value: info.user, literal: judge(info.user) });
  }
  for (const { name, value } of endpoint.query) {
    if (isCredentialParam(name) && value !== '') {
      out.push({ where: 'query', name: safeDecode(name), value, literal: judge(value) });
    }
  }
  for (const segment of endpoint.path.split('/')) {
    if (findRefs(segment).length > 0 && /key|token|secret|auth/i.test(segment)) {
      out.push({ where: 'path', name: 'path', value: segment, literal: false });
    } else if (looksLikeToken(segment)) {
      out.push({ where: 'path', name: 'path', value: segment, literal: judge(segment) });
    }
  }
  return out;
}

/** At most the first four characters of a (URL-encoded) secret, for messages. */
export function secretPrefix(value: string): string {
  return preview(safeDecode(value));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Flags of bridges (mcp-remote, supergateway, mcp-proxy) that pass a header or a credential. */
const HEADER_FLAG = /^(-H|--header|--headers)$/;
const CREDENTIAL_FLAG = /^--?[\w-]*(token|api-?key|apikey|auth|bearer|oauth|password|secret)[\w-]*(=.*)?$/i;

/**
 * True when the server sends any credential to `ep`, literal or a reference: OAuth settings or auth
 * hints (`bearer_token_env_var`, `env_http_headers`, `headersHelper`), a non-empty credential header,
 * a credential in the URL, or, for a bridge, a header or token flag among its arguments.
 */
export function sendsCredential(server: ServerSpec, ep: JudgedEndpoint): boolean {
  if (server.auth.oauth || server.auth.hints.length > 0) return true;
  if (Object.entries(server.headers).some(([k, v]) => isCredentialHeader(k) && v.value.trim() !== '')) {
    return true;
  }
  if (urlCredentials(ep.parsed).length > 0) return true;
  if (ep.via !== 'bridge') return false;
  const words = argv(server).map((w) => w.text);
  return words.some(
    (w, i) =>
      CREDENTIAL_FLAG.test(w) ||
      isHeaderLine(w) ||
      (HEADER_FLAG.test(w) && words[i + 1] !== undefined && isHeaderLine(words[i + 1])),
  );
}

/** `Authorization: Bearer x`, `X-API-Key:${KEY}`: a header given as one argument. */
function isHeaderLine(word: string): boolean {
  const m = /^\s*([\w-]+)\s*:/.exec(word);
  return m !== null && !/^(https?|wss?)$/i.test(m[1]) && isCredentialHeader(m[1]);
}
