// What the relay needs from a backend, whatever carries it: a supervised child over stdio
// (`BackendProcess`) or a remote server over Streamable HTTP (`RemoteBackend`). Both restart on their
// own after a failure and report it through `oncrash`, so the relay treats them alike.
// `timeoutMessage` words a backend's silence for the client (with its last stderr lines for `initialize`).
import type { RpcMessage } from '../jsonrpc.ts';

/** Backend lifecycle state. */
export type BackendState = 'starting' | 'up' | 'down' | 'stopped';

/** One backend MCP server. Messages in and out go through `send` and `onmessage`. */
export interface Backend {
  /** The server's name in the config. */
  readonly name: string;
  /** Current state. */
  readonly state: BackendState;
  /** Milliseconds until the next restart (or reconnect) attempt while down; 0 when not scheduled. */
  readonly retryInMs: number;
  /** Restarts (reconnects, for a remote server) attempted since the first start: `/metrics` reports it. */
  readonly restarts: number;
  /** Called for every valid message the backend sends. */
  onmessage?: (message: RpcMessage) => void;
  /** Called when the backend fails unexpectedly, before a restart is scheduled. */
  oncrash?: (reason: string) => void;
  /** Called after a (re)start, before the backend is marked up: the relay re-initializes it here. */
  onstart?: (restart: boolean) => Promise<void>;
  /** Starts the backend; resolves once it is up (after `onstart`) or has failed and scheduled a retry. */
  start(): Promise<void>;
  /** Stops for good and releases everything the backend holds (process group, remote session). */
  stop(): Promise<void>;
  /** The last lines the backend wrote to stderr (a local process; remote backends have none), oldest first. */
  stderrTail?(): string[];
  /** Sends a message; throws when the backend is not up (or `starting`, with `duringStart`). */
  send(message: RpcMessage, duringStart?: boolean): Promise<void>;
}

/** Why a request to `backend` timed out; for `initialize`, with the backend's last stderr lines. */
export function timeoutMessage(backend: Backend, method: string, ms: number): string {
  if (method !== 'initialize') return `backend ${backend.name} did not answer in time`;
  const tail = backend.stderrTail?.() ?? [];
  const said = tail.length
    ? `; its last stderr lines: ${tail.map((l) => JSON.stringify(l)).join(' / ')}`
    : backend.stderrTail
      ? '; it wrote nothing to stderr'
      : '';
  return `backend ${backend.name} did not answer initialize within ${ms} ms (limits.initialize_timeout_ms)${said}`;
}
