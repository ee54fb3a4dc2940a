// MG301: a literal credential in a server entry (env, args, headers, Codex `env_key`/`bearer_token`,
// connection strings). Config files are copied, committed, synced and pasted into issues; a secret
// written into one leaks with it. Known token formats come from secretlint (see rules/utils/secrets.ts);
// secret-named keys need a literal, random-looking value. References and placeholders are not findings.
import { defineRule } from '../src/scan/rule.ts';
import { prepareSecrets, serverSecrets } from './utils/server-secrets.ts';

export default defineRule({
  code: 'MG301',
  name: 'hardcoded-secret',
  severity: 'critical',
  precision: 'high',
  summary: 'A literal credential (API key, token, password, private key) is written into the config.',
  description:
    'MCP configs are copied between machines, committed to repositories, synced by dotfile managers and pasted into bug reports. A token written into one leaks with every copy, and rotating it means finding every copy. Clients can read the value from the environment or prompt for it instead (`${env:NAME}`, `${input:id}`, `${{ secrets.NAME }}`, Codex `env_vars`/`bearer_token_env_var`), so the file never holds the secret.',
  help: [
    'Replace the literal with a reference the client resolves at launch, and rotate the leaked credential. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio"],',
    '  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_<36 characters>" } } } }',
    '```',
    '',
    'Safe (Cursor, Claude Code: `${env:NAME}` / `${NAME}`; VS Code: `${input:id}`; Continue: `${{ secrets.NAME }}`):',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio"],',
    '  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_PERSONAL_ACCESS_TOKEN}" } } } }',
    '```',
  ].join('\n'),
  fix: 'rotate this credential and load it from the environment or a secret store instead',
  tags: ['security', 'secrets', 'external/cwe/cwe-798', 'external/cwe/cwe-312'],
  messages: {
    found: '{kind} in {where} ({preview}): a literal credential is stored in this config file',
  },
  prepare: prepareSecrets,
  checkServer(server, ctx) {
    for (const site of serverSecrets(server, ctx.config)) {
      ctx.report({
        path: site.value.path,
        message: 'found',
        data: { kind: site.kind, where: site.where, preview: site.preview },
      });
    }
  },
  // Servers in a map the client does not read (MG001) never start, but their secrets are in the file.
  checkFile(config, ctx) {
    for (const server of config.ignored.flatMap((m) => m.servers)) {
      for (const site of serverSecrets(server, config)) {
        ctx.report({
          path: site.value.path,
          message: 'found',
          data: { kind: site.kind, where: site.where, preview: site.preview },
          server: server.name,
        });
      }
    }
  },
});
