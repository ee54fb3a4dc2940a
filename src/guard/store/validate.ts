// Argument checks both store implementations share, so they refuse the same calls the same way.

/** `Store.take`'s arguments: a positive limit, a positive whole `want`, a non-negative whole `refund`. */
export function checkTake(limitPerMinute: number, want: number, refund: number): void {
  if (!(limitPerMinute > 0)) throw new RangeError('limitPerMinute must be positive');
  if (!Number.isInteger(want) || want < 1 || !Number.isInteger(refund) || refund < 0)
    throw new RangeError('want must be a positive integer and refund a non-negative one');
}
