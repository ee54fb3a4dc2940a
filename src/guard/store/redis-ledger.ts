// The Redis store's per-call state: rate buckets and the spend ledger (reservations against the
// session and hourly caps, refunds, settling, and each owner's calls not yet forwarded). Every step is
// one Lua script (redis-scripts.ts) over keys that expire. Split from redis.ts, which wraps each call so
// that a failure to reach Redis becomes a `StoreUnavailableError`.
import { randomBytes } from 'node:crypto';
import type { KeyOf, RedisClient } from './redis-client.ts';
import { checkAmount, checkTake, HOUR_MS, MICROS, SESSION_IDLE_MS, TOKEN, toMicros } from './rules.ts';
import type { ReserveRequest, ReserveResult } from './types.ts';

/** Added to the expiry of spend keys, so a clock a little behind another replica's never loses one early. */
const SLACK_MS = 60_000;

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

/** Rate buckets and the spend ledger over one Redis client and key scheme. */
export class RedisLedger {
  readonly #client: RedisClient;
  readonly #key: KeyOf;

  constructor(client: RedisClient, key: KeyOf) {
    this.#client = client;
    this.#key = key;
  }

  /** `Store.take`: up to `want` tokens from the bucket `key`, after refunding `refund`. */
  async take(
    key: string,
    limitPerMinute: number,
    want: number,
    now: number,
    refund: number,
  ): Promise<{ granted: number; retryAfterMs: number }> {
    checkTake(limitPerMinute, want, refund);
    const capacity = Math.max(1, limitPerMinute) * TOKEN;
    const [granted, left] = await this.#client.mgTake(
      this.#key('rate', key),
      capacity,
      limitPerMinute,
      now,
      want,
      refund,
      TOKEN,
    );
    if (granted >= want) return { granted, retryAfterMs: 0 };
    return { granted, retryAfterMs: Math.max(1, Math.ceil((TOKEN - Number(left)) / limitPerMinute)) };
  }

  /** The keys of one agent's session total, hour total, hour set and one reservation. */
  #spendKeys(agent: string, session: string, id: string): string[] {
    return [
      this.#key('sess', agent, session),
      this.#key('hour', agent),
      this.#key('hourset', agent),
      this.#key('res', id),
    ];
  }

  /** `Store.reserve`: checks both caps and reserves the amount in one script. */
  async reserve(r: ReserveRequest): Promise<ReserveResult> {
    checkAmount(r.amount);
    // The id carries the agent and session (and the owner, when there is one), so `release` and
    // `forwarded` know every key they touch without a lookup.
    const fields = [r.agent, r.session, randomBytes(9).toString('base64url')];
    if (r.owner !== undefined) fields.push(r.owner);
    const id = Buffer.from(JSON.stringify(fields)).toString('base64url');
    const cap = (x: number | undefined) => (x === undefined ? '' : String(toMicros(x)));
    // With an owner, the id joins the owner's list of calls not yet forwarded in the same script (until
    // `forwarded`); the list expires with the reservations it names.
    const keys = this.#spendKeys(r.agent, r.session, id);
    if (r.owner !== undefined) keys.push(this.#key('unfwd', r.owner));
    const [ok, which, left] = await this.#client.mgReserve(
      keys.length,
      ...keys,
      String(toMicros(r.amount)),
      cap(r.sessionCap),
      cap(r.hourlyCap),
      r.now,
      id,
      HOUR_MS,
      SESSION_IDLE_MS,
      SLACK_MS,
    );
    if (ok !== 1)
      return { ok: false, cap: which as 'session' | 'hour', remaining: Math.max(0, Number(left)) / MICROS };
    return { ok: true, id };
  }

  /** Refunds once; an id this store did not make changes nothing. */
  async release(reservationId: string): Promise<void> {
    const parsed = reservationParts(reservationId);
    if (!parsed) return;
    await this.#client.mgRelease(
      ...this.#spendKeys(parsed.agent, parsed.session, reservationId),
      reservationId,
    );
  }

  /** Takes the reservation off its owner's list of calls not yet forwarded. */
  async forwarded(reservationId: string): Promise<void> {
    const owner = reservationParts(reservationId)?.owner;
    if (owner === undefined) return;
    await this.#client.srem(this.#key('unfwd', owner), reservationId);
  }

  /** Shrinks the reservation (one script), then takes it off its owner's list of calls not yet forwarded. */
  async settle(reservationId: string, amount: number): Promise<void> {
    checkAmount(amount);
    const parsed = reservationParts(reservationId);
    if (!parsed) return;
    await this.#client.mgSettle(
      ...this.#spendKeys(parsed.agent, parsed.session, reservationId),
      reservationId,
      String(toMicros(amount)),
    );
    if (parsed.owner !== undefined) await this.#client.srem(this.#key('unfwd', parsed.owner), reservationId);
  }

  /** Releases what is still on the owner's list (each release is one script, refunding once). */
  async releaseUnforwarded(owner: string): Promise<string[]> {
    const key = this.#key('unfwd', owner);
    const ids = await this.#client.smembers(key);
    const released: string[] = [];
    for (const id of ids) {
      const parsed = reservationParts(id);
      if (!parsed) continue;
      const done = await this.#client.mgRelease(...this.#spendKeys(parsed.agent, parsed.session, id), id);
      if (Number(done) === 1) released.push(id);
      await this.#client.srem(key, id);
    }
    return released;
  }
}
