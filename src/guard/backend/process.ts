// A backend MCP server run as a child process: the connection is newline-delimited JSON over its
// stdio. Launched with a minimal environment in its own process group, stderr prefixed onto the
// guard's stderr (the last lines kept for error messages); closed in order (stdin, SIGTERM to the
// group, SIGKILL) so it leaves no orphans. Restarting it is the supervisor's job, as for a remote one.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { GuardServer } from '../../config/guard-types.ts';
import { DEFAULT_MAX_DEPTH, type RpcMessage, type RpcResponse } from '../jsonrpc.ts';
import { NdjsonTransport } from '../transport/ndjson.ts';
import { backendEnv } from './env.ts';
import type { Connection } from './types.ts';

/** How many stderr lines a backend keeps for error messages. */
const STDERR_TAIL_LINES = 5;

/** Options of a child process connection. */
export interface ProcessOptions {
  maxMessageBytes: number;
  /** Deepest nesting accepted in a message from the backend (`limits.max_depth`; default 64). */
  maxDepth?: number;
  /** Where backend stderr and the guard's own notes go. */
  log: (line: string) => void;
  /** The guard's environment, from which only the safe set is passed on (default process.env). */
  parentEnv?: NodeJS.ProcessEnv;
  /** How long to wait after closing stdin, and after SIGTERM, before escalating (default 2 s). */
  shutdownGraceMs?: number;
}

/** A running child process, as a connection. */
export class ProcessConnection implements Connection {
  onmessage?: (message: RpcMessage) => void;
  onclose?: (reason?: string) => void;
  onerror?: (error: Error) => void;
  readonly #name: string;
  readonly #child: ChildProcess;
  readonly #transport: NdjsonTransport;
  readonly #graceMs: number;
  readonly #tail: string[];
  #exited = false;
  readonly #exit: Promise<void>;

  private constructor(
    name: string,
    child: ChildProcess,
    transport: NdjsonTransport,
    options: ProcessOptions,
    tail: string[],
  ) {
    this.#name = name;
    this.#child = child;
    this.#transport = transport;
    this.#graceMs = options.shutdownGraceMs ?? 2_000;
    this.#tail = tail;
    transport.onmessage = (m) => this.onmessage?.(m);
    transport.oninvalid = (_reply: RpcResponse | undefined, reason: string) =>
      options.log(`[${name}] guard: ignored output line: ${reason}`);
    transport.onerror = (error) => options.log(`[${name}] guard: stdio error: ${error.message}`);
    // The end of its stdout is not the end of the process: its exit is.
    transport.onend = () => {};
    this.#exit = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.#exited = true;
        void transport.close();
        resolve();
        this.onclose?.(`backend ${name} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
      });
    });
  }

  /**
   * Spawns `server` and resolves once the process runs. Rejects when there is no process (no such
   * program, out of file descriptors): the error says which, in the terms an operator can act on.
   */
  static async spawn(server: GuardServer, options: ProcessOptions): Promise<ProcessConnection> {
    const name = server.name;
    const failed = (error: Error) =>
      new Error(
        `backend ${name}: cannot start ${server.command}: ${(error as NodeJS.ErrnoException).code === 'EMFILE' ? 'out of file descriptors (EMFILE)' : error.message}`,
      );
    let child: ChildProcess;
    try {
      child = spawn(server.command!, server.args, {
        cwd: server.cwd,
        env: backendEnv(server.env, options.parentEnv ?? process.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so shutdown can signal every process the server started.
        detached: true,
      });
    } catch (error) {
      throw failed(error as Error);
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
      kill(child, 'SIGKILL');
      throw failed(error);
    }
    const transport = new NdjsonTransport(child.stdout, child.stdin, {
      maxMessageBytes: options.maxMessageBytes,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    });
    const tail: string[] = [];
    child.stderr.on('error', () => {});
    createInterface({ input: child.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      options.log(`[${name}] ${line}`);
    });
    const connection = new ProcessConnection(name, child, transport, options, tail);
    try {
      await spawned;
    } catch (error) {
      void transport.close();
      throw failed(error as Error);
    }
    return connection;
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  async start(): Promise<void> {
    await this.#transport.start();
  }

  async send(message: RpcMessage): Promise<void> {
    await this.#transport.send(message);
  }

  stderrTail(): string[] {
    return [...this.#tail];
  }

  /** Close stdin, wait, SIGTERM the process group, wait, SIGKILL it. */
  async close(): Promise<void> {
    const wait = (ms: number) =>
      Promise.race([
        this.#exit.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
      ]);
    await this.#transport.close();
    if (!this.#exited && !(await wait(this.#graceMs))) {
      kill(this.#child, 'SIGTERM');
      if (!(await wait(this.#graceMs))) {
        kill(this.#child, 'SIGKILL');
        await wait(this.#graceMs);
      }
    }
    // Whatever the server forked into its group goes too, even when the leader exited on its own.
    kill(this.#child, 'SIGKILL');
  }

  abort(): void {
    void this.#transport.close();
    kill(this.#child, 'SIGKILL');
  }
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
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
