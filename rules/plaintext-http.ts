// MG102: placeholder, to be written. `http://` or `ws://` to a host that is not loopback
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG102',
  name: 'plaintext-http',
  severity: 'high',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
