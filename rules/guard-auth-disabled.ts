// MG210: an mcp-guard config that lets any caller in (`auth.mode: none`). How bad that is depends on
// who can reach the guard, so the listen address sets the severity: high when it binds a non-loopback
// address, medium on loopback or stdio only. It judges the loader's model: a config without an auth
// section, or with one the loader refuses, never starts (MG213 reports it), so it lets nobody in.
import { defineRule, type Severity } from '../src/scan/rule.ts';
import { listenOf } from './utils/guard.ts';

export default defineRule({
  code: 'MG210',
  name: 'guard-auth-disabled',
  severity: 'high',
  precision: 'high',
  summary: 'An mcp-guard config accepts requests without any credential.',
  description:
    'With `auth.mode: none` the guard treats every caller as trusted: its per-agent rate limits, spend caps and tool allowlists have no identity to hang on, and every tool of every guarded server (wallets, shells, file systems) is one request away. On a non-loopback address that is anyone on the network or the internet; on loopback it is still any local process, and any web page through DNS rebinding.',
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
      'auth.mode is "none" and the guard listens on {host}: anyone who can reach that address can call every tool of every guarded server',
    unknown:
      'auth.mode is "none" and the guard listens on {host}, chosen at deploy time: nothing keeps it off a public address',
    local:
      'auth.mode is "none"; the guard listens on loopback ({host}) only, yet any local process or web page (through DNS rebinding) can call every tool',
    stdio:
      'auth.mode is "none"; the guard runs over stdio only, but adding an http section would expose every tool without a credential',
  },
  checkGuard(guard, ctx) {
    if (guard.config.auth?.mode !== 'none') return;
    const listen = listenOf(guard);
    if (!listen) return;
    const severity: Severity = listen.kind === 'exposed' || listen.kind === 'unknown' ? 'high' : 'medium';
    const message = listen.kind === 'loopback' ? 'local' : listen.kind;
    const data: Record<string, string> = {};
    // `listens on ::` reads badly; brackets make an IPv6 address unmistakable.
    if (listen.kind !== 'stdio')
      data.host =
        /^[^[].*:/.test(listen.host) && !listen.host.includes('$') ? `[${listen.host}]` : listen.host;
    ctx.report({ path: guard.sources.get('auth.mode') ?? ['auth', 'mode'], message, data, severity });
  },
});
