// MG404: placeholder, to be written. a filesystem server given the root or the whole home directory
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG404',
  name: 'broad-filesystem-access',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
