// One backend shared by many sessions (`http.backend_mode: shared`, and every modern-era stateless
// request): each session's relay gets a `BackendView` that looks like a backend of its own. The views
// share the supervisor's one correlator, so a request is matched to its session by the id the server
// sees (minted there unless the guard minted it already) and nothing is rewritten twice. A
// server-to-client request goes to the session whose call is newest; its cancellation follows it; other
// server notifications go to every session.
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  type RpcRequest,
  type RpcResponse,
} from '../jsonrpc.ts';
import { mintId } from '../transport/correlator.ts';
import type { Supervisor } from './supervisor.ts';
import type { Backend, BackendState, CallOptions } from './types.ts';

/** Per-session entries a `SharedBackend` holds (see `SharedBackend.stats`). */
export interface SharedBackendStats {
  views: number;
  calls: number;
  tokens: number;
  serverCalls: number;
}

/** A backend shared by several relays. */
export class SharedBackend {
  readonly inner: Supervisor;
  readonly #views = new Set<BackendView>();
  /** Server-to-client request id -> the view it was sent to. */
  readonly #serverCalls = new Map<RpcId, BackendView>();
  #initialized = false;
  /** The first session's initialize, replayed when the backend restarts (it lost its session). */
  #initialize: RpcRequest | undefined;
  #starting: Promise<void> | undefined;

  constructor(inner: Supervisor) {
    this.inner = inner;
    inner.onmessage = (m) => this.#dispatch(m);
    inner.oncrash = (reason) => {
      this.#serverCalls.clear();
      for (const v of this.#views) v.oncrash?.(reason);
    };
    inner.onstart = (restart) => this.#reinitialize(restart);
  }

  async #reinitialize(restart: boolean): Promise<void> {
    if (!restart || !this.#initialize) return;
    const response = await this.inner.requests.request(
      { ...this.#initialize, id: mintId() },
      { owner: this.inner, keepId: true, duringStart: true },
    );
    if (response?.error) throw new Error(`initialize: ${response.error.message}`);
    if (this.#initialized)
      await this.inner.send({ jsonrpc: '2.0', method: 'notifications/initialized' }, true);
  }

  /** Starts the shared backend once; later calls wait for the same start. */
  start(): Promise<void> {
    // A failed first start (no program, no file descriptors) is not remembered: the next session tries
    // again rather than failing for ever on a cached rejection.
    this.#starting ??= this.inner.start().catch((error: Error) => {
      this.#starting = undefined;
      throw error;
    });
    return this.#starting;
  }

  /**
   * What the shared backend tracks right now, per session: views attached, calls, progress tokens and
   * server-to-client requests in flight. All zero once every session has closed (nothing is kept for
   * a session that ended); tests and the memory benchmark check that.
   */
  get stats(): SharedBackendStats {
    return {
      views: this.#views.size,
      calls: this.inner.requests.size,
      tokens: this.inner.requests.tokens,
      serverCalls: this.#serverCalls.size,
    };
  }

  /** Stops the shared backend (at server shutdown). */
  async stop(): Promise<void> {
    this.#views.clear();
    await this.inner.stop();
  }

  /** A new view for one session's relay. */
  view(): BackendView {
    const v = new BackendView(this);
    this.#views.add(v);
    return v;
  }

  /** @internal Forgets a view (its session ended); its calls in flight are cancelled at the backend. */
  detach(view: BackendView): void {
    this.#views.delete(view);
    this.inner.requests.abandon(view, 'session ended', true);
    for (const [id, v] of this.#serverCalls) if (v === view) this.#serverCalls.delete(id);
  }

  /** @internal A request of a view. */
  request(view: BackendView, request: RpcRequest, options: CallOptions): Promise<RpcResponse | undefined> {
    if (request.method === 'initialize') this.#initialize ??= request;
    return this.inner.requests.request(request, { ...options, owner: view, keepId: options.minted === true });
  }

  /** @internal Any other message of a view, on its way to the backend. */
  async send(message: RpcMessage, duringStart?: boolean): Promise<void> {
    if (isNotification(message)) {
      // The backend completes its handshake once (the first session's); later ones would repeat it.
      if (message.method === 'notifications/initialized') {
        if (this.#initialized) return;
        this.#initialized = true;
      }
    } else if (!isRequest(message) && message.id !== null) {
      // A response to a server-to-client request: the backend's own id, passed through unchanged.
      this.#serverCalls.delete(message.id);
    }
    await this.inner.send(message, duringStart);
  }

  #dispatch(message: RpcMessage): void {
    if (isRequest(message)) {
      const target = this.inner.requests.newest()?.owner;
      if (!(target instanceof BackendView)) {
        void this.inner
          .send(
            errorResponse(message.id, CODES.methodNotFound, 'no client is waiting on this shared backend'),
          )
          .catch(() => {});
        return;
      }
      this.#serverCalls.set(message.id, target);
      target.onmessage?.(message);
      return;
    }
    if (isNotification(message)) {
      if (message.method === 'notifications/progress') return; // its request is over: nobody to tell
      if (message.method === 'notifications/cancelled') {
        const id = message.params?.requestId as RpcId | undefined;
        const view = id === undefined ? undefined : this.#serverCalls.get(id);
        if (view) {
          this.#serverCalls.delete(id!);
          view.onmessage?.(message);
        }
        return;
      }
      for (const v of this.#views) v.onmessage?.(message);
    }
  }
}

/** One session's view of a shared backend: the relay's `Backend`. */
export class BackendView implements Backend {
  onmessage?: (message: RpcMessage) => void;
  oncrash?: (reason: string) => void;
  onstart?: (restart: boolean) => Promise<void>;
  readonly #shared: SharedBackend;
  #stopped = false;

  constructor(shared: SharedBackend) {
    this.#shared = shared;
  }

  get name(): string {
    return this.#shared.inner.name;
  }

  get state(): BackendState {
    return this.#stopped ? 'stopped' : this.#shared.inner.state;
  }

  get retryInMs(): number {
    return this.#shared.inner.retryInMs;
  }

  /** The shared backend's restarts (the same count in every view). */
  get restarts(): number {
    return this.#shared.inner.restarts;
  }

  /** Waits for the shared backend to be up (it is started once, for every view). */
  async start(): Promise<void> {
    await this.#shared.start();
  }

  /** Detaches this view; the shared backend keeps running for the others. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#shared.detach(this);
  }

  request(request: RpcRequest, options: CallOptions = {}): Promise<RpcResponse | undefined> {
    if (this.#stopped)
      return Promise.resolve(errorResponse(request.id, CODES.internal, `backend ${this.name} is stopped`));
    return this.#shared.request(this, request, options);
  }

  cancel(id: RpcId | undefined, reason: string): boolean {
    return this.#shared.inner.requests.cancel(id, reason, this) > 0;
  }

  failPending(message: string): void {
    this.#shared.inner.requests.fail(this, message);
  }

  async send(message: RpcMessage, duringStart?: boolean): Promise<void> {
    if (this.#stopped) throw new Error(`backend ${this.name} is stopped`);
    await this.#shared.send(message, duringStart);
  }
}
