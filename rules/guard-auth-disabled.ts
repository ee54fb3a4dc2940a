// MG210: placeholder, to be written. an mcp-guard config with no authentication
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG210',
  name: 'guard-auth-disabled',
  severity: 'high',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
