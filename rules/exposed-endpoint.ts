// MG104: placeholder, to be written. a remote endpoint on a raw public IP address or an ephemeral tunnel domain
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG104',
  name: 'exposed-endpoint',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
