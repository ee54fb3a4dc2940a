// What the relay needs from a backend, whatever carries it. A backend is a connection (a child
// process over stdio, or a remote server over Streamable HTTP: both `Connection`s, the same transport
// shape) kept alive by one `Supervisor`, which restarts either with the same backoff and the same
// rules, and which owns the connection's correlator: the requests sent to the server and not yet
// answered. `timeoutMessage` words a backend's silence for the client.
import type { RpcId, RpcMessage, RpcNotification, RpcRequest, RpcResponse } from '../jsonrpc.ts';
import type { MessageTransport } from '../transport/types.ts';

/** Backend lifecycle state. */
export type BackendState = 'starting' | 'up' | 'down' | 'stopped';

/** One backend MCP server as a session sees it. */
export interface Backend {
  /** The server's name in the config. */
  readonly name: string;
  /** Current state. */
  readonly state: BackendState;
  /** Milliseconds until the next restart (or reconnect) attempt while down; 0 when not scheduled. */
  readonly retryInMs: number;
  /** Restarts (reconnects, for a remote server) attempted since the first start: `/metrics` reports it. */
  readonly restarts: number;
  /**
   * Sends a request and resolves with its response (the caller's id restored), with an error response
   * (timeout, crash, a failed send), or with undefined once it was cancelled. The connection's one
   * correlator matches the answer: a backend shared by several sessions mints the ids the server sees,
   * unless the guard minted them already; a backend of one session passes them as they are.
   */
  request(request: RpcRequest, options?: CallOptions): Promise<RpcResponse | undefined>;
  /** Cancels this session's request `id` (the server is told); false when none was in flight. */
  cancel(id: RpcId | undefined, reason: string): boolean;
  /** Answers this session's requests in flight with an error (the session is closing). */
  failPending(message: string): void;
  /**
   * Called for every message the server sends that is not a response or the progress of a request in
   * flight: server-to-client requests, notifications, and progress nobody waits for.
   */
  onmessage?: (message: RpcMessage) => void;
  /** Called when the backend fails unexpectedly, after its pending requests were answered with the error. */
  oncrash?: (reason: string) => void;
  /** Called after a (re)start, before the backend is marked up: the relay re-initializes it here. */
  onstart?: (restart: boolean) => Promise<void>;
  /** Starts the backend; resolves once it is up (after `onstart`), rejects when it could not start at all. */
  start(): Promise<void>;
  /** Stops for good and releases everything the backend holds (process group, remote session). */
  stop(): Promise<void>;
  /** The last lines the backend wrote to stderr (a local process; remote backends have none), oldest first. */
  stderrTail?(): string[];
  /** Sends a message; throws when the backend is not up (or `starting`, with `duringStart`). */
  send(message: RpcMessage, duringStart?: boolean): Promise<void>;
}

/** How one request goes to a backend. */
export interface CallOptions {
  /** Answer with a timeout error after this long without an answer (progress restarts it); 0: never. */
  timeoutMs?: number;
  /** Progress for this request, with the caller's token restored. */
  onprogress?: (notification: RpcNotification) => void;
  /** Sent while the backend is still starting (its re-initialization). */
  duringStart?: boolean;
  /** The id (and token) were minted by the guard, unique in the process: no need to mint others. */
  minted?: boolean;
}

/** A live connection to a server: the transport a supervisor keeps up. */
export interface Connection extends MessageTransport {
  /**
   * Ends the connection politely, for good: a process has its stdin closed, then SIGTERM, then SIGKILL
   * for its whole group; a remote session is ended with DELETE. Resolves once it is over.
   */
  close(): Promise<void>;
  /** Drops the connection at once after a failure (the process group killed, the streams aborted). */
  abort(): void;
  /** The last lines a local process wrote to stderr, oldest first. */
  stderrTail?(): string[];
}

/** Opens a connection; rejects when there is nothing to talk to (no such program, out of descriptors). */
export type Connect = () => Promise<Connection>;

/** Why a request to `backend` timed out; for `initialize`, with the backend's last stderr lines. */
export function timeoutMessage(
  backend: Pick<Backend, 'name' | 'stderrTail'>,
  method: string,
  ms: number,
): string {
  if (method !== 'initialize') return `backend ${backend.name} did not answer in time`;
  const tail = backend.stderrTail?.() ?? [];
  const said = tail.length
    ? `; its last stderr lines: ${tail.map((l) => JSON.stringify(l)).join(' / ')}`
    : backend.stderrTail
      ? '; it wrote nothing to stderr'
      : '';
  return `backend ${backend.name} did not answer initialize within ${ms} ms (limits.initialize_timeout_ms)${said}`;
}
