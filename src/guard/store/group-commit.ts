// Group commit for the SQLite store: the per-call work asked for in one event-loop turn (rate hits,
// reservations, releases, pin lookups) runs in one transaction, so a burst of pipelined requests pays
// one WAL commit instead of one each, while a lone call (sequential load) runs at once as it would
// alone. Split from sqlite.ts, which keeps the store's SQL.
import type { StatementSync } from 'node:sqlite';

/** One store call waiting for the group commit (see `GroupCommit.queue`). */
interface Job {
  fn: () => unknown;
  /** One statement, atomic by itself: alone in its batch it needs no BEGIN/COMMIT around it. */
  single: boolean;
  /** Reads only: a batch of nothing else takes no write lock. */
  read: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** The transaction helpers of one database connection: `tx` for one atomic step, `grouped` for per-call work. */
export class GroupCommit {
  private readonly prepare: (sql: string) => StatementSync;
  /**
   * Per-call work (rate hits, reservations, releases, pin lookups) waiting for the group commit:
   * everything asked for in one event-loop turn runs in one transaction, so a burst of pipelined requests
   * pays one WAL commit (and far fewer checkpoints and lock calls) instead of one each. Nobody is
   * answered before the commit.
   */
  private queue: Job[] = [];
  /** A call already went straight through in this tick: the next ones wait for the group commit. */
  private busy = false;
  private readonly idle = (): void => {
    this.busy = false;
  };

  constructor(prepare: (sql: string) => StatementSync) {
    this.prepare = prepare;
  }

  /** Runs `fn` holding the write lock (BEGIN IMMEDIATE), so reads and writes inside are one atomic step. */
  tx<T>(fn: () => T, begin: 'BEGIN IMMEDIATE' | 'BEGIN' = 'BEGIN IMMEDIATE'): T {
    // Calls already waiting for the group commit were asked first: they go first (flush empties the
    // queue before it calls tx, so this does not recurse).
    if (this.queue.length > 0) this.flush();
    this.prepare(begin).run();
    try {
      const out = fn();
      this.prepare('COMMIT').run();
      return out;
    } catch (error) {
      // SQLite may have rolled back already (a busy or full database); `DatabaseSync.isTransaction`
      // would tell, but Node 22 has it only from 22.16 (the floor is 22.13).
      try {
        this.prepare('ROLLBACK').run();
      } catch {
        // no transaction left to roll back
      }
      throw error;
    }
  }

  /**
   * Runs `fn` in the next group commit (see the class comment). The flush is a `process.nextTick`, which Node runs
   * once the current microtasks are done: every request of a chunk read from the client reaches its
   * store call first, yet a lone request waits no longer than a tick. The jobs run in the order asked,
   * so each sees exactly what it would have seen alone; if anything fails, nothing is committed and
   * every job of the batch is rejected (none was answered yet).
   */
  grouped<T>(fn: () => T, single = false, read = false): Promise<T> {
    // The first call of a tick runs at once, as it would alone: one request at a time (sequential
    // load) pays nothing for the batching; a burst batches from its second call on.
    if (!this.busy && this.queue.length === 0) {
      this.busy = true;
      process.nextTick(this.idle);
      try {
        return Promise.resolve(single ? fn() : this.tx(fn));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, single, read, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length === 1) process.nextTick(this.flush);
    });
  }

  readonly flush = (): void => {
    const jobs = this.queue;
    if (jobs.length === 0) return;
    this.queue = [];
    let results: unknown[];
    try {
      // A lone one-statement job (a rate hit, sequential load) commits by itself: BEGIN/COMMIT around
      // it would only add two statements. Anything else runs in one transaction, which also saves the
      // file-lock system calls SQLite makes around every statement run outside one.
      const run = () => this.runJobs(jobs);
      if (jobs.length === 1 && jobs[0].single) results = [jobs[0].fn()];
      else if (jobs.every((job) => job.read)) results = this.tx(run, 'BEGIN');
      else results = this.tx(run);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (let i = 0; i < jobs.length; i++) jobs[i].resolve(results[i]);
  };

  /** Runs a batch's jobs inside its transaction, in the order they were asked. */
  private runJobs(jobs: Job[]): unknown[] {
    return jobs.map((job) => job.fn());
  }
}
