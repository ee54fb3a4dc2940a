// The Redis store's connection: the ioredis options the `store` section gives (TLS, ACL user, timeouts,
// reconnection, fail-fast while disconnected) and the Lua scripts defined on the client. Split from
// redis.ts; the store's parts (redis-ledger.ts, redis-approvals.ts, redis-pins.ts, redis-records.ts)
// each take the client and the store's key builder.
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { RECORD_SCRIPTS, type RecordScripts } from './redis-records.ts';
import * as lua from './redis-scripts.ts';

/** The scripts, as ioredis defines them on the client (EVALSHA, EVAL when Redis does not know the script). */
export interface Scripts {
  mgTake(key: string, ...args: (string | number)[]): Promise<[number, string]>;
  mgReserve(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<[number, string?, string?]>;
  mgRelease(...keysAndArgs: string[]): Promise<number>;
  mgSettle(...keysAndArgs: string[]): Promise<number>;
  mgRequestApproval(...keysAndArgs: (string | number)[]): Promise<string[]>;
  mgConsumeApproval(...keysAndArgs: (string | number)[]): Promise<number>;
  mgDecideApproval(...keysAndArgs: (string | number)[]): Promise<string[]>;
  mgExpireApprovals(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  mgPruneApprovals(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  mgPutPin(pin: string, index: string, read: string, next: string, member: string): Promise<number>;
  mgResetPins(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
}

/** The connection settings ioredis gets from the `store` section. */
export function redisOptions(c: RedisStoreConfig): RedisOptions {
  const url = new URL(c.url);
  const fromUrl = (s: string) => (s === '' ? undefined : decodeURIComponent(s));
  const read = (file: string | undefined) => (file === undefined ? undefined : readFileSync(file));
  const db = c.db ?? (url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 6379 : Number(url.port),
    username: c.username ?? fromUrl(url.username),
    password: c.password ?? fromUrl(url.password),
    db,
    tls:
      url.protocol === 'rediss:'
        ? {
            ca: read(c.tls?.caFile),
            cert: read(c.tls?.certFile),
            key: read(c.tls?.keyFile),
            servername: c.tls?.servername ?? url.hostname,
          }
        : undefined,
    connectTimeout: c.connectTimeoutMs,
    commandTimeout: c.commandTimeoutMs,
    // Reconnect forever: 50 ms, 100 ms ... up to reconnect_max_delay_ms between attempts.
    retryStrategy: (times) => Math.min(c.reconnectMaxDelayMs, 50 * 2 ** Math.min(times, 16)),
    // While Redis is away a call fails at once (and is refused), rather than waiting in a queue; a
    // command cut off by a dropped connection is never sent again (a reservation must not count twice).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // RESP2: what every Redis-compatible server speaks (RESP3 needs Redis 6 and HELLO).
    protocol: 2,
    connectionName: 'mcp-guard',
    lazyConnect: true,
  };
}

/** An ioredis client with the store's scripts. */
export type RedisClient = Redis & Scripts & RecordScripts;

/** A client for `config` (not connected yet: `connect()` it) with every script defined. */
export function connectRedis(config: RedisStoreConfig): RedisClient {
  const client = new Redis(redisOptions(config));
  const scripts: [string, number, string][] = [
    ['mgTake', 1, lua.TAKE],
    ['mgRelease', 4, lua.RELEASE],
    ['mgSettle', 4, lua.SETTLE],
    ['mgRequestApproval', 8, lua.REQUEST_APPROVAL],
    ['mgConsumeApproval', 4, lua.CONSUME_APPROVAL],
    ['mgDecideApproval', 4, lua.DECIDE_APPROVAL],
    ['mgPutPin', 2, lua.PUT_PIN],
    ...RECORD_SCRIPTS,
  ];
  for (const [name, numberOfKeys, source] of scripts)
    client.defineCommand(name, { numberOfKeys, lua: source });
  // Variable key counts: the number of keys comes first in the call.
  client.defineCommand('mgReserve', { lua: lua.RESERVE });
  client.defineCommand('mgPruneApprovals', { lua: lua.PRUNE_APPROVALS });
  client.defineCommand('mgExpireApprovals', { lua: lua.EXPIRE_APPROVALS });
  client.defineCommand('mgResetPins', { lua: lua.RESET_PINS });
  return client as RedisClient;
}

/** Builds a key of the store: its prefix (`store.key_prefix`), a kind of key, then the parts. */
export type KeyOf = (kind: string, ...parts: string[]) => string;
