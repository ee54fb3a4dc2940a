// The client side of one Streamable HTTP session, as the relay sees it: the MCP SDK's own server
// transport (SSE and JSON responses, the GET stream, DELETE, protocol-version checks) wrapped as a
// `MessageTransport`. The client's requests go to the relay through a correlator (ids kept: one client
// per session), which remembers where each answer goes: the guard's own reply to the POST
// (`PostReply`), or the SDK's stream for that request. Progress goes to the stream of the request its
// token came with, server-to-client requests (sampling, elicitation, roots) to the stream of the newest
// request in flight (else the GET stream).
// The common POST (one well-formed request on an initialized session) skips the SDK: see `handlePost`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
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
  type RpcResponse,
  validateMessage,
} from '../jsonrpc.ts';
import { Correlator } from '../transport/correlator.ts';
import type { MessageTransport } from '../transport/types.ts';
import { KEEP_ALIVE_MS, PostReply } from './post-reply.ts';

/** The only members the SDK's (strict) request schema allows. */
const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);

/** Where the answer of a request the SDK took in goes: the SDK's own stream for it. */
const SDK = Symbol('the SDK stream');
type Stream = PostReply | typeof SDK;

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

/** Options of a session transport. */
export interface SessionTransportOptions {
  /** Keeps the session's SSE events so a client can resume a stream with `Last-Event-ID`. */
  eventStore?: EventStore;
}

/** A `MessageTransport` over the SDK's `StreamableHTTPServerTransport` for one session. */
export class StreamableSessionTransport implements MessageTransport {
  onmessage?: (message: RpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  oninvalid?: MessageTransport['oninvalid'];
  /** Called first when the session ends (DELETE, expiry, shutdown): the table forgets it at once. */
  onended?: () => void;
  /** The SDK transport; the HTTP handler passes requests to its `handleRequest`. */
  readonly sdk: StreamableHTTPServerTransport;
  /** The client's requests in flight, each with the stream its answer goes to. */
  readonly #requests: Correlator<Stream>;
  #started = false;
  #closed = false;

  constructor(sessionId: string, options: SessionTransportOptions = {}) {
    this.sdk = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
      eventStore: options.eventStore,
    });
    this.#requests = new Correlator<Stream>({
      send: async (message) => this.onmessage?.(message),
    });
    this.sdk.onmessage = (m) => this.#received(m, SDK);
    this.sdk.onclose = () => {
      this.#closed = true;
      // As the SDK ends its own streams: replies still open end (empty SSE streams), and late answers
      // find nothing to go to.
      this.#requests.abandon(undefined, 'the session closed', false);
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

  /** Client requests in flight (for graceful shutdown). */
  get pending(): number {
    return this.#requests.size;
  }

  /**
   * Answers a POST without the SDK when it is the common case: one plain JSON-RPC request on this
   * initialized session, with the Accept, Content-Type and protocol-version headers the SDK would
   * accept. The request goes to the relay at once; its reply is a `PostReply` (JSON when the response
   * comes first, else SSE). Returns false, having done nothing, when the SDK must handle the request.
   * The session id and principal were checked by the caller; `onclose` is told when the response
   * closed (only when true was returned).
   */
  handlePost(req: IncomingMessage, res: ServerResponse, body: unknown, onclose?: () => void): boolean {
    const sessionId = this.sdk.sessionId;
    if (this.#closed || sessionId === undefined || !isPlainRequest(body)) return false;
    const accept = req.headers.accept;
    // The SDK's checks, in its terms: Accept lists both types (substring), Content-Type is JSON.
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return false;
    if (!isJsonContentType(req.headers['content-type'])) return false;
    const version = req.headers['mcp-protocol-version'];
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version as string)) return false;
    // A reused id in flight: the SDK's own bookkeeping decides, as it always did.
    if (this.#requests.has(body.id)) return false;
    this.#received(body as JSONRPCMessage, new PostReply(res, sessionId, KEEP_ALIVE_MS, onclose));
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

  #received(raw: JSONRPCMessage, stream: Stream): void {
    const checked = validateMessage(raw);
    if (!checked.ok) {
      const reply = checked.notification ? undefined : errorResponse(checked.id, checked.code, checked.error);
      if (reply && reply.id !== null) this.#answer(stream, reply);
      this.oninvalid?.(undefined, `invalid request: ${checked.error}`);
      return;
    }
    const message = checked.message;
    if (isRequest(message)) {
      void this.#requests
        .request(message, {
          owner: stream,
          keepId: true,
          onprogress: (n) => this.#event(stream, message.id, n),
        })
        .then((response) => {
          // Cancelled: the stream ends without an answer (the SDK ends its own the same way).
          if (response === undefined) this.#end(stream, message.id);
          else this.#answer(stream, response);
        });
      return;
    }
    if (isNotification(message) && message.method === 'notifications/cancelled') {
      // The relay hears it from the correlator, which also ends the request's stream.
      const id = message.params?.requestId as RpcId | undefined;
      const reason =
        typeof message.params?.reason === 'string' ? message.params.reason : 'cancelled by the client';
      if (this.#requests.cancel(id, reason) > 0) return;
    }
    this.onmessage?.(message);
  }

  /** The answer to a request, on its stream. */
  #answer(stream: Stream, response: RpcResponse): void {
    if (stream === SDK) {
      void this.sdk.send(response as JSONRPCMessage).catch(() => {});
      return;
    }
    // The client went away: nothing can reach it (the SDK drops such answers too).
    stream.respond(response);
  }

  #end(stream: Stream, id: RpcId): void {
    if (stream === SDK) this.sdk.closeSSEStream(id);
    else stream.end();
  }

  /** A message related to request `id` (progress, a server request), on that request's stream. */
  #event(stream: Stream, id: RpcId, message: RpcMessage): void {
    if (stream !== SDK) {
      stream.event(message);
      return;
    }
    // That request's stream may be gone (answered, or the client went away): then the GET stream.
    void this.sdk
      .send(message as JSONRPCMessage, { relatedRequestId: id })
      .catch(() => this.sdk.send(message as JSONRPCMessage).catch(() => {}));
  }

  async send(message: RpcMessage): Promise<void> {
    if (!isRequest(message) && !isNotification(message)) {
      // An answer to a request in flight goes to its stream; any other (an error about a message the
      // relay found invalid) to the SDK, which finds the stream by id or drops it.
      if (!this.#requests.receive(message)) await this.sdk.send(message as JSONRPCMessage);
      return;
    }
    if (
      isNotification(message) &&
      message.method === 'notifications/progress' &&
      this.#requests.progress(message)
    )
      return;
    if (!(isNotification(message) && message.method === 'notifications/cancelled')) {
      const newest = this.#requests.newest();
      if (newest !== undefined) {
        this.#event(newest.owner, newest.original, message);
        return;
      }
    }
    await this.sdk.send(message as JSONRPCMessage);
  }
}
