// The client side of a session whose client is a series of HTTP requests, each waiting for its own
// response (`/rpc`, and modern-era stateless POSTs on `/mcp`). Each call gets a guard id and, when it
// asked for progress, a guard progress token, so concurrent calls that reuse ids or tokens never
// collide; both are restored on the way back. There is no stream for server-to-client requests: they
// are answered at once with an error (modern servers ask for input with `input_required` results).
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  type RpcNotification,
  type RpcRequest,
  type RpcResponse,
} from '../jsonrpc.ts';
import type { MessageTransport } from '../transport/ndjson.ts';

interface Waiting {
  id: RpcId;
  resolve: (response: RpcResponse) => void;
  onprogress?: (notification: RpcNotification) => void;
  token?: { guard: string; original: unknown };
}

/** A call in flight: its response, and a way to cancel it (the HTTP client went away). */
export interface Call {
  response: Promise<RpcResponse>;
  cancel(reason: string): void;
}

/** A `MessageTransport` whose client is a set of pending HTTP requests. */
export class CallTransport implements MessageTransport {
  onmessage?: (message: RpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  readonly #waiting = new Map<string, Waiting>();
  readonly #tokens = new Map<string, string>();
  readonly #label: string;
  #next = 0;
  #closed = false;

  /** `label` names the endpoint in the error given to server-to-client requests. */
  constructor(label: string) {
    this.#label = label;
  }

  /** Calls in flight. */
  get pending(): number {
    return this.#waiting.size;
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.#waiting.values()) w.resolve(errorResponse(w.id, CODES.internal, 'session closed'));
    this.#waiting.clear();
    this.onclose?.();
  }

  async send(message: RpcMessage): Promise<void> {
    if (isRequest(message)) {
      queueMicrotask(() =>
        this.onmessage?.(
          errorResponse(
            message.id,
            CODES.methodNotFound,
            `${message.method}: the ${this.#label} client cannot answer server requests`,
          ),
        ),
      );
      return;
    }
    if (isNotification(message)) {
      if (message.method !== 'notifications/progress') return;
      const guardId = this.#tokens.get(JSON.stringify(message.params?.progressToken));
      const w = guardId === undefined ? undefined : this.#waiting.get(guardId);
      if (w?.token)
        w.onprogress?.({ ...message, params: { ...message.params, progressToken: w.token.original } });
      return;
    }
    const guardId = typeof message.id === 'string' ? message.id : undefined;
    const w = guardId === undefined ? undefined : this.#waiting.get(guardId);
    if (!w) return;
    this.#forget(guardId!);
    w.resolve({ ...message, id: w.id });
  }

  #forget(guardId: string): void {
    const w = this.#waiting.get(guardId);
    this.#waiting.delete(guardId);
    if (w?.token) this.#tokens.delete(JSON.stringify(w.token.guard));
  }

  /** Passes a client request in; its progress notifications go to `onprogress`. */
  call(request: RpcRequest, onprogress?: (notification: RpcNotification) => void): Call {
    const guardId = `mcp-guard-call-${++this.#next}`;
    let resolve!: (response: RpcResponse) => void;
    const response = new Promise<RpcResponse>((r) => {
      resolve = r;
    });
    const w: Waiting = { id: request.id, resolve, onprogress };
    const out: RpcRequest = { ...request, id: guardId };
    const meta = request.params?._meta as Record<string, unknown> | undefined;
    if (meta?.progressToken !== undefined) {
      w.token = { guard: `${guardId}-progress`, original: meta.progressToken };
      this.#tokens.set(JSON.stringify(w.token.guard), guardId);
      out.params = { ...request.params, _meta: { ...meta, progressToken: w.token.guard } };
    }
    if (this.#closed) {
      resolve(errorResponse(request.id, CODES.internal, 'session closed'));
      return { response, cancel: () => {} };
    }
    this.#waiting.set(guardId, w);
    this.onmessage?.(out);
    return {
      response,
      cancel: (reason) => {
        if (!this.#waiting.has(guardId)) return;
        this.#forget(guardId);
        this.onmessage?.({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: guardId, reason },
        });
      },
    };
  }

  /** Passes a notification (or a response) in. */
  notify(message: RpcMessage): void {
    this.onmessage?.(message);
  }
}
