// One supervisor for every kind of backend: it opens a connection (a child process or a remote
// session, through the `Connect` it is given), re-initializes it through `onstart`, and when the
// connection fails answers its pending requests with the reason, tells the sessions (`oncrash`) and
// opens a new one after a backoff that doubles per consecutive failure up to a cap. A connection that
// stayed up for `stableAfterMs` counts as a fresh start: its failure starts the backoff over. A
// server that starts and dies at once is a crash loop, not a fresh failure each time.
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isResponse,
  type RpcId,
  type RpcMessage,
  type RpcRequest,
  type RpcResponse,
} from '../jsonrpc.ts';
import { Correlator } from '../transport/correlator.ts';
import {
  type Backend,
  type BackendState,
  type CallOptions,
  type Connect,
  type Connection,
  timeoutMessage,
} from './types.ts';

/** Restart timings, the same for processes and remote servers. */
export interface SupervisorOptions {
  /** First restart delay; doubles per consecutive failure up to `maxBackoffMs` (default 250 ms). */
  initialBackoffMs?: number;
  /** Longest delay between restarts (default 30 s). */
  maxBackoffMs?: number;
  /** How long a connection must have been up for its failure to start the backoff over (default 10 s). */
  stableAfterMs?: number;
  /** Where the supervisor's notes go. */
  log: (line: string) => void;
  /** Whether the server was reached over the network (words the notes: "reconnecting" vs "restarting"). */
  remote?: boolean;
}

/** A backend kept alive: the `Backend` the relay talks to. */
export class Supervisor implements Backend {
  readonly name: string;
  /**
   * The requests sent over the connection and not yet answered, by owner: this supervisor for its own
   * session, each view for the sessions of a shared backend (`SharedBackend`).
   */
  readonly requests: Correlator<Backend>;
  onmessage?: (message: RpcMessage) => void;
  oncrash?: (reason: string) => void;
  onstart?: (restart: boolean) => Promise<void>;
  readonly #connect: Connect;
  readonly #log: (line: string) => void;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #stableAfterMs: number;
  readonly #verb: string;
  #connection: Connection | undefined;
  #state: BackendState = 'down';
  #failures = 0;
  #starts = 0;
  #upSince = 0;
  #restartAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #tail: string[] = [];

  constructor(name: string, connect: Connect, options: SupervisorOptions) {
    this.name = name;
    this.#connect = connect;
    this.#log = options.log;
    this.#initialBackoffMs = options.initialBackoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#stableAfterMs = options.stableAfterMs ?? 10_000;
    this.#verb = options.remote ? 'reconnecting' : 'restarting';
    const data = { backend: name };
    this.requests = new Correlator<Backend>({
      send: (message, duringStart) => this.send(message, duringStart),
      timedOut: (request, ms) => {
        const message = timeoutMessage(this, request.method, ms);
        this.#log(`guard: ${request.method} (id ${JSON.stringify(request.original)}): ${message}`);
        return errorResponse(request.original, CODES.internal, message, data);
      },
      unsent: (request, error) =>
        errorResponse(request.original, CODES.internal, `backend ${name}: ${error.message}`, data),
    });
  }

  get state(): BackendState {
    return this.#state;
  }

  get restarts(): number {
    return Math.max(0, this.#starts - 1);
  }

  get retryInMs(): number {
    return this.#state === 'down' ? Math.max(0, this.#restartAt - Date.now()) : 0;
  }

  /** The live connection (for tests and diagnostics). */
  get connection(): Connection | undefined {
    return this.#connection;
  }

  stderrTail(): string[] {
    return this.#connection?.stderrTail?.() ?? this.#tail;
  }

  /**
   * Opens the first connection and resolves once it is up. Rejects when there was nothing to connect
   * to (no such program, out of file descriptors): the caller's session fails, not the guard, and a
   * retry is still scheduled, as after a crash.
   */
  async start(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const failure = await this.#open();
    if (failure) throw failure;
  }

  /** One session's backend: its ids are unique here, so they go to the server as they are. */
  request(request: RpcRequest, options: CallOptions = {}): Promise<RpcResponse | undefined> {
    return this.requests.request(request, { ...options, owner: this, keepId: true });
  }

  cancel(id: RpcId | undefined, reason: string): boolean {
    return this.requests.cancel(id, reason, this) > 0;
  }

  failPending(message: string): void {
    this.requests.fail(this, message);
  }

  async send(message: RpcMessage, duringStart = false): Promise<void> {
    const connection = this.#connection;
    const ok = this.#state === 'up' || (duringStart && this.#state === 'starting');
    if (!ok || connection === undefined) throw new Error(`backend ${this.name} is ${this.#state}`);
    await connection.send(message);
  }

  async #open(): Promise<Error | undefined> {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = 'starting';
    let connection: Connection;
    try {
      connection = await this.#connect();
    } catch (error) {
      this.#log(`[${this.name}] guard: ${(error as Error).message}`);
      if (!this.#stopped()) {
        this.#state = 'down';
        this.#schedule();
      }
      return error as Error;
    }
    if (this.#stopped()) {
      await connection.close();
      return undefined;
    }
    this.#connection = connection;
    connection.onmessage = (m) => this.#received(m);
    connection.onclose = (reason) =>
      this.#lost(connection, reason ?? `backend ${this.name} closed its connection`);
    connection.onerror = (error) => this.#log(`[${this.name}] guard: ${error.message}`);
    await connection.start();
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${(error as Error).message}`);
      this.#lost(connection, `backend ${this.name} could not be re-initialized`);
      return undefined;
    }
    if (this.#connection === connection && this.#state === 'starting') {
      this.#state = 'up';
      this.#upSince = Date.now();
    }
    return undefined;
  }

  /** Whether `stop` was called (read through a method: it changes while `#open` awaits). */
  #stopped(): boolean {
    return this.#state === 'stopped';
  }

  /** Responses and the progress of requests in flight are the correlator's; the rest goes to the relay. */
  #received(message: RpcMessage): void {
    if (isResponse(message)) {
      if (!this.requests.receive(message))
        this.#log(`[${this.name}] guard: response with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    if (
      isNotification(message) &&
      message.method === 'notifications/progress' &&
      this.requests.progress(message)
    )
      return;
    this.onmessage?.(message);
  }

  /** The connection failed: pending requests get the reason, the sessions are told, a restart is scheduled. */
  #lost(connection: Connection, reason: string): void {
    if (connection !== this.#connection || this.#state === 'stopped') return;
    this.#connection = undefined;
    this.#tail = connection.stderrTail?.() ?? [];
    connection.abort();
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = 'down';
    this.requests.fail(undefined, `${reason} while handling this request`, { backend: this.name });
    this.oncrash?.(reason);
    if (this.#upSince > 0 && Date.now() - this.#upSince >= this.#stableAfterMs) this.#failures = 0;
    this.#upSince = 0;
    this.#schedule();
  }

  /** The next attempt, after the backoff (doubling per consecutive failure). */
  #schedule(): void {
    const delay = Math.min(this.#maxBackoffMs, this.#initialBackoffMs * 2 ** this.#failures);
    this.#failures++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: ${this.#verb} in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#state === 'down') void this.#open();
    }, delay);
  }

  /** Stops for good: pending requests are answered, the connection closed politely. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close();
  }
}
