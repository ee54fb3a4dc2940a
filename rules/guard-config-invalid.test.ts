// MG213: everything the guard's loader would refuse at start-up, at its line with the loader's message;
// values from variables wait for deploy time.
import { RuleTester } from '../src/scan/rule-tester.ts';
import guardConfigInvalid from './guard-config-invalid.ts';

new RuleTester().run(guardConfigInvalid, {
  valid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: api_key, keys: ["${K}"]}\nservers: {s: {command: srv}}\nrate_limit: {requests_per_minute: 60}\n',
    },
    {
      name: 'numbers, choices and URLs from variables',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: "${MODE}", jwt_secret: "${S}"}\nservers: {s: {url: "${URL}"}}\nrate_limit: {requests_per_minute: "${RPM}"}\npolicies: {pinning: "${PIN}"}\nhttp: {port: "${PORT}", allowed_origins: ["${ORIGIN}"], metrics: {enabled: "${M}"}}\n',
    },
    { name: "a syntax error is MG000's", file: 'mcp-guard.yaml', code: 'auth: {mode: none\n' },
    {
      name: "somebody else's file named like a guard config",
      file: 'mcp-guard.json',
      code: '{ "name": "x", "description": "y" }',
    },
  ],
  invalid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nratelimit: {requests_per_minute: 60}\n',
      findings: [
        {
          message: 'ratelimit: unknown key; did you mean rate_limit?',
          severity: 'high',
          line: 3,
          server: null,
        },
      ],
    },
    {
      file: 'mcp-guard.yaml',
      code: 'servers: {s: {command: srv}}\n',
      findings: [
        {
          message: 'auth: missing; set auth.mode to none, api_key or jwt (none must be explicit)',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: none\nservers: {s: {command: srv}}\n',
      findings: [
        { message: 'auth: expected object, received string', severity: 'high', line: 1, server: null },
      ],
    },
    {
      name: 'every problem of the file, each at its line',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: jwt\n  jwt_secret: short\nservers:\n  s: {command: "a | b"}\nrate_limit: {requests_per_minute: lots}\nhttp: {allowed_origins: ["*"]}\n',
      findings: [
        {
          message: 'auth.jwt_secret: secret is 5 bytes; HS* needs at least 32 (try: openssl rand -base64 48)',
          severity: 'high',
          line: 3,
          server: null,
        },
        {
          message: 'servers.s.command: "|" needs a shell; run the program directly (or wrap it in sh -c)',
          severity: 'high',
          line: 5,
          server: null,
        },
        {
          message: 'rate_limit.requests_per_minute: expected number, received string',
          severity: 'high',
          line: 6,
          server: null,
        },
        {
          message: 'http.allowed_origins[0]: "*" would let any web page drive the guard; list origins',
          severity: 'high',
          line: 7,
          server: null,
        },
      ],
    },
    {
      name: 'a guard config recognised by its shape',
      file: 'wallet.yaml',
      code: 'auth: {mode: api_key}\nservers: {w: {command: srv}}\n',
      findings: [
        { message: 'auth.mode: mode api_key needs auth.keys', severity: 'high', line: 1, server: null },
      ],
    },
  ],
});
