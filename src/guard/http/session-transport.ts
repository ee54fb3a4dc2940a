// The client side of one Streamable HTTP session, as the relay sees it: the MCP SDK's own server
// transport (SSE and JSON responses, the GET stream, DELETE, protocol-version checks) wrapped as a
// `MessageTransport`. The relay sends without saying which HTTP stream a message belongs to, so this
// wrapper routes: responses by their id, progress by the request its token came with, server-to-client
// requests (sampling, elicitation, roots) on the stream of the request in flight (else the GET stream).
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  validateMessage,
} from '../jsonrpc.ts';
import type { MessageTransport, NdjsonTransport } from '../transport/ndjson.ts';

/** A `MessageTransport` over the SDK's `StreamableHTTPServerTransport` for one session. */
export class StreamableSessionTransport implements MessageTransport {
  onmessage?: (message: RpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  oninvalid?: NdjsonTransport['oninvalid'];
  /** Called first when the session ends (DELETE, expiry, shutdown): the table forgets it at once. */
  onended?: () => void;
  /** The SDK transport; the HTTP handler passes requests to its `handleRequest`. */
  readonly sdk: StreamableHTTPServerTransport;
  /** Client requests still waiting for their response, oldest first (key: JSON of the id). */
  readonly #inflight = new Map<string, RpcId>();
  /** Progress token (JSON) -> the client request that carried it. */
  readonly #progress = new Map<string, RpcId>();
  #started = false;

  constructor(sessionId: string) {
    this.sdk = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    this.sdk.onmessage = (m) => this.#received(m);
    this.sdk.onclose = () => {
      this.onended?.();
      this.onclose?.();
    };
    // The SDK reports every refused HTTP request here (404, 400 ...); the client got its status already.
    this.sdk.onerror = () => {};
  }

  /** Whether the SDK has issued the session (its initialize request was accepted). */
  get initialized(): boolean {
    return this.sdk.sessionId !== undefined;
  }

  /** Ids of client requests in flight (for graceful shutdown). */
  get pending(): number {
    return this.#inflight.size;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.sdk.start();
  }

  async close(): Promise<void> {
    await this.sdk.close();
  }

  #received(raw: JSONRPCMessage): void {
    const checked = validateMessage(raw);
    if (!checked.ok) {
      const reply = checked.notification
        ? undefined
        : errorResponse(checked.id, CODES.invalidRequest, checked.error);
      if (reply && reply.id !== null) void this.send(reply).catch(() => {});
      this.oninvalid?.(undefined, `invalid request: ${checked.error}`);
      return;
    }
    const message = checked.message;
    if (isRequest(message)) {
      this.#inflight.set(JSON.stringify(message.id), message.id);
      const token = (message.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
      if (token !== undefined) this.#progress.set(JSON.stringify(token), message.id);
    } else if (isNotification(message) && message.method === 'notifications/cancelled') {
      // A cancelled request gets no response: end its stream so the HTTP request does not hang.
      const id = message.params?.requestId as RpcId | undefined;
      if (id !== undefined && this.#inflight.has(JSON.stringify(id))) {
        queueMicrotask(() => this.#finish(id, true));
      }
    }
    this.onmessage?.(message);
  }

  #finish(id: RpcId, closeStream: boolean): void {
    this.#inflight.delete(JSON.stringify(id));
    for (const [token, owner] of this.#progress) if (owner === id) this.#progress.delete(token);
    if (closeStream) this.sdk.closeSSEStream(id);
  }

  /** The client request a server-to-client message relates to (the newest in flight), if any. */
  #related(message: RpcMessage): RpcId | undefined {
    if (isNotification(message) && message.method === 'notifications/progress') {
      const owner = this.#progress.get(JSON.stringify(message.params?.progressToken));
      if (owner !== undefined) return owner;
    }
    if (isRequest(message) || (isNotification(message) && message.method !== 'notifications/cancelled')) {
      let last: RpcId | undefined;
      for (const id of this.#inflight.values()) last = id;
      return last;
    }
    return undefined;
  }

  async send(message: RpcMessage): Promise<void> {
    const out = message as JSONRPCMessage;
    if (!isRequest(message) && !isNotification(message)) {
      // A response: the SDK finds its stream by id (and ends that stream once answered).
      if (message.id !== null) this.#finish(message.id, false);
      await this.sdk.send(out);
      return;
    }
    const related = this.#related(message);
    if (related !== undefined) {
      try {
        await this.sdk.send(out, { relatedRequestId: related });
        return;
      } catch {
        // That request's stream is gone (answered, or the client went away): use the GET stream.
      }
    }
    await this.sdk.send(out);
  }
}
