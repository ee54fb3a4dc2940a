// MG101: a remote MCP server reached with no credential configured at all. Either the server is open
// to anyone who finds its address (its tools run for any caller), or the config relies on something
// the scanner cannot see; both deserve a look. Loopback is never remote; references count as
// configured credentials, since that is exactly the good practice.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in the help text is config syntax, not a template.
import { argv, type Word } from '../src/config/launch.ts';
import { defineRule } from '../src/scan/rule.ts';
import { sendsCredential } from './utils/credentials.ts';
import { isLocalNetwork, isRemote, judgedEndpoints } from './utils/hosts.ts';

export default defineRule({
  code: 'MG101',
  name: 'remote-no-auth',
  severity: 'medium',
  precision: 'medium',
  summary: 'A remote MCP server is configured with no credential: no auth header, token, OAuth or key.',
  description:
    'An MCP server reachable over the network runs its tools for whoever connects. When the client config sends no credential (no Authorization or API-key header, no bearer token variable, no headers helper, no OAuth settings, no key in the URL), either the server accepts anonymous calls, so anyone who learns its address can call its tools and read what they return, or the server asks for OAuth at connect time, which the scanner cannot see. Servers on loopback are not reported. Medium: a raw public IP, a tunnel, or plain http (OAuth needs TLS, so nothing can be negotiated). Low: a named HTTPS host (it may ask for OAuth at connect time) or a host on a private network.',
  help: [
    'Send a credential, kept out of the file with a variable reference, or configure OAuth. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp" } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "Authorization": "Bearer ${env:CRM_TOKEN}" } } } }',
    '```',
    '',
    'If the server is public on purpose (a documentation server) or negotiates OAuth itself, ignore the finding with a reason.',
  ].join('\n'),
  fix: 'send a credential (an Authorization header from a variable, bearer_token_env_var, or OAuth)',
  tags: ['security', 'network', 'authentication', 'external/cwe/cwe-306'],
  messages: {
    noAuth: 'remote server {origin} is reached with no credential: no auth header, token, OAuth or key',
    noAuthMaybeOAuth:
      'remote server {origin} is reached with no credential configured; unless it asks for OAuth when connecting, anyone can call its tools',
    noAuthBridge:
      '{bridge} connects to remote server {origin} with no credential: no auth header, token, OAuth or key',
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { kind, scheme, origin } = ep.parsed;
      if (!isRemote(kind) || sendsCredential(server, ep)) continue;
      // A named host over TLS may ask for OAuth when the client connects (the MCP authorization
      // flow), which no config shows: reported, but low. Raw IPs, tunnels and plaintext cannot.
      const mayNegotiate = kind === 'name' && (scheme === 'https' || scheme === 'wss');
      ctx.report({
        path: ep.source.path,
        message: mayNegotiate ? 'noAuthMaybeOAuth' : ep.via === 'bridge' ? 'noAuthBridge' : 'noAuth',
        data: { origin, bridge: bridgeName(argv(server)) },
        severity: mayNegotiate || isLocalNetwork(kind) ? 'low' : undefined,
      });
    }
  },
});

function bridgeName(words: Word[]): string {
  const w = words.find((x) => /mcp-remote|supergateway|mcp-proxy/i.test(x.text));
  return w ? (w.text.match(/mcp-remote|supergateway|mcp-proxy/i)?.[0] ?? 'a bridge') : 'a bridge';
}
