// What only the Redis store promises, against real redis-server processes (the shared contract is
// contract.ts): keys expire so idle state costs nothing; an unreachable Redis is a StoreUnavailableError
// at once (never a hang, never a guess), and service comes back by itself with the server, scripts
// included; ACL users and passwords; TLS (rediss://) with the operator's CA.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, type RedisProcess, redisSkipReason, startRedis } from '../../../test/helpers/redis.ts';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { RedisStore } from './redis.ts';
import { HOUR_MS, SESSION_IDLE_MS } from './rules.ts';
import { StoreUnavailableError } from './types.ts';

const skip = redisSkipReason();
const config = (url: string, extra: Partial<RedisStoreConfig> = {}): RedisStoreConfig => ({
  type: 'redis',
  url,
  keyPrefix: 'test:',
  connectTimeoutMs: 2000,
  commandTimeoutMs: 1000,
  reconnectMaxDelayMs: 100,
  ...extra,
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('redis store', { skip }, () => {
  let redis: RedisProcess;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.destroy();
  });

  test('every key it writes expires: buckets when full again, spend after its window', async () => {
    const store = await RedisStore.open(config(redis.url, { keyPrefix: 'ttl:' }));
    try {
      const now = Date.now();
      await store.take('slow', 1, 1, now);
      // a bucket of 60 a millisecond... is full again at once: its key is gone
      await store.hit('fast', 60_000_000, now);
      const r = await store.reserve({ agent: 'a', session: 's', amount: 1, sessionCap: 5, now });
      assert.ok(r.ok);
      await store.requestApproval({ agent: 'a', tool: 'pay', argsHash: 'h', summary: 's', ttlSec: 60, now });
      const keys = (await store.client.keys('ttl:*')).sort();
      const ttl = async (k: string) => store.client.pttl(k);
      const rate = keys.filter((k) => k.startsWith('ttl:rate:'));
      assert.deepEqual(rate, ['ttl:rate:slow']);
      assert.ok((await ttl('ttl:rate:slow')) <= 60_000 && (await ttl('ttl:rate:slow')) > 50_000);
      for (const k of keys.filter((k) => /^ttl:(hour|hourset|res):/.test(k)))
        assert.ok((await ttl(k)) > HOUR_MS && (await ttl(k)) <= HOUR_MS + 60_000, k);
      const sess = keys.find((k) => k.startsWith('ttl:sess:'))!;
      assert.ok((await ttl(sess)) > SESSION_IDLE_MS && (await ttl(sess)) <= SESSION_IDLE_MS + 60_000);
      // only the approval indexes live without an expiry (evictIdle prunes them; the change feed's
      // changes and live sets with them), and the feed's one revision counter
      const forever: string[] = [];
      for (const k of keys) if ((await ttl(k)) === -1) forever.push(k);
      assert.deepEqual(forever, [
        'ttl:approvals:changes',
        'ttl:approvals:id',
        'ttl:approvals:live',
        'ttl:approvals:rev',
        'ttl:approvals:time',
      ]);
    } finally {
      await store.close();
    }
  });

  test('a reservation with an owner is counted and listed as not yet forwarded by one script', async () => {
    // One script: no crash can fall between the two (a counted reservation its takeover cannot see).
    const store = await RedisStore.open(config(redis.url, { keyPrefix: 'own:' }));
    try {
      await store.client.config('RESETSTAT');
      const r = await store.reserve({
        agent: 'a',
        session: 's',
        amount: 2,
        hourlyCap: 10,
        owner: 'w1',
        now: Date.now(),
      });
      assert.ok(r.ok);
      const stats = String(await store.client.info('commandstats'));
      const calls = new Map(
        [...stats.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)].map(([, name, n]) => [name, Number(n)]),
      );
      // one script call from the client (the commands a script runs are counted too), no transaction
      assert.equal((calls.get('eval') ?? 0) + (calls.get('evalsha') ?? 0), 1, stats);
      assert.ok(!calls.has('multi') && !calls.has('exec'), stats);
      assert.equal(calls.get('sadd'), 1, stats);
      assert.deepEqual(await store.client.smembers('own:unfwd:w1'), [r.id]);
      assert.ok((await store.client.pttl('own:unfwd:w1')) > HOUR_MS);
      // the takeover gives it back, once
      assert.deepEqual(await store.releaseUnforwarded('w1'), [r.id]);
      assert.deepEqual(await store.releaseUnforwarded('w1'), []);
    } finally {
      await store.close();
    }
  });

  test('Redis away: calls fail at once with StoreUnavailableError; back: service resumes, state kept', async () => {
    const server = await startRedis();
    const store = await RedisStore.open(config(server.url));
    try {
      const now = Date.now();
      const r = await store.reserve({ agent: 'a', session: 's', amount: 6, sessionCap: 10, now });
      assert.ok(r.ok);
      await server.stop();
      const began = Date.now();
      await assert.rejects(
        store.reserve({ agent: 'a', session: 's', amount: 1, sessionCap: 10, now }),
        (e) =>
          e instanceof StoreUnavailableError &&
          /state store \(redis redis:\/\/127\.0\.0\.1:\d+\) is unavailable/.test(e.message),
      );
      await assert.rejects(store.ping(), StoreUnavailableError);
      await assert.rejects(store.take('k', 10, 1, now), StoreUnavailableError);
      await assert.rejects(store.getPin('s', 't'), StoreUnavailableError);
      await assert.rejects(store.listApprovals(), StoreUnavailableError);
      assert.ok(Date.now() - began < 1000, `refusals took ${Date.now() - began} ms`);
      await server.start();
      await until(async () => {
        await store.ping();
        return true;
      });
      // the restarted server knows no script (EVALSHA falls back to EVAL) and kept the session's 6 spent
      assert.deepEqual(await store.reserve({ agent: 'a', session: 's', amount: 5, sessionCap: 10, now }), {
        ok: false,
        cap: 'session',
        remaining: 4,
      });
    } finally {
      await store.close();
      await server.destroy();
    }
  });

  test('open: refuses an unreachable Redis within the connect timeout, or waits for it when asked', async () => {
    const port = await freePort();
    const began = Date.now();
    await assert.rejects(
      RedisStore.open(config(`redis://127.0.0.1:${port}`)),
      (e) =>
        e instanceof StoreUnavailableError &&
        e.message.includes(`cannot reach the state store (redis redis://127.0.0.1:${port})`),
    );
    assert.ok(Date.now() - began < 3000);
    const lines: string[] = [];
    const store = await RedisStore.open(config(`redis://127.0.0.1:${port}`), {
      requireReady: false,
      log: (l) => lines.push(l),
    });
    try {
      assert.match(lines.join('\n'), /is unavailable: .*reconnecting/);
      await assert.rejects(store.ping(), StoreUnavailableError);
      const server = await startRedis(['--port', String(port)]);
      try {
        await until(async () => {
          await store.ping();
          return true;
        });
        assert.match(lines.at(-1)!, /answers again/);
      } finally {
        await server.destroy();
      }
    } finally {
      await store.close();
    }
  });

  test('ACL user and password, in the config or in the URL; a wrong password is refused', async () => {
    // The least a guard needs, as docs/guard-config.md lists it: its key prefix, no other key, no admin.
    const acl = [
      'on',
      '>s3cret-pass',
      '~test:*',
      '-@all',
      '+@read',
      '+@write',
      '+@scripting',
      '+ping',
      '+info',
      '+client',
    ];
    const server = await startRedis(['--user', 'default', 'off', '--user', 'guard', ...acl]);
    try {
      const host = `127.0.0.1:${server.port}`;
      const a = await RedisStore.open(
        config(`redis://${host}`, { username: 'guard', password: 's3cret-pass' }),
      );
      const now = Date.now();
      assert.equal((await a.hit('k', 1, now)).allowed, true);
      const r = await a.reserve({ agent: 'x', session: 's', amount: 2, sessionCap: 5, hourlyCap: 5, now });
      assert.ok(r.ok);
      await a.release(r.id);
      const held = await a.requestApproval({
        agent: 'x',
        tool: 't',
        argsHash: 'h',
        summary: 's',
        ttlSec: 60,
        now,
      });
      await a.decideApproval(
        await a.resolveApprovalId(held.id.slice(0, 6)),
        'approved',
        'me',
        undefined,
        now,
      );
      assert.equal(await a.consumeApproval(held.id, now), true);
      assert.equal((await a.listApprovals()).length, 1);
      await a.putPin({ server: 's', tool: 't', hash: 'h', definition: '{}', trust: true, now });
      assert.equal((await a.listPins({ server: 's' })).length, 1);
      assert.equal(await a.resetPins(), 1);
      await a.evictIdle(now + 30 * 24 * HOUR_MS);
      await a.ping();
      await a.close();
      const b = await RedisStore.open(config(`redis://guard:s3cret-pass@${host}/0`));
      assert.equal((await b.hit('k', 1, Date.now())).allowed, false);
      await b.close();
      await assert.rejects(
        RedisStore.open(config(`redis://${host}`, { username: 'guard', password: 'wrong' })),
        (e) =>
          e instanceof StoreUnavailableError && /WRONGPASS/.test(e.message) && !e.message.includes('wrong'),
      );
    } finally {
      await server.destroy();
    }
  });

  test('TLS: rediss:// with the operator CA; an unknown CA is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-tls-'));
    const openssl = (...args: string[]) => {
      const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    );
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
    );
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
      '-out',
      'server.crt',
    );
    const tlsPort = await freePort();
    const server = await startRedis([
      '--tls-port',
      String(tlsPort),
      '--tls-cert-file',
      join(dir, 'server.crt'),
      '--tls-key-file',
      join(dir, 'server.key'),
      '--tls-ca-cert-file',
      join(dir, 'ca.crt'),
      '--tls-auth-clients',
      'no',
    ]);
    try {
      const url = `rediss://localhost:${tlsPort}`;
      const store = await RedisStore.open(config(url, { tls: { caFile: join(dir, 'ca.crt') } }));
      assert.equal((await store.take('k', 5, 2, Date.now())).granted, 2);
      await store.close();
      await assert.rejects(RedisStore.open(config(url)), StoreUnavailableError);
    } finally {
      await server.destroy();
    }
  });
});
