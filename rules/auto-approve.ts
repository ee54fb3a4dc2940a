// MG202: tool calls (or whole servers) approved without asking. The approval prompt is the last
// point where a person sees what the model is about to do; an auto-approved tool runs whatever a
// prompt injection in a web page, issue or file asks of it. "All tools" is worse than a short list.
import { defineRule } from '../src/scan/rule.ts';

/** How many tool names to show before "and N more". */
const SHOWN = 5;

export default defineRule({
  code: 'MG202',
  name: 'auto-approve',
  severity: 'medium',
  precision: 'high',
  summary:
    'Tool calls are approved without asking (autoApprove, alwaysAllow, trust, enableAllProjectMcpServers).',
  description:
    'Clients ask before running a tool so that a person can stop a harmful call. `autoApprove` / `alwaysAllow` (Cline, Roo Code, Kiro), Gemini CLI `trust: true` and Claude Code `enableAllProjectMcpServers` skip that step: a prompt injection hidden in a web page, an issue or a file the agent reads can then make it call those tools with no one looking. Approving every tool (`"*"`, `trust: true`) is reported as high; a short list of read-only tools is a smaller risk, but review it.',
  help: [
    'Approve only read-only tools, or none. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": ["*"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": [] } } }',
    '```',
    '',
    'For Gemini CLI remove `"trust": true`; for Claude Code remove `enableAllProjectMcpServers` and approve project servers one by one.',
  ].join('\n'),
  fix: 'remove the auto-approval, or limit it to read-only tools',
  tags: ['security', 'human-in-the-loop', 'external/cwe/cwe-862'],
  messages: {
    all: 'every tool of server "{server}" runs without asking ({key})',
    some: '{count} tool(s) of server "{server}" run without asking: {tools}',
    projectServers: 'enableAllProjectMcpServers: every server in a project .mcp.json starts without asking',
  },
  checkServer(server, ctx) {
    const auto = server.autoApprove;
    if (!auto) return;
    const key = String(auto.path[auto.path.length - 1]);
    if (auto.tools === 'all') {
      ctx.report({ path: auto.path, message: 'all', data: { server: server.name, key }, severity: 'high' });
      return;
    }
    const shown = auto.tools.slice(0, SHOWN).join(', ');
    const more = auto.tools.length > SHOWN ? ` and ${auto.tools.length - SHOWN} more` : '';
    ctx.report({
      path: auto.path,
      message: 'some',
      data: { server: server.name, count: auto.tools.length, tools: shown + more },
    });
  },
  checkFile(config, ctx) {
    for (const s of config.switches) {
      if (s.key === 'enableAllProjectMcpServers' && s.value === true) {
        ctx.report({ path: s.path, message: 'projectServers' });
      }
    }
  },
});
