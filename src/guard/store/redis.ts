// The Redis `Store`: the state that several guard replicas (and the admin CLI, from any machine) share.
// Client: `ioredis`. Chosen over the official `redis` package because everything this store relies on
// is a plain, documented option there: Lua scripts defined once and sent as EVALSHA with a transparent
// EVAL fallback (so a restarted, empty Redis needs nothing from us), `enableOfflineQueue: false` and
// `maxRetriesPerRequest: 0` (a call fails at once while Redis is away and is never replayed behind our
// back, which matters for scripts that are not idempotent), `commandTimeout`, `connectTimeout`,
// `retryStrategy` (reconnection forever, with a capped backoff), TLS and ACL users, in a pure-JavaScript
// package that esbuild bundles.
//
// Every step that must be atomic is one Lua script (redis-scripts.ts); every key a script writes
// expires, so idle agents cost nothing, and nothing is ever listed with KEYS or SCAN: approvals and pins
// keep small indexes (sorted sets). Redis Cluster is not supported (a reservation spans an agent's and a
// session's keys); a single primary, with replicas or Sentinel for failover, is. Any failure to reach
// Redis becomes a `StoreUnavailableError`, which the guard answers by refusing (fail closed).
import { randomBytes } from 'node:crypto';
import { redisAddress } from '../../config/guard-store.ts';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { approve, comparePins, inTarget, observe, type PinRecord, withStatus } from './pins.ts';
import {
  connectRedis,
  loadApprovals,
  pairs,
  pinMembers,
  type RedisClient,
  readApprovalChanges,
  reservationParts,
  toApproval,
} from './redis-client.ts';
import { RedisRecords } from './redis-records.ts';
import {
  APPROVAL_KEEP_MS,
  approvalPrefix,
  checkAmount,
  checkTake,
  HOUR_MS,
  MICROS,
  newApprovalId,
  pickApprovalId,
  SESSION_IDLE_MS,
  TOKEN,
  toMicros,
} from './rules.ts';
import {
  type Approval,
  type ApprovalChanges,
  type ApprovalRequest,
  type PinObservation,
  type PinTarget,
  type RecordWrite,
  type ReserveRequest,
  type ReserveResult,
  type Store,
  type StoredRecord,
  StoreError,
  StoreUnavailableError,
  type ToolPin,
} from './types.ts';

/** Added to the expiry of spend keys, so a clock a little behind another replica's never loses one early. */
const SLACK_MS = 60_000;
/** Approvals pruned per script run by `evictIdle`. */
const PRUNE_BATCH = 200;

/** Options of {@link RedisStore.open}. */
export interface RedisOpenOptions {
  /** Refuse to open when Redis does not answer within the connect timeout (default true; the admin CLI). */
  requireReady?: boolean;
  /** Diagnostics: a line when Redis goes away and when it is back. */
  log?: (line: string) => void;
}

/** The Redis-backed {@link Store}. */
export class RedisStore implements Store {
  /** Replicas share it: spend is reserved per call, never leased (see `Store.replicated`). */
  readonly replicated = true;
  readonly client: RedisClient;
  readonly where: string;
  /** Put before every key (`store.key_prefix`). */
  readonly keyPrefix: string;
  readonly #log: (line: string) => void;
  #down: string | undefined;
  /** The last connection error Redis reported (WRONGPASS, ECONNREFUSED ...), for messages. */
  #lastError: string | undefined;
  readonly #records: RedisRecords;

  private constructor(config: RedisStoreConfig, log: (line: string) => void) {
    this.where = redisAddress(config);
    this.keyPrefix = config.keyPrefix;
    this.#log = log;
    const client = connectRedis(config);
    // Without a listener an 'error' event would end the process; each outage is logged once.
    client.on('error', (error: Error) => {
      this.#lastError = error.message;
      this.#wentDown(error.message);
    });
    client.on('ready', () => {
      if (this.#down !== undefined)
        this.#log(`mcp-guard: the state store (redis ${this.where}) answers again`);
      this.#down = undefined;
    });
    this.client = client;
    this.#records = new RedisRecords(client, (kind, ...parts) => this.#key(kind, ...parts));
  }

  #wentDown(reason: string): void {
    if (this.#down === undefined)
      this.#log(`mcp-guard: the state store (redis ${this.where}) is unavailable: ${reason}; reconnecting`);
    this.#down = reason;
  }

  /** Connects; by default throws a `StoreUnavailableError` when Redis does not answer within the connect timeout. */
  static async open(config: RedisStoreConfig, options: RedisOpenOptions = {}): Promise<RedisStore> {
    const store = new RedisStore(config, options.log ?? (() => {}));
    try {
      await store.client.connect();
    } catch (error) {
      // "Connection is closed" says less than the error event before it (WRONGPASS, ECONNREFUSED ...).
      const reason = store.#lastError ?? (error as Error).message;
      if (options.requireReady ?? true) {
        store.client.disconnect();
        throw new StoreUnavailableError(`cannot reach the state store (redis ${store.where}): ${reason}`, {
          cause: error,
        });
      }
      store.#wentDown(reason);
    }
    return store;
  }

  /** Runs a step against Redis, turning any failure to get an answer into a `StoreUnavailableError`. */
  async #run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof StoreError || error instanceof RangeError) throw error;
      throw new StoreUnavailableError(
        `the state store (redis ${this.where}) is unavailable: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  #key(kind: string, ...parts: string[]): string {
    return `${this.keyPrefix}${kind}:${parts.join('\u0000')}`;
  }

  async hit(
    key: string,
    limitPerMinute: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const { granted, retryAfterMs } = await this.take(key, limitPerMinute, 1, now, 0);
    return { allowed: granted === 1, retryAfterMs };
  }

  async take(
    key: string,
    limitPerMinute: number,
    want: number,
    now: number,
    refund = 0,
  ): Promise<{ granted: number; retryAfterMs: number }> {
    checkTake(limitPerMinute, want, refund);
    const capacity = Math.max(1, limitPerMinute) * TOKEN;
    const [granted, left] = await this.#run(() =>
      this.client.mgTake(this.#key('rate', key), capacity, limitPerMinute, now, want, refund, TOKEN),
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
    const [ok, which, left] = await this.#run(() =>
      this.client.mgReserve(
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
      ),
    );
    if (ok !== 1)
      return { ok: false, cap: which as 'session' | 'hour', remaining: Math.max(0, Number(left)) / MICROS };
    return { ok: true, id };
  }

  /** Refunds once; an id this store did not make changes nothing. */
  async release(reservationId: string): Promise<void> {
    const parsed = reservationParts(reservationId);
    if (!parsed) return;
    await this.#run(() =>
      this.client.mgRelease(...this.#spendKeys(parsed.agent, parsed.session, reservationId), reservationId),
    );
  }

  /** Takes the reservation off its owner's list of calls not yet forwarded. */
  async forwarded(reservationId: string): Promise<void> {
    const owner = reservationParts(reservationId)?.owner;
    if (owner === undefined) return;
    await this.#run(() => this.client.srem(this.#key('unfwd', owner), reservationId));
  }

  /** Shrinks the reservation (one script), then takes it off its owner's list of calls not yet forwarded. */
  async settle(reservationId: string, amount: number): Promise<void> {
    checkAmount(amount);
    const parsed = reservationParts(reservationId);
    if (!parsed) return;
    await this.#run(() =>
      this.client.mgSettle(
        ...this.#spendKeys(parsed.agent, parsed.session, reservationId),
        reservationId,
        String(toMicros(amount)),
      ),
    );
    if (parsed.owner !== undefined)
      await this.#run(() => this.client.srem(this.#key('unfwd', parsed.owner!), reservationId));
  }

  /** Releases what is still on the owner's list (each release is one script, refunding once). */
  async releaseUnforwarded(owner: string): Promise<string[]> {
    const key = this.#key('unfwd', owner);
    const ids = await this.#run(() => this.client.smembers(key));
    const released: string[] = [];
    for (const id of ids) {
      const parsed = reservationParts(id);
      if (!parsed) continue;
      const done = await this.#run(() =>
        this.client.mgRelease(...this.#spendKeys(parsed.agent, parsed.session, id), id),
      );
      if (Number(done) === 1) released.push(id);
      await this.#run(() => this.client.srem(key, id));
    }
    return released;
  }

  #approvalKey(id: string): string {
    return this.#key('approval', id);
  }

  /** The change feed's keys: its revision counter, the changes (id by revision), the live set (id by expiry). */
  #feed(): [string, string, string] {
    return [this.#key('approvals', 'rev'), this.#key('approvals', 'changes'), this.#key('approvals', 'live')];
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    const callKey = this.#key('call', a.agent, a.tool, a.argsHash);
    const ttlMs = Math.round(a.ttlSec * 1000);
    const fields: Record<string, string> = {
      agent: a.agent,
      tool: a.tool,
      argsHash: a.argsHash,
      summary: a.summary,
      status: 'pending',
      createdAt: String(a.now),
      expiresAt: String(a.now + ttlMs),
      ttlMs: String(ttlMs),
    };
    if (a.amount !== undefined) fields.amount = String(a.amount);
    if (a.backend !== undefined) fields.backend = a.backend;
    if (a.args !== undefined) fields.args = a.args;
    return this.#run(async () => {
      // Read the call's latest approval, then ask the script to act only if it is still the latest.
      for (;;) {
        const latest = (await this.client.get(callKey)) ?? '';
        const id = newApprovalId();
        const reply = await this.client.mgRequestApproval(
          callKey,
          this.#approvalKey(latest || id),
          this.#approvalKey(id),
          this.#key('approvals', 'time'),
          this.#key('approvals', 'id'),
          ...this.#feed(),
          latest,
          a.now,
          id,
          a.now + ttlMs,
          ttlMs + APPROVAL_KEEP_MS,
          // The call key outlives any decision on the approval (decided by its expiry at the latest).
          2 * ttlMs + APPROVAL_KEEP_MS,
          ...Object.entries({ id, ...fields }).flat(),
        );
        if (reply[0] !== 'retry') return toApproval(pairs(reply), a.now);
      }
    });
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    return this.#run(async () => {
      const id = await this.client.get(this.#key('call', agent, tool, argsHash));
      if (id === null) return undefined;
      const fields = await this.client.hgetall(this.#approvalKey(id));
      return fields.id === undefined ? undefined : toApproval(fields, now);
    });
  }

  async consumeApproval(id: string, now: number): Promise<boolean> {
    return (
      (await this.#run(() =>
        this.client.mgConsumeApproval(this.#approvalKey(id), ...this.#feed(), now, id),
      )) === 1
    );
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    return this.#run(async () => {
      const ids = await this.client.zrevrange(this.#key('approvals', 'time'), 0, -1);
      const all = await loadApprovals(
        this.client,
        ids.map((id) => this.#approvalKey(id)),
        now,
      );
      return status === undefined ? all : all.filter((a) => a.status === status);
    });
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    const p = approvalPrefix(prefix);
    // Ids are hexadecimal: every id starting with p sorts between p and p + 'g'.
    const ids = await this.#run(() =>
      this.client.zrangebylex(this.#key('approvals', 'id'), `[${p}`, `(${p}g`, 'LIMIT', 0, 6),
    );
    return pickApprovalId(p, ids);
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    const reply = await this.#run(() =>
      this.client.mgDecideApproval(
        this.#approvalKey(id),
        ...this.#feed(),
        now,
        decision,
        by,
        reason ?? '',
        APPROVAL_KEEP_MS,
        id,
      ),
    );
    if (reply[0] === 'none') throw new StoreError(`no approval ${id}`);
    if (reply[0] === 'not') throw new StoreError(`approval ${id} is ${reply[1]}, not pending`);
    return toApproval(pairs(reply), now);
  }

  /**
   * The change feed: approvals due to expire are marked expired first (each a change), then the
   * changes after `after` up to the revision read first, so a change made meanwhile waits for next time.
   */
  async approvalChanges(after?: number, now = Date.now()): Promise<ApprovalChanges> {
    return this.#run(() =>
      readApprovalChanges(this.client, this.#feed(), (id) => this.#approvalKey(id), after, now),
    );
  }

  #pinKey(server: string, tool: string): string {
    return this.#key('pin', server, tool);
  }

  async #readPin(server: string, tool: string): Promise<{ json: string; pin: PinRecord | undefined }> {
    const json = (await this.client.get(this.#pinKey(server, tool))) ?? '';
    return { json, pin: json === '' ? undefined : (JSON.parse(json) as PinRecord) };
  }

  /** Writes `change(current)` unless the pin changed since it was read (another replica): then reads again. */
  async #updatePin(
    server: string,
    tool: string,
    change: (current: PinRecord | undefined) => PinRecord,
  ): Promise<ToolPin> {
    return this.#run(async () => {
      for (;;) {
        const { json, pin } = await this.#readPin(server, tool);
        const next = change(pin);
        if (next === pin) return withStatus(next);
        const written = await this.client.mgPutPin(
          this.#pinKey(server, tool),
          this.#key('pins'),
          json,
          JSON.stringify(next),
          `${server}\u0000${tool}`,
        );
        if (written === 1) return withStatus(next);
      }
    });
  }

  async getPin(server: string, tool: string): Promise<ToolPin | undefined> {
    const { pin } = await this.#run(() => this.#readPin(server, tool));
    return pin && withStatus(pin);
  }

  async putPin(o: PinObservation): Promise<ToolPin> {
    return this.#updatePin(o.server, o.tool, (current) => observe(current, o));
  }

  async listPins(target: PinTarget = {}): Promise<ToolPin[]> {
    return this.#run(async () => {
      const members = await pinMembers(this.client, this.#key('pins'), target);
      if (members.length === 0) return [];
      const values = await this.client.mget(members.map((m) => this.#key('pin', m)));
      return values
        .filter((v): v is string => v !== null)
        .map((v) => JSON.parse(v) as PinRecord)
        .filter((p) => inTarget(p, target))
        .sort(comparePins)
        .map(withStatus);
    });
  }

  async approvePin(
    server: string,
    tool: string,
    by: string,
    now: number,
    expectHash?: string,
  ): Promise<ToolPin> {
    return this.#updatePin(server, tool, (current) => approve(current, server, tool, by, now, expectHash));
  }

  async resetPins(target: PinTarget = {}): Promise<number> {
    return this.#run(async () => {
      const members = await pinMembers(this.client, this.#key('pins'), target);
      if (members.length === 0) return 0;
      return this.client.mgResetPins(
        members.length + 1,
        this.#key('pins'),
        ...members.map((m) => this.#key('pin', m)),
        ...members,
      );
    });
  }

  async putRecord(kind: string, id: string, write: RecordWrite, now: number, ifAbsent = false) {
    return this.#run(() => this.#records.put(kind, id, write, now, ifAbsent));
  }

  async getRecord(kind: string, id: string, now: number): Promise<StoredRecord | undefined> {
    return this.#run(() => this.#records.get(kind, id, now));
  }

  async findRecord(kind: string, lookup: string, now: number): Promise<StoredRecord | undefined> {
    return this.#run(() => this.#records.find(kind, lookup, now));
  }

  async consumeRecord(kind: string, id: string, now: number): Promise<void> {
    await this.#run(() => this.#records.consume(kind, id, now));
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await this.#run(() => this.#records.delete(kind, id));
  }

  async deleteRecordGroup(kind: string, group: string): Promise<void> {
    await this.#run(() => this.#records.deleteGroup(kind, group));
  }

  /**
   * Rate buckets and spend expire by themselves (their keys carry expiries); what is left is the
   * approval history: approvals a week past their expiry leave the indexes, a batch at a time.
   */
  async evictIdle(now: number): Promise<void> {
    const byTime = this.#key('approvals', 'time');
    await this.#run(async () => {
      for (let offset = 0; ; ) {
        const ids = await this.client.zrangebyscore(
          byTime,
          '-inf',
          now - APPROVAL_KEEP_MS,
          'LIMIT',
          offset,
          PRUNE_BATCH,
        );
        if (ids.length === 0) return;
        const gone = await this.client.mgPruneApprovals(
          ids.length + 4,
          byTime,
          this.#key('approvals', 'id'),
          this.#key('approvals', 'changes'),
          this.#key('approvals', 'live'),
          ...ids.map((id) => this.#approvalKey(id)),
          now,
          APPROVAL_KEEP_MS,
          ...ids,
        );
        // Those kept (decided late, so still in their week) are stepped over.
        offset += ids.length - gone;
        if (ids.length < PRUNE_BATCH) return;
      }
    });
  }

  async ping(): Promise<void> {
    await this.#run(() => this.client.ping());
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // fall through: drop the connection
      }
    }
    this.client.disconnect();
  }
}
