// The guard config has one reader, the guard's loader, and the scanner judges what it reads. This
// meta-test walks both lists: every key the loader accepts (src/config/guard-schema.ts, aliases and
// the hand-read forms of auth.keys included) has a case here showing that the scanner judges it (a
// value the loader refuses is an MG213 finding at its line with the loader's message; a value a rule
// reads gives, or silences, that rule's finding), and every key a rule reports on is a key the loader
// accepts. Adding a key to the loader: see CONTRIBUTING.md, "Adding a guard config key".
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../rules/index.ts';
import type { JsonPath } from '../src/config/document.ts';
import { acceptedKeys } from '../src/config/guard-schema.ts';
import { prepareRules, runRules } from '../src/scan/engine.ts';
import type { Finding } from '../src/scan/finding.ts';
import { modelOf } from '../src/scan/load.ts';
import { scan } from '../src/scan/scan.ts';

/**
 * What a case's file holds besides its own sections: a config the loader accepts, with a rate limit so
 * MG212 stays quiet unless the case is about limits (a case that writes `rate_limit: {}` drops it).
 */
const BASE: Record<string, string> = {
  auth: 'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}\n',
  servers: 'servers:\n  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}\n',
  rate_limit: 'rate_limit: {requests_per_minute: 60}\n',
};

/** The case's text first (so its line numbers are the file's), then the base sections it does not write. */
function config(head: string): string {
  const own = new Set([...head.matchAll(/^(\w+):/gm)].map((m) => m[1]));
  return (
    head +
    Object.entries(BASE)
      .filter(([k]) => !own.has(k))
      .map(([, v]) => v)
      .join('')
  );
}

/**
 * Every key the loader accepts, with a file that holds it and every finding the scanner gives for that
 * file, as `RULE LINE MESSAGE`. An empty list is a key that silences MG212: the base with `rate_limit:
 * {}` gives MG212 (the first test), so the key alone is what keeps it quiet.
 */
const CASES: Record<string, [string, string[]]> = {
  version: ['version: [1]\n', ['MG213 1 version: expected number or string']],
  auth: ['auth: none\n', ['MG213 1 auth: expected object, received string']],
  'auth.mode': [
    'auth: {mode: none}\nhttp: {host: 0.0.0.0}\n',
    [
      'MG210 1 auth.mode is "none" and the guard listens on 0.0.0.0: anyone who can reach that address can call every tool of every guarded server',
    ],
  ],
  'auth.keys': [
    'auth:\n  mode: api_key\n  keys: correct-horse\n',
    [
      'MG213 3 auth.keys: expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}',
    ],
  ],
  'auth.keys[]': [
    'auth:\n  mode: api_key\n  keys: ["correct-horse-battery-staple"]\n',
    [
      'MG211 3 auth.keys[0] is a literal API key of only 28 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
    ],
  ],
  'auth.keys.*': [
    'auth:\n  mode: api_key\n  keys: {alice: "${ALICE_KEY:-alice}"}\n',
    [
      'MG211 3 auth.keys.alice falls back to a 5-byte literal API key when ${ALICE_KEY} is unset: short, guessable and in the file',
    ],
  ],
  'auth.keys[].agent': [
    'auth:\n  mode: api_key\n  keys:\n    - {key: "${K}"}\n',
    ['MG213 4 auth.keys[0]: needs agent: <id>'],
  ],
  'auth.keys[].key': [
    'auth:\n  mode: api_key\n  keys:\n    - {agent: alice, key: $ALICE_KEY}\n',
    [
      'MG211 4 auth.keys[0].key is $ALICE_KEY, which the guard does not expand (it reads ${VAR} only), so that literal text would be the API key',
    ],
  ],
  'auth.keys[].key_sha256': [
    'auth:\n  mode: api_key\n  keys:\n    - {agent: alice, key_sha256: not-hex}\n',
    ['MG213 4 auth.keys[0].key_sha256: expected 64 hex digits (sha256 of the key)'],
  ],
  'auth.jwt_secret': [
    'auth:\n  mode: jwt\n  jwt_secret: supersecret\n',
    [
      'MG211 3 auth.jwt_secret is a literal JWT secret of only 11 bytes: it is in the file and short enough to guess; use 32+ random bytes from ${VAR}',
      'MG213 3 auth.jwt_secret: secret is 11 bytes; HS* needs at least 32 (try: openssl rand -base64 48)',
    ],
  ],
  'auth.jwt': [
    'auth:\n  mode: jwt\n  jwt: "${JWT}"\n',
    ['MG213 2 auth.mode: mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url'],
  ],
  'auth.jwt.secret': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${JWT_SECRET:-dev-secret}"}\n',
    [
      'MG211 3 auth.jwt.secret falls back to a 10-byte literal JWT secret when ${JWT_SECRET} is unset: short, guessable and in the file',
    ],
  ],
  'auth.jwt.algorithms': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${S}", algorithms: [none]}\n',
    ['MG213 3 auth.jwt.algorithms[0]: unsigned tokens (alg none) are never accepted'],
  ],
  'auth.jwt.public_key': [
    'auth:\n  mode: jwt\n  jwt: {public_key: ""}\n',
    ['MG213 3 auth.jwt.public_key: empty value; set the variable or remove the key'],
  ],
  'auth.jwt.jwks_file': [
    'auth:\n  mode: jwt\n  jwt: {jwks_file: [a]}\n',
    [
      'MG213 2 auth.mode: mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url',
      'MG213 3 auth.jwt.jwks_file: expected string, received array',
    ],
  ],
  'auth.jwt.jwks_url': [
    'auth:\n  mode: jwt\n  jwt: {jwks_url: "ftp://keys.example.com/jwks"}\n',
    ['MG213 3 auth.jwt.jwks_url: expected an http(s) URL'],
  ],
  'auth.jwt.issuer': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${S}", issuer: [a]}\n',
    ['MG213 3 auth.jwt.issuer: expected string, received array'],
  ],
  'auth.jwt.audience': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${S}", audience: {a: b}}\n',
    ['MG213 3 auth.jwt.audience: expected string or array'],
  ],
  'auth.jwt.clock_tolerance_sec': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${S}", clock_tolerance_sec: soon}\n',
    ['MG213 3 auth.jwt.clock_tolerance_sec: expected number, received string'],
  ],
  'auth.jwt.agent_claim': [
    'auth:\n  mode: jwt\n  jwt: {secret: "${S}", agent_claim: [sub]}\n',
    ['MG213 3 auth.jwt.agent_claim: expected string, received array'],
  ],
  'auth.oauth': [
    'auth:\n  mode: oauth\n  oauth: {}\n',
    [
      'MG213 3 auth.oauth.issuers: required with an external authorization server (issuers and jwks_url), or write issuer: self',
    ],
  ],
  'auth.client_id': [
    'auth:\n  mode: api_key\n  keys: {a: "${KEY_A}"}\n  client_id: mcp-agent\n',
    ['MG213 4 auth.client_id: client_id belongs to the original mode oauth2; remove it'],
  ],
  'auth.oauth.issuer': [
    'auth:\n  mode: oauth\n  oauth: {issuer: https://as.example.com}\n',
    [
      'MG213 3 auth.oauth.issuer: the only value is self (the guard issues tokens); an external one goes in issuers',
    ],
  ],
  'auth.oauth.clients': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n',
    [
      'MG213 3 auth.oauth.clients: no clients: list them (client_id, redirect_uris, grant_types), or set dynamic_registration: true or client_id_metadata_documents',
    ],
  ],
  'auth.oauth.client_id_metadata_documents': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    client_id_metadata_documents: ["http://app.example.com/"]\n',
    [
      'MG213 3 auth.oauth.clients: people sign in to authorize these clients: add console.users (name and password_hash, `mcp-guard guard console hash-password`)',
      "MG213 5 auth.oauth.client_id_metadata_documents[0]: expected an https URL prefix (e.g. https://app.example.com/), or * for any https URL; the client id is the document's URL",
    ],
  ],
  'auth.oauth.clients[].client_id': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: "two words"}]\n',
    ['MG213 5 auth.oauth.clients[0].client_id: a client id is 1 to 200 printable characters without spaces'],
  ],
  'auth.oauth.clients[].client_name': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_name: 7, grant_types: [client_credentials], client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]\n',
    ['MG213 5 auth.oauth.clients[0].client_name: expected string, received number'],
  ],
  'auth.oauth.clients[].redirect_uris': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: app, redirect_uris: ["http://app.example.com/cb"]}]\n',
    [
      'MG213 5 auth.oauth.clients[0].redirect_uris[0]: http only to a loopback address (127.0.0.1, localhost, [::1]); use https',
    ],
  ],
  'auth.oauth.clients[].grant_types': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: app, grant_types: [password]}]\n',
    [
      'MG213 5 auth.oauth.clients[0].grant_types[0]: unknown grant type "password"; expected authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:device_code, client_credentials (or device_code)',
    ],
  ],
  'auth.oauth.clients[].scopes': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    scopes: [mcp:use]\n    clients: [{client_id: robot, client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", grant_types: [client_credentials], scopes: [admin]}]\n',
    [
      'MG213 6 auth.oauth.clients[0].scopes[0]: unknown scope "admin"; the guard knows mcp:use (scopes_supported)',
    ],
  ],
  'auth.oauth.clients[].client_secret_sha256': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_secret_sha256: hunter2, grant_types: [client_credentials]}]\n',
    [
      'MG213 5 auth.oauth.clients[0].client_secret_sha256: expected 64 hex digits: sha256 of the secret (printf %s "$SECRET" | sha256sum)',
    ],
  ],
  'auth.oauth.dynamic_registration': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    dynamic_registration: true\n',
    [
      'MG213 3 auth.oauth.clients: people sign in to authorize these clients: add console.users (name and password_hash, `mcp-guard guard console hash-password`)',
    ],
  ],
  'auth.oauth.access_token_ttl_sec': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", grant_types: [client_credentials]}]\n    access_token_ttl_sec: 172800\n',
    ['MG213 6 auth.oauth.access_token_ttl_sec: at most 86400 (a day); refresh tokens are for longer'],
  ],
  'auth.oauth.refresh_token_ttl_sec': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", grant_types: [client_credentials]}]\n    refresh_token_ttl_sec: 60\n',
    ['MG213 6 auth.oauth.refresh_token_ttl_sec: shorter than access_token_ttl_sec (600)'],
  ],
  'auth.oauth.device_code_ttl_sec': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", grant_types: [client_credentials]}]\n    device_code_ttl_sec: 0\n',
    ['MG213 6 auth.oauth.device_code_ttl_sec: must be greater than 0'],
  ],
  'auth.oauth.device_poll_interval_sec': [
    'auth:\n  mode: oauth\n  oauth:\n    issuer: self\n    clients: [{client_id: robot, client_secret_sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", grant_types: [client_credentials]}]\n    device_poll_interval_sec: 900\n',
    ['MG213 6 auth.oauth.device_poll_interval_sec: not shorter than device_code_ttl_sec (600)'],
  ],
  'auth.oauth.issuers': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [], jwks_url: "https://as.example.com/jwks"}\n',
    ['MG213 3 auth.oauth.issuers: empty list: no token could be accepted'],
  ],
  'auth.oauth.jwks_url': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: as.example.com}\n',
    ['MG213 3 auth.oauth.jwks_url: expected an http(s) URL'],
  ],
  'auth.oauth.algorithms': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", algorithms: [HS256]}\n',
    [
      'MG213 3 auth.oauth.algorithms[0]: HS256 needs a secret shared with the authorization server; use RS/ES/EdDSA',
    ],
  ],
  'auth.oauth.scopes': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", scopes: mcp}\n',
    ['MG213 3 auth.oauth.scopes: expected array, received string'],
  ],
  'auth.oauth.tool_scopes': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", tool_scopes: {pay: write}}\n',
    ['MG213 3 auth.oauth.tool_scopes.pay: expected array, received string'],
  ],
  'auth.oauth.scopes_supported': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", scopes_supported: mcp}\n',
    ['MG213 3 auth.oauth.scopes_supported: expected array, received string'],
  ],
  'auth.oauth.clock_tolerance_sec': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", clock_tolerance_sec: soon}\n',
    ['MG213 3 auth.oauth.clock_tolerance_sec: expected number, received string'],
  ],
  'auth.oauth.agent_claim': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", agent_claim: 7}\n',
    ['MG213 3 auth.oauth.agent_claim: expected string, received number'],
  ],
  'auth.oauth.jwks_timeout_ms': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", jwks_timeout_ms: 0}\n',
    ['MG213 3 auth.oauth.jwks_timeout_ms: must be greater than 0'],
  ],
  'auth.oauth.jwks_cache_sec': [
    'auth:\n  mode: oauth\n  oauth: {issuers: [https://as.example.com], jwks_url: "https://as.example.com/jwks", jwks_cache_sec: 1.5}\n',
    ['MG213 3 auth.oauth.jwks_cache_sec: expected int, received number'],
  ],
  servers: [
    'servers: {}\n',
    ['MG213 1 servers: no server configured; add one under servers.<name> with a command or url'],
  ],
  'servers.*.command': [
    'servers:\n  wallet: {command: "npx -y @acme/wallet-mcp"}\n',
    ['MG401 2 npx runs @acme/wallet-mcp without a version: each start may fetch a different release'],
  ],
  'servers.*.args': [
    'servers:\n  files: {command: npx, args: ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/"]}\n',
    ['MG404 2 filesystem server allowed the whole disk (/): it can read and write every file on the machine'],
  ],
  'servers.*.env': [
    'servers:\n  github:\n    command: github-mcp-server\n    env: {GITHUB_PERSONAL_ACCESS_TOKEN: ghp_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8Uex}\n',
    [
      'MG301 4 GitHub token in env.GITHUB_PERSONAL_ACCESS_TOKEN (ghp_…): a literal credential is stored in this config file',
    ],
  ],
  'servers.*.cwd': [
    'servers:\n  wallet: {command: "python3 wallet.py", cwd: [a]}\n',
    ['MG213 2 servers.wallet.cwd: expected string, received array'],
  ],
  'servers.*.url': [
    'servers:\n  crm: {url: "http://mcp.acme-crm.com/mcp"}\n',
    [
      'MG101 2 remote server http://mcp.acme-crm.com is reached with no credential: no auth header, token, OAuth or key',
      'MG102 2 http:// to remote host http://mcp.acme-crm.com: tool calls travel unencrypted',
    ],
  ],
  'servers.*.headers': [
    'servers:\n  crm: {url: "https://mcp.acme-crm.com/mcp", headers: {Authorization: "Bearer lin_api_Zq7Lm2Xv9Pw4Rt8Ks1Nb6Hd3Gf5Jc0Ya8"}}\n',
    [
      'MG301 2 Linear key in headers.Authorization (lin_…): a literal credential is stored in this config file',
    ],
  ],
  routes: ['routes: {mode: default}\n', ['MG213 1 routes: expected array, received object']],
  'routes[].mode': [
    'routes:\n  - {mode: tool, target: wallet}\n',
    ['MG213 2 routes[0].mode: mode "tool" needs tool_name'],
  ],
  'routes[].tool_name': [
    'routes:\n  - {mode: tool, tool_name: 7, target: wallet}\n',
    [
      'MG213 2 routes[0].mode: mode "tool" needs tool_name',
      'MG213 2 routes[0].tool_name: expected string, received number',
    ],
  ],
  'routes[].method_prefix': [
    'routes:\n  - {mode: method, target: wallet}\n',
    ['MG213 2 routes[0].mode: mode "method" needs method_prefix'],
  ],
  'routes[].target': [
    'routes:\n  - {mode: default, target: payments}\n',
    ['MG213 2 routes[0].target: no server named "payments"; servers: wallet'],
  ],
  policies: ['policies: []\n', ['MG213 1 policies: expected object, received array']],
  'policies.max_spend_per_session': ['policies: {max_spend_per_session: 10}\nrate_limit: {}\n', []],
  'policies.require_approval_above': [
    'policies: {require_approval_above: lots}\n',
    ['MG213 1 policies.require_approval_above: expected number, received string'],
  ],
  'policies.approval_ttl_sec': [
    'policies: {approval_ttl_sec: 0}\n',
    ['MG213 1 policies.approval_ttl_sec: must be greater than 0'],
  ],
  'policies.tool_allowlist': [
    'policies: {tool_allowlist: pay}\n',
    ['MG213 1 policies.tool_allowlist: expected array, received string'],
  ],
  'policies.tool_denylist': [
    'policies: {tool_denylist: [drain, 7]}\n',
    ['MG213 1 policies.tool_denylist[1]: expected string, received number'],
  ],
  'policies.requests_per_minute': ['policies: {requests_per_minute: 60}\nrate_limit: {}\n', []],
  'policies.spend_per_hour_usd': ['policies: {spend_per_hour_usd: 5}\nrate_limit: {}\n', []],
  'policies.rate_limit': ['policies: {rate_limit: {requests_per_minute: 60}}\nrate_limit: {}\n', []],
  'policies.rate_limit.requests_per_minute': [
    'policies:\n  rate_limit: {requests_per_minute: 30}\n',
    ['MG213 2 policies.rate_limit.requests_per_minute: also set at rate_limit.requests_per_minute; keep one'],
  ],
  'policies.rate_limit.spend_per_hour_usd': [
    'policies: {rate_limit: {spend_per_hour_usd: 5}}\nrate_limit: {}\n',
    [],
  ],
  'policies.audit_log': ['policies: {audit_log: ./audit.jsonl}\nrate_limit: {}\n', []],
  'policies.agents': [
    'policies: {agents: {ops: {}}}\nagents: {ops: {}}\n',
    ['MG213 1 policies.agents: agents are also set at the top level (agents); keep one'],
  ],
  'policies.agents.*.servers': [
    'policies:\n  agents: {ops: {servers: [payments]}}\n',
    ['MG213 2 policies.agents.ops.servers[0]: no server named "payments"; servers: wallet'],
  ],
  'policies.agents.*.tool_allowlist': [
    'policies:\n  agents: {ops: {tool_allowlist: pay}}\n',
    ['MG213 2 policies.agents.ops.tool_allowlist: expected array, received string'],
  ],
  'policies.agents.*.tool_denylist': [
    'policies:\n  agents: {ops: {tool_denylist: drain}}\n',
    ['MG213 2 policies.agents.ops.tool_denylist: expected array, received string'],
  ],
  'policies.agents.*.requests_per_minute': [
    'policies:\n  agents: {ops: {requests_per_minute: 0}}\n',
    ['MG213 2 policies.agents.ops.requests_per_minute: must be greater than 0'],
  ],
  'policies.agents.*.spend_per_hour_usd': [
    'policies:\n  agents: {ops: {spend_per_hour_usd: lots}}\n',
    ['MG213 2 policies.agents.ops.spend_per_hour_usd: expected number, received string'],
  ],
  'policies.agents.*.max_spend_per_session': [
    'policies:\n  agents: {ops: {max_spend_per_session: lots}}\n',
    ['MG213 2 policies.agents.ops.max_spend_per_session: expected number, received string'],
  ],
  'policies.agents.*.require_approval_above': [
    'policies:\n  agents: {ops: {require_approval_above: lots}}\n',
    ['MG213 2 policies.agents.ops.require_approval_above: expected number, received string'],
  ],
  'policies.agents.*.approvals': [
    'policies:\n  agents: {ops: {approvals: maybe}}\n',
    ['MG213 2 policies.agents.ops.approvals: expected boolean, received string'],
  ],
  'policies.pinning': [
    'policies: {pinning: strict}\n',
    ['MG213 1 policies.pinning: expected one of "warn", "block", "off"'],
  ],
  'policies.spend': ['policies: {spend: {}}\n', ['MG213 1 policies.spend.tools: required (array)']],
  'policies.spend.tools': [
    'policies: {spend: {tools: pay}}\n',
    ['MG213 1 policies.spend.tools: expected array, received string'],
  ],
  'policies.spend.tools[].name': [
    'policies:\n  spend:\n    tools: [{name: "", amount: amount}]\n',
    ['MG213 3 policies.spend.tools[0].name: must not be empty'],
  ],
  'policies.spend.tools[].amount': [
    'policies:\n  spend:\n    tools: [{name: pay}]\n',
    ['MG213 3 policies.spend.tools[0].amount: required (string)'],
  ],
  'policies.spend.tools[].currency': [
    'policies:\n  spend:\n    tools: [{name: pay, amount: amount, currency: 840}]\n',
    ['MG213 3 policies.spend.tools[0].currency: expected string, received number'],
  ],
  rate_limit: [
    'rate_limit: 60\n',
    [
      'MG212 1 this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
      'MG213 1 rate_limit: expected object, received number',
    ],
  ],
  'rate_limit.requests_per_minute': [
    'rate_limit: {requests_per_minute: 0}\n',
    [
      'MG212 1 this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped',
      'MG213 1 rate_limit.requests_per_minute: must be greater than 0',
    ],
  ],
  'rate_limit.spend_per_hour_usd': ['rate_limit: {spend_per_hour_usd: 5}\n', []],
  audit_log: ['audit_log: ./audit.jsonl\nrate_limit: {}\n', []],
  audit: ['audit: ./audit.jsonl\n', ['MG213 1 audit: expected object, received string']],
  'audit.path': ['audit: {path: ""}\n', ['MG213 1 audit.path: empty path; remove the key or give a file']],
  'audit.record_arguments': [
    'audit: {record_arguments: sometimes}\n',
    ['MG213 1 audit.record_arguments: expected boolean, received string'],
  ],
  'audit.redact': ['audit: {redact: password}\n', ['MG213 1 audit.redact: expected array, received string']],
  agents: ['agents: [ops]\n', ['MG213 1 agents: expected record, received array']],
  'agents.*.servers': [
    'agents:\n  ops: {servers: [payments]}\n',
    ['MG213 2 agents.ops.servers[0]: no server named "payments"; servers: wallet'],
  ],
  'agents.*.tool_allowlist': [
    'agents:\n  ops: {tool_allowlist: pay}\n',
    ['MG213 2 agents.ops.tool_allowlist: expected array, received string'],
  ],
  'agents.*.tool_denylist': [
    'agents:\n  ops: {tool_denylist: drain}\n',
    ['MG213 2 agents.ops.tool_denylist: expected array, received string'],
  ],
  'agents.*.requests_per_minute': [
    'agents:\n  ops: {requests_per_minute: 0}\n',
    ['MG213 2 agents.ops.requests_per_minute: must be greater than 0'],
  ],
  'agents.*.spend_per_hour_usd': [
    'agents:\n  ops: {spend_per_hour_usd: lots}\n',
    ['MG213 2 agents.ops.spend_per_hour_usd: expected number, received string'],
  ],
  'agents.*.max_spend_per_session': [
    'agents:\n  ops: {max_spend_per_session: lots}\n',
    ['MG213 2 agents.ops.max_spend_per_session: expected number, received string'],
  ],
  'agents.*.require_approval_above': [
    'agents:\n  ops: {require_approval_above: lots}\n',
    ['MG213 2 agents.ops.require_approval_above: expected number, received string'],
  ],
  'agents.*.approvals': [
    'agents:\n  ops: {approvals: maybe}\n',
    ['MG213 2 agents.ops.approvals: expected boolean, received string'],
  ],
  namespacing: ['namespacing: flat\n', ['MG213 1 namespacing: expected one of "prefix", "none"']],
  http: [
    'auth: {mode: none}\nhttp: {port: 8080}\n',
    [
      'MG210 1 auth.mode is "none"; the guard listens on loopback (127.0.0.1) only, yet any local process or web page (through DNS rebinding) can call every tool',
    ],
  ],
  'http.host': [
    'auth: {mode: none}\nhttp: {host: "${GUARD_HOST:-0.0.0.0}"}\n',
    [
      'MG210 1 auth.mode is "none" and the guard listens on ${GUARD_HOST:-0.0.0.0}: anyone who can reach that address can call every tool of every guarded server',
    ],
  ],
  'http.port': ['http: {port: 80800}\n', ['MG213 1 http.port: expected a port number from 0 to 65535']],
  'http.allowed_origins': [
    'http: {allowed_origins: ["https://app.example.com/path"]}\n',
    [
      'MG213 1 http.allowed_origins[0]: "https://app.example.com/path" is not an origin; write scheme://host[:port], no path',
    ],
  ],
  'http.allowed_hosts': [
    'http: {allowed_hosts: guard.example.com}\n',
    ['MG213 1 http.allowed_hosts: expected array, received string'],
  ],
  'http.public_url': [
    'http: {public_url: "https://mcp.example.com/mcp?x=1"}\n',
    ['MG213 1 http.public_url: no query or fragment in the canonical URL (RFC 8707)'],
  ],
  'http.max_body_bytes': [
    'http: {max_body_bytes: 0}\n',
    ['MG213 1 http.max_body_bytes: must be greater than 0'],
  ],
  'http.headers_timeout_ms': [
    'http: {headers_timeout_ms: 0}\n',
    ['MG213 1 http.headers_timeout_ms: must be greater than 0'],
  ],
  'http.request_timeout_ms': [
    'http: {headers_timeout_ms: 5000, request_timeout_ms: 1000}\n',
    [
      'MG213 1 http.request_timeout_ms: the whole request (request_timeout_ms 1000) cannot take less time than its headers (headers_timeout_ms 5000)',
    ],
  ],
  'http.max_connections_per_address': [
    'http: {max_connections_per_address: 0}\n',
    ['MG213 1 http.max_connections_per_address: must be greater than 0'],
  ],
  'http.session_idle_sec': [
    'http: {session_idle_sec: 0}\n',
    ['MG213 1 http.session_idle_sec: must be greater than 0'],
  ],
  'http.max_sessions': ['http: {max_sessions: 0}\n', ['MG213 1 http.max_sessions: must be greater than 0']],
  'http.max_sessions_per_principal': [
    'http: {max_sessions_per_principal: 0}\n',
    ['MG213 1 http.max_sessions_per_principal: must be greater than 0'],
  ],
  'http.backend_mode': [
    'http: {backend_mode: pooled}\n',
    ['MG213 1 http.backend_mode: expected one of "per_session", "shared"'],
  ],
  'http.shutdown_grace_ms': [
    'http: {shutdown_grace_ms: soon}\n',
    ['MG213 1 http.shutdown_grace_ms: expected number, received string'],
  ],
  'http.metrics': ['http: {metrics: true}\n', ['MG213 1 http.metrics: expected object, received boolean']],
  'http.metrics.enabled': [
    'http: {metrics: {enabled: maybe}}\n',
    ['MG213 1 http.metrics.enabled: expected boolean, received string'],
  ],
  'http.metrics.token': [
    'http: {metrics: {token: "${METRICS_TOKEN:-metrics}"}}\n',
    [
      'MG211 1 http.metrics.token falls back to a 7-byte literal metrics token when ${METRICS_TOKEN} is unset: short, guessable and in the file',
    ],
  ],
  'http.metrics.agent_labels': [
    'http: {metrics: {agent_labels: maybe}}\n',
    ['MG213 1 http.metrics.agent_labels: expected boolean, received string'],
  ],
  store: ['store: ./state.db\n', ['MG213 1 store: expected object, received string']],
  'store.type': ['store: {type: postgres}\n', ['MG213 1 store.type: expected one of "sqlite", "redis"']],
  'store.path': ['store: {path: [a]}\n', ['MG213 1 store.path: expected string, received array']],
  limits: ['limits: 4096\n', ['MG213 1 limits: expected object, received number']],
  replica: ['replica: ""\n', ['MG213 1 replica: empty replica id; remove the key to use the host name']],
  'store.url': [
    'store: {type: redis, url: "http://redis.internal:6379"}\n',
    ['MG213 1 store.url: unsupported scheme http:; expected redis:// or rediss:// (TLS)'],
  ],
  'store.key_prefix': [
    'store: {type: redis, url: "${REDIS_URL}", key_prefix: [a]}\n',
    ['MG213 1 store.key_prefix: expected string, received array'],
  ],
  'store.username': [
    'store: {type: redis, url: "redis://ops@redis.internal:6379", username: ops}\n',
    ['MG213 1 store.username: the user is also in the URL; keep one'],
  ],
  approvals: ['approvals: wait\n', ['MG213 1 approvals: expected object, received string']],
  'approvals.mode': [
    'approvals: {mode: later}\n',
    ['MG213 1 approvals.mode: expected one of "error", "wait"'],
  ],
  'approvals.wait_sec': [
    'approvals: {wait_sec: 0}\n',
    ['MG213 1 approvals.wait_sec: must be greater than 0'],
  ],
  'approvals.notify': [
    'approvals: {notify: {url: "https://x.example"}}\n',
    ['MG213 1 approvals.notify: expected array, received object'],
  ],
  'approvals.notify[].url': [
    'approvals: {notify: [{url: "ftp://x.example", format: slack}]}\n',
    ['MG213 1 approvals.notify[0].url: expected the http(s) URL of the webhook'],
  ],
  'approvals.notify[].format': [
    'approvals: {notify: [{url: "https://x.example", format: teams, secret: "${HOOK_SECRET}"}]}\n',
    ['MG213 1 approvals.notify[0].format: expected one of "slack", "json"'],
  ],
  'approvals.notify[].secret': [
    'approvals:\n  notify:\n    - {url: "https://x.example/h", secret: "${HOOK_SECRET:-short}"}\n',
    [
      'MG211 3 approvals.notify[0].secret falls back to a 5-byte literal webhook secret when ${HOOK_SECRET} is unset: short, guessable and in the file',
    ],
  ],
  'approvals.notify[].timeout_ms': [
    'approvals: {notify: [{url: "https://x.example", format: slack, timeout_ms: 0}]}\n',
    ['MG213 1 approvals.notify[0].timeout_ms: must be greater than 0'],
  ],
  'approvals.notify[].retries': [
    'approvals: {notify: [{url: "https://x.example", format: slack, retries: 11}]}\n',
    ['MG213 1 approvals.notify[0].retries: at most 10 (each waits twice as long as the one before)'],
  ],
  console: ['console: true\n', ['MG213 1 console: expected object, received boolean']],
  'console.enabled': [
    'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}\nconsole: {enabled: true}\n',
    [
      'MG213 2 console.enabled: the console needs its own users: add console.users with a name and a password_hash (`mcp-guard guard console hash-password`)',
    ],
  ],
  'console.users': [
    'console: {users: {alice: x}}\n',
    ['MG213 1 console.users: expected array, received object'],
  ],
  'console.users[].name': [
    'console: {users: [{name: "al ice", password_hash: "${ALICE_HASH}"}]}\n',
    ['MG213 1 console.users[0].name: a user name is 1 to 64 characters without spaces or colons'],
  ],
  'console.users[].password_hash': [
    'console: {users: [{name: alice, password_hash: hunter2}]}\n',
    [
      'MG213 1 console.users[0].password_hash: not a scrypt hash ($scrypt$ln=..,r=..,p=..$salt$hash); make one with `mcp-guard guard console hash-password`',
    ],
  ],
  'console.users[].scopes': [
    'console: {users: [{name: alice, password_hash: "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", scopes: ["two words"]}]}\n',
    ['MG213 1 console.users[0].scopes[0]: a scope is printable ASCII without spaces, quotes or backslashes'],
  ],
  'console.session_secret': [
    'console:\n  session_secret: "${SESSION_SECRET:-tiny}"\n',
    [
      'MG211 2 console.session_secret falls back to a 4-byte literal console session secret when ${SESSION_SECRET} is unset: short, guessable and in the file',
    ],
  ],
  'console.session_ttl_sec': [
    'console: {session_ttl_sec: 0}\n',
    ['MG213 1 console.session_ttl_sec: must be greater than 0'],
  ],
  'console.login_attempts_per_minute': [
    'console: {login_attempts_per_minute: 0}\n',
    ['MG213 1 console.login_attempts_per_minute: must be greater than 0'],
  ],
  'console.oauth_scope': [
    'console: {oauth_scope: "console admin"}\n',
    ['MG213 1 console.oauth_scope: one scope name, without spaces'],
  ],
  'store.password': [
    'store:\n  type: redis\n  url: "${REDIS_URL}"\n  password: "${REDIS_PASSWORD:-changeme}"\n',
    [
      'MG211 4 store.password falls back to a 8-byte literal Redis password when ${REDIS_PASSWORD} is unset: short, guessable and in the file',
    ],
  ],
  'store.db': [
    'store: {type: redis, url: "redis://redis.internal:6379/1", db: 2}\n',
    ['MG213 1 store.db: the database is also in the URL; keep one'],
  ],
  'store.tls': [
    'store: {type: redis, url: "redis://redis.internal:6379", tls: {}}\n',
    ['MG213 1 store.tls: tls settings need a rediss:// URL (redis:// is plain text)'],
  ],
  'store.tls.ca_file': [
    'store: {type: redis, url: "rediss://redis.internal:6380", tls: {ca_file: [a]}}\n',
    ['MG213 1 store.tls.ca_file: expected string, received array'],
  ],
  'store.tls.cert_file': [
    'store: {type: redis, url: "rediss://redis.internal:6380", tls: {cert_file: client.pem}}\n',
    ['MG213 1 store.tls.cert_file: a client certificate needs both cert_file and key_file'],
  ],
  'store.tls.key_file': [
    'store: {type: redis, url: "rediss://redis.internal:6380", tls: {key_file: client.key}}\n',
    ['MG213 1 store.tls.key_file: a client certificate needs both cert_file and key_file'],
  ],
  'store.tls.servername': [
    'store: {type: redis, url: "rediss://redis.internal:6380", tls: {servername: 7}}\n',
    ['MG213 1 store.tls.servername: expected string, received number'],
  ],
  'store.connect_timeout_ms': [
    'store: {type: redis, url: "${REDIS_URL}", connect_timeout_ms: 0}\n',
    ['MG213 1 store.connect_timeout_ms: must be greater than 0'],
  ],
  'store.command_timeout_ms': [
    'store: {type: redis, url: "${REDIS_URL}", command_timeout_ms: 0}\n',
    ['MG213 1 store.command_timeout_ms: must be greater than 0'],
  ],
  'store.reconnect_max_delay_ms': [
    'store: {type: redis, url: "${REDIS_URL}", reconnect_max_delay_ms: 0}\n',
    ['MG213 1 store.reconnect_max_delay_ms: must be greater than 0'],
  ],
  'limits.max_message_bytes': [
    'limits: {max_message_bytes: 0}\n',
    ['MG213 1 limits.max_message_bytes: must be greater than 0'],
  ],
  'limits.request_timeout_ms': [
    'limits: {request_timeout_ms: 0}\n',
    ['MG213 1 limits.request_timeout_ms: must be greater than 0'],
  ],
  'limits.max_depth': ['limits: {max_depth: 5000}\n', ['MG213 1 limits.max_depth: at most 1000']],
  'limits.initialize_timeout_ms': [
    'limits: {initialize_timeout_ms: soon}\n',
    ['MG213 1 limits.initialize_timeout_ms: expected number, received string'],
  ],
};

/** Scans one guard config text with the whole catalogue, as `mcp-guard scan` would. */
async function findings(text: string): Promise<Finding[]> {
  const model = modelOf('/repo/mcp-guard.yaml', text);
  await prepareRules(model, RULES);
  return runRules(model, { rules: RULES, mode: 'repo', displayFile: 'mcp-guard.yaml' }).sort(
    (a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
}

const shown = (f: Finding) => `${f.ruleId} ${f.line} ${f.message}`;

/** True when `path` is an accepted key, or a member or item of one (an `env` entry, an `args` item). */
function isAccepted(path: JsonPath, accepted: readonly string[]): boolean {
  const matches = (p: JsonPath) =>
    accepted.some((key) => {
      const segs = key.replace(/\[\]/g, '.[]').split('.');
      return (
        segs.length === p.length &&
        segs.every((s, i) => (s === '[]' ? typeof p[i] === 'number' : s === '*' || s === String(p[i])))
      );
    });
  return path.length === 0 || matches(path) || matches(path.slice(0, -1));
}

describe('guard config keys: the loader accepts them, the scanner judges them', () => {
  const accepted = acceptedKeys();

  it('control: the base without its rate limit gives MG212 (what the quiet cases silence)', async () => {
    assert.deepEqual(
      (await findings(config('rate_limit: {}\n'))).map((f) => f.ruleId),
      ['MG212'],
    );
  });

  it('every key the loader accepts has a case here', () => {
    const missing = accepted.filter((k) => !(k in CASES));
    assert.deepEqual(
      missing,
      [],
      missing
        .map(
          (k) =>
            `guard config key "${k}" is accepted by the loader (src/config/guard-schema.ts) but has no scanner test. ` +
            `Add to CASES in test/guard-keys.test.ts: '${k}': ['<the file's first lines, holding ${k}>', ['<RULE LINE MESSAGE of each finding the scanner gives>']]. ` +
            "A value the loader refuses gives 'MG213 <line> <key>: <the loader's message>', as in " +
            "'http.port': ['http: {port: 80800}\\n', ['MG213 1 http.port: expected a port number from 0 to 65535']]; " +
            "a value a rule reads gives (or silences) that rule's finding. Run the test to see what the scanner says. " +
            'See CONTRIBUTING.md, "Adding a guard config key".',
        )
        .join('\n'),
    );
  });

  it('every case is a key the loader accepts (no stale entry)', () => {
    const stale = Object.keys(CASES).filter((k) => !accepted.includes(k));
    assert.deepEqual(
      stale,
      [],
      stale
        .map(
          (k) =>
            `CASES in test/guard-keys.test.ts has "${k}", which the loader no longer accepts: remove the case or rename it.`,
        )
        .join('\n'),
    );
  });

  for (const [key, [head, expected]] of Object.entries(CASES)) {
    it(`${key}: the scanner judges it`, async () => {
      const found = await findings(config(head));
      assert.deepEqual(found.map(shown), expected);
      for (const f of found.filter((x) => x.ruleId !== 'MG213'))
        assert.ok(
          isAccepted(f.path, accepted),
          `${f.ruleId} reports on ${f.path.join('.')}, which is not a key the loader accepts: a rule must judge the loader's model, not keys of its own`,
        );
    });
  }
});

describe('guard rules report only on keys the loader accepts', () => {
  const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
  const guardRules = RULES.filter((r) => r.checkGuard && r.code !== 'MG213');
  for (const rule of guardRules) {
    it(`${rule.code} ${rule.name}: every finding in its fixtures points at an accepted key`, async () => {
      // One folder at a time: each is then the scan's root, outside this repository's own ignores.
      const dirs = readdirSync(join(fixtures, rule.name)).filter((d) => d === 'bad' || d === 'good');
      const results = await Promise.all(
        dirs.map((d) => scan({ rules: [rule], paths: [join(fixtures, rule.name, d)] })),
      );
      const found = results.flatMap((r) => r.findings);
      assert.ok(found.length > 0, 'the fixtures give findings to check');
      for (const f of found)
        assert.ok(isAccepted(f.path, acceptedKeys()), `${f.file}:${f.line}: ${f.path.join('.')}`);
    });
  }
});
