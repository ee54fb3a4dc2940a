// Wakes the calls that wait for a human (`approvals.mode: wait`) and feeds the console's live view.
// One hub per guard process polls the store's approvals change feed while anyone listens, so a
// decision made anywhere (the console in this process, `mcp-guard guard approvals approve` in another,
// another replica on the same store) reaches the waiting call; a decision made here is picked up at
// once (`poke`). Nobody listening, no polling.
import type { Approval, Store } from '../store/types.ts';

/** How a wait for a decision ended. */
export type WaitOutcome =
  | { status: 'approved' | 'denied' | 'expired' | 'withdrawn' | 'consumed'; approval: Approval }
  | { status: 'timeout' | 'aborted' | 'shutdown' };

/** Options of the hub. */
export interface HubOptions {
  /** How often the store is asked while someone listens; default 500 ms. */
  pollMs?: number;
  log?: (line: string) => void;
}

/** A registration that keeps the hub polling; `wait` on it, then `close` it. */
export interface Ticket {
  /** Resolves when approval `id` leaves `pending`, after `timeoutMs`, or when `signal` aborts. */
  wait(id: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  close(): void;
}

/** The approvals change feed of one process. */
export class ApprovalHub {
  readonly #store: Pick<Store, 'approvalChanges'>;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  readonly #listeners = new Set<(approvals: Approval[]) => void>();
  readonly #waiters = new Map<string, Set<(outcome: WaitOutcome) => void>>();
  #tickets = 0;
  #cursor: Promise<number> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(store: Pick<Store, 'approvalChanges'>, options: HubOptions = {}) {
    this.#store = store;
    this.#pollMs = options.pollMs ?? 500;
    this.#log = options.log ?? (() => {});
  }

  get #active(): boolean {
    return !this.#closed && (this.#listeners.size > 0 || this.#tickets > 0);
  }

  /** Starts following the feed from now (resolves once the starting cursor is known). */
  async #start(): Promise<void> {
    this.#cursor ??= this.#store.approvalChanges().then((c) => c.cursor);
    try {
      await this.#cursor;
    } catch (error) {
      this.#cursor = undefined;
      throw error;
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#polling || !this.#active) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, this.#pollMs);
  }

  /** Reads the feed now (after a decision made in this process), rather than at the next tick. */
  poke(): void {
    if (!this.#active) return;
    if (this.#polling) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    void this.#poll();
  }

  #poll(): Promise<void> {
    this.#polling = (async () => {
      try {
        const after = await this.#cursor;
        const changes = await this.#store.approvalChanges(after);
        this.#cursor = Promise.resolve(changes.cursor);
        if (changes.approvals.length > 0) this.#dispatch(changes.approvals);
      } catch (error) {
        this.#log(`mcp-guard: cannot read approval changes: ${(error as Error).message}`);
      }
    })().finally(() => {
      this.#polling = undefined;
      if (!this.#active) {
        // Nobody listens: the next listener starts from its own "now".
        this.#cursor = undefined;
        return;
      }
      if (this.#again) {
        this.#again = false;
        void this.#poll();
      } else this.#schedule();
    });
    return this.#polling;
  }

  #dispatch(approvals: Approval[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(approvals);
      } catch (error) {
        this.#log(`mcp-guard: approvals listener failed: ${(error as Error).message}`);
      }
    }
    for (const a of approvals) {
      if (a.status === 'pending') continue;
      for (const resolve of this.#waiters.get(a.id) ?? []) resolve({ status: a.status, approval: a });
    }
  }

  /** Calls `listener` with every batch of changed approvals until the returned function is called. */
  async subscribe(listener: (approvals: Approval[]) => void): Promise<() => void> {
    this.#listeners.add(listener);
    try {
      await this.#start();
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
    return () => this.#listeners.delete(listener);
  }

  /**
   * Registers for waiting. Take the ticket *before* asking the store for the approval: every change
   * after that point is then seen, so a decision made at once is not missed.
   */
  async open(): Promise<Ticket> {
    this.#tickets++;
    try {
      await this.#start();
    } catch (error) {
      this.#tickets--;
      throw error;
    }
    let open = true;
    return {
      wait: (id, timeoutMs, signal) => this.#wait(id, timeoutMs, signal),
      close: () => {
        if (open) this.#tickets--;
        open = false;
      },
    };
  }

  #wait(id: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (this.#closed) return Promise.resolve({ status: 'shutdown' });
    if (signal?.aborted) return Promise.resolve({ status: 'aborted' });
    return new Promise<WaitOutcome>((resolve) => {
      const set = this.#waiters.get(id) ?? new Set();
      this.#waiters.set(id, set);
      const done = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        set.delete(done);
        if (set.size === 0) this.#waiters.delete(id);
        resolve(outcome);
      };
      const onAbort = () => done({ status: 'aborted' });
      const timer = setTimeout(() => done({ status: 'timeout' }), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(done);
    });
  }

  /** Ends every wait (`shutdown`: the calls answer -32004 and may be retried) and stops polling. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const set of [...this.#waiters.values()]) for (const done of [...set]) done({ status: 'shutdown' });
    this.#listeners.clear();
  }
}
