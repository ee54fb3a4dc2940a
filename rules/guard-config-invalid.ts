// MG213: an mcp-guard config that `guard serve` would refuse to start with: an unknown key, a wrong
// type, a missing auth section, settings that contradict each other. The guard's loader finds these
// in lint mode (the same checks as at start-up, with `${VAR}` references left for deploy time); this
// rule reports each at its line with the loader's own message, the one `guard check` prints.
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG213',
  name: 'guard-config-invalid',
  severity: 'high',
  precision: 'very-high',
  summary: 'An mcp-guard config would be refused at start-up.',
  description:
    'The guard validates its config when it starts and refuses to run with a problem in it: an unknown key (a typo must not silently switch a policy off), a value of the wrong type, a missing `auth` section (`none` must be written out), credentials that do not fit the auth mode, a route to a server that does not exist. Found in review, the problem costs a line; found at deploy time, it is an outage, or a guard that an operator starts in a hurry with the policy commented out.',
  help: [
    'Fix the key at the reported line; the message is the one `mcp-guard guard check --config FILE` prints. Unsafe:',
    '',
    '```yaml',
    'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}',
    'servers:',
    '  wallet: {command: "python3 wallet_server.py"}',
    'rate_limits: {requests_per_minute: 60}',
    '```',
    '',
    'Safe:',
    '',
    '```yaml',
    'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}',
    'servers:',
    '  wallet: {command: "python3 wallet_server.py"}',
    'rate_limit: {requests_per_minute: 60}',
    '```',
  ].join('\n'),
  fix: 'fix the key as the message says (mcp-guard guard check --config FILE shows every problem)',
  tags: ['security', 'correctness'],
  messages: { refused: '{key}: {problem}' },
  checkGuard(guard, ctx) {
    for (const p of guard.problems) {
      // A syntax error is MG000's: one finding per broken file.
      if (p.parse) continue;
      ctx.report({ path: p.path, message: 'refused', data: { key: p.key || '(root)', problem: p.message } });
    }
  },
});
