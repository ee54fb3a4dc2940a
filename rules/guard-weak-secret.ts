// MG211: a credential of the guard's (an API key, the JWT HMAC secret, the metrics token, the Redis
// store's password, the console's session secret, a webhook's signing secret) written into the guard's own config as a literal, or defaulting to one, or too short to
// resist guessing. Unlike a client config, a placeholder here is not harmless: the guard would accept
// it. The loader lists the credentials (in every form and spelling it reads) and says which
// references it expands; this rule only judges them.

import { formatPath } from '../src/config/document.ts';
import { MIN_HS_SECRET_BYTES } from '../src/config/guard-normalize.ts';
import type { SValue } from '../src/config/types.ts';
import { findRefs, guardRefs } from '../src/config/variables.ts';
import { defineRule, type RuleContext } from '../src/scan/rule.ts';

/**
 * RFC 7518 §3.2: an HS256 key must be at least as long as the hash output; the loader refuses a
 * shorter JWT secret, and an API key or token shorter than that is as guessable.
 */
const MIN_BYTES = MIN_HS_SECRET_BYTES;

type Message = 'literal' | 'literalShort' | 'fallback' | 'fallbackShort' | 'notExpanded';

/** `"abcd…", 40 bytes` for long values; just the length for short ones, whose prefix is half the secret. */
function preview(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes >= 16 ? `"${[...text].slice(0, 4).join('')}…", ${bytes} bytes` : `${bytes} bytes`;
}

/** Judges one credential and reports what is wrong with it, if anything. */
function judge(value: SValue, kind: string, ctx: RuleContext<Message>): void {
  const text = value.value;
  const field = formatPath(value.path);
  const path = value.path;
  const refs = findRefs(text);
  if (refs.length === 0) {
    const bytes = Buffer.byteLength(text, 'utf8');
    const message = bytes < MIN_BYTES ? 'literalShort' : 'literal';
    // Only API keys have a hashed form (`{agent, key_sha256}`); the guard needs the others themselves.
    const remedy =
      kind === 'API key'
        ? 'reference it as ${VAR} or store its sha256 (key_sha256)'
        : 'reference it as ${VAR}';
    ctx.report({ path, message, data: { field, kind, preview: preview(text), bytes, remedy } });
    return;
  }
  const expanded = guardRefs(text);
  if (expanded.length === 0) {
    ctx.report({ path, message: 'notExpanded', data: { field, kind, ref: refs[0].text } });
    return;
  }
  for (const r of expanded) {
    // No default, or an empty one: an unset variable stops the guard at start-up (fail closed).
    if (!r.fallback) continue;
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
  summary:
    'An mcp-guard config holds a literal or short API key, JWT secret, metrics token, store password, console session secret or webhook secret.',
  description: `The guard authenticates agents (and \`/metrics\` scrapers) with the keys, secrets and tokens in its config. A literal one is readable by everyone who can read the file, its repository, backups and CI logs, and it lets them call every guarded tool as that agent (or, for a JWT HMAC secret, mint a token for any agent). A \`\${VAR:-default}\` reference still ships the default, and a secret under 32 bytes can be guessed or brute-forced offline from a single token.`,
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
    literal: `{field} is a literal {kind} ({preview}): anyone who can read this file can use it; {remedy}`,
    literalShort: `{field} is a literal {kind} of only {bytes} bytes: it is in the file and short enough to guess; use 32+ random bytes from \${VAR}`,
    fallback:
      '{field} falls back to a literal {kind} ({preview}) when {ref} is unset, so the file still holds a working secret',
    fallbackShort:
      '{field} falls back to a {bytes}-byte literal {kind} when {ref} is unset: short, guessable and in the file',
    notExpanded: `{field} is {ref}, which the guard does not expand (it reads \${VAR} only), so that literal text would be the {kind}`,
  },
  checkGuard(guard, ctx) {
    for (const { kind, value } of guard.credentials) judge(value, kind, ctx);
  },
});
