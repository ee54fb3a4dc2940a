// One backend MCP server run as a child process over stdio: launch with a minimal environment in its
// own process group, stderr prefixed onto the guard's stderr, restart with exponential backoff after
// a crash, and an orderly shutdown (close stdin, SIGTERM the group, SIGKILL) that leaves no orphans.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { GuardServer } from '../../config/guard-types.ts';
import { DEFAULT_MAX_DEPTH, type RpcMessage } from '../jsonrpc.ts';
import { NdjsonTransport } from '../transport/ndjson.ts';
import { backendEnv } from './env.ts';
import type { Backend, BackendState } from './types.ts';

/** How many stderr lines a backend keeps for error messages. */
const STDERR_TAIL_LINES = 5;

/** Options for a backend process. */
export interface BackendOptions {
  maxMessageBytes: number;
  /** Deepest nesting accepted in a message from the backend (`limits.max_depth`; default 64). */
  maxDepth?: number;
  /** Where backend stderr and the guard's own notes go (default process.stderr). */
  log?: (line: string) => void;
  /** The guard's environment, from which only the safe set is passed on (default process.env). */
  parentEnv?: NodeJS.ProcessEnv;
  /** First restart delay; doubles per consecutive crash up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a backend must have been up for its crash count (and so the backoff) to start over.
   * A server that starts and then dies at once is a crash loop, not a fresh failure each time.
   */
  stableAfterMs?: number;
  /** How long to wait after closing stdin, and after SIGTERM, before escalating. */
  shutdownGraceMs?: number;
}

/** Backend lifecycle state (defined with the `Backend` interface). */
export type { BackendState } from './types.ts';

/** A supervised backend child. Messages in and out go through `send` and `onmessage`. */
export class BackendProcess implements Backend {
  readonly name: string;
  /** Called for every valid message the backend writes. */
  onmessage?: (message: RpcMessage) => void;
  /** Called when the child exits unexpectedly (before a restart is scheduled). */
  oncrash?: (reason: string) => void;
  /** Called after a (re)start, before the backend is marked up: the relay re-initializes it here. */
  onstart?: (restart: boolean) => Promise<void>;

  readonly #server: GuardServer;
  readonly #options: Required<Omit<BackendOptions, 'log' | 'parentEnv'>> & Pick<BackendOptions, 'parentEnv'>;
  readonly #log: (line: string) => void;
  #child: ChildProcess | undefined;
  #transport: NdjsonTransport | undefined;
  #state: BackendState = 'down';
  #crashes = 0;
  #restartAt = 0;
  #upSince = 0;
  #timer: NodeJS.Timeout | undefined;
  #starts = 0;
  /** The last stderr lines, quoted when the backend fails to answer `initialize`. */
  readonly #tail: string[] = [];

  constructor(server: GuardServer, options: BackendOptions) {
    if (!server.command)
      throw new Error(`server ${server.name}: only local (command) servers run over stdio`);
    this.name = server.name;
    this.#server = server;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#options = {
      maxMessageBytes: options.maxMessageBytes,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      parentEnv: options.parentEnv,
      initialBackoffMs: options.initialBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      shutdownGraceMs: options.shutdownGraceMs ?? 2_000,
      stableAfterMs: options.stableAfterMs ?? 10_000,
    };
  }

  /** Current state. */
  get state(): BackendState {
    return this.#state;
  }

  /** Process id of the running child, if any. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Restarts (reconnects) attempted since the first start, successful or not. */
  get restarts(): number {
    return Math.max(0, this.#starts - 1);
  }

  /** Milliseconds until the next restart attempt while down (0 when not scheduled). */
  get retryInMs(): number {
    return Math.max(0, this.#restartAt - Date.now());
  }

  /** The last lines the child wrote to stderr, oldest first. */
  stderrTail(): string[] {
    return [...this.#tail];
  }

  /**
   * Launches the child and resolves once it is up (after `onstart`). Rejects when the process cannot be
   * spawned at all (no such program, out of file descriptors): the caller's session fails, not the guard;
   * a restart is still scheduled, as after a crash.
   */
  async start(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const failure = await this.#launch();
    if (failure) throw failure;
  }

  /** Sends a message to the backend; throws when it is not up. */
  async send(message: RpcMessage, duringStart = false): Promise<void> {
    const ok = this.#state === 'up' || (duringStart && this.#state === 'starting');
    if (!ok || !this.#transport) throw new Error(`backend ${this.name} is ${this.#state}`);
    await this.#transport.send(message);
  }

  /** Spawns the child; resolves with the spawn error when there is no child to talk to. */
  async #launch(): Promise<Error | undefined> {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = 'starting';
    let child: ChildProcess;
    try {
      child = spawn(this.#server.command!, this.#server.args, {
        cwd: this.#server.cwd,
        env: backendEnv(this.#server.env, this.#options.parentEnv ?? process.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so shutdown can signal every process the server started.
        detached: true,
      });
    } catch (error) {
      return this.#spawnFailed(error as Error);
    }
    // The 'error' listener goes on first: a spawn that fails (EMFILE, ENOENT) emits it on the next tick,
    // and an 'error' event without a listener would end the whole guard.
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    // Out of file descriptors: Node gives the child no pipes at all.
    if (!child.stdin || !child.stdout || !child.stderr) {
      const error = await spawned.then(
        () => new Error('no stdio pipes'),
        (e: Error) => e,
      );
      this.#kill(child, 'SIGKILL');
      return this.#spawnFailed(error);
    }
    this.#child = child;
    const transport = new NdjsonTransport(child.stdout, child.stdin, {
      maxMessageBytes: this.#options.maxMessageBytes,
      maxDepth: this.#options.maxDepth,
    });
    this.#transport = transport;
    transport.onmessage = (m) => this.onmessage?.(m);
    transport.oninvalid = (_reply, reason) =>
      this.#log(`[${this.name}] guard: ignored output line: ${reason}`);
    transport.onerror = (error) => this.#log(`[${this.name}] guard: stdio error: ${error.message}`);
    child.stderr.on('error', () => {});
    createInterface({ input: child.stderr }).on('line', (line) => {
      this.#tail.push(line);
      if (this.#tail.length > STDERR_TAIL_LINES) this.#tail.shift();
      this.#log(`[${this.name}] ${line}`);
    });
    child.once('exit', (code, signal) => this.#exited(child, code, signal));
    await transport.start();
    try {
      await spawned;
    } catch (error) {
      // No process (no such program ...): there will be no 'exit', so this is the crash.
      this.#child = undefined;
      void transport.close();
      this.#transport = undefined;
      return this.#spawnFailed(error as Error);
    }
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${(error as Error).message}`);
      this.#kill(child, 'SIGKILL');
      return undefined;
    }
    if (this.#child === child && this.#state === 'starting') {
      this.#state = 'up';
      this.#upSince = Date.now();
    }
    return undefined;
  }

  /** A spawn that gave no process: reported, and retried later like a crash. */
  #spawnFailed(error: Error): Error {
    const failure = new Error(
      `backend ${this.name}: cannot start ${this.#server.command}: ${(error as NodeJS.ErrnoException).code === 'EMFILE' ? 'out of file descriptors (EMFILE)' : error.message}`,
    );
    this.#log(`[${this.name}] guard: ${failure.message}`);
    if (this.#state !== 'stopped') {
      this.#state = 'down';
      this.#scheduleRestart();
    }
    return failure;
  }

  #exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    void this.#transport?.close();
    this.#transport = undefined;
    if (this.#state === 'stopped') return;
    const reason = `backend ${this.name} exited (${signal ? `signal ${signal}` : `code ${code}`})`;
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = 'down';
    this.oncrash?.(reason);
    if (this.#upSince > 0 && Date.now() - this.#upSince >= this.#options.stableAfterMs) this.#crashes = 0;
    this.#upSince = 0;
    this.#scheduleRestart();
  }

  /** The next launch, after the backoff (doubling per consecutive failure). */
  #scheduleRestart(): void {
    const delay = Math.min(this.#options.maxBackoffMs, this.#options.initialBackoffMs * 2 ** this.#crashes);
    this.#crashes++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: restarting in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#state === 'down') void this.#launch();
    }, delay);
  }

  #kill(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  /** Stops for good: close stdin, wait, SIGTERM the process group, wait, SIGKILL it. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer) clearTimeout(this.#timer);
    const child = this.#child;
    if (!child) return;
    const grace = this.#options.shutdownGraceMs;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const wait = (ms: number) =>
      Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
      ]);
    await this.#transport?.close();
    if (!(await wait(grace))) {
      this.#kill(child, 'SIGTERM');
      if (!(await wait(grace))) {
        this.#kill(child, 'SIGKILL');
        await wait(grace);
      }
    }
    // Whatever the server forked into its group goes too, even when the leader exited on its own.
    this.#kill(child, 'SIGKILL');
    this.#child = undefined;
  }
}
