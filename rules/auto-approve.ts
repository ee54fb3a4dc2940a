// MG202: placeholder, to be written. tool calls approved without asking
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG202',
  name: 'auto-approve',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
