// MG101: placeholder, to be written. a remote server (non-loopback host) with no credential configured
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG101',
  name: 'remote-no-auth',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
