// MG001: a servers map the file's client does not read. A `.vscode/mcp.json` holding both `servers`
// and `mcpServers` is read by VS Code through `servers` only; a `.mcp.json` with both, by Claude Code
// through `mcpServers` only. The scanner reads the file as its client does (normalize.ts keeps the
// other map aside in `config.ignored`), and says so here rather than dropping those servers silently:
// the person who wrote them believes they run, and another client given the same file may run them.
import { clientById } from '../src/config/clients.ts';
import { formatPath } from '../src/config/document.ts';
import { defineRule } from '../src/scan/rule.ts';

/** How many server names to show before "and N more". */
const SHOWN = 5;

export default defineRule({
  code: 'MG001',
  name: 'servers-ignored',
  severity: 'low',
  precision: 'high',
  summary: "A servers map that the file's client does not read (both `servers` and `mcpServers`).",
  description:
    "Some files hold two servers maps, usually `servers` (VS Code's key) and `mcpServers` (everyone else's), after a copy and paste between clients. Each client reads only its own key: VS Code ignores `mcpServers` in `.vscode/mcp.json`, Claude Code ignores `servers` in `.mcp.json`. The servers under the other key never start, though whoever wrote them thinks they do, and a different client given the same file would start them. mcp-guard judges the file as its client reads it, and reports the other map here instead of dropping it. A literal secret in it is still reported (MG301): it is in the file all the same.",
  help: [
    'Keep one servers map, under the key the client reads. Unsafe (VS Code reads only `servers`):',
    '',
    '```json',
    '{ "servers": { "docs": { "url": "https://docs.example.com/mcp" } }, "mcpServers": { "db": { "command": "db-mcp" } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "servers": { "docs": { "url": "https://docs.example.com/mcp" }, "db": { "command": "db-mcp" } } }',
    '```',
  ].join('\n'),
  fix: 'move these servers under the key the client reads, or delete them',
  tags: ['correctness'],
  messages: {
    ignored: '{client} reads {reads}, not {key}: {count} server(s) here never start ({names})',
  },
  checkFile(config, ctx) {
    const client = clientById(config.client).name;
    for (const map of config.ignored) {
      const names = map.servers.map((s) => s.name);
      const more = names.length > SHOWN ? ` and ${names.length - SHOWN} more` : '';
      ctx.report({
        path: map.path,
        message: 'ignored',
        data: {
          client,
          reads: map.reads,
          key: formatPath(map.path),
          count: names.length,
          names: names.slice(0, SHOWN).join(', ') + more,
        },
      });
    }
  },
});
