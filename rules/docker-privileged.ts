// MG403: placeholder, to be written. `docker run` with privileged or host-level options
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG403',
  name: 'docker-privileged',
  severity: 'high',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
