// MG211: literal, defaulted, unexpanded or short credentials in an mcp-guard config, found as the loader
// reads them; never more than a 4-character prefix shown.
import { RuleTester } from '../src/scan/rule-tester.ts';
import guardWeakSecret from './guard-weak-secret.ts';

new RuleTester().run(guardWeakSecret, {
  valid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys: ["${A}", "${env:B}"]\nservers: {s: {command: srv}}\n',
    },
    {
      name: 'hashed keys and an empty default (fail closed)',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys:\n    - {agent: a, key_sha256: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}\n    - {agent: b, key: "${B:-}"}\nservers: {s: {command: srv}}\n',
    },
    {
      name: 'keys the loader does not read are not credentials (auth.api_keys is refused: MG213)',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys: ["${A}"]\n  api_keys: {alice: alice-key}\nservers: {s: {command: srv}}\n',
    },
  ],
  invalid: [
    {
      name: 'literals, short literals, defaults and unexpanded references',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys: ["abc", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "${A:-short}", "${B:-kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk}", "$D", "${E}", "${env:F}"]\nservers: {s: {command: srv}}\n',
      findings: [
        {
          message:
            'auth.keys[0] is a literal API key of only 3 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 3,
          server: null,
        },
        {
          message:
            'auth.keys[1] is a literal API key ("kkkk…", 40 bytes): anyone who can read this file can use it; reference it as ${VAR} or store its sha256 (key_sha256)',
          severity: 'critical',
          line: 3,
          server: null,
        },
        {
          message:
            'auth.keys[2] falls back to a 5-byte literal API key when ${A} is unset: short, guessable and in the file',
          severity: 'critical',
          line: 3,
          server: null,
        },
        {
          message:
            'auth.keys[3] falls back to a literal API key ("kkkk…", 40 bytes) when ${B} is unset, so the file still holds a working secret',
          severity: 'critical',
          line: 3,
          server: null,
        },
        {
          message:
            'auth.keys[4] is $D, which the guard does not expand (it reads ${VAR} only), so that literal text would be the API key',
          severity: 'critical',
          line: 3,
          server: null,
        },
      ],
    },
    {
      name: 'keys as a map and as {agent, key} items; a YAML number is a literal key',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys:\n    - {agent: a, key: abc}\n    - {agent: b, key: 12345678}\n    - {agent: c, key: "sha256:abc"}\nservers: {s: {command: srv}}\n',
      findings: [
        {
          message:
            'auth.keys[0].key is a literal API key of only 3 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 4,
          server: null,
        },
        {
          message:
            'auth.keys[1].key is a literal API key of only 8 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 5,
          server: null,
        },
        {
          message:
            'auth.keys[2].key is a literal API key of only 10 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 6,
          server: null,
        },
      ],
    },
    {
      name: 'the JWT secret in both spellings and the metrics token',
      file: 'mcp-guard.json',
      code: '{\n  "auth": {\n    "mode": "jwt",\n    "jwt_secret": "jwt-secret"\n  },\n  "servers": {\n    "s": {\n      "command": "srv"\n    }\n  },\n  "http": {\n    "metrics": {\n      "token": "mg_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"\n    }\n  }\n}',
      findings: [
        {
          message:
            'auth.jwt_secret is a literal JWT secret of only 10 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 4,
          server: null,
        },
        {
          message:
            'http.metrics.token is a literal metrics token ("mg_l…", 40 bytes): anyone who can read this file can use it; reference it as ${VAR}',
          severity: 'critical',
          line: 13,
          server: null,
        },
      ],
    },
    {
      name: "the console's session secret and a webhook's signing secret",
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: api_key, keys: ["${K}"]}\nservers: {s: {command: srv}}\nconsole:\n  session_secret: "mg_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"\napprovals:\n  notify:\n    - {url: "${HOOK_URL}", secret: "${HOOK_SECRET}"}\n    - {url: "https://ops.example/h", secret: "mg_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"}\n',
      findings: [
        {
          message:
            'console.session_secret is a literal console session secret ("mg_l…", 40 bytes): anyone who can read this file can use it; reference it as ${VAR}',
          severity: 'critical',
          line: 4,
          server: null,
        },
        {
          message:
            'approvals.notify[1].secret is a literal webhook secret ("mg_l…", 40 bytes): anyone who can read this file can use it; reference it as ${VAR}',
          severity: 'critical',
          line: 8,
          server: null,
        },
      ],
    },
    {
      name: "the Redis store's password",
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: api_key, keys: ["${K}"]}\nservers: {s: {command: srv}}\nstore:\n  type: redis\n  url: "${REDIS_URL}"\n  password: hunter2\n',
      findings: [
        {
          message:
            'store.password is a literal Redis password of only 7 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
          severity: 'critical',
          line: 6,
          server: null,
        },
      ],
    },
    {
      name: 'a JWT secret beside mode api_key is refused (MG213) yet still in the file',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: api_key\n  keys: ["${K}"]\n  jwt: {secret: "${S:-mg_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c}"}\nservers: {s: {command: srv}}\n',
      findings: [
        {
          message:
            'auth.jwt.secret falls back to a literal JWT secret ("mg_l…", 40 bytes) when ${S} is unset, so the file still holds a working secret',
          severity: 'critical',
          line: 4,
          server: null,
        },
      ],
    },
  ],
});
