// MG501: placeholder, to be written. a config with a literal secret readable by other users
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG501',
  name: 'config-permissions',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
