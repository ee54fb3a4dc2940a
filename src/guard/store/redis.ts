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
// Redis becomes a `StoreUnavailableError`, which the guard answers by refusing (fail closed): this class
// owns the connection and that wrapping; the work is in its parts, redis-ledger.ts (rate and spend),
// redis-approvals.ts, redis-pins.ts and redis-records.ts.
import { redisAddress } from '../../config/guard-store.ts';
import type { RedisStoreConfig } from '../../config/guard-types.ts';
import { RedisApprovals } from './redis-approvals.ts';
import { connectRedis, type RedisClient } from './redis-client.ts';
import { RedisLedger } from './redis-ledger.ts';
import { RedisPins } from './redis-pins.ts';
import { RedisRecords } from './redis-records.ts';
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
  readonly #ledger: RedisLedger;
  readonly #approvals: RedisApprovals;
  readonly #pins: RedisPins;
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
    const key = (kind: string, ...parts: string[]) => this.#key(kind, ...parts);
    this.#ledger = new RedisLedger(client, key);
    this.#approvals = new RedisApprovals(client, key);
    this.#pins = new RedisPins(client, key);
    this.#records = new RedisRecords(client, key);
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
    return this.#run(() => this.#ledger.take(key, limitPerMinute, want, now, refund));
  }

  async reserve(r: ReserveRequest): Promise<ReserveResult> {
    return this.#run(() => this.#ledger.reserve(r));
  }

  /** Refunds once; an id this store did not make changes nothing. */
  async release(reservationId: string): Promise<void> {
    await this.#run(() => this.#ledger.release(reservationId));
  }

  /** Takes the reservation off its owner's list of calls not yet forwarded. */
  async forwarded(reservationId: string): Promise<void> {
    await this.#run(() => this.#ledger.forwarded(reservationId));
  }

  /** Shrinks the reservation (one script), then takes it off its owner's list of calls not yet forwarded. */
  async settle(reservationId: string, amount: number): Promise<void> {
    await this.#run(() => this.#ledger.settle(reservationId, amount));
  }

  /** Releases what is still on the owner's list (each release is one script, refunding once). */
  async releaseUnforwarded(owner: string): Promise<string[]> {
    return this.#run(() => this.#ledger.releaseUnforwarded(owner));
  }

  async requestApproval(a: ApprovalRequest): Promise<Approval> {
    return this.#run(() => this.#approvals.request(a));
  }

  async findApproval(
    agent: string,
    tool: string,
    argsHash: string,
    now: number,
  ): Promise<Approval | undefined> {
    return this.#run(() => this.#approvals.find(agent, tool, argsHash, now));
  }

  async consumeApproval(id: string, now: number): Promise<boolean> {
    return this.#run(() => this.#approvals.consume(id, now));
  }

  async listApprovals(status?: Approval['status'], now = Date.now()): Promise<Approval[]> {
    return this.#run(() => this.#approvals.list(status, now));
  }

  async resolveApprovalId(prefix: string): Promise<string> {
    return this.#run(() => this.#approvals.resolveId(prefix));
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decideApproval(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    return this.#run(() => this.#approvals.decide(id, decision, by, reason, now));
  }

  /**
   * The change feed: approvals due to expire are marked expired first (each a change), then the
   * changes after `after` up to the revision read first, so a change made meanwhile waits for next time.
   */
  async approvalChanges(after?: number, now = Date.now()): Promise<ApprovalChanges> {
    return this.#run(() => this.#approvals.changes(after, now));
  }

  async getPin(server: string, tool: string): Promise<ToolPin | undefined> {
    return this.#run(() => this.#pins.get(server, tool));
  }

  async putPin(o: PinObservation): Promise<ToolPin> {
    return this.#run(() => this.#pins.put(o));
  }

  async listPins(target: PinTarget = {}): Promise<ToolPin[]> {
    return this.#run(() => this.#pins.list(target));
  }

  async approvePin(
    server: string,
    tool: string,
    by: string,
    now: number,
    expectHash?: string,
  ): Promise<ToolPin> {
    return this.#run(() => this.#pins.approve(server, tool, by, now, expectHash));
  }

  async resetPins(target: PinTarget = {}): Promise<number> {
    return this.#run(() => this.#pins.reset(target));
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
    await this.#run(() => this.#approvals.prune(now));
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
