// Secret detection shared by MG301 (hardcoded-secret) and MG501 (config-permissions). Known token
// formats come from secretlint's recommended preset (run once per file, asynchronously, in the rules'
// `prepare` pre-pass) plus a few gitleaks patterns the preset lacks; secret-named keys with literal,
// high-entropy values are judged here; placeholders, masked values and references are not secrets.
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';

// secretlint's profiler marks the global performance timeline twice per rule per file and keeps every
// entry, searching them linearly: a scan of 1,000 files spent 70% of its time there and its memory
// grew with every file. The scanner never reads the profile, so its marks are switched off (the
// singleton is the instance @secretlint/core imports; pinned to core's version in package.json).
secretLintProfiler.mark = () => {};

/** A known-format token found in a text: what kind, and where (offsets into the text). */
export interface TokenHit {
  kind: string;
  start: number;
  end: number;
}

const SECRETLINT_CONFIG: SecretLintCoreConfig = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }],
};

/** secretlint rule id suffix -> the kind shown in messages (never the token itself). */
const SECRETLINT_KINDS: Record<string, string> = {
  aws: 'AWS credential',
  gcp: 'GCP service-account key',
  privatekey: 'private key',
  npm: 'npm token',
  basicauth: 'basic-auth URL',
  slack: 'Slack token',
  sendgrid: 'SendGrid key',
  shopify: 'Shopify token',
  github: 'GitHub token',
  gitlab: 'GitLab token',
  grafana: 'Grafana token',
  openai: 'OpenAI key',
  anthropic: 'Anthropic key',
  groq: 'Groq key',
  huggingface: 'Hugging Face token',
  linear: 'Linear key',
  notion: 'Notion token',
  '1password': '1Password token',
  'database-connection-string': 'database connection string',
  'hashicorp-vault': 'Vault token',
  vercel: 'Vercel token',
  databricks: 'Databricks token',
  docker: 'Docker Hub token',
  figma: 'Figma token',
};

/**
 * Formats secretlint's preset does not cover, taken from gitleaks' config/gitleaks.toml (rule ids in
 * the comments). Bounded quantifiers only, so no pattern can backtrack badly.
 */
const EXTRA_PATTERNS: { kind: string; pattern: RegExp }[] = [
  // stripe-access-token
  {
    kind: 'Stripe key',
    pattern: /(?<![\w-])(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}(?![A-Za-z0-9])/g,
  },
  // gcp-api-key
  { kind: 'Google API key', pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g },
  // anthropic-admin-api-key
  { kind: 'Anthropic key', pattern: /(?<![\w-])sk-ant-admin01-[\w-]{93}AA(?![\w-])/g },
  // perplexity-api-key
  { kind: 'Perplexity key', pattern: /(?<![\w-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9])/g },
  // jwt
  {
    kind: 'JSON Web Token',
    pattern: /(?<![\w-])ey[A-Za-z0-9]{17,}\.ey[A-Za-z0-9/_-]{17,}\.[A-Za-z0-9/_-]{10,}={0,2}/g,
  },
];

/**
 * Every known-format token in `text`, minus masked ones (`ghp_XXXX...`). Async because secretlint's
 * `lintSource` is; about 0.2 ms for a typical config file.
 */
export async function findTokens(text: string): Promise<TokenHit[]> {
  const hits: TokenHit[] = [];
  const result = await lintSource({
    source: { content: text, filePath: 'config', contentType: 'text' },
    options: { config: SECRETLINT_CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  for (const m of result.messages) {
    const suffix = m.ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
    hits.push({ kind: SECRETLINT_KINDS[suffix] ?? suffix, start: m.range[0], end: m.range[1] });
  }
  for (const { kind, pattern } of EXTRA_PATTERNS) {
    for (const m of text.matchAll(pattern)) hits.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return hits
    .filter((h) => !isMasked(text.slice(h.start, h.end)) && !defaultUrlPassword(text.slice(h.start, h.end)))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * True for `scheme://user:password@` where the password is a stand-in (`postgres:postgres`,
 * `user:password`, `admin:changeme`): documentation defaults, not leaked credentials.
 */
function defaultUrlPassword(match: string): boolean {
  const m = /:\/\/([^:/\s]*):([^@/\s]+)@/.exec(match);
  return m !== null && (m[1] === m[2] || isPlaceholder(m[2]));
}

// ---- Placeholders and masked values -------------------------------------------------------------

/**
 * True for values masked by hand or by a redaction tool: a short visible prefix followed by a run of
 * `X` or `*` (`ghp_XXXXXXXX...`, `sk-o****`). Real tokens practically never hold six `X` in a row.
 */
export function isMasked(text: string): boolean {
  return /X{6,}|\*{4,}|•{3,}/.test(text);
}

/** Words that, standing for the whole value (or its secret part), mark a placeholder. */
const PLACEHOLDER_WORDS = new Set([
  '',
  'x',
  'xx',
  'xxx',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'hidden',
  'redacted',
  'secret',
  'password',
  'passwd',
  'token',
  'key',
  'apikey',
  'api_key',
  'api-key',
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'placeholder',
  'todo',
  'tbd',
  'test',
  'example',
  'sample',
  'dummy',
  'fake',
  'mock',
  'default',
  'required',
  'optional',
  'admin',
  'root',
  'postgres',
  'password123',
  'pass',
  'demo',
]);

/**
 * True when `value` is a stand-in for a secret rather than one: empty, `YOUR_API_KEY`, `<token>`,
 * `{secret}`, `[REDACTED_API_KEY]`, `xxx`, `changeme`, `sk-...`, `ghp_dummy`, a masked value, prose.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (isMasked(v)) return true;
  // Wrapped markers: <token>, {secret}, [REDACTED], (your key), %KEY%.
  if (/^(<[^<>]*>|\{[^{}]*\}|\[[^[\]]*\]|\([^()]*\)|%[^%]*%)$/.test(v)) return true;
  // Ellipses and truncations: `sk-...`, `abc…`.
  if (/\.{3}|…/.test(v)) return true;
  // One character repeated (`xxxxxxxx`, `00000000`, `********`).
  if (/^(.)\1*$/.test(v)) return true;
  // YOUR_API_KEY, your-token-here, INSERT_KEY, REPLACE_ME, <...>_HERE, PUT_YOUR_KEY.
  if (/^(your|my|insert|enter|replace|put|add|paste|set|fill)[\s_-]/i.test(v)) return true;
  if (/(^|[\s_-])(here|me)$/i.test(v) && /[_-]/.test(v)) return true;
  // Marker words anywhere: ghp_dummy, test-token, sk_fake_key, REDACTED_API_KEY, placeholder-token.
  if (
    /(^|[^a-z])(dummy|fake|placeholder|redacted|changeme|example|sample|mock|notreal|not[-_]real|xxx+)([^a-z]|$)/i.test(
      v,
    )
  )
    return true;
  // Prose rather than a credential (instructions, descriptions): several words.
  if (/\s/.test(v) && v.split(/\s+/).length >= 3) return true;
  return false;
}

// ---- Secret-named keys and entropy --------------------------------------------------------------

/** Name parts that say the value is a credential. */
const SECRET_NAME =
  /(^|[^a-z])(token|secret|password|passwd|passphrase|pwd|pass|apikey|api[-_]?key|access[-_]?key|private[-_]?key|secret[-_]?key|client[-_]?secret|credentials?|authorization|auth|bearer|cookie|session|signing[-_]?key|key)([^a-z]|$)/i;
/** Name parts that say the value is *about* a credential but not one (a path, a count, an id, a URL). */
const NOT_SECRET_NAME =
  /(^|[^a-z])(path|file|dir|url|uri|endpoint|host|port|user|username|name|id|type|mode|env|var|header|location|region|tokens|max|min|limit|count|length|ttl|expiry|expires|timeout|enabled|disable|disabled|required|method|provider|scheme|format|kind|version|store|helper|prefix|field|size|budget|model)([^a-z]|$)/i;

/** True when a key or flag name says it holds a credential: `GITHUB_TOKEN`, `apiKey`, `--access-token`. */
export function isSecretName(name: string): boolean {
  // Split camelCase so `apiKey` and `clientSecret` read like `api_Key`, `client_Secret`.
  const words = name.replace(/^-+/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  if (!SECRET_NAME.test(words)) return false;
  // `KEY_ID` / `CLIENT_ID` / `TOKEN_PATH` / `MAX_TOKENS` name something else; but a name such as
  // `SECRET_KEY_ID` still says nothing secret, so the exclusion wins whenever it is present.
  return !NOT_SECRET_NAME.test(words);
}

/** Shannon entropy of `s` in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How strict to be: a named secret (the key says so) needs less evidence than a bare word. */
export type Strength = 'named' | 'password' | 'bare';

/**
 * True when a literal `value` looks like a real credential: not a placeholder, no spaces, not a path
 * or URL, not a plain number or word, and random enough. `named` is for values under a secret-named
 * key, `password` for password keys (shorter values count), `bare` for a word with no name at all.
 */
export function looksLikeSecret(value: string, strength: Strength = 'named'): boolean {
  const v = value.trim();
  if (isPlaceholder(v)) return false;
  if (/\s/.test(v)) return false;
  if (/^(https?|wss?|file):\/\//i.test(v) || /^(~|\.{1,2})?[\\/]/.test(v) || /^[A-Za-z]:[\\/]/.test(v))
    return false;
  if (/^\d{1,15}$/.test(v)) return false; // ports, counts, ids
  if (/^[A-Z][A-Z0-9_]*$/.test(v) && v.includes('_')) return false; // a variable NAME, not a value
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (strength === 'password') return v.length >= 8 && classes >= 2 && entropy(v) >= 2.5;
  if (strength === 'named') return v.length >= 16 && classes >= 2 && entropy(v) >= 3.0;
  // A bare word must be long, alphanumeric-ish, mixed case with digits, and very random.
  return (
    v.length >= 32 &&
    /^[A-Za-z0-9_-]+$/.test(v) &&
    /[a-z]/.test(v) &&
    /[A-Z]/.test(v) &&
    /\d/.test(v) &&
    entropy(v) >= 4.0
  );
}

/** True when a name is about passwords, where short human-chosen values are still real secrets. */
export function isPasswordName(name: string): boolean {
  return /(^|[^a-z])(password|passwd|passphrase|pwd|pass)([^a-z]|$)/i.test(
    name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'),
  );
}

/** What a message may show of a secret: at most four characters, then an ellipsis. */
export function preview(secret: string): string {
  const s = secret.trim();
  // Short values are hidden whole: four characters of a six-character secret give most of it away.
  return s.length <= 8 ? '…' : `${s.slice(0, 4)}…`;
}
