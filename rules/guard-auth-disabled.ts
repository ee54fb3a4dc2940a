// MG210: an mcp-guard config that lets any caller in (`auth.mode: none`, or no auth at all). How bad
// that is depends on who can reach the guard, so the listen address sets the severity: high when it
// binds a non-loopback address, medium on loopback or stdio only.
import { type JsonPath, member, type PNode } from '../src/config/document.ts';
import { findRefs } from '../src/config/variables.ts';
import { guardRoot, listenAddress } from '../src/scan/guard-config.ts';
import { defineRule, type Severity } from '../src/scan/rule.ts';

/** Keys whose presence means the auth section configures a credential even without `mode`. */
const CREDENTIAL_KEYS = ['keys', 'api_keys', 'jwt_secret', 'jwt', 'oauth'];

/** Why the config has no authentication, and where to point; undefined when auth is on (or unknowable). */
function missingAuth(root: PNode): { reason: string; path: JsonPath } | undefined {
  const auth = member(root, 'auth');
  if (!auth || auth.kind === 'null') return { reason: 'there is no auth section', path: [] };
  // `auth: none`, `auth: false`: the section itself switches authentication off.
  if (
    (auth.kind === 'boolean' && !auth.value) ||
    (auth.kind === 'string' && auth.value.trim().toLowerCase() === 'none')
  )
    return { reason: `auth is ${JSON.stringify(auth.value)}`, path: ['auth'] };
  if (auth.kind !== 'object') return undefined;
  const mode = member(auth, 'mode');
  if (mode?.kind === 'string') {
    // A mode chosen by a variable is decided at deploy time; the loader validates it then.
    if (findRefs(mode.value).length > 0) return undefined;
    if (mode.value.trim().toLowerCase() === 'none')
      return { reason: 'auth.mode is "none"', path: ['auth', 'mode'] };
    return undefined;
  }
  if (CREDENTIAL_KEYS.some((k) => member(auth, k))) return undefined;
  return { reason: 'the auth section sets no mode and no credentials', path: ['auth'] };
}

export default defineRule({
  code: 'MG210',
  name: 'guard-auth-disabled',
  severity: 'high',
  precision: 'high',
  summary: 'An mcp-guard config accepts requests without any credential.',
  description:
    'With `auth.mode: none` (or no `auth` section) the guard treats every caller as trusted: its per-agent rate limits, spend caps and tool allowlists have no identity to hang on, and every tool of every guarded server (wallets, shells, file systems) is one request away. On a non-loopback address that is anyone on the network or the internet; on loopback it is still any local process, and any web page through DNS rebinding.',
  help: [
    'Turn authentication on and give each agent its own key, kept out of the file:',
    '',
    '```yaml',
    'auth:',
    '  mode: none',
    'http: {host: 0.0.0.0, port: 8080}',
    '```',
    '',
    'Safe:',
    '',
    '```yaml',
    'auth:',
    '  mode: api_key',
    `  keys: {alice: "\${ALICE_KEY}"}`,
    'http: {host: 127.0.0.1, port: 8080}',
    '```',
    '',
    'Bind `127.0.0.1` unless other machines must reach the guard, and then put TLS in front of it.',
  ].join('\n'),
  fix: `set auth.mode to api_key (keys from \${VAR}) or jwt, and bind 127.0.0.1 unless remote agents need it`,
  tags: ['security', 'authentication', 'external/cwe/cwe-306'],
  messages: {
    exposed:
      '{reason} and the guard listens on {host}: anyone who can reach that address can call every tool of every guarded server',
    unknown:
      '{reason} and the guard listens on {host}, chosen at deploy time: nothing keeps it off a public address',
    local:
      '{reason}; the guard listens on loopback ({host}) only, yet any local process or web page (through DNS rebinding) can call every tool',
    stdio:
      '{reason}; the guard runs over stdio only, but adding an http section would expose every tool without a credential',
  },
  checkFile(config, ctx) {
    const root = guardRoot(config);
    if (!root) return;
    const missing = missingAuth(root);
    if (!missing) return;
    const listen = listenAddress(root);
    const severity: Severity = listen.kind === 'exposed' || listen.kind === 'unknown' ? 'high' : 'medium';
    const message = listen.kind === 'loopback' ? 'local' : listen.kind;
    const data: Record<string, string> = { reason: missing.reason };
    // `listens on ::` reads badly; brackets make an IPv6 address unmistakable.
    if (listen.kind !== 'stdio')
      data.host =
        /^[^[].*:/.test(listen.host) && !listen.host.includes('$') ? `[${listen.host}]` : listen.host;
    ctx.report({ path: missing.path, message, data, severity });
  },
});
