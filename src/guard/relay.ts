// The relay: joins the client transport to the backends, in both directions at all times. Client
// requests go through the policy pipeline and then to their backend; everything else (server-to-client
// requests such as sampling, elicitation and roots, their responses, notifications both ways) is passed
// on. Correlation is never done here by hand: each backend's connection has its correlator (ids,
// progress tokens, timeouts, cancellation, failure), and so has the client side for the requests
// backends send to the client. A client's ids go to a backend of its own as they are, and a
// cancellation is a flag on the request's context. With several backends an `Aggregator` answers
// `initialize` and the lists itself (docs/guard-multi.md).
import { randomUUID } from 'node:crypto';
import type { GuardConfig } from '../config/guard-types.ts';
import { Aggregator } from './aggregate/aggregator.ts';
import type { AuditEntry } from './audit/index.ts';
import type { Backend } from './backend/types.ts';
import {
  type AuditSink,
  type Ctx,
  createContext,
  type RequestContext,
  type SessionState,
} from './context.ts';
import { takeCredential } from './credentials.ts';
import { CODES } from './errors.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  type RpcId,
  type RpcMessage,
  type RpcNotification,
  type RpcRequest,
  type RpcResponse,
} from './jsonrpc.ts';
import type { Pipeline } from './pipeline.ts';
import type { Router } from './router.ts';
import { Correlator, mintId } from './transport/correlator.ts';
import { forgetRaw } from './transport/raw.ts';
import type { MessageTransport } from './transport/types.ts';

/** Everything the relay joins. */
export interface RelayOptions {
  config: GuardConfig;
  client: MessageTransport;
  backends: Map<string, Backend>;
  audit: AuditSink;
  log: (line: string) => void;
  /** The config's routes; with several backends the aggregator asks it for names it has not listed. */
  router?: Router;
}

/** The bidirectional relay for one client session. */
export class Relay {
  readonly session: SessionState = { id: randomUUID(), peer: 'stdio' };
  pipeline: Pipeline | undefined;
  /** Set when there are several backends: merges lists and routes names (its `resolve` is a policy). */
  readonly aggregator: Aggregator | undefined;
  readonly #o: RelayOptions;
  /** Requests the backends sent to the client, waiting for its answer (owner: the backend that asked). */
  readonly #toClient: Correlator<Backend>;
  /** Client requests not yet answered, by the client's id: a cancellation finds them here. */
  readonly #active = new Map<RpcId, RequestContext>();
  /** The client transport minted its request ids (HTTP calls): no backend needs to mint others. */
  readonly #minted: boolean;
  /** Answers still being handed to backends (awaited at close). */
  readonly #answering = new Set<Promise<void>>();
  readonly #notify: (notification: RpcNotification) => void;
  #initialize: RpcRequest | undefined;
  #initialized = false;
  #closing = false;
  /** The client's input has ended: nothing it could answer will come. */
  #inputEnded = false;
  /** Client requests not yet answered (in the pipeline or at a backend); `drain` waits for 0. */
  #inflight = 0;
  /** Set by `drain` while it waits: called when `#inflight` comes down to 0. */
  #drained: (() => void) | undefined;

  constructor(options: RelayOptions) {
    this.#o = options;
    const client = options.client;
    this.#minted = client.mintsIds === true;
    this.#notify = (n) => void this.#toClientSend(n);
    this.#toClient = new Correlator<Backend>({
      send: (m) => client.send(m),
      timedOut: (r) => errorResponse(r.original, CODES.internal, 'the client did not answer in time'),
    });
    for (const backend of options.backends.values()) {
      backend.onmessage = (m) => this.#fromBackend(backend, m);
      backend.oncrash = (reason) => this.#toClient.abandon(backend, reason, true);
      backend.onstart = (restart) => this.#reinitialize(backend, restart);
    }
    this.aggregator =
      options.backends.size > 1
        ? new Aggregator({
            config: options.config,
            backends: options.backends,
            router: options.router ?? (() => undefined),
            send: (name, request, internal) => this.#send(name, request, internal),
            log: options.log,
          })
        : undefined;
    client.onmessage = (m) => this.#fromClient(m);
    client.oninvalid = (reply, reason) => {
      this.#o.log(`guard: invalid message from the client: ${reason}`);
      this.#record({
        decision: 'deny',
        session: this.session.id,
        method: '(invalid)',
        id: reply?.id ?? null,
        code: reply?.error?.code,
        reason,
        latencyMs: 0,
      });
      if (reply) void this.#toClientSend(reply);
    };
  }

  /** Forwards a request that passed the pipeline to `ctx.backend`; resolves with its response. */
  readonly forward = async (ctx: Ctx): Promise<RpcResponse> => {
    if (this.aggregator) {
      if (ctx.method === 'initialize') this.#initialize = ctx.request;
      return this.aggregator.handle(ctx);
    }
    const backend = this.#o.backends.get(ctx.backend!)!;
    if (ctx.method === 'initialize') {
      this.#initialize = ctx.request;
      // Other backends learn about the session too; only the routed one answers the client.
      for (const other of this.#o.backends.values()) {
        if (other !== backend && other.state === 'up') void this.#call(other, ctx.request, false);
      }
    }
    if (backend.state !== 'up') {
      return errorResponse(
        ctx.request.id,
        CODES.internal,
        `backend ${backend.name} is ${backend.state}${backend.retryInMs ? `; restarting in ${backend.retryInMs} ms` : ''}`,
        { backend: backend.name },
      );
    }
    return this.#call(backend, ctx.request, false);
  };

  /** The aggregator's way to a backend: a client request, or one of the guard's own (`internal`). */
  #send(name: string, request: RpcRequest, internal: boolean): Promise<RpcResponse> {
    const backend = this.#o.backends.get(name)!;
    if (backend.state !== 'up') {
      return Promise.resolve(
        errorResponse(request.id, CODES.internal, `backend ${name} is ${backend.state}`, { backend: name }),
      );
    }
    return this.#call(backend, request, internal);
  }

  /** Sends a request to a backend and waits for its answer; a cancelled one gets a placeholder nobody sees. */
  async #call(backend: Backend, request: RpcRequest, internal: boolean): Promise<RpcResponse> {
    const { initializeTimeoutMs, requestTimeoutMs } = this.#o.config.limits;
    const response = await backend.request(request, {
      // A backend that never answers `initialize` is stuck starting (a download behind a proxy, a
      // prompt for input): it gets a shorter limit, and the error quotes what it last said.
      timeoutMs: request.method === 'initialize' ? initializeTimeoutMs : requestTimeoutMs,
      minted: internal || this.#minted,
      onprogress: this.#notify,
    });
    // Cancelled: the context is flagged, so this answer is never sent (the record says why).
    return response ?? errorResponse(request.id, CODES.internal, 'cancelled');
  }

  async #toClientSend(message: RpcMessage): Promise<void> {
    try {
      await this.#o.client.send(message);
    } catch (error) {
      this.#o.log(`guard: cannot write to the client: ${(error as Error).message}`);
    }
  }

  /** An audit record the relay writes itself (invalid input, dropped notifications); never throws. */
  #record(entry: AuditEntry): void {
    try {
      this.#o.audit.append(entry);
    } catch (error) {
      this.#o.log(`guard: cannot write the audit log: ${(error as Error).message}`);
    }
  }

  /**
   * Every message from the client lands here. Nothing a message holds may throw past this point: a
   * throw would end the session (over stdio, the guard) with nobody answered.
   */
  #fromClient(message: RpcMessage): void {
    try {
      if (this.#closing) {
        if (isRequest(message))
          void this.#toClientSend(errorResponse(message.id, CODES.internal, 'guard is shutting down'));
        return;
      }
      if (isRequest(message)) void this.#clientRequest(message);
      else if (isNotification(message)) this.#clientNotification(message);
      else if (!this.#toClient.receive(message))
        this.#o.log(`guard: response from the client with unknown id ${JSON.stringify(message.id)} ignored`);
    } catch (error) {
      this.#o.log(`guard: internal error on a client message: ${(error as Error).stack ?? error}`);
      if (isRequest(message))
        void this.#toClientSend(errorResponse(message.id, CODES.internal, 'internal error in mcp-guard'));
    }
  }

  async #clientRequest(message: RpcRequest): Promise<void> {
    const id = message.id;
    let ctx: RequestContext | undefined;
    // Counted rather than kept as promises: this is the hot path, and `drain` only needs to know when
    // none is left.
    this.#inflight++;
    try {
      let response: RpcResponse;
      try {
        ctx = createContext(this.session, message, this.#notify);
        this.#active.set(id, ctx);
        response = await this.pipeline!(ctx);
      } catch (error) {
        // The pipeline answers every refusal itself: a throw past it is a bug, and is still answered.
        this.#o.log(`guard: internal error on ${message.method}: ${(error as Error).stack ?? error}`);
        response = errorResponse(id, CODES.internal, 'internal error in mcp-guard');
      }
      // Lists and other answers may have been changed in place by the policies (tools filtered): they
      // are serialized again. A call's answer is passed on as the backend wrote it (raw.ts).
      if (message.method !== 'tools/call') forgetRaw(response);
      if (!ctx?.cancelled) await this.#toClientSend(response);
    } finally {
      if (ctx !== undefined && this.#active.get(id) === ctx) this.#active.delete(id);
      if (--this.#inflight === 0) this.#drained?.();
    }
  }

  #clientNotification(message: RpcNotification): void {
    const { params } = takeCredential(message.params);
    let note = message;
    if (params !== message.params) {
      note = { ...message };
      if (params === undefined) delete note.params;
      else note.params = params;
    }
    if (this.#o.config.auth.mode !== 'none' && this.session.agent === undefined) {
      this.#record({
        decision: 'deny',
        session: this.session.id,
        method: message.method,
        code: CODES.unauthenticated,
        reason: 'notification from an unauthenticated session dropped',
        latencyMs: 0,
      });
      return;
    }
    if (message.method === 'notifications/cancelled') {
      const requestId = params?.requestId as RpcId | undefined;
      const reason = typeof params?.reason === 'string' ? params.reason : 'cancelled by the client';
      // Wherever the request is (the pipeline, waiting for approval, or a backend), it ends there.
      if (requestId !== undefined) this.#active.get(requestId)?.cancel();
      for (const backend of this.#o.backends.values()) backend.cancel(requestId, reason);
      return;
    }
    if (message.method === 'notifications/initialized') this.#initialized = true;
    for (const backend of this.#o.backends.values()) {
      if (backend.state === 'up') void backend.send(note).catch(() => {});
    }
  }

  /** Every message from a backend lands here; like the client's, nothing in it may throw past this point. */
  #fromBackend(backend: Backend, message: RpcMessage): void {
    try {
      if (isRequest(message)) this.#serverRequest(backend, message);
      else if (isNotification(message)) this.#serverNotification(backend, message);
    } catch (error) {
      this.#o.log(`[${backend.name}] guard: internal error on a backend message: ${(error as Error).stack}`);
    }
  }

  /** A server-to-client request: to the client under an id of the guard's (backends share its id space). */
  #serverRequest(backend: Backend, message: RpcRequest): void {
    if (this.#inputEnded) {
      void backend
        .send(errorResponse(message.id, CODES.internal, 'the client has closed its input'))
        .catch(() => {});
      return;
    }
    const answered = this.#toClient
      .request(message, { owner: backend, timeoutMs: this.#o.config.limits.requestTimeoutMs })
      .then(async (response) => {
        // Undefined: the backend cancelled it, or crashed; nothing goes back.
        if (response === undefined) return;
        await backend.send(response).catch((error: Error) => {
          this.#o.log(`guard: cannot relay a response to ${backend.name}: ${error.message}`);
        });
      })
      .finally(() => this.#answering.delete(answered));
    this.#answering.add(answered);
  }

  #serverNotification(backend: Backend, message: RpcNotification): void {
    if (message.method === 'notifications/cancelled') {
      const requestId = message.params?.requestId as RpcId | undefined;
      const reason =
        typeof message.params?.reason === 'string' ? message.params.reason : 'cancelled by the server';
      // One of its requests to the client: the client hears it under the id it knows.
      if (this.#toClient.cancel(requestId, reason, backend) > 0) return;
    } else if (message.method === 'notifications/progress' && this.aggregator) {
      // Progress for a request that is over (answered or cancelled): with several backends the client
      // cannot tell whose it is; with one, it is passed on as the server sent it.
      return;
    }
    void this.#toClientSend(message);
  }

  /** After a restart, replays the client's `initialize` (and `initialized`) so the new process has a session. */
  async #reinitialize(backend: Backend, restart: boolean): Promise<void> {
    if (!restart || !this.#initialize) return;
    const timeoutMs = this.#o.config.limits.initializeTimeoutMs;
    const response = await backend.request(
      { ...this.#initialize, id: mintId() },
      { duringStart: true, minted: true, timeoutMs },
    );
    if (response?.error || response === undefined)
      throw new Error(`initialize: ${response?.error?.message ?? 'cancelled'}`);
    this.aggregator?.noteHello(backend.name, response.result);
    if (this.#initialized) await backend.send({ jsonrpc: '2.0', method: 'notifications/initialized' }, true);
    // The session's resource subscriptions on this backend are renewed with the new process.
    for (const uri of this.aggregator?.subscriptionsOf(backend.name) ?? []) {
      void backend.request(
        { jsonrpc: '2.0', id: mintId(), method: 'resources/subscribe', params: { uri } },
        { duringStart: true, minted: true, timeoutMs: this.#o.config.limits.requestTimeoutMs },
      );
    }
    this.#o.log(`[${backend.name}] guard: restarted and re-initialized`);
  }

  /**
   * The client's input has ended: lets every request already received finish and its answer be written.
   * Requests the backends send to the client from now on are answered with an error at once (the client
   * can no longer reply), and so are those already waiting for it.
   */
  async drain(): Promise<void> {
    this.#inputEnded = true;
    this.#toClient.fail(undefined, 'the client has closed its input');
    if (this.#inflight > 0)
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
      });
  }

  /** Ends every pending request in both directions and stops accepting new ones. */
  async close(): Promise<void> {
    this.#closing = true;
    // The client is going away: nothing more is answered to it; calls waiting for approval withdraw.
    for (const ctx of this.#active.values()) ctx.cancel('the session closed');
    for (const backend of this.#o.backends.values()) backend.failPending('guard is shutting down');
    this.#toClient.fail(undefined, 'the client went away');
    await Promise.all([...this.#answering]);
  }
}
