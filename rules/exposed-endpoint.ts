// MG104: a remote MCP server on a raw public IP address or on an ephemeral tunnel domain. Both are
// signs of a server someone exposed by hand (a dev box, a port forward, `ngrok http 3000`): no
// stable name, usually no TLS certificate worth the name, often no auth, and the tunnel address is
// reassigned to a stranger once the tunnel closes.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in the help text is config syntax, not a template.

import { defineRule } from '../src/scan/rule.ts';
import { judgedEndpoints } from './utils/hosts.ts';

export default defineRule({
  code: 'MG104',
  name: 'exposed-endpoint',
  severity: 'medium',
  precision: 'high',
  summary:
    'A remote MCP server sits on a raw public IP address or an ephemeral tunnel (ngrok, trycloudflare ...).',
  description:
    'A server on a bare public IP or behind a quick tunnel is usually a development server exposed to the whole internet: anyone who scans the address range or guesses the tunnel name can call its tools, and it rarely has the authentication, TLS and monitoring of a real deployment. Tunnel names are also recycled: when the tunnel closes, the same address can be handed to someone else, and the client will send its tool calls (and credentials) there. Private addresses (10/8, 172.16/12, 192.168/16, fc00::/7) and loopback are not reported.',
  help: [
    'Serve the MCP server from a stable name you control, over HTTPS and with authentication, or keep it local. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "dev": { "url": "https://4f2a-81-2-69-142.ngrok-free.app/mcp" } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "dev": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "Authorization": "Bearer ${env:DEV_MCP_TOKEN}" } } } }',
    '```',
  ].join('\n'),
  fix: 'serve the MCP server under a stable domain you control (with TLS and auth), or keep it on loopback',
  tags: ['security', 'network', 'external/cwe/cwe-668'],
  messages: {
    publicIp: 'remote server {origin} is on a raw public IP address',
    tunnel: 'remote server {origin} is on an ephemeral {tunnel} tunnel; its address can pass to someone else',
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { kind, origin, tunnel } = ep.parsed;
      if (kind === 'public-ip') ctx.report({ path: ep.source.path, message: 'publicIp', data: { origin } });
      else if (kind === 'tunnel')
        ctx.report({ path: ep.source.path, message: 'tunnel', data: { origin, tunnel: tunnel ?? 'tunnel' } });
    }
  },
});
