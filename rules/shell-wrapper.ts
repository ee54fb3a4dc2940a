// MG402: placeholder, to be written. the command is a shell running a string
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG402',
  name: 'shell-wrapper',
  severity: 'medium',
  precision: 'medium',
  summary: 'TODO',
  description: 'TODO',
  help: 'TODO',
  fix: 'TODO',
  tags: ['security'],
  messages: {},
});
