// The Lua scripts of the Redis store: every step that must be atomic across replicas runs as one
// script, which Redis executes without interleaving anything else. Each script touches only the keys
// it is given (KEYS), and gives every key it writes an expiry, so idle agents cost nothing. Numbers
// travel as decimal strings; Lua numbers are doubles, exact for the integers used here (millionths of
// an amount, 1/60,000 of a token) up to 2^53. The arithmetic mirrors sqlite-ledger.ts exactly: the
// contract suite (contract.ts) runs the same tests over both.

/** Prints a number for Redis without an exponent (tostring(1e15) would be "1e+15"). */
const FMT = `local function fmt(x) return string.format('%.17g', x) end`;

/**
 * A token-bucket lease (`Store.take`, and `hit` as a lease of one). KEYS[1] the bucket (HASH u = units
 * left, t = time of the last refill). ARGV: capacity (units), refill (units per ms), now, want, refund,
 * units per token. A missing key is a full bucket; the key expires when the bucket would be full again.
 * Returns {granted, units left}.
 */
export const TAKE = `${FMT}
local cap, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local want, refund, token = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local b = redis.call('HMGET', KEYS[1], 'u', 't')
local units, at = cap, now
if b[1] then
  units, at = tonumber(b[1]), tonumber(b[2])
  units = math.min(cap, units + math.max(0, now - at) * rate + refund * token)
end
at = math.max(at, now)
local granted = math.min(want, math.floor(units / token))
units = units - granted * token
local ttl = math.ceil((cap - units) / rate)
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'u', fmt(units), 't', fmt(at))
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('DEL', KEYS[1])
end
return {granted, fmt(units)}`;

/**
 * A spend reservation against the session and hourly caps. KEYS: 1 the session total (HASH m = millionths,
 * l = last spend), 2 the agent's hour total (HASH m), 3 the agent's reservations of the hour (ZSET of
 * "id:millionths" scored by time), 4 the reservation (HASH, for release). ARGV: 1 millionths, 2 session
 * cap ('' = none), 3 hourly cap, 4 now, 5 reservation id, 6 hour (ms), 7 session idle time (ms), 8 slack
 * added to expiries (ms). Reservations that passed the hour leave the running total first (each once:
 * amortized O(1)). An optional KEYS[5] is the owner's set of reservations not yet forwarded: the new id
 * joins it in the same script, so a crash can never leave a reservation counted but unlisted (a takeover
 * releases what the set names). Called with the number of keys first (4 or 5). Returns {1} or
 * {0, 'session' | 'hour', millionths left}.
 */
export const RESERVE = `${FMT}
local micros, now, hour, idle, slack = tonumber(ARGV[1]), tonumber(ARGV[4]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local s = redis.call('HMGET', KEYS[1], 'm', 'l')
local spent, last = 0, now
if s[1] and tonumber(s[2]) > now - idle then spent, last = tonumber(s[1]), math.max(now, tonumber(s[2])) end
if ARGV[2] ~= '' and micros > tonumber(ARGV[2]) - spent then return {0, 'session', fmt(tonumber(ARGV[2]) - spent)} end
local cut = now - hour
local total = tonumber(redis.call('HGET', KEYS[2], 'm') or '0')
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', cut)
if #gone > 0 then
  for _, member in ipairs(gone) do total = total - tonumber(string.match(member, ':(%d+)$')) end
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', cut)
  redis.call('HSET', KEYS[2], 'm', fmt(total))
end
if ARGV[3] ~= '' and micros > tonumber(ARGV[3]) - total then return {0, 'hour', fmt(tonumber(ARGV[3]) - total)} end
redis.call('ZADD', KEYS[3], now, ARGV[5] .. ':' .. ARGV[1])
redis.call('HSET', KEYS[2], 'm', fmt(total + micros))
redis.call('HSET', KEYS[1], 'm', fmt(spent + micros), 'l', fmt(last))
redis.call('HSET', KEYS[4], 'm', ARGV[1])
redis.call('PEXPIRE', KEYS[2], hour + slack)
redis.call('PEXPIRE', KEYS[3], hour + slack)
redis.call('PEXPIRE', KEYS[4], hour + slack)
redis.call('PEXPIRE', KEYS[1], idle + slack)
if #KEYS == 5 then
  redis.call('SADD', KEYS[5], ARGV[5])
  redis.call('PEXPIRE', KEYS[5], hour + slack)
end
return {1}`;

/**
 * Gives a reservation back, once. KEYS as RESERVE's 1 to 4; ARGV[1] the reservation id. The hour total
 * shrinks only while the reservation is still in the hour's set (a sweep may have dropped it already).
 * Returns 1 when something was released.
 */
export const RELEASE = `${FMT}
local m = redis.call('HGET', KEYS[4], 'm')
if not m then return 0 end
redis.call('DEL', KEYS[4])
local micros = tonumber(m)
if redis.call('ZREM', KEYS[3], ARGV[1] .. ':' .. m) == 1 then
  redis.call('HSET', KEYS[2], 'm', fmt(tonumber(redis.call('HGET', KEYS[2], 'm') or '0') - micros))
end
local spent = redis.call('HGET', KEYS[1], 'm')
if spent then redis.call('HSET', KEYS[1], 'm', fmt(math.max(0, tonumber(spent) - micros))) end
return 1`;

/**
 * Shrinks a reservation to at most ARGV[2] millionths (0 releases it), the difference leaving the totals
 * as RELEASE's does. KEYS as RESERVE's 1 to 4; ARGV[1] the reservation id. Returns 1 when something was
 * given back.
 */
export const SETTLE = `${FMT}
local m = redis.call('HGET', KEYS[4], 'm')
if not m then return 0 end
local micros, keep = tonumber(m), math.max(0, tonumber(ARGV[2]))
if keep >= micros then return 0 end
local give = micros - keep
if keep == 0 then redis.call('DEL', KEYS[4]) else redis.call('HSET', KEYS[4], 'm', fmt(keep)) end
local member = ARGV[1] .. ':' .. m
local score = redis.call('ZSCORE', KEYS[3], member)
if score then
  redis.call('ZREM', KEYS[3], member)
  if keep > 0 then redis.call('ZADD', KEYS[3], score, ARGV[1] .. ':' .. fmt(keep)) end
  redis.call('HSET', KEYS[2], 'm', fmt(tonumber(redis.call('HGET', KEYS[2], 'm') or '0') - give))
end
local spent = redis.call('HGET', KEYS[1], 'm')
if spent then redis.call('HSET', KEYS[1], 'm', fmt(math.max(0, tonumber(spent) - give))) end
return 1`;

/**
 * The approvals change feed (Store.approvalChanges): \`touch(rev, changes, id)\` gives the approval the
 * next revision; \`live\` holds pending and approved approvals by expiry, so their expiry can be fed too.
 */
const TOUCH = `local function touch(rev, changes, id)
  redis.call('ZADD', changes, redis.call('INCR', rev), id)
end`;

/** The effective status of an approval hash at \`now\` (pending or approved past its time is expired). */
const STATUS = `local function status(key, now)
  local a = redis.call('HMGET', key, 'status', 'expiresAt')
  if not a[1] then return nil end
  if (a[1] == 'pending' or a[1] == 'approved') and tonumber(a[2]) <= now then
    redis.call('HSET', key, 'status', 'expired')
    return 'expired'
  end
  return a[1]
end`;

/**
 * Asks for an approval unless one is pending for the same call. KEYS: 1 the call (STRING: its latest
 * approval id), 2 that latest approval (HASH; any key when none), 3 the new approval, 4 the index by
 * time (ZSET), 5 the index by id (ZSET, lexical), 6 the feed's revision, 7 its changes, 8 its live set. ARGV: 1 the latest id as the caller read it ('' =
 * none), 2 now, 3 the new id, 4 its expiry, 5 ms to keep it, 6 ms to keep the call key, 7.. the new
 * approval's fields (name, value, ...). Returns {'retry'} when another replica asked first (read again),
 * else the approval's fields.
 */
export const REQUEST_APPROVAL = `${STATUS}
${TOUCH}
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return {'retry'} end
local now = tonumber(ARGV[2])
if ARGV[1] ~= '' and status(KEYS[2], now) == 'pending' then return redis.call('HGETALL', KEYS[2]) end
redis.call('HSET', KEYS[3], unpack(ARGV, 7))
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]))
redis.call('SET', KEYS[1], ARGV[3], 'PX', tonumber(ARGV[6]))
redis.call('ZADD', KEYS[4], now, ARGV[3])
redis.call('ZADD', KEYS[5], 0, ARGV[3])
touch(KEYS[6], KEYS[7], ARGV[3])
redis.call('ZADD', KEYS[8], tonumber(ARGV[4]), ARGV[3])
return redis.call('HGETALL', KEYS[3])`;

/**
 * Marks an approved, unexpired approval consumed. KEYS: 1 the approval, 2-4 the feed (revision, changes,
 * live); ARGV: 1 now, 2 its id. Returns 1 exactly once.
 */
export const CONSUME_APPROVAL = `${STATUS}
${TOUCH}
if status(KEYS[1], tonumber(ARGV[1])) ~= 'approved' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'consumed')
touch(KEYS[2], KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
return 1`;

/**
 * Approves or denies a pending approval; it stays usable one TTL from the decision. KEYS[1] the
 * approval, 2-4 the feed (revision, changes, live). ARGV: now, decision (approved, denied, withdrawn), by,
 * reason ('' = none), ms to keep it after its expiry, its id. Returns {'none'}, {'not', status} or the
 * approval's fields.
 */
export const DECIDE_APPROVAL = `${FMT}
${STATUS}
${TOUCH}
local now = tonumber(ARGV[1])
local st = status(KEYS[1], now)
if not st then return {'none'} end
if st ~= 'pending' then return {'not', st} end
local expires = now + tonumber(redis.call('HGET', KEYS[1], 'ttlMs'))
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'decidedBy', ARGV[3], 'decidedAt', fmt(now), 'expiresAt', fmt(expires))
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'reason', ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], math.max(1, expires + tonumber(ARGV[5]) - now))
touch(KEYS[2], KEYS[3], ARGV[6])
-- An approved call still has to be used in time: its expiry is a change the feed reports.
if ARGV[2] == 'approved' then redis.call('ZADD', KEYS[4], expires, ARGV[6]) else redis.call('ZREM', KEYS[4], ARGV[6]) end
return redis.call('HGETALL', KEYS[1])`;

/**
 * Marks approvals past their time expired, each a change in the feed. KEYS: 1-3 the feed (revision,
 * changes, live), 4.. the approvals; ARGV: 1 now, 2.. their ids. Returns how many expired.
 */
export const EXPIRE_APPROVALS = `${STATUS}
${TOUCH}
local now, n = tonumber(ARGV[1]), 0
for i = 4, #KEYS do
  local id = ARGV[i - 2]
  local st = status(KEYS[i], now)
  -- Still in the live set, no longer live: it expired (perhaps marked by another script's status()),
  -- and decisions leave the set themselves, so the feed has not heard of it yet.
  if st ~= 'pending' and st ~= 'approved' then
    if st then
      touch(KEYS[1], KEYS[2], id)
      n = n + 1
    end
    redis.call('ZREM', KEYS[3], id)
  end
end
return n`;

/**
 * Forgets approvals a week past their expiry. KEYS: 1 the index by time, 2 the index by id, 3 the feed's
 * changes, 4 its live set, 5.. the approvals to look at. ARGV: 1 now, 2 ms kept after expiry, 3.. their
 * ids. Returns how many went.
 */
export const PRUNE_APPROVALS = `${STATUS}
local now, keep, n = tonumber(ARGV[1]), tonumber(ARGV[2]), 0
for i = 5, #KEYS do
  local id = ARGV[i - 2]
  local st = status(KEYS[i], now)
  local gone = not st
  if st and st ~= 'pending' and st ~= 'approved' then
    gone = tonumber(redis.call('HGET', KEYS[i], 'expiresAt')) <= now - keep
  end
  if gone then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
    redis.call('ZREM', KEYS[4], id)
    n = n + 1
  end
end
return n`;

/**
 * Compare-and-set of one tool pin, so the pin rules stay in pins.ts (shared with the other stores)
 * while two replicas observing a tool at once still agree: the write happens only if the pin is still
 * what the caller read. KEYS: 1 the pin (STRING, JSON), 2 the pin index (ZSET, lexical). ARGV: 1 the JSON
 * read ('' = none), 2 the new JSON, 3 the index member. Returns 1 when written, 0 when it changed meanwhile.
 */
export const PUT_PIN = `if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 0, ARGV[3])
return 1`;

/** Forgets pins. KEYS: 1 the index, 2.. the pins; ARGV: their index members. Returns how many went. */
export const RESET_PINS = `local n = 0
for i = 2, #KEYS do
  n = n + redis.call('DEL', KEYS[i])
  redis.call('ZREM', KEYS[1], ARGV[i - 1])
end
return n`;
