// The relay: joins the client transport to the backends, in both directions at all times. Client
// requests go through the policy pipeline; everything else (server-to-client requests such as
// sampling, elicitation and roots, their responses, notifications both ways) is passed on untouched
// apart from id bookkeeping. One pending-request map per direction, each entry with a timeout.
// With one backend the relay is transparent (client ids go through as they are). With several, an
// `Aggregator` answers `initialize` and the lists itself, and every request to a backend gets a
// guard id and a guard progress token, restored on the way back (docs/guard-multi.md).
import { randomUUID } from 'node:crypto';
import type { GuardConfig } from '../config/guard-types.ts';
import { Aggregator } from './aggregate/aggregator.ts';
import { type AuditEntry, hashArgs } from './audit/index.ts';
import { type Backend, timeoutMessage } from './backend/types.ts';
import type { AuditSink, Ctx, SessionState } from './context.ts';
import { takeCredential } from './credentials.ts';
import { CANCELLED, CODES } from './errors.ts';
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
import type { MessageTransport } from './transport/ndjson.ts';

interface ToServer {
  backend: string;
  resolve: (response: RpcResponse) => void;
  timer: NodeJS.Timeout;
  progressToken?: string;
  cancelled?: boolean;
  /** Several backends: the id and progress token the client used (the backend saw guard ones). */
  client?: { id: RpcId; hasToken: boolean; token?: unknown };
}

interface ToClient {
  backend: string;
  originalId: RpcId;
  timer: NodeJS.Timeout;
}

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
  readonly #toServer = new Map<string, ToServer>();
  readonly #toClient = new Map<string, ToClient>();
  readonly #progress = new Map<string, string>();
  /**
   * Client requests still in the pipeline (not yet at a backend: a call waiting for approval), by
   * JSON of the client's id, so a cancellation (or shutdown) can end them.
   */
  readonly #inPipeline = new Map<string, AbortController>();
  #initialize: RpcRequest | undefined;
  #initialized = false;
  #nextId = 0;
  #closing = false;
  /** The client's input has ended: nothing it could answer will come. */
  #inputEnded = false;
  /** Client requests not yet answered (in the pipeline or at a backend); `drain` waits for 0. */
  #inflight = 0;
  /** Set by `drain` while it waits: called when `#inflight` comes down to 0. */
  #drained: (() => void) | undefined;

  constructor(options: RelayOptions) {
    this.#o = options;
    for (const backend of options.backends.values()) {
      backend.onmessage = (m) => this.#fromBackend(backend, m);
      backend.oncrash = (reason) => this.#crashed(backend, reason);
      backend.onstart = (restart) => this.#reinitialize(backend, restart);
    }
    this.aggregator =
      options.backends.size > 1
        ? new Aggregator({
            config: options.config,
            backends: options.backends,
            router: options.router ?? (() => undefined),
            send: (name, request) => this.#mapped(name, request),
            log: options.log,
          })
        : undefined;
    options.client.onmessage = (m) => this.#fromClient(m);
    options.client.oninvalid = (reply, reason) => {
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
        if (other !== backend && other.state === 'up') void this.#request(other, ctx.request);
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
    return this.#request(backend, ctx.request);
  };

  #key(backend: string, id: RpcId): string {
    return `${backend}\u0000${JSON.stringify(id)}`;
  }

  /**
   * Several backends: sends a client request to one backend under a guard id (and a guard progress
   * token), so requests fanned out to several backends, and the guard's own, never clash; the
   * response comes back with the client's id.
   */
  async #mapped(name: string, request: RpcRequest): Promise<RpcResponse> {
    const backend = this.#o.backends.get(name)!;
    if (backend.state !== 'up') {
      return errorResponse(request.id, CODES.internal, `backend ${name} is ${backend.state}`, {
        backend: name,
      });
    }
    const n = ++this.#nextId;
    const out: RpcRequest = { ...request, id: `mcp-guard-${n}` };
    const meta = request.params?._meta as Record<string, unknown> | undefined;
    const hasToken = meta?.progressToken !== undefined;
    if (hasToken)
      out.params = { ...request.params, _meta: { ...meta, progressToken: `mcp-guard-progress-${n}` } };
    const response = await this.#request(backend, out, false, {
      id: request.id,
      hasToken,
      token: meta?.progressToken,
    });
    return { ...response, id: request.id };
  }

  /** Sends a request to a backend and waits for its response, a timeout, or the backend's crash. */
  #request(
    backend: Backend,
    request: RpcRequest,
    duringStart = false,
    client?: ToServer['client'],
  ): Promise<RpcResponse> {
    const key = this.#key(backend.name, request.id);
    if (this.#toServer.has(key)) {
      return Promise.resolve(
        errorResponse(
          request.id,
          CODES.invalidRequest,
          `request id ${JSON.stringify(request.id)} is already in flight`,
        ),
      );
    }
    const token = request.params?._meta as { progressToken?: unknown } | undefined;
    const progressToken =
      token?.progressToken === undefined ? undefined : JSON.stringify(token.progressToken);
    // A backend that never answers `initialize` is stuck starting (a download behind a proxy, a prompt
    // for input): it gets a shorter limit, and the error quotes what it last said.
    const { initializeTimeoutMs, requestTimeoutMs } = this.#o.config.limits;
    const limit = request.method === 'initialize' ? initializeTimeoutMs : requestTimeoutMs;
    return new Promise<RpcResponse>((resolve) => {
      const entry: ToServer = {
        backend: backend.name,
        resolve: (response) => {
          clearTimeout(entry.timer);
          this.#toServer.delete(key);
          if (progressToken !== undefined) this.#progress.delete(progressToken);
          resolve(response);
        },
        timer: this.#timer(() => {
          const message = timeoutMessage(backend, request.method, limit);
          this.#o.log(`guard: ${request.method} (id ${JSON.stringify(request.id)}): ${message}`);
          void backend
            .send({
              jsonrpc: '2.0',
              method: 'notifications/cancelled',
              params: { requestId: request.id, reason: 'timed out in mcp-guard' },
            })
            .catch(() => {});
          entry.resolve(errorResponse(request.id, CODES.internal, message, { backend: backend.name }));
        }, limit),
        progressToken,
        client,
      };
      this.#toServer.set(key, entry);
      if (progressToken !== undefined) this.#progress.set(progressToken, key);
      backend.send(request, duringStart).catch((error: Error) => {
        entry.resolve(
          errorResponse(request.id, CODES.internal, `backend ${backend.name}: ${error.message}`, {
            backend: backend.name,
          }),
        );
      });
    });
  }

  #timer(fire: () => void, ms = this.#o.config.limits.requestTimeoutMs): NodeJS.Timeout {
    return setTimeout(fire, ms);
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
      else this.#clientResponse(message);
    } catch (error) {
      this.#o.log(`guard: internal error on a client message: ${(error as Error).stack ?? error}`);
      if (isRequest(message))
        void this.#toClientSend(errorResponse(message.id, CODES.internal, 'internal error in mcp-guard'));
    }
  }

  async #clientRequest(message: RpcRequest): Promise<void> {
    const key = JSON.stringify(message.id);
    const controller = new AbortController();
    this.#inPipeline.set(key, controller);
    // Counted rather than kept as promises: this is the hot path, and `drain` only needs to know when
    // none is left.
    this.#inflight++;
    try {
      let response: RpcResponse;
      try {
        const { params, credential } = takeCredential(message.params);
        const request: RpcRequest = { ...message };
        if (params === undefined) delete request.params;
        else request.params = params;
        const ctx: Ctx = {
          session: this.session,
          request,
          method: message.method,
          credential,
          signal: controller.signal,
          notify: (n) => void this.#toClientSend(n),
        };
        if (message.method === 'tools/call' && params) {
          if (typeof params.name === 'string') ctx.tool = params.name;
          const args = params.arguments;
          if (args !== null && typeof args === 'object' && !Array.isArray(args))
            ctx.args = args as Record<string, unknown>;
          ctx.argsHash = hashArgs(ctx.args ?? {});
        }
        response = await this.pipeline!(ctx);
      } catch (error) {
        // The pipeline answers every refusal itself: a throw past it is a bug, and is still answered.
        this.#o.log(`guard: internal error on ${message.method}: ${(error as Error).stack ?? error}`);
        response = errorResponse(message.id, CODES.internal, 'internal error in mcp-guard');
      }
      if (response.error?.code === CANCELLED) return;
      await this.#toClientSend(response);
    } finally {
      if (this.#inPipeline.get(key) === controller) this.#inPipeline.delete(key);
      if (--this.#inflight === 0) this.#drained?.();
    }
  }

  #clientNotification(message: RpcNotification): void {
    const { params } = takeCredential(message.params);
    const note: RpcNotification = { ...message };
    if (params === undefined) delete note.params;
    else note.params = params;
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
      // A request that has not reached a backend yet (waiting for approval) is ended where it is.
      this.#inPipeline.get(JSON.stringify(requestId))?.abort();
      if (this.aggregator) {
        // Every backend the request went to is told, under the id it knows.
        for (const [key, entry] of this.#toServer) {
          if (!entry.client || requestId === undefined || entry.client.id !== requestId) continue;
          const guardId = JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as RpcId;
          const backend = this.#o.backends.get(entry.backend)!;
          void backend.send({ ...note, params: { ...note.params, requestId: guardId } }).catch(() => {});
          entry.resolve(errorResponse(guardId, CANCELLED, 'cancelled by the client'));
        }
        return;
      }
      for (const backend of this.#o.backends.values()) {
        const entry =
          requestId === undefined ? undefined : this.#toServer.get(this.#key(backend.name, requestId));
        if (!entry) continue;
        void backend.send(note).catch(() => {});
        entry.resolve(errorResponse(requestId!, CANCELLED, 'cancelled by the client'));
      }
      return;
    }
    if (message.method === 'notifications/initialized') this.#initialized = true;
    for (const backend of this.#o.backends.values()) {
      if (backend.state === 'up') void backend.send(note).catch(() => {});
    }
  }

  #clientResponse(message: RpcResponse): void {
    const guardId = typeof message.id === 'string' ? message.id : undefined;
    const entry = guardId === undefined ? undefined : this.#toClient.get(guardId);
    if (!entry) {
      this.#o.log(`guard: response from the client with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    clearTimeout(entry.timer);
    this.#toClient.delete(guardId!);
    const backend = this.#o.backends.get(entry.backend)!;
    void backend.send({ ...message, id: entry.originalId }).catch((error: Error) => {
      this.#o.log(`guard: cannot relay a response to ${backend.name}: ${error.message}`);
    });
  }

  /** Every message from a backend lands here; like the client's, nothing in it may throw past this point. */
  #fromBackend(backend: Backend, message: RpcMessage): void {
    try {
      this.#backendMessage(backend, message);
    } catch (error) {
      this.#o.log(`[${backend.name}] guard: internal error on a backend message: ${(error as Error).stack}`);
    }
  }

  #backendMessage(backend: Backend, message: RpcMessage): void {
    if (isRequest(message) && this.#inputEnded) {
      void backend
        .send(errorResponse(message.id, CODES.internal, 'the client has closed its input'))
        .catch(() => {});
      return;
    }
    if (isRequest(message)) {
      // Server-to-client ids are rewritten: several backends share the client's id space.
      const guardId = `mcp-guard-${++this.#nextId}`;
      const entry: ToClient = {
        backend: backend.name,
        originalId: message.id,
        timer: this.#timer(() => {
          this.#toClient.delete(guardId);
          void this.#toClientSend({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: guardId, reason: 'timed out in mcp-guard' },
          });
          void backend
            .send(errorResponse(message.id, CODES.internal, 'the client did not answer in time'))
            .catch(() => {});
        }),
      };
      this.#toClient.set(guardId, entry);
      void this.#toClientSend({ ...message, id: guardId });
      return;
    }
    if (isNotification(message)) {
      let out: RpcMessage = message;
      if (message.method === 'notifications/cancelled') {
        const requestId = message.params?.requestId as RpcId | undefined;
        for (const [guardId, entry] of this.#toClient) {
          if (entry.backend !== backend.name || entry.originalId !== requestId) continue;
          clearTimeout(entry.timer);
          this.#toClient.delete(guardId);
          out = { ...message, params: { ...message.params, requestId: guardId } };
        }
      } else if (message.method === 'notifications/progress') {
        // Progress keeps a long call alive: restart its timeout.
        const key = this.#progress.get(JSON.stringify(message.params?.progressToken));
        const entry = key === undefined ? undefined : this.#toServer.get(key);
        if (entry) entry.timer.refresh();
        if (entry?.client?.hasToken) {
          out = { ...message, params: { ...message.params, progressToken: entry.client.token } };
        } else if (this.aggregator && !entry) {
          // A guard token whose request is over (answered or cancelled): the client never knew it.
          return;
        }
      }
      void this.#toClientSend(out);
      return;
    }
    const entry = message.id === null ? undefined : this.#toServer.get(this.#key(backend.name, message.id));
    if (!entry) {
      this.#o.log(`[${backend.name}] guard: response with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    entry.resolve(message);
  }

  #crashed(backend: Backend, reason: string): void {
    for (const [key, entry] of this.#toServer) {
      if (entry.backend !== backend.name) continue;
      const id = JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as RpcId;
      entry.resolve(
        errorResponse(id, CODES.internal, `${reason} while handling this request`, { backend: backend.name }),
      );
    }
    for (const [guardId, entry] of this.#toClient) {
      if (entry.backend !== backend.name) continue;
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      void this.#toClientSend({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: guardId, reason },
      });
    }
  }

  /** After a restart, replays the client's `initialize` (and `initialized`) so the new process has a session. */
  async #reinitialize(backend: Backend, restart: boolean): Promise<void> {
    if (!restart || !this.#initialize) return;
    const request: RpcRequest = { ...this.#initialize, id: `mcp-guard-init-${++this.#nextId}` };
    const response = await this.#request(backend, request, true);
    if (response.error) throw new Error(`initialize: ${response.error.message}`);
    this.aggregator?.noteHello(backend.name, response.result);
    if (this.#initialized) await backend.send({ jsonrpc: '2.0', method: 'notifications/initialized' }, true);
    // The session's resource subscriptions on this backend are renewed with the new process.
    for (const uri of this.aggregator?.subscriptionsOf(backend.name) ?? []) {
      const id = `mcp-guard-subscribe-${++this.#nextId}`;
      void this.#request(
        backend,
        { jsonrpc: '2.0', id, method: 'resources/subscribe', params: { uri } },
        true,
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
    for (const [guardId, entry] of this.#toClient) {
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      const backend = this.#o.backends.get(entry.backend)!;
      void backend
        .send(errorResponse(entry.originalId, CODES.internal, 'the client has closed its input'))
        .catch(() => {});
    }
    if (this.#inflight > 0)
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
      });
  }

  /** Answers every pending request in both directions with an error and stops accepting new ones. */
  async close(): Promise<void> {
    this.#closing = true;
    // The client is gone: calls still waiting for approval are withdrawn.
    for (const controller of this.#inPipeline.values()) controller.abort();
    for (const [key, entry] of this.#toServer) {
      const id = JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as RpcId;
      entry.resolve(errorResponse(id, CODES.internal, 'guard is shutting down'));
    }
    const sends: Promise<unknown>[] = [];
    for (const [guardId, entry] of this.#toClient) {
      clearTimeout(entry.timer);
      this.#toClient.delete(guardId);
      const backend = this.#o.backends.get(entry.backend)!;
      sends.push(
        backend.send(errorResponse(entry.originalId, CODES.internal, 'the client went away')).catch(() => {}),
      );
    }
    await Promise.all(sends);
  }
}
