// MG211: a credential the guard checks against (API keys, the JWT HMAC secret, an OAuth client secret)
// written into the guard's own config as a literal, or defaulting to one, or too short to resist
// guessing. Unlike a client config, a placeholder here is not harmless: the guard would accept it.
import { formatPath, type JsonPath, member, type PNode } from '../src/config/document.ts';
import { findRefs, type VarRef } from '../src/config/variables.ts';
import { guardRoot, scalarText } from '../src/scan/guard-config.ts';
import { defineRule, type RuleContext } from '../src/scan/rule.ts';

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (32 bytes); keys alike. */
const MIN_BYTES = 32;

/**
 * A stored hash (`sha256:<64 hex>`): the guard compares digests, so the file holds no usable key. A
 * malformed digest is a load error for the guard's validator, not a leaked secret, so the prefix is enough.
 */
const SHA256_FORM = /^sha256:/i;

/** The guard interpolates `${VAR}`, `${env:VAR}` and `${VAR:-default}` only (see interpolate()). */
const GUARD_REF = /^\$\{(?:env:)?[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/** Single-value secrets of the auth section, by path below `auth`. */
const SECRET_FIELDS: { path: string[]; kind: string }[] = [
  { path: ['jwt_secret'], kind: 'JWT secret' },
  { path: ['jwt', 'secret'], kind: 'JWT secret' },
  { path: ['oauth', 'client_secret'], kind: 'OAuth client secret' },
];

/** Every API key of `auth.keys` (a list, a map of agent -> key, or `{agent, key}` items). */
function apiKeys(auth: PNode): { node: PNode; path: JsonPath }[] {
  const out: { node: PNode; path: JsonPath }[] = [];
  for (const field of ['keys', 'api_keys']) {
    const keys = member(auth, field);
    const base: JsonPath = ['auth', field];
    const add = (node: PNode, path: JsonPath) => {
      // `{agent, key}` or `{key_sha256}`: only `key` holds a secret.
      if (node.kind === 'object') {
        const key = member(node, 'key');
        if (key) out.push({ node: key, path: [...path, 'key'] });
      } else out.push({ node, path });
    };
    if (keys?.kind === 'array') for (const [i, item] of keys.items.entries()) add(item, [...base, i]);
    else if (keys?.kind === 'object') for (const e of keys.entries) add(e.value, [...base, e.key]);
    else if (keys) add(keys, base);
  }
  return out;
}

/** `"abcd…", 40 bytes` for long values; just the length for short ones, whose prefix is half the secret. */
function preview(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes >= 16 ? `"${[...text].slice(0, 4).join('')}…", ${bytes} bytes` : `${bytes} bytes`;
}

/** Judges one secret value and reports what is wrong with it, if anything. */
function judge(node: PNode, path: JsonPath, kind: string, ctx: RuleContext): void {
  const text = scalarText(node);
  if (text === undefined || SHA256_FORM.test(text.trim())) return;
  const field = formatPath(path);
  const refs = findRefs(text);
  if (refs.length === 0) {
    const bytes = Buffer.byteLength(text, 'utf8');
    const message = bytes < MIN_BYTES ? 'literalShort' : 'literal';
    ctx.report({ path, message, data: { field, kind, preview: preview(text), bytes } });
    return;
  }
  const expanded = refs.filter((r: VarRef) => GUARD_REF.test(r.text));
  if (expanded.length === 0) {
    ctx.report({ path, message: 'notExpanded', data: { field, kind, ref: refs[0].text } });
    return;
  }
  for (const r of expanded) {
    if (r.fallback === undefined) continue;
    const bytes = Buffer.byteLength(r.fallback, 'utf8');
    const ref = `\${${r.name}}`;
    const message = bytes < MIN_BYTES ? 'fallbackShort' : 'fallback';
    ctx.report({ path, message, data: { field, kind, ref, preview: preview(r.fallback), bytes } });
  }
}

export default defineRule({
  code: 'MG211',
  name: 'guard-weak-secret',
  severity: 'critical',
  precision: 'high',
  summary: 'An mcp-guard config holds a literal or short API key or JWT secret.',
  description: `The guard authenticates agents with the keys and secrets in its config. A literal one is readable by everyone who can read the file, its repository, backups and CI logs, and it lets them call every guarded tool as that agent (or, for a JWT HMAC secret, mint a token for any agent). A \`\${VAR:-default}\` reference still ships the default, and a secret under 32 bytes can be guessed or brute-forced offline from a single token.`,
  help: [
    'Keep keys out of the file: reference them, or store only their SHA-256 hash:',
    '',
    '```yaml',
    'auth:',
    '  mode: api_key',
    '  keys: {alice: "correct-horse"}',
    '```',
    '',
    'Safe:',
    '',
    '```yaml',
    'auth:',
    '  mode: api_key',
    '  keys:',
    `    - {agent: alice, key: "\${ALICE_KEY}"}`,
    '    - {agent: bob, key_sha256: "<sha256 hex of the key>"}',
    '```',
    '',
    'Generate keys and JWT secrets with at least 32 random bytes (`openssl rand -base64 32`) and rotate any that were committed.',
  ].join('\n'),
  fix: `reference the secret as \${VAR} (no default) or store its sha256 hash; use 32+ random bytes, rotate leaked ones`,
  tags: ['security', 'secrets', 'external/cwe/cwe-798', 'external/cwe/cwe-521'],
  messages: {
    literal: `{field} is a literal {kind} ({preview}): anyone who can read this file can use it; reference it as \${VAR} or store its sha256 hash`,
    literalShort: `{field} is a literal {kind} of only {bytes} bytes: it is in the file and short enough to guess; use 32+ random bytes from \${VAR}`,
    fallback:
      '{field} falls back to a literal {kind} ({preview}) when {ref} is unset, so the file still holds a working secret',
    fallbackShort:
      '{field} falls back to a {bytes}-byte literal {kind} when {ref} is unset: short, guessable and in the file',
    notExpanded: `{field} is {ref}, which the guard does not expand (it reads \${VAR} only), so that literal text would be the {kind}`,
  },
  checkFile(config, ctx) {
    const auth = member(guardRoot(config), 'auth');
    if (auth?.kind !== 'object') return;
    for (const { path, kind } of SECRET_FIELDS) {
      let node: PNode | undefined = auth;
      for (const k of path) node = member(node, k);
      if (node) judge(node, ['auth', ...path], kind, ctx);
    }
    for (const { node, path } of apiKeys(auth)) judge(node, path, 'API key', ctx);
  },
});
