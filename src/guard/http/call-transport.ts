// The client side of a session whose client is a series of HTTP requests, each waiting for its own
// response (`/rpc`, and modern-era stateless POSTs on `/mcp`). Concurrent HTTP requests reuse ids and
// progress tokens, so each call goes to the relay through a correlator that mints both (unique in the
// process: no layer behind needs to rewrite them again) and restores them on the way back. There is no
// stream for server-to-client requests: they are answered at once with an error (modern servers ask
// for input with `input_required` results).
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcMessage,
  type RpcNotification,
  type RpcRequest,
  type RpcResponse,
} from '../jsonrpc.ts';
import { Correlator } from '../transport/correlator.ts';
import type { MessageTransport } from '../transport/types.ts';

/** A call in flight: its response (undefined once cancelled), and a way to cancel it. */
export interface Call {
  response: Promise<RpcResponse | undefined>;
  cancel(reason: string): void;
}

/** A `MessageTransport` whose client is a set of pending HTTP requests. */
export class CallTransport implements MessageTransport {
  readonly mintsIds = true;
  onmessage?: (message: RpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  /** The calls in flight; each call is its own owner, so two calls with the same id stay apart. */
  readonly #calls: Correlator<object>;
  readonly #label: string;
  #closed = false;

  /** `label` names the endpoint in the error given to server-to-client requests. */
  constructor(label: string) {
    this.#label = label;
    this.#calls = new Correlator<object>({
      send: async (message) => {
        if (this.#closed) throw new Error('session closed');
        this.onmessage?.(message);
      },
    });
  }

  /** Calls in flight. */
  get pending(): number {
    return this.#calls.size;
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#calls.fail(undefined, 'session closed');
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
      if (message.method === 'notifications/progress') this.#calls.progress(message);
      return;
    }
    this.#calls.receive(message);
  }

  /** Passes a client request in; its progress notifications go to `onprogress`. */
  call(request: RpcRequest, onprogress?: (notification: RpcNotification) => void): Call {
    const owner = {};
    return {
      response: this.#calls.request(request, { owner, onprogress }),
      cancel: (reason) => void this.#calls.cancel(request.id, reason, owner),
    };
  }

  /** Passes a notification (or a response) in. */
  notify(message: RpcMessage): void {
    this.onmessage?.(message);
  }
}
