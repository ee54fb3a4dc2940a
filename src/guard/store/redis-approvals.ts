// The Redis store's approvals: each one a hash, the latest per call named by a string key, and small
// sorted-set indexes (by time, by id for prefixes) beside a change feed (a revision counter, the changes
// by revision, the live approvals by expiry) that the same Lua scripts write. Split from redis.ts, which
// wraps each call so that a failure to reach Redis becomes a `StoreUnavailableError`.
import type { KeyOf, RedisClient } from './redis-client.ts';
import { APPROVAL_KEEP_MS, approvalPrefix, newApprovalId, pickApprovalId, statusAt } from './rules.ts';
import { type Approval, type ApprovalChanges, type ApprovalRequest, StoreError } from './types.ts';

/** Approvals one `approvalChanges` call returns at most, and approvals expired per call at most. */
const CHANGES_MAX = 500;
const EXPIRE_BATCH = 100;
/** Approvals pruned per script run by `prune`. */
const PRUNE_BATCH = 200;

/** A flat [field, value, ...] reply as an object. */
export function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
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

/** The approvals over one Redis client and key scheme. */
export class RedisApprovals {
  readonly #client: RedisClient;
  readonly #key: KeyOf;

  constructor(client: RedisClient, key: KeyOf) {
    this.#client = client;
    this.#key = key;
  }

  #approvalKey(id: string): string {
    return this.#key('approval', id);
  }

  /** The change feed's keys: its revision counter, the changes (id by revision), the live set (id by expiry). */
  #feed(): [string, string, string] {
    return [this.#key('approvals', 'rev'), this.#key('approvals', 'changes'), this.#key('approvals', 'live')];
  }

  /** `Store.requestApproval`: a pending approval of the same call is returned instead of a second one. */
  async request(a: ApprovalRequest): Promise<Approval> {
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
    // Read the call's latest approval, then ask the script to act only if it is still the latest.
    for (;;) {
      const latest = (await this.#client.get(callKey)) ?? '';
      const id = newApprovalId();
      const reply = await this.#client.mgRequestApproval(
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
  }

  /** `Store.findApproval`: the latest approval of one call. */
  async find(agent: string, tool: string, argsHash: string, now: number): Promise<Approval | undefined> {
    const id = await this.#client.get(this.#key('call', agent, tool, argsHash));
    if (id === null) return undefined;
    const fields = await this.#client.hgetall(this.#approvalKey(id));
    return fields.id === undefined ? undefined : toApproval(fields, now);
  }

  /** `Store.consumeApproval`: true when this call used the approval up. */
  async consume(id: string, now: number): Promise<boolean> {
    return (await this.#client.mgConsumeApproval(this.#approvalKey(id), ...this.#feed(), now, id)) === 1;
  }

  /** `Store.listApprovals`: newest first, optionally of one status. */
  async list(status: Approval['status'] | undefined, now: number): Promise<Approval[]> {
    const ids = await this.#client.zrevrange(this.#key('approvals', 'time'), 0, -1);
    const all = await loadApprovals(
      this.#client,
      ids.map((id) => this.#approvalKey(id)),
      now,
    );
    return status === undefined ? all : all.filter((a) => a.status === status);
  }

  /** `Store.resolveApprovalId`: the one id that starts with `prefix`. */
  async resolveId(prefix: string): Promise<string> {
    const p = approvalPrefix(prefix);
    // Ids are hexadecimal: every id starting with p sorts between p and p + 'g'.
    const ids = await this.#client.zrangebylex(
      this.#key('approvals', 'id'),
      `[${p}`,
      `(${p}g`,
      'LIMIT',
      0,
      6,
    );
    return pickApprovalId(p, ids);
  }

  /** An approval is usable for one TTL after the decision, so a forgotten approval does not stay valid forever. */
  async decide(
    id: string,
    decision: 'approved' | 'denied' | 'withdrawn',
    by: string,
    reason: string | undefined,
    now: number,
  ): Promise<Approval> {
    const reply = await this.#client.mgDecideApproval(
      this.#approvalKey(id),
      ...this.#feed(),
      now,
      decision,
      by,
      reason ?? '',
      APPROVAL_KEEP_MS,
      id,
    );
    if (reply[0] === 'none') throw new StoreError(`no approval ${id}`);
    if (reply[0] === 'not') throw new StoreError(`approval ${id} is ${reply[1]}, not pending`);
    return toApproval(pairs(reply), now);
  }

  /** `Store.approvalChanges`, over this store's keys (see {@link readApprovalChanges}). */
  async changes(after: number | undefined, now: number): Promise<ApprovalChanges> {
    return readApprovalChanges(this.#client, this.#feed(), (id) => this.#approvalKey(id), after, now);
  }

  /** Approvals a week past their expiry leave the indexes, a batch at a time. */
  async prune(now: number): Promise<void> {
    const byTime = this.#key('approvals', 'time');
    for (let offset = 0; ; ) {
      const ids = await this.#client.zrangebyscore(
        byTime,
        '-inf',
        now - APPROVAL_KEEP_MS,
        'LIMIT',
        offset,
        PRUNE_BATCH,
      );
      if (ids.length === 0) return;
      const gone = await this.#client.mgPruneApprovals(
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
  }
}
