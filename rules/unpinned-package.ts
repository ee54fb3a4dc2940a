// MG401: placeholder, to be written. a package or image run without an exact version
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG401',
  name: 'unpinned-package',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
