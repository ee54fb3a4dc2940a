// MG212: placeholder, to be written. an mcp-guard config with neither rate limit, spend cap nor audit log
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG212',
  name: 'guard-no-limits',
  severity: 'low',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
