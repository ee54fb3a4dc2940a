// The audit record, its canonical form and hash, and the redaction of secret-looking fields. Shared by
// the writer (log.ts) and the verifier (verify.ts) so both hash exactly the same bytes.
import { hash } from 'node:crypto';
import { setMember } from '../../config/document.ts';

/** One decision of the guard, as one JSONL line. */
export interface AuditRecord {
  /** ISO 8601 time of the decision. */
  time: string;
  /** 1, 2, 3 ... across the whole file, even across restarts. */
  seq: number;
  /**
   * `allow`, `deny`, `error`, `held`; `forward` (a call about to reach its backend; its outcome follows,
   * same `call`); `unknown` (a forwarded call whose guard stopped before the outcome); `resume` and
   * `repair` (the log itself: writable again after a failure, a torn last line set aside).
   */
  decision: 'allow' | 'deny' | 'error' | 'held' | 'forward' | 'unknown' | (string & {});
  agent?: string;
  session?: string;
  method?: string;
  tool?: string;
  /** The JSON-RPC id of the request, if any. */
  id?: string | number | null;
  amount?: number;
  reason?: string;
  latencyMs?: number;
  backend?: string;
  /** SHA-256 of the canonical arguments. */
  argsHash?: string;
  /** The arguments themselves, only with `audit.record_arguments: true` (redacted). */
  args?: unknown;
  /** The JSON-RPC error code of a refusal. */
  code?: number;
  /**
   * Links the two records of a `tools/call` that was forwarded: `forward` (written before the backend
   * sees the call) and its outcome (`allow` or `error`, or `unknown` when the guard stopped first).
   */
  call?: string;
  /**
   * The spend reservation of a `forward` record's call: after a crash, the next start tells from it
   * whether the call was ever sent (its reservation marked forwarded) or not (released).
   */
  reservation?: string;
  /**
   * A `forward` record's `reservation` is a spend lease (budget reserved for several calls of the
   * session, policies/spend/lease.ts): after a crash the lease is settled to the calls that name it.
   */
  lease?: boolean;
  /** An outcome record's call had its spend given back (the backend failed, or it was refused). */
  released?: boolean;
  /** The guard that wrote the record (config `replica`, default the host name). */
  replica?: string;
  /**
   * A `held` record of a call that waits for its decision (`approvals.mode: wait`): not an answer (the
   * call's outcome record follows, same `id` and `approval`), so metrics do not count it as a request.
   */
  waiting?: boolean;
  /** The approval a record is about (a held call, a decision, the call it let through). */
  approval?: string;
  /** Who decided an approval (a console user, `--by` of the CLI). */
  by?: string;
  /** Hash of the previous record (64 zeros for the first). */
  prev: string;
  /** SHA-256 of this record's canonical form without `hash`. */
  hash: string;
}

/** Every field of a record but `hash`, in canonical (sorted) order: a writer can build records in it. */
export const RECORD_ORDER = [
  'agent',
  'amount',
  'approval',
  'args',
  'argsHash',
  'backend',
  'by',
  'call',
  'code',
  'decision',
  'id',
  'latencyMs',
  'lease',
  'method',
  'prev',
  'reason',
  'released',
  'replica',
  'reservation',
  'seq',
  'session',
  'time',
  'tool',
  'waiting',
] as const satisfies readonly Exclude<keyof AuditRecord, 'hash'>[];
// A field added to AuditRecord and not to RECORD_ORDER fails to compile here.
const everyField: Exclude<keyof AuditRecord, 'hash' | (typeof RECORD_ORDER)[number]> extends never
  ? true
  : false = true;
void everyField;

/** The `prev` of the first record. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  // (A hand-written serializer without the sorted copy was tried: slower than JSON.stringify's.)
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) setMember(out, k, sortKeys(v));
    }
    return out;
  }
  return value;
}

/** SHA-256 (hex) of a tool call's arguments in canonical form; the approval store keys calls by it too. */
export function hashArgs(args: unknown): string {
  // One-shot `crypto.hash`: no Hash object per call (this runs on every tools/call).
  return hash('sha256', canonicalJson(args ?? {}));
}

/**
 * A new record's body sealed: its keys sorted at every depth (the canonical form, hashed), the record
 * with its `hash`, and its JSONL line, which is the canonical form with the hash added at the end. One
 * serialization per record instead of two (the hash's and the line's): the writer's hot path.
 */
export function sealRecord(
  body: Omit<AuditRecord, 'hash'>,
  /** The body's keys are in canonical order already and its values are not objects: used as it is. */
  canonical = false,
): { record: AuditRecord; line: string } {
  let sorted = body as unknown as Record<string, unknown>;
  if (!canonical) {
    sorted = {};
    for (const k of Object.keys(body).sort()) {
      const v = (body as unknown as Record<string, unknown>)[k];
      if (v !== undefined) setMember(sorted, k, v !== null && typeof v === 'object' ? sortKeys(v) : v);
    }
  }
  const text = JSON.stringify(sorted);
  const sealed = hash('sha256', text);
  sorted.hash = sealed;
  // A body always has time, seq and prev: `text` is never `{}`.
  return {
    record: sorted as unknown as AuditRecord,
    line: `${text.slice(0, -1)},"hash":"${sealed}"}\n`,
  };
}

/** The hash a record must carry: SHA-256 of its canonical form without `hash`. */
export function recordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  // Without a hash there is nothing to leave out (and no copy to make): the writer's case.
  if (record.hash === undefined) return hash('sha256', canonicalJson(record));
  const { hash: _ignored, ...rest } = record;
  return hash('sha256', canonicalJson(rest));
}

/** Field names that always look like secrets. */
const SECRET_NAME =
  /(^|[_-])(token|secret|password|passwd|passphrase|api[_-]?key|apikey|authorization|auth|cookie|credentials?|private[_-]?key|session[_-]?key)$|^(token|secret|password|authorization|cookie)/i;

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/**
 * A deep copy of `value` with secret-looking fields (and any named in `extraKeys`, case-insensitive)
 * replaced by {@link REDACTED}.
 */
export function redact<T>(value: T, extraKeys: readonly string[] = []): T {
  return redactor(extraKeys)(value);
}

/** Names remembered per redactor: the same few field names come back in every record. */
const NAME_CACHE_MAX = 4096;

/** A prepared redaction: a deep copy with secrets replaced, and the verdict on one field name. */
export interface Redactor {
  <T>(value: T): T;
  /** Whether a field of this name is replaced by {@link REDACTED}. */
  secret(name: string): boolean;
}

/**
 * {@link redact} with `extraKeys` prepared once, for a caller that redacts on every request (the audit
 * log): the set of extra names is built once and the verdict on each field name is remembered.
 */

export function redactor(extraKeys: readonly string[] = []): Redactor {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const verdicts = new Map<string, boolean>();
  const secret = (k: string): boolean => {
    let s = verdicts.get(k);
    if (s === undefined) {
      s = SECRET_NAME.test(k) || extra.has(k.toLowerCase());
      if (verdicts.size < NAME_CACHE_MAX) verdicts.set(k, s);
    }
    return s;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) setMember(out, k, secret(k) ? REDACTED : walk(inner));
      return out;
    }
    return v;
  };
  const redactValue = (<T>(value: T) => walk(value) as T) as Redactor;
  redactValue.secret = secret;
  return redactValue;
}
