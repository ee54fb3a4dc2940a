// MG212: an mcp-guard config that neither limits anything nor records anything: no rate limit, no
// spend cap, no audit log. The guard then only authenticates; a runaway or hijacked agent can loop
// on paid tools and nobody can reconstruct what it did. Any one of the three silences the rule.
import { type JsonPath, member, nodeAt, type PNode } from '../src/config/document.ts';
import { guardRoot } from '../src/scan/guard-config.ts';
import { defineRule } from '../src/scan/rule.ts';

/** Where a rate limit may sit (top-level `rate_limit`, or under `policies` in the Python-era shape). */
const RATE_LIMITS: JsonPath[] = [
  ['rate_limit', 'requests_per_minute'],
  ['policies', 'rate_limit', 'requests_per_minute'],
  ['policies', 'requests_per_minute'],
];
/** Where a spend cap may sit. */
const SPEND_CAPS: JsonPath[] = [
  ['policies', 'max_spend_per_session'],
  ['rate_limit', 'spend_per_hour_usd'],
  ['policies', 'rate_limit', 'spend_per_hour_usd'],
];
/** Where an audit log may be configured. */
const AUDIT_LOGS: JsonPath[] = [['audit_log'], ['policies', 'audit_log'], ['audit', 'path']];

/**
 * True when the node switches the control on: a positive number, or a non-empty string (a path, or a
 * `${VAR}` decided at deploy time). `0`, `false`, `null` and `""` read as "off" in every guard version.
 */
function isOn(node: PNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'number') return node.value > 0;
  if (node.kind === 'string') return node.value.trim() !== '';
  // `audit_log: {path: ...}`: an object form of the log setting.
  if (node.kind === 'object') return isOn(member(node, 'path'));
  return false;
}

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
    none: 'this guard config sets no rate limit, no spend cap and no audit log: a runaway agent is neither slowed, capped nor recorded',
  },
  checkFile(config, ctx) {
    const root = guardRoot(config);
    if (!root) return;
    const any = [...RATE_LIMITS, ...SPEND_CAPS, ...AUDIT_LOGS].some((p) => isOn(nodeAt(root, p)));
    if (!any) ctx.report({ path: [], message: 'none' });
  },
});
