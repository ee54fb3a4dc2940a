// MG212: an mcp-guard config with no rate limit, no spend cap and no audit log of its own, judged on the
// loader's effective policies.
import { RuleTester } from '../src/scan/rule-tester.ts';
import guardNoLimits from './guard-no-limits.ts';

new RuleTester().run(guardNoLimits, {
  valid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {max_spend_per_session: 10}\n',
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nrate_limit: {requests_per_minute: 60}\n',
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {rate_limit: {spend_per_hour_usd: 5}}\n',
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {requests_per_minute: 60}\n',
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {audit_log: ./a.jsonl}\n',
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\naudit: {path: ./a.jsonl}\n',
    },
    {
      name: 'a limit from a variable',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nrate_limit: {requests_per_minute: "${RPM}"}\n',
    },
    {
      name: 'a spend cap of 0 refuses every spend',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {max_spend_per_session: 0}\n',
    },
  ],
  invalid: [
    {
      file: 'mcp-guard.yaml',
      code: '# no limits\nauth: {mode: none}\nservers: {s: {command: srv}}\npolicies: {tool_denylist: [drain]}\n',
      findings: [
        {
          message:
            'this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
          severity: 'low',
          line: 2,
          server: null,
        },
      ],
    },
    {
      name: 'values the loader refuses count as unset',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nrate_limit: {requests_per_minute: 0}\naudit_log: ""\naudit: {enabled: true}\n',
      findings: [
        {
          message:
            'this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
          severity: 'low',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'per-agent limits bound only their agent',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: api_key, keys: {a: "${A}"}}\nservers: {s: {command: srv}}\nagents: {a: {requests_per_minute: 5}}\n',
      findings: [
        {
          message:
            'this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
          severity: 'low',
          line: 1,
          server: null,
        },
      ],
    },
  ],
});
