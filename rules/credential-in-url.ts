// MG103: a literal credential inside a server URL: `https://user:pass@host` or `?api_key=...`. URLs
// are the least protected place for a secret: they are logged by proxies and servers, shown in UIs,
// kept in shell history and committed with the config. A reference (`?key=${env:KEY}`) or a
// placeholder (`?api_key=YOUR_API_KEY`) is not a finding.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in the help text is config syntax, not a template.

import { defineRule } from '../src/scan/rule.ts';
import { secretPrefix, urlCredentials } from './utils/credentials.ts';
import { judgedEndpoints } from './utils/hosts.ts';

export default defineRule({
  code: 'MG103',
  name: 'credential-in-url',
  severity: 'critical',
  precision: 'high',
  summary: 'A server URL carries a literal credential (user:password@ or a key/token query parameter).',
  description:
    'A secret in a URL leaks everywhere the URL goes: the config file and its repository, access logs of every proxy and of the server, error messages, the client UI and crash reports. Unlike a header, it cannot be kept out of the file with a variable in most clients unless the whole URL is a variable. Anyone who reads it can call the server as you.',
  help: [
    'Move the secret out of the URL, into a header fed from a variable. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "search": { "url": "https://mcp.example.com/mcp?api_key=3f9a1c07b2d84e6f" } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "search": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "X-API-Key": "${env:SEARCH_API_KEY}" } } } }',
    '```',
    '',
    'If the server only accepts the key in the URL, reference a variable there (`?api_key=${env:SEARCH_API_KEY}`) and rotate the key that was committed.',
  ].join('\n'),
  fix: 'move the secret into a header read from an environment variable, and rotate it',
  tags: ['security', 'secrets', 'network', 'external/cwe/cwe-598', 'external/cwe/cwe-798'],
  messages: {
    userinfo: 'the URL of {origin} embeds a password ({prefix}) in user:password@',
    user: 'the URL of {origin} embeds a token ({prefix}) as its user name',
    query: 'the URL of {origin} carries a credential in query parameter "{name}" ({prefix})',
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      for (const cred of urlCredentials(ep.parsed)) {
        // Tokens in path segments are too often plain ids to call critical; MG101 still counts them.
        if (!cred.literal || cred.where === 'path') continue;
        ctx.report({
          path: ep.source.path,
          message: cred.where === 'query' ? 'query' : cred.name === 'user' ? 'user' : 'userinfo',
          data: { origin: ep.parsed.origin, name: cred.name, prefix: secretPrefix(cred.value) },
        });
      }
    }
  },
});
