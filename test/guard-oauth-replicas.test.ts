// The guard's own authorization server on two `guard serve-http` replicas sharing one real
// redis-server (the issuer is the public URL both stand behind): started together they make one set
// of keys, a token one issues the other accepts, a device polling both is slowed down as one device,
// and a key rotation reaches both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { freePort, type RedisProcess, redisSkipReason, startRedis } from './helpers/redis.ts';
import { CLI, EVERYTHING, NODE, ROOT } from './servers/harness.ts';

const skip = redisSkipReason();
const SECRET = 'robot-secret-0123456789abcdef0123456789';

describe('the own issuer across replicas on one Redis', { skip }, () => {
  let redis: RedisProcess;
  let config: string;
  let env: Record<string, string>;
  const replicas: HttpGuardProcess[] = [];

  const token = async (base: string) => {
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`robot:${SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'mcp:use' }),
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const use = async (base: string, t: string) => {
    const res = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: mcpHeaders({ authorization: `Bearer ${t}` }),
      body: initBody(),
    });
    await res.body?.cancel();
    return res.status;
  };
  const jwks = async (base: string) =>
    ((await (await fetch(`${base}/oauth/jwks`)).json()) as { keys: { kid: string }[] }).keys
      .map((k) => k.kid)
      .sort();

  before(async () => {
    redis = await startRedis();
    const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-oauth-replicas-'));
    config = join(dir, 'mcp-guard.yaml');
    // The load balancer's URL: both replicas are the same issuer and the same audience.
    const front = `http://127.0.0.1:${await freePort()}/mcp`;
    writeFileSync(
      config,
      `auth:
  mode: oauth
  oauth:
    issuer: self
    scopes: [mcp:use]
    device_poll_interval_sec: 2
    clients:
      - {client_id: robot, grant_types: [client_credentials], client_secret_sha256: "${createHash('sha256').update(SECRET).digest('hex')}"}
      - {client_id: tv, grant_types: [device_code]}
console:
  users: [{name: alice, password_hash: "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$0123456789abcdef0123456789abcdef0123456789A"}]
http: {public_url: "${front}", allowed_hosts: ["127.0.0.1:*"]}
servers:
  everything: {command: "${NODE}", args: ["${EVERYTHING}", stdio]}
audit: {path: "\${AUDIT_PATH}"}
store: {type: redis, url: "\${REDIS_URL}", key_prefix: "oauth-replicas:"}
`,
    );
    env = { REDIS_URL: redis.url, AUDIT_PATH: join(dir, 'audit.jsonl') };
    // Started at once: both find no keys, and the store keeps the first set written.
    const started = await Promise.all(
      ['a', 'b'].map((name) =>
        startHttpGuard(config, [], { ...env, AUDIT_PATH: join(dir, `audit-${name}.jsonl`) }),
      ),
    );
    replicas.push(...started);
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.destroy();
  });

  test('one set of keys; a token issued by one replica is accepted by the other', async () => {
    const [a, b] = replicas;
    assert.deepEqual(await jwks(a.base), await jwks(b.base));
    assert.equal((await jwks(a.base)).length, 1);
    assert.equal(await use(b.base, await token(a.base)), 200);
    assert.equal(await use(a.base, await token(b.base)), 200);
  });

  test('a device polling both replicas is one device: the second poll is too soon', async () => {
    const [a, b] = replicas;
    const da = (await (
      await fetch(`${a.base}/oauth/device/auth`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: 'tv' }),
      })
    ).json()) as { device_code: string; interval: number };
    assert.equal(da.interval, 2);
    const poll = async (base: string) =>
      (
        (await (
          await fetch(`${base}/oauth/token`, {
            method: 'POST',
            body: new URLSearchParams({
              grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
              device_code: da.device_code,
              client_id: 'tv',
            }),
          })
        ).json()) as { error: string }
      ).error;
    assert.equal(await poll(a.base), 'authorization_pending');
    assert.equal(await poll(b.base), 'slow_down');
  });

  test('a key rotation reaches both replicas; tokens of the old key still pass', async () => {
    const [a, b] = replicas;
    const before = await token(a.base);
    const r = spawnSync(NODE, [CLI, 'guard', 'oauth', 'rotate-keys', '--config', config], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const kid = /new signing key: (\S+)/.exec(r.stdout)?.[1];
    const [fromA, fromB] = [await token(a.base), await token(b.base)];
    assert.equal(decodeProtectedHeader(fromA).kid, kid);
    assert.equal(decodeProtectedHeader(fromB).kid, kid);
    assert.equal(await use(b.base, fromA), 200);
    assert.equal(await use(a.base, fromB), 200);
    assert.equal(await use(b.base, before), 200);
    assert.deepEqual(await jwks(a.base), await jwks(b.base));
  });
});
