// The records of the Redis store (`Store.putRecord` and its neighbours). A record is a hash (v = value,
// c = consumed at, l = lookup, g = group) that expires when it does; its lookup is a string key naming
// its id, with the same expiry; its group is a sorted set of ids scored by expiry, which lives as long
// as its longest-lived member. Writes that touch several keys are one Lua script (or one MULTI).
import type { KeyOf, RedisClient } from './redis-client.ts';
import type { RecordWrite, StoredRecord } from './types.ts';

/**
 * Writes a record. KEYS: 1 the record, 2 its lookup key, 3 its group (the record's key again when it has
 * none). ARGV: 1 value, 2 expiry ('' = none), 3 lookup ('' = none), 4 group ('' = none), 5 '1' to write
 * only when absent, 6 id, 7 now. Times are the caller's clock (ms); keys get relative expiries, so the
 * caller's `now` decides, as in the other stores. Returns 1 when written, 0 when a record was there.
 */
export const PUT_RECORD = `
local exp, now = ARGV[2], tonumber(ARGV[7])
if ARGV[5] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then
  local e = redis.call('HGET', KEYS[1], 'e')
  if not e or e == '' or tonumber(e) > now then return 0 end
end
local ttl = 0
if exp ~= '' then
  ttl = math.max(1, tonumber(exp) - now)
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'l', ARGV[3], 'g', ARGV[4], 'e', exp)
if exp ~= '' then redis.call('PEXPIRE', KEYS[1], ttl) end
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[2], ARGV[6])
  if exp ~= '' then redis.call('PEXPIRE', KEYS[2], ttl) end
end
if ARGV[4] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  if exp == '' then redis.call('ZADD', KEYS[3], '+inf', ARGV[6]) else redis.call('ZADD', KEYS[3], exp, ARGV[6]) end
  local top = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
  if top[2] == 'inf' then redis.call('PERSIST', KEYS[3])
  else redis.call('PEXPIRE', KEYS[3], math.max(1, tonumber(top[2]) - now)) end
end
return 1`;

/** Marks a record consumed while it is live. KEYS: 1 the record. ARGV: 1 now. */
export const CONSUME_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local e = redis.call('HGET', KEYS[1], 'e')
if e and e ~= '' and tonumber(e) <= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'c', ARGV[1])
return 1`;

/**
 * Deletes a record and its index entries. KEYS: 1 the record, 2 its lookup key, 3 its group. ARGV: 1 id,
 * 2 lookup ('' = none), 3 group ('' = none). The lookup key goes only while it still names this id.
 */
export const DELETE_RECORD = `
redis.call('DEL', KEYS[1])
if ARGV[2] ~= '' and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[3], ARGV[1]) end
return 0`;

/** The scripts above, as the client defines them. */
export interface RecordScripts {
  mgPutRecord(rec: string, lookup: string, group: string, ...args: string[]): Promise<number>;
  mgConsumeRecord(rec: string, now: string): Promise<number>;
  mgDeleteRecord(rec: string, lookup: string, group: string, ...args: string[]): Promise<number>;
}

/** The scripts with their key counts, for `defineCommand`. */
export const RECORD_SCRIPTS: [string, number, string][] = [
  ['mgPutRecord', 3, PUT_RECORD],
  ['mgConsumeRecord', 1, CONSUME_RECORD],
  ['mgDeleteRecord', 3, DELETE_RECORD],
];

/** A record read back, or undefined when missing or expired at `now` (Redis may not have dropped it yet). */
function live(
  id: string,
  value: string | null,
  consumed: string | null,
  expires: string | null,
  now: number,
): StoredRecord | undefined {
  if (value === null || (expires && Number(expires) <= now)) return undefined;
  return consumed === null ? { id, value } : { id, value, consumedAt: Number(consumed) };
}

/** The records over one Redis client and key scheme. */
export class RedisRecords {
  readonly #client: RedisClient;
  readonly #key: KeyOf;

  constructor(client: RedisClient, key: KeyOf) {
    this.#client = client;
    this.#key = key;
  }

  #rec = (kind: string, id: string) => this.#key('rec', kind, id);
  #lookup = (kind: string, lookup: string) => this.#key('recl', kind, lookup);
  #group = (kind: string, group: string) => this.#key('recg', kind, group);

  async put(kind: string, id: string, w: RecordWrite, now: number, ifAbsent: boolean): Promise<boolean> {
    const rec = this.#rec(kind, id);
    const written = await this.#client.mgPutRecord(
      rec,
      w.lookup === undefined ? rec : this.#lookup(kind, w.lookup),
      w.group === undefined ? rec : this.#group(kind, w.group),
      w.value,
      w.expiresAt === undefined ? '' : String(Math.ceil(w.expiresAt)),
      w.lookup ?? '',
      w.group ?? '',
      ifAbsent ? '1' : '0',
      id,
      String(now),
    );
    return written === 1;
  }

  async get(kind: string, id: string, now: number): Promise<StoredRecord | undefined> {
    const [value, consumed, expires] = await this.#client.hmget(this.#rec(kind, id), 'v', 'c', 'e');
    return live(id, value, consumed, expires, now);
  }

  async find(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined> {
    const id = await this.#client.get(this.#lookup(kind, lookup));
    if (id === null) return undefined;
    const [value, consumed, expires, l] = await this.#client.hmget(this.#rec(kind, id), 'v', 'c', 'e', 'l');
    return l === lookup ? live(id, value, consumed, expires, now) : undefined;
  }

  async consume(kind: string, id: string, now: number): Promise<void> {
    await this.#client.mgConsumeRecord(this.#rec(kind, id), String(now));
  }

  async delete(kind: string, id: string): Promise<void> {
    const rec = this.#rec(kind, id);
    const [l, g] = await this.#client.hmget(rec, 'l', 'g');
    await this.#client.mgDeleteRecord(
      rec,
      l ? this.#lookup(kind, l) : rec,
      g ? this.#group(kind, g) : rec,
      id,
      l ?? '',
      g ?? '',
    );
  }

  async deleteGroup(kind: string, group: string): Promise<void> {
    const key = this.#group(kind, group);
    const ids = await this.#client.zrange(key, 0, -1);
    const recs = ids.map((id) => this.#rec(kind, id));
    const lookups =
      recs.length === 0 ? [] : await Promise.all(recs.map((rec) => this.#client.hget(rec, 'l')));
    const keys = [key, ...recs, ...lookups.filter((l): l is string => !!l).map((l) => this.#lookup(kind, l))];
    await this.#client.del(...keys);
  }
}
