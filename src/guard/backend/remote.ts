// One backend MCP server reached over Streamable HTTP at its configured `url`, through the SDK's client
// transport (not its Client: the guard relays raw JSON-RPC both ways, server-to-client requests and
// notifications on the SSE streams included). Only the headers from the server's own config are sent,
// never anything of the guard's client. A lost connection or an expired session is a crash, as for a
// child process: in-flight requests are failed by the relay, and the backend reconnects with backoff,
// opening a new session that the relay re-initializes.

import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { GuardServer } from '../../config/guard-types.ts';
import { isRequest, isResponse, type RpcId, type RpcMessage } from '../jsonrpc.ts';
import type { BackendOptions } from './process.ts';
import type { Backend, BackendState } from './types.ts';

/** Options for a remote backend: the process backend's timings, plus a `fetch` to use instead of the global one. */
export type RemoteBackendOptions = Pick<
  BackendOptions,
  'maxMessageBytes' | 'log' | 'initialBackoffMs' | 'maxBackoffMs' | 'shutdownGraceMs'
> & { fetch?: FetchLike };

/** A remote backend over Streamable HTTP, reconnecting with exponential backoff after a failure. */
export class RemoteBackend implements Backend {
  readonly name: string;
  /** Called for every message the server sends (responses, requests, notifications). */
  onmessage?: (message: RpcMessage) => void;
  /** Called when the connection or session is lost (before a reconnect is scheduled). */
  oncrash?: (reason: string) => void;
  /** Called after each (re)connect, before the backend is marked up: the relay re-initializes it here. */
  onstart?: (restart: boolean) => Promise<void>;

  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #fetch: FetchLike;
  readonly #log: (line: string) => void;
  readonly #maxBytes: number;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #graceMs: number;
  #transport: StreamableHTTPClientTransport | undefined;
  #state: BackendState = 'down';
  #crashes = 0;
  #restartAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #starts = 0;
  /** Ids of `initialize` requests in flight: their response carries the protocol version for later requests. */
  readonly #initIds = new Set<string>();

  constructor(server: GuardServer, options: RemoteBackendOptions) {
    if (!server.url) throw new Error(`server ${server.name}: a remote backend needs a url`);
    this.name = server.name;
    this.#url = new URL(server.url);
    this.#headers = { ...server.headers };
    this.#fetch = options.fetch ?? fetch;
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#maxBytes = options.maxMessageBytes;
    this.#initialBackoffMs = options.initialBackoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#graceMs = options.shutdownGraceMs ?? 2_000;
  }

  /** Current state. */
  get state(): BackendState {
    return this.#state;
  }

  /** The remote session id, once the server has issued one. */
  get sessionId(): string | undefined {
    return this.#transport?.sessionId;
  }

  /** Restarts (reconnects) attempted since the first start, successful or not. */
  get restarts(): number {
    return Math.max(0, this.#starts - 1);
  }

  /** Milliseconds until the next reconnect attempt while down (0 when not scheduled). */
  get retryInMs(): number {
    return Math.max(0, this.#restartAt - Date.now());
  }

  /**
   * Prepares a connection and resolves once it is up (after `onstart`). Nothing is sent before the
   * relay's first message: a server that is not there yet fails that message and starts the reconnects.
   */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** Sends a message to the server; throws when the backend is not up or the server refuses it. */
  async send(message: RpcMessage, duringStart = false): Promise<void> {
    const ok = this.#state === 'up' || (duringStart && this.#state === 'starting');
    const transport = this.#transport;
    if (!ok || !transport) throw new Error(`backend ${this.name} is ${this.#state}`);
    if (isRequest(message) && message.method === 'initialize') this.#initIds.add(idKey(message.id));
    await transport.send(message as Parameters<StreamableHTTPClientTransport['send']>[0]);
  }

  async #connect(): Promise<void> {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = 'starting';
    this.#initIds.clear();
    // The transport is created before its fetch can name it; the wrapper reads it through this box.
    const box: { transport?: StreamableHTTPClientTransport } = {};
    const transport = new StreamableHTTPClientTransport(this.#url, {
      requestInit: { headers: this.#headers },
      fetch: this.#watchedFetch(box),
    });
    box.transport = transport;
    this.#transport = transport;
    transport.onmessage = (message) => this.#received(transport, message as RpcMessage);
    transport.onerror = (error) => {
      if (this.#transport === transport) this.#log(`[${this.name}] guard: ${error.message}`);
    };
    await transport.start();
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${(error as Error).message}`);
      this.#lost(transport, `backend ${this.name} could not be re-initialized`);
      return;
    }
    if (this.#transport === transport && this.#state === 'starting') {
      this.#state = 'up';
      this.#crashes = 0;
    }
  }

  #received(transport: StreamableHTTPClientTransport, message: RpcMessage): void {
    if (this.#transport !== transport) return;
    if (isResponse(message) && message.id !== null && this.#initIds.delete(idKey(message.id))) {
      // Later requests carry MCP-Protocol-Version, as the spec asks of a client after initialization.
      const version = message.result?.protocolVersion;
      if (typeof version === 'string') transport.setProtocolVersion(version);
    }
    this.onmessage?.(message);
  }

  /**
   * The fetch given to the transport: it notices a server that cannot be reached, a session the server
   * no longer knows (404), a stream cut off mid-way and a message over the size limit, and turns each
   * into a crash. Everything else (an HTTP error for one request) stays that request's failure.
   */
  #watchedFetch(box: { transport?: StreamableHTTPClientTransport }): FetchLike {
    return async (url, init) => {
      let response: Response;
      try {
        response = await this.#fetch(url, init);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        this.#failed(box.transport, `connection failed (${cause ?? (error as Error).message})`);
        throw error;
      }
      if (response.status === 404 && init?.method !== 'DELETE' && box.transport?.sessionId !== undefined) {
        this.#failed(box.transport, 'session expired (HTTP 404)');
        return response;
      }
      if (!response.ok || !response.body) return response;
      const type = response.headers.get('content-type') ?? '';
      const body = this.#watchedBody(box, response.body, type.includes('text/event-stream'));
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  }

  /** Passes a response body through, failing the backend when it breaks off or carries an oversized message. */
  #watchedBody(
    box: { transport?: StreamableHTTPClientTransport },
    body: ReadableStream<Uint8Array>,
    sse: boolean,
  ): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    const max = this.#maxBytes;
    // Bytes of the current message: for SSE, since the last blank line (the end of an event); for JSON, all.
    let size = 0;
    let newline = false;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          this.#failed(box.transport, `connection lost (${(error as Error).message})`);
          controller.error(error);
          return;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        let over = false;
        for (const byte of chunk.value) {
          if (++size > max) over = true;
          if (!sse || byte === 13) continue;
          if (byte === 10) {
            if (newline) size = 0;
            newline = true;
          } else newline = false;
        }
        if (over) {
          const reason = `sent a message larger than ${max} bytes`;
          this.#failed(box.transport, reason);
          void reader.cancel(reason).catch(() => {});
          controller.error(new Error(reason));
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
  }

  /** A failure seen on `transport`: a crash when it is the live connection of an up backend. */
  #failed(transport: StreamableHTTPClientTransport | undefined, detail: string): void {
    // While starting, the relay's re-initialization fails instead and `#connect` handles it.
    if (transport === undefined || transport !== this.#transport || this.#state !== 'up') return;
    this.#lost(transport, `backend ${this.name} ${detail}`);
  }

  /** Drops the connection, tells the relay, and schedules a reconnect with exponential backoff. */
  #lost(transport: StreamableHTTPClientTransport, reason: string): void {
    if (this.#transport !== transport || this.#state === 'stopped') return;
    this.#transport = undefined;
    void transport.close().catch(() => {});
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = 'down';
    this.oncrash?.(reason);
    const delay = Math.min(this.#maxBackoffMs, this.#initialBackoffMs * 2 ** this.#crashes);
    this.#crashes++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: reconnecting in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#state === 'down') void this.#connect();
    }, delay);
  }

  /** Stops for good: ends the remote session (HTTP DELETE, bounded by the grace period), then closes. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer) clearTimeout(this.#timer);
    const transport = this.#transport;
    this.#transport = undefined;
    if (!transport) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        transport.terminateSession(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.#graceMs);
        }),
      ]);
    } catch (error) {
      this.#log(`[${this.name}] guard: could not end the remote session: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    await transport.close();
  }
}

function idKey(id: RpcId): string {
  return JSON.stringify(id);
}
