// The reply to one legacy-era POST that the guard answers itself instead of through the SDK's
// Web-stream bridge (which costs a Request/Response conversion, a ReadableStream and two socket
// writes per call). The HTTP response is held until the JSON-RPC response is ready and then sent as one
// `application/json` body in one write. The client accepted both types, and the spec lets the server
// choose. When anything else must reach the client first (progress, a server-to-client request, a
// keep-alive tick on a long call, the stream being closed), the reply turns into the SSE stream the
// SDK would have sent, with the same headers and event format, and the response ends it.
import type { ServerResponse } from 'node:http';

/** How long a call may run before its reply becomes an SSE stream with keep-alive comments (the SDK's default). */
export const KEEP_ALIVE_MS = 15_000;

/** The headers of an SSE reply, as the SDK's transport sends them. */
function sseHeaders(sessionId: string): Record<string, string> {
  return {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'mcp-session-id': sessionId,
  };
}

/** One SSE `message` event. */
const sseEvent = (message: unknown): string => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** A held POST reply: JSON when the response comes first, else an SSE stream. */
export class PostReply {
  readonly #res: ServerResponse;
  readonly #sessionId: string;
  readonly #keepAliveMs: number;
  #sse = false;
  #ended = false;
  #gone = false;
  #timer: NodeJS.Timeout | undefined;

  /**
   * `onclose` is told once the response closed (sent, or the client went away): the caller's own
   * bookkeeping rides on the reply's one 'close' listener.
   */
  constructor(res: ServerResponse, sessionId: string, keepAliveMs = KEEP_ALIVE_MS, onclose?: () => void) {
    this.#res = res;
    this.#sessionId = sessionId;
    this.#keepAliveMs = keepAliveMs;
    // One timer per call: a call still running after it turns the reply into a stream of keep-alives,
    // so proxies between the guard and the client never see an idle connection for long.
    this.#timer = setTimeout(() => this.#keepAlive(), keepAliveMs);
    this.#timer.unref();
    res.once('close', () => {
      this.#gone = !this.#ended;
      this.#stopTimer();
      onclose?.();
    });
  }

  /** True when the client went away before the reply ended (nothing can reach it any more). */
  get gone(): boolean {
    return this.#gone;
  }

  /** Sends a message that is not the response (progress, a server-to-client request) as an SSE event. */
  event(message: unknown): void {
    if (this.#ended || this.#gone) return;
    this.#openStream();
    this.#res.write(sseEvent(message));
  }

  /** Sends the JSON-RPC response and ends the reply: one JSON body, or the last event of the stream. */
  respond(message: unknown): void {
    if (this.#ended || this.#gone) return;
    this.#ended = true;
    this.#stopTimer();
    if (this.#sse) {
      this.#res.end(sseEvent(message));
      return;
    }
    // A string body: Node sends it in the same write as the headers (a Buffer would be a second
    // chunk of a writev), and writeHead on a response with no headers set yet takes the object as it is.
    const body = JSON.stringify(message);
    this.#res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'mcp-session-id': this.#sessionId,
    });
    this.#res.end(body);
  }

  /** Ends the reply without a response (cancelled, session closed): an empty SSE stream, as the SDK does. */
  end(): void {
    if (this.#ended || this.#gone) return;
    this.#ended = true;
    this.#stopTimer();
    this.#openStream();
    this.#res.end();
  }

  #openStream(): void {
    if (this.#sse) return;
    this.#sse = true;
    // Every caller writes or ends right after, so the headers leave in the same write as the first bytes.
    this.#res.writeHead(200, sseHeaders(this.#sessionId));
  }

  #keepAlive(): void {
    if (this.#ended || this.#gone) return;
    this.#openStream();
    this.#res.write(': keepalive\n\n');
    this.#timer = setTimeout(() => this.#keepAlive(), this.#keepAliveMs);
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
