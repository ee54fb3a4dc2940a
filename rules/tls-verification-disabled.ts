// MG405: placeholder, to be written. TLS certificate verification switched off
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG405',
  name: 'tls-verification-disabled',
  severity: 'high',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
