// The Redis store's connection: the ioredis options the `store` section gives (TLS, ACL user, timeouts,
// reconnection, fail-fast while disconnected), the Lua scripts defined on the client, and the helpers
// that turn Redis replies into the store's types. Split from redis.ts, which keeps the store's logic.
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { inTarget } from './pins.ts';
import { RECORD_SCRIPTS, type RecordScripts } from './redis-records.ts';
import * as lua from './redis-scripts.ts';
import { statusAt } from './rules.ts';
import type { Approval, ApprovalChanges, PinTarget } from './types.ts';

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

/** A flat [field, value, ...] reply as an object. */
export function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

/** The agent, session and owner a reservation id of the Redis store names; undefined for any other id. */
export function reservationParts(id: string): { agent: string; session: string; owner?: string } | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || (parts.length !== 3 && parts.length !== 4)) return undefined;
  if (!parts.every((p) => typeof p === 'string')) return undefined;
  return { agent: parts[0], session: parts[1], owner: parts[3] };
}

/** The index members (`server\0tool`) of the pins a target covers, from the pins' index `index`. */
export async function pinMembers(client: RedisClient, index: string, target: PinTarget): Promise<string[]> {
  if (target.server === undefined)
    return (await client.zrange(index, 0, -1)).filter((m) => inTarget(split(m), target));
  const prefix = `${target.server}\u0000`;
  return client.zrangebylex(
    index,
    `[${prefix}${target.tool ?? ''}`,
    target.tool === undefined ? `(${target.server}\u0001` : `[${prefix}${target.tool}`,
  );
}

/** `server\0tool` back to its parts. */
export function split(member: string): { server: string; tool: string } {
  const at = member.indexOf('\u0000');
  return { server: member.slice(0, at), tool: member.slice(at + 1) };
}

/** An approval hash as an `Approval`, its status taken at `now`. */
export function toApproval(f: Record<string, string>, now: number): Approval {
  const a: Approval = {
    id: f.id,
    agent: f.agent,
    tool: f.tool,
    argsHash: f.argsHash,
    summary: f.summary,
    status: f.status as Approval['status'],
    createdAt: Number(f.createdAt),
    expiresAt: Number(f.expiresAt),
  };
  if (f.amount !== undefined) a.amount = Number(f.amount);
  if (f.decidedBy !== undefined) a.decidedBy = f.decidedBy;
  if (f.reason !== undefined) a.reason = f.reason;
  if (f.decidedAt !== undefined) a.decidedAt = Number(f.decidedAt);
  if (f.backend !== undefined) a.backend = f.backend;
  if (f.args !== undefined) a.args = f.args;
  a.status = statusAt(a, now);
  return a;
}

/** The approvals under these keys, in that order, in one round trip (keys already gone are left out). */
export async function loadApprovals(client: RedisClient, keys: string[], now: number): Promise<Approval[]> {
  if (keys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.hgetall(key);
  const out: Approval[] = [];
  for (const [error, fields] of (await pipeline.exec()) ?? []) {
    if (error) throw error;
    const f = fields as Record<string, string>;
    if (f.id !== undefined) out.push(toApproval(f, now));
  }
  return out;
}

/** Approvals one `approvalChanges` call returns at most, and approvals expired per call at most. */
const CHANGES_MAX = 500;
const EXPIRE_BATCH = 100;

/**
 * The approvals change feed (Store.approvalChanges) over its keys (revision counter, changes, live
 * set): approvals due to expire are marked expired first (each a change), then the changes after
 * `after` up to the revision read first, so a change made meanwhile waits for the next call.
 */
export async function readApprovalChanges(
  client: RedisClient,
  [rev, changes, live]: [string, string, string],
  approvalKey: (id: string) => string,
  after: number | undefined,
  now: number,
): Promise<ApprovalChanges> {
  const due = await client.zrangebyscore(live, '-inf', now, 'LIMIT', 0, EXPIRE_BATCH);
  if (due.length > 0)
    await client.mgExpireApprovals(due.length + 3, rev, changes, live, ...due.map(approvalKey), now, ...due);
  const clock = Number((await client.get(rev)) ?? 0);
  if (after === undefined || clock <= after) return { cursor: clock, approvals: [] };
  const flat = await client.zrangebyscore(changes, `(${after}`, clock, 'WITHSCORES', 'LIMIT', 0, CHANGES_MAX);
  const ids = flat.filter((_, i) => i % 2 === 0);
  const approvals = await loadApprovals(client, ids.map(approvalKey), now);
  // A full page may have more behind it: resume after its last entry rather than at the clock.
  const cursor = ids.length === CHANGES_MAX ? Number(flat[flat.length - 1]) : clock;
  return { cursor, approvals };
}
