// A backend MCP server reached over Streamable HTTP at its configured `url`, as a connection: each
// message is a POST (its answer JSON or an SSE stream), server messages that belong to no request come
// on the session's GET stream, DELETE ends the session. Only the headers from the server's own config
// are sent, never anything of the guard's client. Written on node:http rather than fetch so that the
// GET stream has no body timeout: a quiet stream is not a failure.
//  - The GET stream is opened before `notifications/initialized` is posted, so a server that sends a
//    request (elicitation, sampling) right after initialization finds it open.
//  - A GET stream that drops is resumed with `Last-Event-ID`; only the server saying the session is
//    gone (404), the server being unreachable for a POST, a POST stream breaking off mid-answer or an
//    oversized message ends the connection (the supervisor then reconnects and re-initializes).
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { GuardServer } from '../../config/guard-types.ts';
import {
  DEFAULT_MAX_DEPTH,
  isNotification,
  isRequest,
  isResponse,
  type RpcId,
  type RpcMessage,
  validateMessage,
} from '../jsonrpc.ts';
import type { Connection } from './types.ts';

/** Options of a remote connection. */
export interface RemoteOptions {
  maxMessageBytes: number;
  maxDepth?: number;
  log: (line: string) => void;
  /** How long DELETE may take at shutdown (default 2 s). */
  shutdownGraceMs?: number;
  /** First wait before re-opening a dropped GET stream (doubles up to 30 s); the server's `retry:` wins. */
  streamRetryMs?: number;
  /** How long `notifications/initialized` waits for the GET stream to open (default 5 s). */
  streamOpenMs?: number;
  /**
   * How long the answer to a POST or DELETE may stay silent (no headers, no bytes) before the server
   * counts as gone (default 300 s, what fetch allowed). The GET stream has none: a quiet stream is not
   * a failure.
   */
  bodyTimeoutMs?: number;
}

/** The default of {@link RemoteOptions.bodyTimeoutMs}. */
export const BODY_TIMEOUT_MS = 300_000;

/** The longest wait between attempts to re-open the GET stream. */
const MAX_STREAM_RETRY_MS = 30_000;

/** The session's GET stream: where it is, and where to resume it. */
interface StreamState {
  /** Settles once the server has answered the latest attempt to open it (or after `streamOpenMs`). */
  opened: Promise<void>;
  /** The open GET stream's response, while the stream is open. */
  response?: IncomingMessage;
  /** The id of the last event received, sent as `Last-Event-ID` when resuming. */
  lastEventId?: string;
  /** The wait before the next attempt to re-open it. */
  retryMs: number;
}

/** Why a request could not be delivered; `status` when the server answered with an HTTP error. */
export class RemoteError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'RemoteError';
    this.status = status;
  }
}

/** One session with a remote server. */
export class RemoteConnection implements Connection {
  onmessage?: (message: RpcMessage) => void;
  onclose?: (reason?: string) => void;
  onerror?: (error: Error) => void;
  readonly #name: string;
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #o: RemoteOptions;
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  /** Ids of `initialize` requests in flight: their response carries the protocol version. */
  readonly #initIds = new Set<RpcId>();
  /** Requests whose answer is still streaming, aborted when the connection ends. */
  readonly #open = new Set<ClientRequest>();
  #stream: StreamState | undefined;
  #streamTimer: NodeJS.Timeout | undefined;
  #ended = false;
  /** Settles once the last notification or answer sent has been accepted (see `send`). */
  #barrier: Promise<void> = Promise.resolve();

  constructor(server: GuardServer, options: RemoteOptions) {
    if (!server.url) throw new Error(`server ${server.name}: a remote backend needs a url`);
    this.#name = server.name;
    this.#url = new URL(server.url);
    this.#headers = { ...server.headers };
    this.#o = options;
    const https = this.#url.protocol === 'https:';
    this.#agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.#request = (https ? httpsRequest : httpRequest) as typeof httpRequest;
  }

  /** The session id the server issued, once it has. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** Nothing is sent before the first message: a server that is not there yet fails that message. */
  async start(): Promise<void> {}

  /**
   * Sends one message as a POST. Messages keep their order where it matters: a notification (or an
   * answer) is accepted by the server before anything sent after it goes out, so the requests that
   * follow `notifications/initialized` never overtake it; requests run concurrently.
   */
  send(message: RpcMessage): Promise<void> {
    const before = this.#barrier;
    if (isRequest(message)) return before.then(() => this.#post(message));
    const sent = before.then(() => this.#post(message));
    this.#barrier = sent.catch(() => {});
    return sent;
  }

  async #post(message: RpcMessage): Promise<void> {
    if (this.#ended) throw new RemoteError('the connection is closed');
    if (isNotification(message) && message.method === 'notifications/initialized') {
      await this.#openStream();
      if (this.#ended) throw new RemoteError('the connection is closed');
    }
    if (isRequest(message) && message.method === 'initialize') this.#initIds.add(message.id);
    const body = JSON.stringify(message);
    const res = await this.#exchange('POST', body, {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
    const sid = res.headers['mcp-session-id'];
    if (typeof sid === 'string' && sid !== '') this.#sessionId = sid;
    const status = res.statusCode ?? 0;
    if (status === 202 || (status >= 200 && status < 300 && !isRequest(message))) {
      res.resume();
      return;
    }
    if (status < 200 || status >= 300) {
      const text = await readText(res, 4096).catch(() => '');
      if (status === 404 && this.#sessionId !== undefined) this.#lost('session expired (HTTP 404)');
      throw new RemoteError(`HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ''}`, status);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('text/event-stream')) {
      // The answer streams: relayed as it comes; `send` is done once the server took the request.
      void this.#readEvents(res, false);
      return;
    }
    let text: string;
    try {
      text = await readText(res, this.#o.maxMessageBytes);
    } catch (error) {
      this.#lost((error as Error).message);
      throw error;
    }
    if (text.trim() === '') return;
    this.#deliver(text);
  }

  /** One HTTP exchange with the server's URL, resolved with its response headers. */
  #exchange(
    method: string,
    body?: string,
    extra: Record<string, string> = {},
    retried = false,
  ): Promise<IncomingMessage> {
    const headers: Record<string, string> = { ...this.#headers, ...extra };
    if (this.#sessionId !== undefined) headers['mcp-session-id'] = this.#sessionId;
    if (this.#protocolVersion !== undefined) headers['mcp-protocol-version'] = this.#protocolVersion;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<IncomingMessage>((resolve, reject) => {
      let responded: IncomingMessage | undefined;
      const req = this.#request(this.#url, { method, headers, agent: this.#agent }, (res) => {
        responded = res;
        this.#open.add(req);
        res.once('close', () => this.#open.delete(req));
        resolve(res);
      });
      // A POST or DELETE whose answer goes silent fails like a broken connection; the GET stream may
      // stay quiet for as long as the server likes.
      if (method !== 'GET') {
        const ms = this.#o.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
        req.setTimeout(ms, () => {
          const silent = new RemoteError(`no answer for ${ms} ms`);
          if (responded) responded.destroy(silent);
          else req.destroy(silent);
        });
      }
      // Once the answer has begun, a broken connection shows on the response instead (see `#readEvents`).
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (responded) return;
        // A kept-alive socket the server closed while idle (Node servers do after 5 s): the request never
        // reached it, so it is sent once more on a fresh connection, as Node's documentation advises.
        if (req.reusedSocket && error.code === 'ECONNRESET' && !retried && !this.#ended) {
          this.#exchange(method, body, extra, true).then(resolve, reject);
          return;
        }
        const reason = `connection failed (${error.code ?? error.message})`;
        if (method === 'POST') this.#lost(reason);
        reject(new RemoteError(reason));
      });
      req.end(body);
    });
  }

  /**
   * Reads an SSE body, delivering each event's message. A POST answer that breaks off, or any event
   * over the size limit, ends the connection; the GET stream that breaks off is resumed instead.
   */
  #readEvents(res: IncomingMessage, get: boolean): Promise<void> {
    const max = this.#o.maxMessageBytes;
    let size = 0;
    let newline = false;
    let over = false;
    const parser = createParser({
      onEvent: (event: EventSourceMessage) => {
        if (get && event.id !== undefined && this.#stream) this.#stream.lastEventId = event.id;
        if ((event.event === undefined || event.event === 'message') && event.data.trim() !== '')
          this.#deliver(event.data);
      },
      onRetry: (ms) => {
        if (this.#stream) this.#stream.retryMs = ms;
      },
    });
    res.setEncoding('utf8');
    return new Promise<void>((resolve) => {
      res.on('data', (chunk: string) => {
        if (over) return;
        // Bytes of the current event, since the last blank line.
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk.charCodeAt(i);
          if (++size > max) over = true;
          if (c === 13) continue;
          if (c === 10) {
            if (newline) size = 0;
            newline = true;
          } else newline = false;
        }
        if (over) {
          this.#lost(`sent a message larger than ${max} bytes`);
          res.destroy();
          resolve();
          return;
        }
        parser.feed(chunk);
      });
      let failure: Error | undefined;
      res.on('error', (error) => {
        failure = error;
      });
      res.once('close', () => {
        resolve();
        if (over || this.#ended) return;
        const broken = !res.complete;
        if (get) this.#streamDropped(broken ? `${failure?.message ?? 'aborted'}` : 'the server ended it');
        else if (broken) this.#lost(`connection lost (${failure?.message ?? 'aborted'})`);
      });
    });
  }

  #deliver(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.#o.log(`[${this.#name}] guard: ignored a message that is not JSON: ${(error as Error).message}`);
      return;
    }
    const checked = validateMessage(value, { maxDepth: this.#o.maxDepth ?? DEFAULT_MAX_DEPTH });
    if (!checked.ok) {
      this.#o.log(`[${this.#name}] guard: ignored an invalid message: ${checked.error}`);
      return;
    }
    const message = checked.message;
    if (isResponse(message) && message.id !== null && this.#initIds.delete(message.id)) {
      // Later requests carry MCP-Protocol-Version, as the spec asks of a client after initialization.
      const version = message.result?.protocolVersion;
      if (typeof version === 'string') this.#protocolVersion = version;
    }
    this.onmessage?.(message);
  }

  /** Opens the GET stream (once); resolves when the server has answered it, or after `streamOpenMs`. */
  #openStream(): Promise<void> {
    if (this.#stream) return this.#stream.opened;
    const stream: StreamState = {
      retryMs: this.#o.streamRetryMs ?? 1000,
      opened: Promise.resolve(),
    };
    this.#stream = stream;
    stream.opened = this.#connectStream(stream);
    return stream.opened;
  }

  async #connectStream(stream: StreamState): Promise<void> {
    const extra: Record<string, string> = { accept: 'text/event-stream' };
    if (stream.lastEventId !== undefined) extra['last-event-id'] = stream.lastEventId;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(() => resolve(), this.#o.streamOpenMs ?? 5_000);
      timer.unref();
    });
    const answered = this.#exchange('GET', undefined, extra).then(
      (res) => this.#streamAnswered(stream, res),
      (error: Error) => {
        if (!this.#ended) this.#streamDropped(error.message);
      },
    );
    await Promise.race([answered, waited]);
    clearTimeout(timer);
  }

  #streamAnswered(stream: StreamState, res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    if (this.#ended || this.#stream !== stream) {
      res.destroy();
      return;
    }
    if (status === 200) {
      stream.response = res;
      void this.#readEvents(res, true);
      return;
    }
    res.resume();
    // 405: the server offers no GET stream; everything comes on the POST answers.
    if (status === 405) return;
    if (status === 404 && this.#sessionId !== undefined) {
      this.#lost('session expired (HTTP 404)');
      return;
    }
    this.#streamDropped(`HTTP ${status}`);
  }

  /** The GET stream broke off or could not be opened: try again later, resuming after the last event. */
  #streamDropped(why: string): void {
    const stream = this.#stream;
    if (this.#ended || stream === undefined || this.#streamTimer !== undefined) return;
    const delay = stream.retryMs;
    this.#o.log(
      `[${this.#name}] guard: the GET stream dropped (${why}); resuming in ${delay} ms${stream.lastEventId === undefined ? '' : ` after event ${stream.lastEventId}`}`,
    );
    stream.retryMs = Math.min(MAX_STREAM_RETRY_MS, delay * 2);
    this.#streamTimer = setTimeout(() => {
      this.#streamTimer = undefined;
      if (this.#ended || this.#stream !== stream) return;
      stream.opened = this.#connectStream(stream).then(() => {
        // Open again: the next drop starts from the first delay.
        if (stream.response !== undefined && !stream.response.destroyed)
          stream.retryMs = this.#o.streamRetryMs ?? 1000;
      });
    }, delay);
    this.#streamTimer.unref();
  }

  /** The connection is over on the server's side: everything is dropped and the supervisor told. */
  #lost(reason: string): void {
    if (this.#ended) return;
    this.abort();
    this.onclose?.(`backend ${this.#name} ${reason}`);
  }

  abort(): void {
    this.#ended = true;
    if (this.#streamTimer !== undefined) clearTimeout(this.#streamTimer);
    this.#streamTimer = undefined;
    for (const req of this.#open) req.destroy();
    this.#open.clear();
    this.#stream?.response?.destroy();
    this.#agent.destroy();
  }

  /** Ends the remote session with DELETE (bounded by the grace period), then drops everything. */
  async close(): Promise<void> {
    if (this.#ended) return;
    if (this.#sessionId !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const deleted = this.#exchange('DELETE').then((res) => void res.resume());
        await Promise.race([
          deleted,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, this.#o.shutdownGraceMs ?? 2_000);
          }),
        ]);
      } catch (error) {
        this.#o.log(`[${this.#name}] guard: could not end the remote session: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
    this.abort();
  }
}

/** Reads a whole body as text, refusing one over `max` bytes. */
function readText(res: IncomingMessage, max: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        res.destroy();
        reject(new RemoteError(`sent a message larger than ${max} bytes`));
        return;
      }
      parts.push(chunk);
    });
    let failure: Error | undefined;
    res.on('error', (error) => {
      failure = error;
    });
    res.once('close', () => {
      if (res.complete) resolve(Buffer.concat(parts).toString('utf8'));
      else reject(new RemoteError(`connection lost (${failure?.message ?? 'aborted'})`));
    });
  });
}
