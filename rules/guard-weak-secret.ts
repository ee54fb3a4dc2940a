// MG211: placeholder, to be written. an mcp-guard config with a literal or short secret
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG211',
  name: 'guard-weak-secret',
  severity: 'critical',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
