// The guard config's `auth` section in modes none, api_key (keys in each of their forms, hashed) and jwt
// (a secret or public keys, never both; algorithms checked, fail closed); mode oauth is guard-oauth.ts.
// Also where every credential in the file sits (`credentialPlaces`, for the scanner). Split from
// guard-normalize.ts; every refusal names its key, so the loader can point at its line.
import { createHash } from 'node:crypto';
import type { JsonPath } from './document.ts';
import { ASYMMETRIC, type Fail, GUARD_DEFAULTS, HS, MIN_HS_SECRET_BYTES } from './guard-normalize.ts';
import { normalizeOAuth } from './guard-oauth.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import type { GuardAuth } from './guard-types.ts';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The place of every credential the guard checks callers against, as the loader reads them. */
export interface CredentialPlace {
  kind:
    | 'API key'
    | 'JWT secret'
    | 'metrics token'
    | 'Redis password'
    | 'console session secret'
    | 'webhook secret';
  path: JsonPath;
}

/**
 * Every credential written in the file, whatever the auth mode (a JWT secret beside `mode: api_key` is
 * refused, yet it is still a secret in the file): the keys of `auth.keys` in each of their forms, the
 * HS* secret in either spelling, the metrics token, the Redis store's password.
 */
export function credentialPlaces(raw: RawGuardConfig): CredentialPlace[] {
  const out: CredentialPlace[] = [];
  const read = raw.auth?.keys === undefined ? undefined : keyEntries(raw.auth.keys);
  for (const e of read && 'entries' in read ? read.entries : [])
    if (e.keyAt) out.push({ kind: 'API key', path: e.keyAt });
  if (raw.auth?.jwt_secret !== undefined) out.push({ kind: 'JWT secret', path: ['auth', 'jwt_secret'] });
  if (raw.auth?.jwt?.secret !== undefined) out.push({ kind: 'JWT secret', path: ['auth', 'jwt', 'secret'] });
  if (raw.http?.metrics?.token !== undefined)
    out.push({ kind: 'metrics token', path: ['http', 'metrics', 'token'] });
  if (raw.store?.password !== undefined) out.push({ kind: 'Redis password', path: ['store', 'password'] });
  if (raw.console?.session_secret !== undefined)
    out.push({ kind: 'console session secret', path: ['console', 'session_secret'] });
  raw.approvals?.notify?.forEach((w, i) => {
    if (w.secret !== undefined)
      out.push({ kind: 'webhook secret', path: ['approvals', 'notify', i, 'secret'] });
  });
  return out;
}
/** Reads `auth`; undefined only in lint mode, when the mode is a `${VAR}` chosen at deploy time. */
export function normalizeAuth(raw: RawGuardConfig, fail: Fail): GuardAuth | undefined {
  const a = raw.auth;
  if (!a) fail(['auth'], 'missing; set auth.mode to none, api_key or jwt (none must be explicit)');
  fail.from('auth.mode', ['auth', 'mode']);
  if (!fail.known(['auth', 'mode'])) return undefined;
  const mode = a.mode.trim().toLowerCase();
  if (mode !== 'oauth' && mode !== 'oauth2' && a.client_id !== undefined)
    fail(['auth', 'client_id'], 'client_id belongs to the original mode oauth2; remove it');
  if (mode === 'none') {
    if (a.keys !== undefined || a.jwt_secret !== undefined || a.jwt !== undefined || a.oauth !== undefined)
      fail(['auth', 'mode'], 'mode is none but credentials are configured; choose api_key, jwt or oauth');
    return { mode: 'none' };
  }
  if (mode === 'api_key' || mode === 'api-key' || mode === 'apikey') {
    if (a.jwt_secret !== undefined || a.jwt !== undefined || a.oauth !== undefined)
      fail(['auth', 'mode'], 'mode is api_key but JWT settings are configured; remove them or use mode: jwt');
    return { mode: 'api_key', keys: normalizeKeys(a.keys, fail) };
  }
  if (mode === 'jwt') {
    if (a.keys !== undefined)
      fail(['auth', 'keys'], 'keys are for mode api_key; remove them or change the mode');
    if (a.oauth !== undefined) fail(['auth', 'oauth'], 'oauth settings are for mode oauth; remove them');
    return normalizeJwt(a, fail);
  }
  if (mode === 'oauth' || mode === 'oauth2') {
    if (a.keys !== undefined || a.jwt_secret !== undefined || a.jwt !== undefined)
      fail(['auth', 'mode'], `mode is ${mode} but api_key/jwt settings are configured; remove them`);
    // The original's `oauth2` was its own provider (PKCE and the device flow): the guard's own issuer.
    return normalizeOAuth(a, raw, fail, mode === 'oauth2');
  }
  return fail(['auth', 'mode'], `unknown auth mode "${a.mode}"; expected none, api_key, jwt or oauth`);
}

/** One entry of `auth.keys` in any of its forms, or what is wrong with it. */
interface KeyEntry {
  agent: string;
  /** The entry (a list item or a map member). */
  at: JsonPath;
  /** Where the key itself sits, when the entry holds one (not for `key_sha256`). */
  keyAt?: JsonPath;
  key?: unknown;
  keySha256?: unknown;
  problem?: [JsonPath, string];
}

/**
 * The entries of `auth.keys`: a plain list (agents `agent-1`, `agent-2` ...), a map of agent to key, or
 * a list of `{agent, key | key_sha256}`. Read by hand (the schema takes it as unknown) for clearer errors.
 */
function keyEntries(keys: unknown): { entries: KeyEntry[] } | { problem: [JsonPath, string] } {
  const at: JsonPath = ['auth', 'keys'];
  if (Array.isArray(keys)) {
    const entries = keys.map((k, i): KeyEntry => {
      const item = [...at, i];
      if (typeof k === 'string' || typeof k === 'number')
        return { agent: `agent-${i + 1}`, at: item, keyAt: item, key: k };
      if (!k || typeof k !== 'object')
        return { agent: '', at: item, problem: [item, 'expected a key string or {agent, key | key_sha256}'] };
      const { agent, key, key_sha256, ...rest } = k as Record<string, unknown>;
      const entry: KeyEntry = {
        agent: typeof agent === 'string' ? agent : '',
        at: item,
        key,
        keySha256: key_sha256,
      };
      if (key !== undefined) entry.keyAt = [...item, 'key'];
      const extra = Object.keys(rest)[0];
      if (extra) entry.problem = [[...item, extra], 'unknown key; expected agent with key or key_sha256'];
      else if (typeof agent !== 'string' || agent.trim() === '') entry.problem = [item, 'needs agent: <id>'];
      else if ((key === undefined) === (key_sha256 === undefined))
        entry.problem = [item, 'give exactly one of key, key_sha256'];
      return entry;
    });
    return { entries };
  }
  if (keys && typeof keys === 'object') {
    const entries = Object.entries(keys as Record<string, unknown>).map(([agent, key]) => ({
      agent,
      at: [...at, agent],
      keyAt: [...at, agent],
      key,
    }));
    return { entries };
  }
  return {
    problem: [at, 'expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}'],
  };
}

function normalizeKeys(keys: unknown, fail: Fail): { agent: string; sha256: Buffer }[] {
  const at: JsonPath = ['auth', 'keys'];
  if (keys === undefined || keys === null) fail(['auth', 'mode'], 'mode api_key needs auth.keys');
  const read = keyEntries(keys);
  if ('problem' in read) return fail(...read.problem);
  const { entries } = read;
  const out: { agent: string; sha256: Buffer; path: JsonPath }[] = [];
  for (const e of entries) {
    fail.unit(() => {
      if (e.problem) fail(...e.problem);
      let digest: Buffer;
      if (e.keyAt) {
        const path = e.keyAt;
        if (typeof e.key !== 'string')
          fail(path, 'expected the key as a string (or an environment reference)');
        if (e.key.trim() === '') fail(path, 'empty key; set the variable it refers to, or remove the key');
        digest = sha256(e.key);
      } else {
        const hex = e.keySha256;
        if (
          fail.known([...e.at, 'key_sha256']) &&
          (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex.trim()))
        )
          fail([...e.at, 'key_sha256'], 'expected 64 hex digits (sha256 of the key)');
        digest = Buffer.from(String(hex).trim(), 'hex');
      }
      out.push({ agent: e.agent, sha256: digest, path: e.at });
    }, undefined);
  }
  if (out.length === 0 && entries.length === 0)
    fail(at, 'no keys: every request would be refused; add at least one');
  const agents = new Set<string>();
  const digests = new Set<string>();
  for (const k of out) {
    fail.unit(() => {
      if (agents.has(k.agent)) fail(k.path, `agent "${k.agent}" appears twice`);
      const hex = k.sha256.toString('hex');
      if (digests.has(hex)) fail(k.path, 'the same key is given twice; each agent needs its own key');
      agents.add(k.agent);
      digests.add(hex);
    }, undefined);
  }
  return out.map(({ agent, sha256 }) => ({ agent, sha256 }));
}

function normalizeJwt(a: NonNullable<RawGuardConfig['auth']>, fail: Fail): GuardAuth {
  const j = a.jwt ?? {};
  if (a.jwt_secret !== undefined && j.secret !== undefined)
    fail(['auth', 'jwt', 'secret'], 'also set as auth.jwt_secret; keep one');
  const secretPath: JsonPath =
    a.jwt_secret !== undefined ? ['auth', 'jwt_secret'] : ['auth', 'jwt', 'secret'];
  const secretText = a.jwt_secret ?? j.secret;
  const hasKey = j.public_key !== undefined || j.jwks_file !== undefined || j.jwks_url !== undefined;
  if (secretText === undefined && !hasKey)
    fail(
      ['auth', 'mode'],
      'mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url',
    );
  if (secretText !== undefined && hasKey)
    fail(
      secretPath,
      'give a secret (HS*) or a public key (RS/ES/EdDSA), not both: mixing them invites algorithm confusion',
    );
  for (const k of ['public_key', 'jwks_file', 'jwks_url'] as const)
    if (j[k] !== undefined && j[k].trim() === '')
      fail(['auth', 'jwt', k], 'empty value; set the variable or remove the key');
  const algorithms = j.algorithms ?? (secretText !== undefined ? ['HS256'] : ['RS256', 'ES256', 'EdDSA']);
  if (algorithms.length === 0) fail(['auth', 'jwt', 'algorithms'], 'empty list: no token could be accepted');
  algorithms.forEach((alg, i) => {
    const path = ['auth', 'jwt', 'algorithms', i];
    fail.unit(() => {
      if (!fail.known(path)) return;
      if (alg.toLowerCase() === 'none') fail(path, 'unsigned tokens (alg none) are never accepted');
      if (HS.test(alg) && secretText === undefined) fail(path, `${alg} needs a secret (auth.jwt_secret)`);
      if (ASYMMETRIC.test(alg) && !hasKey) fail(path, `${alg} needs public_key, jwks_file or jwks_url`);
      if (!HS.test(alg) && !ASYMMETRIC.test(alg)) fail(path, `unknown algorithm "${alg}"`);
    }, undefined);
  });
  const auth: Extract<GuardAuth, { mode: 'jwt' }> = {
    mode: 'jwt',
    algorithms,
    clockToleranceSec: j.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: j.agent_claim ?? GUARD_DEFAULTS.agentClaim,
  };
  if (secretText !== undefined) {
    if (secretText === '') fail(secretPath, 'empty secret; set the variable it refers to');
    const bytes = new TextEncoder().encode(secretText);
    fail.unit(() => {
      if (bytes.length < MIN_HS_SECRET_BYTES && fail.known(secretPath))
        fail(
          secretPath,
          `secret is ${bytes.length} bytes; HS* needs at least ${MIN_HS_SECRET_BYTES} (try: openssl rand -base64 48)`,
        );
    }, undefined);
    auth.secret = bytes;
  }
  if (j.public_key !== undefined) auth.publicKey = j.public_key;
  if (j.jwks_file !== undefined) auth.jwksFile = j.jwks_file;
  if (j.jwks_url !== undefined) {
    const url = j.jwks_url;
    if (
      fail.known(['auth', 'jwt', 'jwks_url']) &&
      (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    )
      fail(['auth', 'jwt', 'jwks_url'], 'expected an http(s) URL');
    auth.jwksUrl = j.jwks_url;
  }
  if (j.issuer !== undefined) auth.issuer = j.issuer;
  if (j.audience !== undefined) auth.audience = typeof j.audience === 'string' ? [j.audience] : j.audience;
  return auth;
}
