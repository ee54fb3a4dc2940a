// MG103: placeholder, to be written. credentials in a URL: userinfo, or a secret-named query parameter with a literal value
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG103',
  name: 'credential-in-url',
  severity: 'critical',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
