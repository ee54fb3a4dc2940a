// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config holds literal ${VAR} references.
// Two `guard serve-http` replicas on one real redis-server, with the console and `approvals.mode: wait`:
// a call waits on replica A, an operator signs in to replica B's console and approves, and the call
// completes on A; the session cookie B issued works on A too (a shared `console.session_secret`), and a
// sign-out on one replica ends it on the other.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { hashPassword } from '../src/guard/web/passwords.ts';
import { type HttpGuardProcess, startHttpGuard } from './guard-http-harness.ts';
import { type RedisProcess, redisSkipReason, startRedis } from './helpers/redis.ts';
import { NODE, WALLET } from './servers/harness.ts';

const skip = redisSkipReason();
const PASSWORD = 'correct horse battery staple';

/** Signs alice in to a replica's console API: the session cookie and its CSRF token. */
async function signIn(replica: HttpGuardProcess): Promise<{ cookie: string; csrf_token: string }> {
  const login = await fetch(`${replica.base}/console/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'alice', password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  return { cookie, csrf_token };
}

describe('console and waiting calls across replicas on one Redis', { skip }, () => {
  let redis: RedisProcess;
  const replicas: HttpGuardProcess[] = [];

  before(async () => {
    redis = await startRedis();
    const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-console-replicas-'));
    const config = join(dir, 'mcp-guard.yaml');
    const hash = await hashPassword(PASSWORD, { ln: 14, r: 8, p: 1 });
    writeFileSync(
      config,
      `auth: {mode: none}
servers:
  wallet: {command: ${NODE}, args: [${WALLET}]}
http: {backend_mode: shared}
policies:
  require_approval_above: 10
  spend: {tools: [{name: pay, amount: amount}]}
approvals: {mode: wait, wait_sec: 60}
console:
  enabled: true
  users: [{name: alice, password_hash: "${hash}"}]
  session_secret: "a-console-session-secret-for-both-replicas"
audit: {path: "\${AUDIT_PATH}"}
replica: "\${REPLICA}"
store: {type: redis, url: "\${REDIS_URL}", key_prefix: "console-replicas:"}
`,
    );
    for (const name of ['a', 'b'])
      replicas.push(
        await startHttpGuard(config, [], {
          REDIS_URL: redis.url,
          AUDIT_PATH: join(dir, `audit-${name}.jsonl`),
          REPLICA: name,
        }),
      );
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.destroy();
  });

  test('a call waiting on A is approved in B console and completes on A', async () => {
    const [a, b] = replicas;
    const call = fetch(`${a.base}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'pay', arguments: { amount: 90, to: 'frank' } },
      }),
    }).then((r) => r.json() as Promise<{ result?: { content: unknown }; error?: unknown }>);

    const { cookie, csrf_token } = await signIn(b);
    let id: string | undefined;
    for (let i = 0; i < 200 && !id; i++) {
      const list = (await (
        await fetch(`${b.base}/console/api/approvals?status=pending`, { headers: { cookie } })
      ).json()) as { approvals: { id: string }[] };
      id = list.approvals[0]?.id;
      if (!id) await delay(25);
    }
    assert.ok(id, 'the call held on A shows in B console');
    // The cookie B issued opens A's console too: both sign with the same session_secret.
    assert.equal((await fetch(`${a.base}/console/api/approvals/${id}`, { headers: { cookie } })).status, 200);
    const approve = await fetch(`${b.base}/console/api/approvals/${id}/approve`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(approve.status, 200);
    const response = await call;
    assert.equal(response.error, undefined);
    assert.match(JSON.stringify(response.result?.content), /paid 90 to frank/);
  });

  test('signing out on one replica ends the session on the other too', async () => {
    const [a, b] = replicas;
    const { cookie, csrf_token } = await signIn(a);
    const approvals = (base: string) => fetch(`${base}/console/api/approvals`, { headers: { cookie } });
    assert.equal((await approvals(b.base)).status, 200);
    const out = await fetch(`${a.base}/console/api/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(out.status, 200);
    // a copy of the cookie (the browser cleared its own) opens neither replica, nor the pages
    assert.equal((await approvals(a.base)).status, 401);
    assert.equal((await approvals(b.base)).status, 401);
    const page = await fetch(`${b.base}/console/approvals`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.match(page.headers.get('location') ?? '', /\/console\/login/);
  });
});
