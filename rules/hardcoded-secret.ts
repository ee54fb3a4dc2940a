// MG301: placeholder, to be written. a literal credential in env, args, headers or a connection string
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG301',
  name: 'hardcoded-secret',
  severity: 'critical',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
