// What every Store implementation shares, so memory, SQLite and Redis measure time, money and ids the
// same way and refuse the same calls: the windows (a rate bucket refills in a minute, spend counts for
// an hour, a session total is kept a day, decided approvals a week), the fixed-point units, the
// argument checks and the approval-id rules (16 hex digits; a unique prefix names one).
import { randomBytes } from 'node:crypto';
import { type Approval, StoreError } from './types.ts';

/** The rate window: a bucket refills completely in one minute. */
export const WINDOW_MS = 60_000;
/** The spend window of `spend_per_hour_usd`. */
export const HOUR_MS = 3_600_000;
/** A session's spend total is forgotten after a day without spending. */
export const SESSION_IDLE_MS = 24 * HOUR_MS;
/** Decided, consumed and expired approvals are kept this long after they expire (for `approvals list`). */
export const APPROVAL_KEEP_MS = 7 * 24 * HOUR_MS;
/**
 * Bucket contents are counted in 1/60,000 of a token, so that a limit of L per minute refills exactly L
 * units per millisecond: integer arithmetic for integer limits, no drift, exact retry times.
 */
export const TOKEN = 60_000;
/** Amounts are kept as integer millionths, so sums never drift (0.1 + 0.2 is exactly 0.3). */
export const MICROS = 1_000_000;

/** `Store.take`'s arguments: a positive limit, a positive whole `want`, a non-negative whole `refund`. */
export function checkTake(limitPerMinute: number, want: number, refund: number): void {
  if (!(limitPerMinute > 0)) throw new RangeError('limitPerMinute must be positive');
  if (!Number.isInteger(want) || want < 1 || !Number.isInteger(refund) || refund < 0)
    throw new RangeError('want must be a positive integer and refund a non-negative one');
}

/** `Store.reserve`'s amount: finite and not negative. */
export function checkAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError('amount must be finite and non-negative');
}

/** An amount (or cap) in integer millionths. */
export const toMicros = (x: number): number => Math.round(x * MICROS);

/** A new approval id: 64 random bits as 16 hex digits (short enough to type, a prefix usually suffices). */
export function newApprovalId(): string {
  return randomBytes(8).toString('hex');
}

/** The status an approval has at `now`: pending or unconsumed approved ones past their time are expired. */
export function statusAt(a: Pick<Approval, 'status' | 'expiresAt'>, now: number): Approval['status'] {
  return (a.status === 'pending' || a.status === 'approved') && a.expiresAt <= now ? 'expired' : a.status;
}

/** Normalizes what a human typed as an approval id (or prefix); refuses empty and non-hex input. */
export function approvalPrefix(prefix: string): string {
  const p = prefix.trim().toLowerCase();
  if (p === '')
    throw new StoreError('empty approval id; give the id (or a unique prefix) shown by `approvals list`');
  if (!/^[0-9a-f]+$/.test(p)) throw new StoreError(`"${prefix}" is not an approval id (ids are hexadecimal)`);
  return p;
}

/**
 * The one id `p` names among `matches` (the ids starting with `p`, sorted, at most six are needed):
 * an exact match wins; none or several is a `StoreError` naming a few.
 */
export function pickApprovalId(p: string, matches: string[]): string {
  if (matches.length === 0) throw new StoreError(`no approval id starts with "${p}"`);
  if (matches.includes(p)) return p;
  if (matches.length > 1) {
    throw new StoreError(
      `"${p}" is ambiguous: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', ...' : ''}; give more characters`,
    );
  }
  return matches[0];
}
