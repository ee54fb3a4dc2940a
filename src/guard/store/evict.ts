// The housekeeping timer that keeps the store's memory bounded: every so often it asks the store to
// drop idle agents' rate windows (and spend rows past their window). Unref'd, so it never keeps a
// guard process alive on its own; errors are reported, never thrown into the event loop.
import type { Store } from './types.ts';

/** Default interval between evictions: once a minute, the length of a rate window. */
export const EVICT_EVERY_MS = 60_000;

/** Options of `startEviction`. */
export interface EvictionOptions {
  everyMs?: number;
  /** The clock (default `Date.now`). */
  now?: () => number;
  /** Called when an eviction fails (default: ignored; the next one tries again). */
  onerror?: (error: Error) => void;
}

/** Starts evicting idle state from `store` periodically; the returned `stop` ends it. */
export function startEviction(store: Store, options: EvictionOptions = {}): { stop(): void } {
  const now = options.now ?? Date.now;
  let running = false;
  const timer = setInterval(() => {
    // A slow store (a big SQLite delete) never gets a second eviction stacked on the first.
    if (running) return;
    running = true;
    store
      .evictIdle(now())
      .catch((error: Error) => options.onerror?.(error))
      .finally(() => {
        running = false;
      });
  }, options.everyMs ?? EVICT_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
