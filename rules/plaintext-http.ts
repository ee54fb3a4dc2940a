// MG102: a remote MCP server reached over `http://` or `ws://`. Everything the agent sends (tool
// arguments, file contents, the credential in the Authorization header) and everything the server
// answers crosses the network unencrypted, open to reading and to rewriting. Loopback is exempt:
// the traffic never leaves the machine.

import { defineRule } from '../src/scan/rule.ts';
import { sendsCredential } from './utils/credentials.ts';
import { isLocalNetwork, isRemote, judgedEndpoints } from './utils/hosts.ts';

export default defineRule({
  code: 'MG102',
  name: 'plaintext-http',
  severity: 'high',
  precision: 'high',
  summary: 'A remote MCP server is reached over unencrypted http:// or ws://.',
  description:
    'Over plain HTTP or WebSocket, anyone on the path (shared Wi-Fi, a proxy, a compromised router) can read the tool calls, their results and any credential the client sends, and can rewrite the answers, for example to inject instructions into a tool result. Loopback addresses are not reported; hosts on a private network are reported at medium, since the path is shorter but still shared, unless the client sends a credential over it (high).',
  help: [
    'Use `https://` (or `wss://`). Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "crm": { "url": "http://mcp.example.com/mcp" } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp" } } }',
    '```',
    '',
    'For a server on your own machine, use `http://127.0.0.1:<port>` (or `localhost`): loopback is not reported.',
  ].join('\n'),
  fix: 'use https:// (or wss://) for remote servers',
  tags: ['security', 'network', 'external/cwe/cwe-319'],
  messages: {
    plaintext: '{scheme}:// to remote host {origin}: {what} travel unencrypted',
    plaintextLan: '{scheme}:// to {origin} on the local network: {what} travel unencrypted',
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { scheme, kind, origin } = ep.parsed;
      if ((scheme !== 'http' && scheme !== 'ws') || !isRemote(kind)) continue;
      // On a private network the path is short, unless a credential rides along in the clear.
      const lan = isLocalNetwork(kind);
      const credential = sendsCredential(server, ep);
      ctx.report({
        path: ep.source.path,
        message: lan ? 'plaintextLan' : 'plaintext',
        data: { scheme, origin, what: credential ? 'tool calls and the credential' : 'tool calls' },
        severity: lan && !credential ? 'medium' : undefined,
      });
    }
  },
});
