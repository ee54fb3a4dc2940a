// The transport interface every side of the guard speaks, in the MCP SDK's `Transport` shape: the
// client's stdio or HTTP session, a backend's child process or remote server, the in-memory pair of
// the unit tests. A transport only moves whole, valid JSON-RPC messages; framing, size limits and
// parse errors stay inside it, and correlating requests with responses is the correlator's job.
import type { RpcMessage, RpcResponse } from '../jsonrpc.ts';

/** One side of a connection that carries JSON-RPC messages. */
export interface MessageTransport {
  start(): Promise<void>;
  /** Sends one message; rejects when it cannot be delivered (closed, refused by the peer). */
  send(message: RpcMessage): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: RpcMessage) => void;
  /** The connection ended; `reason` says why when it ended on its own (a crash, a lost session). */
  onclose?: (reason?: string) => void;
  /**
   * The peer will send nothing more (end of input), but answers can still be sent. Without a handler
   * the end of input closes the transport (`onclose`).
   */
  onend?: () => void;
  onerror?: (error: Error) => void;
  /** A message that is not valid, with the error response its sender should get (none for notifications). */
  oninvalid?: (reply: RpcResponse | undefined, reason: string) => void;
  /**
   * Every request id this transport delivers was minted by the guard (unique in the process), so no
   * layer behind it needs to rewrite it again: the HTTP call transports set it.
   */
  readonly mintsIds?: boolean;
}
