// MG212: an mcp-guard config that neither limits anything nor records anything: no rate limit, no
// spend cap, no audit log. The guard then only authenticates; a runaway or hijacked agent can loop
// on paid tools and nobody can reconstruct what it did. Any one of the three silences the rule. It
// reads the loader's effective policies, so every place and spelling the loader accepts counts, and a
// value the loader refuses (a rate limit of 0, an empty path) does not.
import { defineRule } from '../src/scan/rule.ts';

export default defineRule({
  code: 'MG212',
  name: 'guard-no-limits',
  severity: 'low',
  precision: 'medium',
  summary: 'An mcp-guard config sets no rate limit, no spend cap and no audit log.',
  description:
    'Authentication says who an agent is; limits bound what it can do once it is in. Without a rate limit or a spend cap, a looping, prompt-injected or stolen agent can call paid or destructive tools as fast as the backend answers, and without an audit log nobody can tell afterwards which agent did what. Any one of the three keeps this rule quiet; production guards usually want all of them.',
  help: [
    'Add at least one limit and an audit log:',
    '',
    '```yaml',
    `auth: {mode: api_key, keys: ["\${AGENT_KEY}"]}`,
    'servers:',
    '  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}',
    '```',
    '',
    'Safe:',
    '',
    '```yaml',
    `auth: {mode: api_key, keys: ["\${AGENT_KEY}"]}`,
    'servers:',
    '  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}',
    'policies:',
    '  max_spend_per_session: 10',
    'rate_limit:',
    '  requests_per_minute: 60',
    'audit_log: ./audit.jsonl',
    '```',
  ].join('\n'),
  fix: 'set rate_limit.requests_per_minute, policies.max_spend_per_session and audit_log',
  tags: ['security', 'resource-limits', 'logging', 'external/cwe/cwe-770', 'external/cwe/cwe-778'],
  messages: {
    none: 'this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
  },
  checkGuard(guard, ctx) {
    const { policies } = guard.config;
    // A section the loader refused cannot be judged; MG213 reports it.
    if (!policies) return;
    const limited =
      policies.requestsPerMinute !== undefined ||
      policies.spendPerHourUsd !== undefined ||
      policies.maxSpendPerSession !== undefined;
    // A log the operator chose, not the default beside the state store, which is easy to lose.
    const recorded = guard.sources.has('audit.path');
    if (!limited && !recorded) ctx.report({ path: [], message: 'none' });
  },
});
