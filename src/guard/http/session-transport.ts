// The client side of one Streamable HTTP session, as the relay sees it: the MCP SDK's own server
// transport (SSE and JSON responses, the GET stream, DELETE, protocol-version checks) wrapped as a
// `MessageTransport`. The relay sends without saying which HTTP stream a message belongs to, so this
// wrapper routes: responses by their id, progress by the request its token came with, server-to-client
// requests (sampling, elicitation, roots) on the stream of the request in flight (else the GET stream).
// The common POST (one well-formed request on an initialized session) skips the SDK: see `handlePost`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import {
  type JSONRPCMessage,
  JSONRPCRequestSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  type RpcRequest,
  validateMessage,
} from '../jsonrpc.ts';
import type { MessageTransport, NdjsonTransport } from '../transport/ndjson.ts';
import { PostReply } from './post-reply.ts';

/** The only members the SDK's (strict) request schema allows. */
const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);

/**
 * True when `body` is a single JSON-RPC request other than `initialize` that the SDK's schema would
 * accept as it is. Anything unusual goes through the SDK, which then answers exactly as before.
 */
function isPlainRequest(body: unknown): body is RpcRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const o = body as Record<string, unknown>;
  for (const key in o) if (!REQUEST_KEYS.has(key)) return false;
  if (o.jsonrpc !== '2.0' || typeof o.method !== 'string' || o.method === '' || o.method === 'initialize')
    return false;
  if (typeof o.id !== 'string' && !Number.isInteger(o.id)) return false;
  const params = o.params;
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  // `_meta` has a schema of its own (progress token, related task): let the SDK's schema judge it.
  return (params as { _meta?: unknown })._meta === undefined || JSONRPCRequestSchema.safeParse(body).success;
}

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
  /** Replies to POSTs the guard answers itself (`handlePost`), by JSON of the request id. */
  readonly #replies = new Map<string, PostReply>();
  #started = false;
  #closed = false;

  constructor(sessionId: string) {
    this.sdk = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
    this.sdk.onmessage = (m) => this.#received(m);
    this.sdk.onclose = () => {
      this.#closed = true;
      // As the SDK ends its own streams: replies still open end (empty SSE streams). They stay in the
      // table so that a late response is dropped quietly, as the closed SDK transport drops it.
      for (const reply of this.#replies.values()) reply.end();
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

  /**
   * Answers a POST without the SDK when it is the common case: one plain JSON-RPC request on this
   * initialized session, with the Accept, Content-Type and protocol-version headers the SDK would
   * accept. The request goes to the relay at once; its reply is a `PostReply` (JSON when the response
   * comes first, else SSE). Returns false, having done nothing, when the SDK must handle the request.
   * The session id and principal were checked by the caller.
   */
  handlePost(req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
    const sessionId = this.sdk.sessionId;
    if (this.#closed || sessionId === undefined || !isPlainRequest(body)) return false;
    const accept = req.headers.accept;
    // The SDK's checks, in its terms: Accept lists both types (substring), Content-Type is JSON.
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return false;
    if (!isJsonContentType(req.headers['content-type'])) return false;
    const version = req.headers['mcp-protocol-version'];
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version as string)) return false;
    const key = JSON.stringify(body.id);
    // A reused id in flight: the SDK's own bookkeeping decides, as it always did.
    if (this.#inflight.has(key)) return false;
    this.#replies.set(key, new PostReply(res, sessionId));
    this.#received(body as JSONRPCMessage);
    return true;
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
      const reply = checked.notification ? undefined : errorResponse(checked.id, checked.code, checked.error);
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

  #finish(id: RpcId, closeStream: boolean, key = JSON.stringify(id)): void {
    this.#inflight.delete(key);
    if (this.#progress.size > 0)
      for (const [token, owner] of this.#progress) if (owner === id) this.#progress.delete(token);
    if (!closeStream) return;
    const reply = this.#replies.get(key);
    if (reply === undefined) {
      this.sdk.closeSSEStream(id);
      return;
    }
    // Like the SDK's closeSSEStream: the stream ends, and a late response finds no connection.
    this.#replies.delete(key);
    reply.end();
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
      if (message.id !== null) {
        const key = JSON.stringify(message.id);
        this.#finish(message.id, false, key);
        const reply = this.#replies.get(key);
        if (reply !== undefined) {
          this.#replies.delete(key);
          // The client went away: the same refusal the SDK gives for a stream that is gone.
          if (reply.gone) throw new Error(`No connection established for request ID: ${String(message.id)}`);
          reply.respond(out);
          return;
        }
      }
      await this.sdk.send(out);
      return;
    }
    const related = this.#related(message);
    if (related !== undefined) {
      const reply = this.#replies.size > 0 ? this.#replies.get(JSON.stringify(related)) : undefined;
      if (reply !== undefined) {
        // On the request's own stream; dropped if the client left (the SDK dropped it too).
        reply.event(out);
        return;
      }
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
