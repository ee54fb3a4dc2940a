// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config holds literal ${VAR} references.
// Three `guard serve-http` replicas (real processes, the CLI as users start it) on one real
// redis-server, clients spreading their calls over them: caps hold across replicas exactly as in one
// process, a call held on one replica is approved with the CLI and passes once on another, a pin
// approved once is honoured everywhere, a legacy session unknown to a replica gets the spec's 404, and
// Redis stopped in the middle of a run is refused visibly (never admitted over a cap) and recovered
// from without a restart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RedisStore } from '../src/guard/store/redis.ts';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { type RedisProcess, redisSkipReason, startRedis } from './helpers/redis.ts';
import { CLI, NODE, ROOT, WALLET } from './servers/harness.ts';

const skip = redisSkipReason();
const KEYS = {
  alice: 'alice-key-0123456789abcdef',
  bob: 'bob-key-0123456789abcdef',
  carol: 'carol-key-0123456789abcdef',
  dave: 'dave-key-0123456789abcdef',
};

const CONFIG = `auth:
  mode: api_key
  keys:
    - {agent: alice, key: ${KEYS.alice}}
    - {agent: bob, key: ${KEYS.bob}}
    - {agent: carol, key: ${KEYS.carol}}
    - {agent: dave, key: ${KEYS.dave}}
servers:
  wallet:
    command: ${NODE}
    args: [${WALLET}]
    env: {WALLET_LOG: "\${WALLET_LOG}"}
http: {backend_mode: shared}
policies:
  max_spend_per_session: 30
  spend_per_hour_usd: 50
  require_approval_above: 100
  pinning: block
agents:
  bob: {requests_per_minute: 60}
  carol: {max_spend_per_session: 1000, spend_per_hour_usd: 1000}
  dave: {max_spend_per_session: 1000, spend_per_hour_usd: 1000}
audit: {path: "\${AUDIT_PATH}"}
replica: "\${REPLICA}"
store:
  type: redis
  url: "\${REDIS_URL}"
  key_prefix: "replicas:"
  command_timeout_ms: 1000
  reconnect_max_delay_ms: 200
`;

interface Replica {
  guard: HttpGuardProcess;
  walletLog: string;
  audit: string;
}

/** One JSON-RPC message to /rpc of a replica; resolves with the JSON-RPC response. */
async function rpc(
  replica: Replica,
  agent: keyof typeof KEYS,
  session: string,
  body: Record<string, unknown>,
): Promise<{
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: Record<string, unknown> };
}> {
  const res = await fetch(`${replica.guard.base}/rpc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${KEYS[agent]}`,
      'x-mcp-session': session,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body }),
  });
  return res.json() as never;
}

const pay = (amount: number, to = 'shop') => ({
  method: 'tools/call',
  params: { name: 'pay', arguments: { amount, to } },
});

/** Tool calls the backends behind `replicas` received, by tool name. */
function executed(replicas: Replica[], tool: string): number {
  let n = 0;
  for (const r of replicas) {
    let text = '';
    try {
      text = readFileSync(r.walletLog, 'utf8');
    } catch {}
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const m = JSON.parse(line) as { method?: string; params?: { name?: string } };
      if (m.method === 'tools/call' && m.params?.name === tool) n++;
    }
  }
  return n;
}

function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  return spawnSync(NODE, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
  });
}

describe('three replicas on one Redis', { skip }, () => {
  let redis: RedisProcess;
  let dir: string;
  let config: string;
  let env: Record<string, string>;
  const replicas: Replica[] = [];

  before(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'mcp-guard-replicas-'));
    config = join(dir, 'mcp-guard.yaml');
    writeFileSync(config, CONFIG);
    // What an operator's shell would hold to run the admin CLI with the same config.
    env = {
      REDIS_URL: redis.url,
      WALLET_LOG: join(dir, 'cli-wallet.log'),
      AUDIT_PATH: join(dir, 'cli-audit.jsonl'),
      REPLICA: 'cli',
    };
    await Promise.all(
      ['a', 'b', 'c'].map(async (name, i) => {
        const walletLog = join(dir, `wallet-${name}.log`);
        const audit = join(dir, `audit-${name}.jsonl`);
        const guard = await startHttpGuard(config, [], {
          REDIS_URL: redis.url,
          WALLET_LOG: walletLog,
          AUDIT_PATH: audit,
          REPLICA: `replica-${name}`,
        });
        replicas[i] = { guard, walletLog, audit };
      }),
    );
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.guard.stop()));
    await redis?.destroy();
  });

  test('a session cap and an hourly cap are exact under 100 concurrent spending calls over the replicas', async () => {
    const before = executed(replicas, 'pay');
    const burst = (session: string) =>
      Promise.all(Array.from({ length: 100 }, (_, i) => rpc(replicas[i % 3], 'alice', session, pay(1))));
    // 30 per session: one session's calls spread over three replicas still share one total
    const first = await burst('s1');
    assert.equal(first.filter((r) => r.result && !r.result.isError).length, 30);
    const refused = first.filter((r) => r.error);
    assert.equal(refused.length, 70);
    assert.ok(refused.every((r) => r.error?.code === -32002 && r.error.data?.cap === 'session'));
    // 50 an hour: a second session gets the 20 left of the agent's hour
    const second = await burst('s2');
    assert.equal(second.filter((r) => r.result && !r.result.isError).length, 20);
    assert.ok(second.filter((r) => r.error).every((r) => r.error?.code === -32002));
    assert.equal(executed(replicas, 'pay') - before, 50);
  });

  test('a rate limit admits at most the limit plus the refill, over all replicas together', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        rpc(replicas[i % 3], 'bob', 'rate', {
          method: 'tools/call',
          params: { name: 'balance', arguments: {} },
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const admitted = results.filter((r) => r.result).length;
    const limited = results.filter((r) => r.error?.code === -32029);
    // every answer is a result or a rate-limit refusal; anything else is shown whole
    assert.deepEqual(
      results.filter((r) => !r.result && r.error?.code !== -32029),
      [],
    );
    assert.equal(admitted + limited.length, 150);
    // 60 a minute: the shared bucket holds 60 and refills one a second; leased tokens are spent within 1 s
    assert.ok(admitted <= 60 + Math.ceil((elapsed + 1000) / 1000), `${admitted} admitted in ${elapsed} ms`);
    // tokens a replica leased and did not use come back; a burst sees most of the bucket
    assert.ok(admitted >= 40, `${admitted} admitted`);
    assert.ok(limited.every((r) => Number(r.error?.data?.retry_after_ms) > 0));
  });

  test('a call held on replica A is approved with the CLI and its retry passes exactly once, on B', async () => {
    const held = await rpc(replicas[0], 'carol', 'big', pay(150, 'landlord'));
    assert.equal(held.error?.code, -32004);
    const id = String(held.error?.data?.approval_id);
    // held again (the same approval) on C while nobody decided
    assert.equal((await rpc(replicas[2], 'carol', 'big', pay(150, 'landlord'))).error?.data?.approval_id, id);
    const list = cli(env, 'guard', 'approvals', 'list', '--config', config);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(id));
    const approved = cli(
      env,
      'guard',
      'approvals',
      'approve',
      id.slice(0, 8),
      '--config',
      config,
      '--by',
      'ops',
    );
    assert.equal(approved.status, 0, approved.stderr);
    const paid = executed(replicas, 'pay');
    const retry = await rpc(replicas[1], 'carol', 'big', pay(150, 'landlord'));
    assert.equal(retry.error, undefined, JSON.stringify(retry));
    assert.equal(executed(replicas, 'pay'), paid + 1);
    // once: the next identical call is held anew
    const again = await rpc(replicas[2], 'carol', 'big', pay(150, 'landlord'));
    assert.equal(again.error?.code, -32004);
    assert.notEqual(again.error?.data?.approval_id, id);
    assert.equal(executed(replicas, 'pay'), paid + 1);
  });

  test('a pin approved once is honoured by every replica', async () => {
    const names = async (r: Replica) => {
      const listed = await rpc(r, 'carol', 'pins', { method: 'tools/list' });
      return ((listed.result?.tools ?? []) as { name: string }[]).map((t) => t.name);
    };
    // The first list pins what the backend offers (trust on first use)...
    assert.ok((await names(replicas[0])).includes('balance'));
    // ...then `balance`'s pin is replaced by one the backend does not match: every replica hides it.
    const store = await RedisStore.open({
      type: 'redis',
      url: redis.url,
      keyPrefix: 'replicas:',
      connectTimeoutMs: 2000,
      commandTimeoutMs: 2000,
      reconnectMaxDelayMs: 200,
    });
    try {
      await store.resetPins({ server: 'wallet', tool: 'balance' });
      await store.putPin({
        server: 'wallet',
        tool: 'balance',
        hash: 'f'.repeat(64),
        definition: '{}',
        trust: true,
        now: Date.now(),
      });
    } finally {
      await store.close();
    }
    for (const r of replicas) assert.equal((await names(r)).includes('balance'), false);
    const call = { method: 'tools/call', params: { name: 'balance', arguments: {} } };
    assert.equal((await rpc(replicas[1], 'carol', 'pins', call)).error?.code, -32003);
    const approved = cli(env, 'guard', 'pins', 'approve', 'wallet/balance', '--config', config);
    assert.equal(approved.status, 0, approved.stderr);
    for (const r of replicas) {
      assert.equal((await names(r)).includes('balance'), true);
      assert.equal((await rpc(r, 'carol', 'pins', call)).error, undefined);
    }
  });

  test('a legacy session is answered 404 by a replica that does not hold it, as the spec says', async () => {
    const auth = { authorization: `Bearer ${KEYS.carol}` };
    const init = await fetch(replicas[0].guard.mcp, {
      method: 'POST',
      headers: mcpHeaders(auth),
      body: initBody(),
    });
    assert.equal(init.status, 200);
    await init.text();
    const session = init.headers.get('mcp-session-id')!;
    const headers = mcpHeaders({ ...auth, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const elsewhere = await fetch(replicas[1].guard.mcp, { method: 'POST', headers, body });
    assert.equal(elsewhere.status, 404);
    assert.match(elsewhere.headers.get('content-type') ?? '', /application\/json/);
    const error = (await elsewhere.json()) as {
      jsonrpc: string;
      error: { code: number; message: string };
      id: null;
    };
    assert.equal(error.jsonrpc, '2.0');
    assert.equal(error.id, null);
    assert.match(error.error.message, /Session not found/);
    for (const method of ['GET', 'DELETE']) {
      const r = await fetch(replicas[2].guard.mcp, {
        method,
        headers: { ...headers, accept: 'text/event-stream' },
      });
      assert.equal(r.status, 404, method);
      await r.text();
    }
    // on its own replica it still works; the client's new session on B works too
    const home = await fetch(replicas[0].guard.mcp, { method: 'POST', headers, body });
    assert.equal(home.status, 200);
    await home.text();
    const fresh = await fetch(replicas[1].guard.mcp, {
      method: 'POST',
      headers: mcpHeaders(auth),
      body: initBody(),
    });
    assert.equal(fresh.status, 200);
    await fresh.text();
  });

  test('Redis stopped mid-run: refused visibly, never over a cap, /ready 503; back: resumes without a restart', async () => {
    const paidBefore = executed(replicas, 'pay');
    let stop = false;
    const outcomes: string[] = [];
    // dave spends 1 at a time in one session (cap 1000) while Redis goes away and comes back
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await rpc(replicas[i % 3], 'dave', 'outage', pay(1));
        outcomes.push(
          r.error
            ? r.error.data?.store === 'unavailable'
              ? 'unavailable'
              : `error ${r.error.code}`
            : 'paid',
        );
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await redis.stop();
    await new Promise((r) => setTimeout(r, 800));
    const during = await rpc(replicas[1], 'dave', 'outage', pay(1));
    assert.equal(during.error?.code, -32603);
    assert.deepEqual(during.error?.data, { store: 'unavailable' });
    assert.match(during.error!.message, /state store is unavailable.*not forwarded/);
    for (const r of replicas) {
      const ready = await fetch(`${r.guard.base}/ready`);
      assert.equal(ready.status, 503);
      assert.match(
        JSON.stringify(await ready.json()),
        /store: the state store \(redis redis:\/\/127\.0\.0\.1:\d+\) is unavailable/,
      );
      assert.equal((await fetch(`${r.guard.base}/health`)).status, 200);
    }
    await redis.start();
    // service resumes by itself: ready again, spending again
    for (const r of replicas) {
      const deadline = Date.now() + 10_000;
      while ((await fetch(`${r.guard.base}/ready`)).status !== 200) {
        assert.ok(Date.now() < deadline, 'replica did not become ready again');
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    const resumed = outcomes.length;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await stream;
    assert.ok(outcomes.slice(resumed).includes('paid'), 'spending resumed');
    assert.ok(outcomes.includes('unavailable'), outcomes.join(','));
    assert.ok(
      outcomes.every((o) => o === 'paid' || o === 'unavailable'),
      outcomes.join(','),
    );
    // nothing admitted unchecked: every payment the backends made is one the store counted
    const paid = outcomes.filter((o) => o === 'paid').length;
    assert.equal(executed(replicas, 'pay') - paidBefore, paid);
    const over = await rpc(replicas[0], 'dave', 'outage', pay(1000));
    assert.equal(over.error?.code, -32002, JSON.stringify(over));
    // Counted is at least what was paid (never admitted over the cap). The one call in flight when Redis
    // went away may have been counted without an answer: refused, its amount stays reserved (the safe side).
    const remaining = Number(over.error?.data?.remaining);
    assert.ok(
      remaining <= 1000 - paid && remaining >= 1000 - paid - 1,
      `${remaining} left after ${paid} paid`,
    );
    // each replica counted its store errors; the audit log recorded the refusals
    const metrics = await Promise.all(
      replicas.map(async (r) => (await fetch(`${r.guard.base}/metrics`)).text()),
    );
    assert.ok(
      metrics.some((m) =>
        /mcp_guard_store_errors_total\{operation="reserve",replica="replica-[abc]"\} [1-9]/.test(m),
      ),
    );
    // every series of a replica carries its name
    metrics.forEach((m, i) => {
      const samples = m.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
      assert.ok(samples.length > 0 && samples.every((l) => l.includes(`replica="replica-${'abc'[i]}"`)), m);
    });
    const audit = replicas.flatMap((r) =>
      readFileSync(r.audit, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    assert.ok(audit.some((a) => a.code === -32603 && /state store is unavailable/.test(a.reason)));
  });
});
