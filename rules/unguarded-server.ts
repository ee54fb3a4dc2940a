// MG201: placeholder, to be written. a local server launched directly rather than through `mcp-guard guard serve`
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG201',
  name: 'unguarded-server',
  severity: 'low',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
