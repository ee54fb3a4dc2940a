// One backend shared by many sessions (`http.backend_mode: shared`, and every modern-era stateless
// request): each session's relay gets a `BackendView` that looks like a backend of its own. Request
// ids and progress tokens are rewritten on the way in (sessions' id spaces overlap) and restored on
// the way out; `notifications/cancelled` is mapped the same way; other server notifications go to
// every view. A server-to-client request goes to the view whose call is in flight.
import type { Backend, BackendState } from '../backend/types.ts';
import { CODES } from '../errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  type RpcRequest,
} from '../jsonrpc.ts';

interface Call {
  view: BackendView;
  id: RpcId;
  /** The guard's progress token (JSON), when the request carried one. */
  token?: string;
}

/** Per-session entries a `SharedBackend` holds (see `SharedBackend.stats`). */
export interface SharedBackendStats {
  views: number;
  calls: number;
  tokens: number;
  serverCalls: number;
}

/** A backend shared by several relays. */
export class SharedBackend {
  readonly inner: Backend;
  readonly #views = new Set<BackendView>();
  /** Guard id -> the view and the id it used. */
  readonly #calls = new Map<string, Call>();
  /** Guard progress token (JSON) -> the view and the token it used. */
  readonly #tokens = new Map<string, { view: BackendView; token: unknown }>();
  /** Server-to-client request id (JSON) -> the view it was sent to. */
  readonly #serverCalls = new Map<string, BackendView>();
  #next = 0;
  #initialized = false;
  /** The first session's initialize, replayed when the backend restarts (it lost its session). */
  #initialize: RpcRequest | undefined;
  /** The guard's own requests (the replayed initialize): id -> what to do with the answer. */
  readonly #own = new Map<string, (response: RpcMessage) => void>();
  #starting: Promise<void> | undefined;

  constructor(inner: Backend) {
    this.inner = inner;
    inner.onmessage = (m) => this.#dispatch(m);
    inner.oncrash = (reason) => {
      for (const v of this.#views) v.oncrash?.(reason);
    };
    inner.onstart = (restart) => this.#reinitialize(restart);
  }

  async #reinitialize(restart: boolean): Promise<void> {
    if (!restart || !this.#initialize) return;
    const id = `mcp-guard-shared-init-${++this.#next}`;
    const answered = new Promise<RpcMessage>((resolve) => this.#own.set(id, resolve));
    await this.inner.send({ ...this.#initialize, id }, true);
    const response = await answered;
    if ('error' in response && response.error) throw new Error(`initialize: ${response.error.message}`);
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
      calls: this.#calls.size,
      tokens: this.#tokens.size,
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
    for (const [guardId, call] of this.#calls) {
      if (call.view !== view) continue;
      this.#forget(guardId);
      void this.inner
        .send({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: guardId, reason: 'session ended' },
        })
        .catch(() => {});
    }
    for (const [id, v] of this.#serverCalls) if (v === view) this.#serverCalls.delete(id);
  }

  /** @internal A message from a view, on its way to the backend. */
  async send(view: BackendView, message: RpcMessage, duringStart?: boolean): Promise<void> {
    if (isRequest(message)) {
      if (message.method === 'initialize') this.#initialize ??= message;
      const guardId = `mcp-guard-shared-${++this.#next}`;
      const call: Call = { view, id: message.id };
      const out: RpcRequest = { ...message, id: guardId };
      const meta = message.params?._meta as Record<string, unknown> | undefined;
      if (meta?.progressToken !== undefined) {
        const token = `mcp-guard-progress-${this.#next}`;
        call.token = JSON.stringify(token);
        this.#tokens.set(call.token, { view, token: meta.progressToken });
        out.params = { ...message.params, _meta: { ...meta, progressToken: token } };
      }
      this.#calls.set(guardId, call);
      try {
        await this.inner.send(out, duringStart);
      } catch (error) {
        this.#forget(guardId);
        throw error;
      }
      return;
    }
    if (isNotification(message)) {
      if (message.method === 'notifications/cancelled') {
        const requestId = message.params?.requestId;
        for (const [guardId, call] of this.#calls) {
          if (call.view !== view || call.id !== requestId) continue;
          this.#forget(guardId);
          await this.inner.send(
            { ...message, params: { ...message.params, requestId: guardId } },
            duringStart,
          );
        }
        return;
      }
      // The backend completes its handshake once (the first session's); later ones would repeat it.
      if (message.method === 'notifications/initialized') {
        if (this.#initialized) return;
        this.#initialized = true;
      }
      await this.inner.send(message, duringStart);
      return;
    }
    // A response to a server-to-client request: the backend's own id, passed through unchanged.
    if (message.id !== null) this.#serverCalls.delete(JSON.stringify(message.id));
    await this.inner.send(message, duringStart);
  }

  #forget(guardId: string): void {
    const call = this.#calls.get(guardId);
    this.#calls.delete(guardId);
    if (call?.token !== undefined) this.#tokens.delete(call.token);
  }

  #dispatch(message: RpcMessage): void {
    if (isRequest(message)) {
      let target: BackendView | undefined;
      for (const call of this.#calls.values()) target = call.view;
      if (target === undefined) {
        void this.inner
          .send(
            errorResponse(message.id, CODES.methodNotFound, 'no client is waiting on this shared backend'),
          )
          .catch(() => {});
        return;
      }
      this.#serverCalls.set(JSON.stringify(message.id), target);
      target.onmessage?.(message);
      return;
    }
    if (isNotification(message)) {
      if (message.method === 'notifications/progress') {
        const owner = this.#tokens.get(JSON.stringify(message.params?.progressToken));
        if (owner)
          owner.view.onmessage?.({ ...message, params: { ...message.params, progressToken: owner.token } });
        return;
      }
      if (message.method === 'notifications/cancelled') {
        const view = this.#serverCalls.get(JSON.stringify(message.params?.requestId));
        if (view) view.onmessage?.(message);
        const call = this.#calls.get(String(message.params?.requestId));
        if (call) call.view.onmessage?.({ ...message, params: { ...message.params, requestId: call.id } });
        return;
      }
      for (const v of this.#views) v.onmessage?.(message);
      return;
    }
    const guardId = typeof message.id === 'string' ? message.id : undefined;
    const own = guardId === undefined ? undefined : this.#own.get(guardId);
    if (own) {
      this.#own.delete(guardId!);
      own(message);
      return;
    }
    const call = guardId === undefined ? undefined : this.#calls.get(guardId);
    if (!call) return;
    this.#forget(guardId!);
    call.view.onmessage?.({ ...message, id: call.id });
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

  async send(message: RpcMessage, duringStart?: boolean): Promise<void> {
    if (this.#stopped) throw new Error(`backend ${this.name} is stopped`);
    await this.#shared.send(this, message, duringStart);
  }
}
