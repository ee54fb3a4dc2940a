// The correlator: the requests one side has sent over one connection and not yet seen answered, as
// the MCP SDK's `Protocol` keeps them. It owns the ids and progress tokens the peer sees (the
// requester's own when they are unique on this connection, fresh ones otherwise) and restores the
// requester's on the way back; it times entries out (progress restarts the timer), cancels by the
// requester's id, and answers everything still pending when the connection fails or closes. Keys
// are the id and token values themselves (1 and "1" are different ids), never joined strings.
// Used for every direction the guard sends requests in: to a backend (one per backend connection,
// shared by every session on a shared backend), to the client (server-to-client requests), and by the
// HTTP call transports (concurrent HTTP requests reuse ids).
import { CODES } from '../errors.ts';
import {
  errorResponse,
  type RpcId,
  type RpcMessage,
  type RpcNotification,
  type RpcRequest,
  type RpcResponse,
} from '../jsonrpc.ts';

/** A progress token as it appears in `_meta.progressToken`. */
export type ProgressToken = string | number;

let minted = 0;

/**
 * A request id that no peer has seen before: unique in this process, so a request carrying one can
 * cross any number of shared connections without being rewritten again.
 */
export function mintId(): string {
  return `mcp-guard-${++minted}`;
}

/** A progress token unique in this process (see {@link mintId}). */
export function mintToken(): string {
  return `mcp-guard-progress-${++minted}`;
}

/** One request in flight, as the correlator's users see it. */
export interface Outgoing<Owner> {
  /** The id the peer sees. */
  readonly id: RpcId;
  /** The id the requester used (restored on the response). */
  readonly original: RpcId;
  readonly method: string;
  /** Whoever sent the request: the relay of a session, a view of a shared backend, a backend. */
  readonly owner: Owner;
  /** The progress token the peer sees, if the request asked for progress. */
  readonly token: ProgressToken | undefined;
}

interface Entry<Owner> extends Outgoing<Owner> {
  /** The requester's own token (restored on progress notifications). */
  readonly originalToken: unknown;
  /** True when the peer sees the requester's id and token: messages pass back unchanged. */
  readonly kept: boolean;
  readonly onprogress: ((notification: RpcNotification) => void) | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Ends the entry: a response for the requester, or undefined when none will be given (cancelled). */
  settle(response: RpcResponse | undefined): void;
}

/** How one request is sent. */
export interface RequestOptions<Owner> {
  owner: Owner;
  /**
   * Send the requester's id and progress token as they are: they are unique on this connection (one
   * client session on its own backend, or ids minted by the guard). Default: fresh ones are minted.
   */
  keepId?: boolean;
  /** Answer with a timeout error after this long without a response (progress restarts it); 0: never. */
  timeoutMs?: number;
  /** Progress notifications for this request, with the requester's token restored. */
  onprogress?: (notification: RpcNotification) => void;
  /** Passed on to `send` (a backend that is still starting accepts its own re-initialization). */
  duringStart?: boolean;
}

/** What a correlator is built with. */
export interface CorrelatorOptions<Owner> {
  /** Sends a message to the peer: the requests, and the cancellations the correlator decides on. */
  send(message: RpcMessage, duringStart?: boolean): Promise<void>;
  /** The answer to a request that timed out (the peer has been told to cancel it); default a -32603. */
  timedOut?(request: Outgoing<Owner>, ms: number): RpcResponse;
  /** The answer to a request that could not be sent; default a -32603 with the reason. */
  unsent?(request: Outgoing<Owner>, error: Error): RpcResponse;
}

/** The pending requests of one side of one connection. */
export class Correlator<Owner = unknown> {
  readonly #o: CorrelatorOptions<Owner>;
  readonly #byId = new Map<RpcId, Entry<Owner>>();
  readonly #byToken = new Map<ProgressToken, Entry<Owner>>();

  constructor(options: CorrelatorOptions<Owner>) {
    this.#o = options;
  }

  /** Requests in flight. */
  get size(): number {
    return this.#byId.size;
  }

  /** Progress tokens in flight. */
  get tokens(): number {
    return this.#byToken.size;
  }

  /**
   * Sends `request` and resolves with its response (the requester's id restored), with the error a
   * timeout, a failed send or the connection's failure gives, or with undefined when the request was
   * cancelled (nothing is to be answered). Never rejects.
   */
  request(request: RpcRequest, options: RequestOptions<Owner>): Promise<RpcResponse | undefined> {
    const kept = options.keepId === true;
    const id = kept ? request.id : mintId();
    if (this.#byId.has(id)) {
      return Promise.resolve(
        errorResponse(
          request.id,
          CODES.invalidRequest,
          `request id ${JSON.stringify(request.id)} is already in flight`,
        ),
      );
    }
    const meta = request.params?._meta as Record<string, unknown> | undefined;
    const originalToken = meta?.progressToken;
    const asked = typeof originalToken === 'string' || typeof originalToken === 'number';
    const token = asked ? (kept ? (originalToken as ProgressToken) : mintToken()) : undefined;
    let out = request;
    if (!kept) {
      out = { ...request, id };
      if (asked) out.params = { ...request.params, _meta: { ...meta, progressToken: token } };
    }
    return new Promise<RpcResponse | undefined>((resolve) => {
      let done = false;
      const entry: Entry<Owner> = {
        id,
        original: request.id,
        method: request.method,
        owner: options.owner,
        token,
        originalToken,
        kept,
        onprogress: options.onprogress,
        timer: undefined,
        settle: (response) => {
          if (done) return;
          done = true;
          if (entry.timer !== undefined) clearTimeout(entry.timer);
          this.#byId.delete(id);
          if (token !== undefined && this.#byToken.get(token) === entry) this.#byToken.delete(token);
          resolve(response);
        },
      };
      const ms = options.timeoutMs ?? 0;
      if (ms > 0) entry.timer = setTimeout(() => this.#timeout(entry, ms), ms);
      this.#byId.set(id, entry);
      if (token !== undefined) this.#byToken.set(token, entry);
      this.#o.send(out, options.duringStart).catch((error: Error) => {
        entry.settle(
          this.#o.unsent?.(entry, error) ?? errorResponse(entry.original, CODES.internal, error.message),
        );
      });
    });
  }

  /** A response from the peer: settles its request. False when no request of that id is in flight. */
  receive(response: RpcResponse): boolean {
    const entry = response.id === null ? undefined : this.#byId.get(response.id);
    if (entry === undefined) return false;
    entry.settle(entry.kept ? response : { ...response, id: entry.original });
    return true;
  }

  /**
   * A progress notification from the peer: restarts its request's timer and hands it to the request's
   * `onprogress` with the requester's token. False when its token belongs to no request in flight.
   */
  progress(notification: RpcNotification): boolean {
    const token = notification.params?.progressToken;
    const entry =
      typeof token === 'string' || typeof token === 'number' ? this.#byToken.get(token) : undefined;
    if (entry === undefined) return false;
    entry.timer?.refresh();
    entry.onprogress?.(
      entry.kept
        ? notification
        : { ...notification, params: { ...notification.params, progressToken: entry.originalToken } },
    );
    return true;
  }

  /**
   * The requester cancels its request `original` (of `owner`, when given): the peer is told (under the
   * id it knows) and the request ends without an answer. Returns how many requests were cancelled.
   */
  cancel(original: RpcId | undefined, reason: string, owner?: Owner): number {
    let n = 0;
    for (const entry of this.#byId.values()) {
      if (entry.original !== original || (owner !== undefined && entry.owner !== owner)) continue;
      this.#tellCancelled(entry, reason);
      entry.settle(undefined);
      n++;
    }
    return n;
  }

  /**
   * Ends every request of `owner` (every request when undefined) without an answer; the peer is told
   * to cancel them when `tellPeer` is set (it is still there: a session ended, not the connection).
   */
  abandon(owner: Owner | undefined, reason: string, tellPeer: boolean): void {
    for (const entry of [...this.#byId.values()]) {
      if (owner !== undefined && entry.owner !== owner) continue;
      if (tellPeer) this.#tellCancelled(entry, reason);
      entry.settle(undefined);
    }
  }

  /**
   * Answers every request of `owner` (every request when undefined) with a -32603 error: the connection
   * failed or is closing. The peer is not told (it is gone, or going).
   */
  fail(owner: Owner | undefined, message: string, data?: unknown): void {
    for (const entry of [...this.#byId.values()]) {
      if (owner !== undefined && entry.owner !== owner) continue;
      entry.settle(errorResponse(entry.original, CODES.internal, message, data));
    }
  }

  /** Whether a request the peer knows as `id` is in flight. */
  has(id: RpcId): boolean {
    return this.#byId.has(id);
  }

  /** The request sent last and still in flight (a server request is about the newest call). */
  newest(): Outgoing<Owner> | undefined {
    let last: Entry<Owner> | undefined;
    for (const entry of this.#byId.values()) last = entry;
    return last;
  }

  /** The requests in flight (of `owner`, when given). */
  pending(owner?: Owner): Outgoing<Owner>[] {
    const out: Outgoing<Owner>[] = [];
    for (const entry of this.#byId.values())
      if (owner === undefined || entry.owner === owner) out.push(entry);
    return out;
  }

  #timeout(entry: Entry<Owner>, ms: number): void {
    this.#tellCancelled(entry, 'timed out in mcp-guard');
    entry.settle(
      this.#o.timedOut?.(entry, ms) ??
        errorResponse(entry.original, CODES.internal, `no answer to ${entry.method} within ${ms} ms`),
    );
  }

  #tellCancelled(entry: Entry<Owner>, reason: string): void {
    this.#o
      .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: entry.id, reason } })
      .catch(() => {});
  }
}
