// MG201: a local (stdio) server the client launches directly, so nothing stands between the agent
// and the server's tools: no allow-list, no rate or spend limit, no approval step, no audit log.
// Launching it through `mcp-guard guard serve` puts the guard's policy pipeline in between. Servers
// in mcp-guard's own config are the guarded backends themselves and are never reported.
import { argv, programName, runsGuard } from '../src/config/launch.ts';
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG201',
  name: 'unguarded-server',
  severity: 'low',
  precision: 'medium',
  summary: 'A local MCP server is launched directly, not through `mcp-guard guard serve`.',
  description:
    "A server the client starts itself runs every tool call the model makes, with the client user's rights, and leaves no record. Running it behind `mcp-guard guard serve` adds a tool allow/deny list, rate and spend limits, human approval for risky tools and a tamper-evident audit log, without changing the server. This is a hardening suggestion, hence low severity.",
  help: [
    'Launch the server through the guard (the server and its arguments follow `--`). Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/data"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "mcp-guard", "guard", "serve", "--config", "mcp-guard.yaml"] } } }',
    '```',
  ].join('\n'),
  fix: 'launch it through `mcp-guard guard serve` with a guard config that lists it as a backend',
  tags: ['security', 'hardening'],
  messages: {
    direct: 'server "{server}" is launched directly ({program}), not through mcp-guard guard serve',
  },
  checkServer(server, ctx) {
    if (ctx.config.client === 'mcp-guard') return;
    const words = argv(server);
    if (words.length === 0) return;
    const texts = words.map((w) => w.text);
    if (runsGuard(texts)) return;
    ctx.report({
      path: words[0].source.path,
      message: 'direct',
      data: { server: server.name, program: programName(texts[0]) || texts[0] },
    });
  },
});
