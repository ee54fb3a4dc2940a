// MG000: a config file a client would read does not parse. Parsers never throw (document.ts keeps
// their errors with a line and column); this rule reports the first one, and the other rules still
// judge whatever part of the file could be read.
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG000',
  name: 'config-unparseable',
  severity: 'high',
  precision: 'very-high',
  summary: 'A config file a client would read fails to parse.',
  description:
    'A client that cannot parse its config either ignores the file or refuses to start, and a scanner that skips it misses every server inside. The file is reported at the parser error so it can be fixed.',
  help: [
    'Fix the syntax error at the reported line. A common cause is a trailing comma or a comment in a strict JSON file:',
    '',
    '```json',
    '{ "mcpServers": { "x": { "command": "node", } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "x": { "command": "node" } } }',
    '```',
  ].join('\n'),
  fix: 'fix the syntax error at this line',
  tags: ['correctness'],
  messages: { parse: 'cannot parse this file: {error}' },
  checkFile(config, ctx) {
    const [first] = config.document.errors;
    if (first) ctx.report({ path: [], at: first, message: 'parse', data: { error: first.message } });
  },
});
