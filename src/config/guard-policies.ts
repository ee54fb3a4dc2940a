// The guard config's `policies`: rate and spend limits (in each of the places the Python era put them),
// tool lists, pinning, the spending tools, and the agents with their own limits (top-level `agents` or
// `policies.agents`). Split from guard-normalize.ts; every refusal names its key, so the loader can
// point at its line.
import type { JsonPath } from './document.ts';
import { type Fail, GUARD_DEFAULTS, positive } from './guard-normalize.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import type { GuardAgent, GuardPolicies } from './guard-types.ts';

/**
 * Tools that spend when nothing is configured, amount in `arguments.amount`: the original mcp-guard's
 * spending tools (its quick-start config relies on them), then common wallet tool names.
 */
export const DEFAULT_SPEND_TOOLS: GuardPolicies['spendTools'] = [
  'wallet_request',
  'wallet_approve',
  'wallet_pay',
  'pay_create_checkout',
  'x402_pay',
  'pay',
  'send_payment',
  'make_payment',
  'create_payment',
  'transfer',
  'transfer_funds',
  'send_funds',
  'purchase',
  'charge',
].map((name) => ({ name, amount: 'amount', currency: 'USD' }));

/** `policies` and the agents; `serverNames` are the servers as written, for the agents' `servers`. */
export function normalizePolicies(raw: RawGuardConfig, serverNames: string[], fail: Fail): GuardPolicies {
  const p = raw.policies ?? {};
  // rate_limit.* (Python era) may sit at the top level, under policies, or flat under policies.
  const pick = (key: 'requests_per_minute' | 'spend_per_hour_usd'): number | undefined => {
    const places: [JsonPath, number | undefined][] = [
      [['rate_limit', key], raw.rate_limit?.[key]],
      [['policies', 'rate_limit', key], p.rate_limit?.[key]],
      [['policies', key], p[key]],
    ];
    const given = places.filter(([, v]) => v !== undefined);
    if (given.length === 0) return undefined;
    const [at, value] = given[0];
    fail.unit(() => {
      if (given.length > 1) fail(given[1][0], `also set at ${at.join('.')}; keep one`);
    }, undefined);
    if (key === 'requests_per_minute' && positive(value, at, fail) === undefined) return undefined;
    fail.from(key === 'requests_per_minute' ? 'policies.requestsPerMinute' : 'policies.spendPerHourUsd', at);
    return value;
  };
  const requestsPerMinute = pick('requests_per_minute');
  const policies: GuardPolicies = {
    approvalTtlSec:
      positive(p.approval_ttl_sec, ['policies', 'approval_ttl_sec'], fail) ?? GUARD_DEFAULTS.approvalTtlSec,
    toolAllowlist: p.tool_allowlist ?? [],
    toolDenylist: p.tool_denylist ?? [],
    agents: {},
    pinning: p.pinning ?? 'warn',
    spendTools: (p.spend?.tools ?? DEFAULT_SPEND_TOOLS).map((t) => ({
      name: t.name,
      amount: t.amount,
      currency: t.currency ?? 'USD',
    })),
  };
  const spendPerHourUsd = pick('spend_per_hour_usd');
  if (requestsPerMinute !== undefined) policies.requestsPerMinute = requestsPerMinute;
  if (spendPerHourUsd !== undefined) policies.spendPerHourUsd = spendPerHourUsd;
  if (p.max_spend_per_session !== undefined) {
    policies.maxSpendPerSession = p.max_spend_per_session;
    fail.from('policies.maxSpendPerSession', ['policies', 'max_spend_per_session']);
  }
  if (p.require_approval_above !== undefined) policies.requireApprovalAbove = p.require_approval_above;
  fail.unit(() => {
    if (raw.agents !== undefined && p.agents !== undefined)
      fail(['policies', 'agents'], 'agents are also set at the top level (agents); keep one');
  }, undefined);
  const agentsAt: JsonPath = raw.agents !== undefined ? ['agents'] : ['policies', 'agents'];
  for (const [id, a] of Object.entries(raw.agents ?? p.agents ?? {})) {
    const at = [...agentsAt, id];
    fail.unit(() => {
      if (id.trim() === '') fail(at, 'empty agent id');
      const agent: GuardAgent = { approvals: a.approvals ?? true };
      if (a.servers !== undefined) {
        a.servers.forEach((s, i) => {
          if (!serverNames.includes(s) && fail.known([...at, 'servers', i]))
            fail([...at, 'servers', i], `no server named "${s}"; servers: ${serverNames.join(', ')}`);
        });
        agent.servers = a.servers;
      }
      if (a.tool_allowlist !== undefined) agent.toolAllowlist = a.tool_allowlist;
      if (a.tool_denylist !== undefined) agent.toolDenylist = a.tool_denylist;
      if (a.requests_per_minute !== undefined) {
        if (a.requests_per_minute === 0) fail([...at, 'requests_per_minute'], 'must be greater than 0');
        agent.requestsPerMinute = a.requests_per_minute;
      }
      if (a.spend_per_hour_usd !== undefined) agent.spendPerHourUsd = a.spend_per_hour_usd;
      if (a.max_spend_per_session !== undefined) agent.maxSpendPerSession = a.max_spend_per_session;
      if (a.require_approval_above !== undefined) agent.requireApprovalAbove = a.require_approval_above;
      policies.agents[id] = agent;
    }, undefined);
  }
  return policies;
}
