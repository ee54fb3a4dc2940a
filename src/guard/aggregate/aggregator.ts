// One guard in front of several backends: resolves which backend a client request goes to (the
// `resolve` policy, run after auth and the rate limit), and handles what no single backend can
// answer: `initialize` and the modern era's `server/discover` (one per backend, merged answer),
// `ping`, `logging/setLevel` (to every
// backend) and the list methods (fanned out, merged, renamed, paginated with cursors that encode
// the backends). Calls are sent back to the backend that listed the name, with the original name.
import type { GuardConfig } from '../../config/guard-types.ts';
import type { Ctx, Policy } from '../context.ts';
import { CODES, PolicyError } from '../errors.ts';
import { errorResponse, type RpcRequest, type RpcResponse } from '../jsonrpc.ts';
import { serverAllowed } from '../policies/tool-policy/index.ts';
import type { Router } from '../router.ts';
import { ALL_BACKENDS } from '../router.ts';
import { mintId } from '../transport/correlator.ts';
import { Catalog, CollisionError, type ItemRef, LIST_METHODS, type ListKind } from './catalog.ts';
import { type CursorMap, decodeCursor, encodeCursor } from './cursor.ts';
import { type BackendHello, mergeDiscover, mergeInitialize } from './initialize.ts';
import { splitPrefixed } from './naming.ts';

/** The `_meta` key a client may use to pick a backend (honoured only when the agent may reach it). */
export const TARGET_KEY = 'target_server';
/** Methods the guard answers itself, for every backend at once. */
const FAN_OUT = new Set([
  'initialize',
  'server/discover',
  'ping',
  'logging/setLevel',
  ...Object.keys(LIST_METHODS),
]);
/** A runaway paginating backend stops being followed after this many pages when refreshing. */
const MAX_PAGES = 100;
/** The modern era's "unsupported protocol version" error (its data lists the supported versions). */
const UNSUPPORTED_VERSION = -32022;
/** Where a modern-era request names its protocol version. */
const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
/** The first modern-era protocol version (stateless; versions are ISO dates, so they compare as text). */
const MODERN_ERA = '2026-07-28';

/** What the aggregator needs from a backend. */
export interface BackendLike {
  readonly name: string;
  readonly state: string;
}

/** Everything the aggregator works with. */
export interface AggregatorOptions {
  config: GuardConfig;
  backends: ReadonlyMap<string, BackendLike>;
  /** The config's routes, consulted when a name or URI is not in the catalogue. */
  router: Router;
  /**
   * Sends one request to one backend and resolves with its answer (the caller's id restored);
   * `internal` marks the guard's own requests (their ids are minted, unique in the process).
   */
  send: (backend: string, request: RpcRequest, internal: boolean) => Promise<RpcResponse>;
  log: (line: string) => void;
}

type Params = Record<string, unknown>;

/** The aggregation state of one client session. */
export class Aggregator {
  readonly catalog: Catalog;
  readonly #o: AggregatorOptions;
  readonly #names: string[];
  /** Server capabilities per backend, from its `initialize` answer. */
  readonly #caps = new Map<string, Record<string, unknown>>();
  /** Subscribed resource URI -> backend, replayed when that backend restarts. */
  readonly #subscriptions = new Map<string, string>();

  constructor(options: AggregatorOptions) {
    this.#o = options;
    this.#names = [...options.backends.keys()];
    this.catalog = new Catalog(options.config.namespacing);
  }

  /** Records a backend's `initialize` answer (also after a restart). */
  noteHello(server: string, result: Record<string, unknown> | undefined): void {
    if (result && typeof result.capabilities === 'object' && result.capabilities !== null)
      this.#caps.set(server, result.capabilities as Record<string, unknown>);
  }

  /** Resource URIs this session subscribed to on `server`. */
  subscriptionsOf(server: string): string[] {
    return [...this.#subscriptions].filter(([, s]) => s === server).map(([uri]) => uri);
  }

  /** Where a tool name as the client uses it lives, from the catalogue or the plain prefix form. */
  toolRef = (name: string): ItemRef | undefined => this.#lookup(this.catalog.tools, name);

  #lookup(map: Map<string, ItemRef>, name: string): ItemRef | undefined {
    const known = map.get(name);
    if (known) return known;
    return this.catalog.namespacing === 'prefix' ? splitPrefixed(name, this.#names) : undefined;
  }

  /** The routing policy: sets `ctx.backend` (a server, or `*` for the methods the guard fans out). */
  readonly resolve: Policy = async (ctx, next) => {
    const params = ctx.request.params;
    const meta = params?._meta as Params | undefined;
    ctx.resolveTool = this.toolRef;
    if (meta !== undefined && Object.hasOwn(meta, TARGET_KEY)) {
      const target = meta[TARGET_KEY];
      const { [TARGET_KEY]: _, ...rest } = meta;
      ctx.request = { ...ctx.request, params: { ...params, _meta: rest } };
      // The session-wide methods always concern every backend; only lists may be narrowed.
      if (FAN_OUT.has(ctx.method) && !LIST_METHODS[ctx.method]) {
        ctx.backend = ALL_BACKENDS;
        return next();
      }
      if (typeof target !== 'string' || !this.#o.backends.has(target)) {
        throw new PolicyError(
          CODES.noRoute,
          `_meta.${TARGET_KEY}: no server named ${JSON.stringify(target)}`,
        );
      }
      if (!serverAllowed(this.#o.config.policies, ctx.agent, target)) {
        throw new PolicyError(CODES.toolBlocked, `server ${target} is not allowed for agent ${ctx.agent}`, {
          server: target,
        });
      }
      ctx.backend = target;
      if (ctx.method === 'tools/call' && ctx.tool !== undefined) {
        const tool = ctx.tool;
        const ref = this.toolRef(tool);
        const pinned: ItemRef = ref?.server === target ? ref : { server: target, name: tool };
        ctx.resolveTool = (name) => (name === tool ? pinned : this.toolRef(name));
      }
      return next();
    }
    if (FAN_OUT.has(ctx.method)) {
      ctx.backend = ALL_BACKENDS;
      return next();
    }
    const backend = await this.#route(ctx);
    if (backend === undefined) {
      throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
    }
    ctx.backend = backend;
    return next();
  };

  async #route(ctx: Ctx): Promise<string | undefined> {
    const params = ctx.request.params ?? {};
    const { router } = this.#o;
    const name = typeof params.name === 'string' ? params.name : undefined;
    const byName = async (listMethod: string, map: Map<string, ItemRef>) => {
      if (name === undefined) return undefined;
      let ref = this.#lookup(map, name);
      if (!ref) {
        await this.#refresh([listMethod]);
        ref = this.#lookup(map, name);
      }
      return ref?.server;
    };
    const byUri = async (uri: unknown) => {
      if (typeof uri !== 'string') return undefined;
      let server = this.catalog.resourceServer(uri);
      if (server === undefined) {
        await this.#refresh(['resources/list', 'resources/templates/list']);
        server = this.catalog.resourceServer(uri);
      }
      return server;
    };
    let found: string | undefined;
    switch (ctx.method) {
      case 'tools/call':
        found = await byName('tools/list', this.catalog.tools);
        break;
      case 'prompts/get':
        found = await byName('prompts/list', this.catalog.prompts);
        break;
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        found = await byUri(params.uri);
        break;
      case 'completion/complete': {
        const ref = (params.ref ?? {}) as Params;
        if (ref.type === 'ref/prompt' && typeof ref.name === 'string') {
          let prompt = this.#lookup(this.catalog.prompts, ref.name);
          if (!prompt) {
            await this.#refresh(['prompts/list']);
            prompt = this.#lookup(this.catalog.prompts, ref.name);
          }
          found = prompt?.server;
        } else if (ref.type === 'ref/resource') found = await byUri(ref.uri);
        break;
      }
    }
    return found ?? router(ctx.method, ctx.tool);
  }

  /** Lists every page of the given lists from every backend that has them, to fill the catalogue. */
  async #refresh(methods: string[]): Promise<void> {
    for (const method of methods) {
      const kind = LIST_METHODS[method];
      for (const server of this.#eligible(kind, undefined)) {
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const response = await this.#o.send(
            server,
            { jsonrpc: '2.0', id: mintId(), method, params: cursor === undefined ? {} : { cursor } },
            true,
          );
          const result = response.result;
          if (!result || !Array.isArray(result[kind.key])) break;
          try {
            this.catalog.absorb(kind, server, result[kind.key] as Params[], page === 0);
          } catch (error) {
            if (error instanceof CollisionError) throw new PolicyError(CODES.internal, error.message);
            throw error;
          }
          if (typeof result.nextCursor !== 'string') break;
          cursor = result.nextCursor;
        }
      }
    }
  }

  /** Backends that are up, offer `kind` (when known), and that `agent` may reach. */
  #eligible(kind: ListKind | undefined, agent: string | undefined): string[] {
    return this.#names.filter((name) => {
      if (this.#o.backends.get(name)?.state !== 'up') return false;
      if (!serverAllowed(this.#o.config.policies, agent, name)) return false;
      const caps = this.#caps.get(name);
      return !kind || !caps || caps[kind.capability] !== undefined;
    });
  }

  /** Forwards a request that passed the pipeline: fanned out (`ctx.backend` is `*`) or to one backend. */
  async handle(ctx: Ctx): Promise<RpcResponse> {
    const request = ctx.request;
    const kind = LIST_METHODS[ctx.method];
    if (ctx.backend === ALL_BACKENDS) {
      if (ctx.method === 'initialize') return this.#initialize(request);
      if (ctx.method === 'server/discover') return this.#discover(request);
      if (ctx.method === 'ping') return { jsonrpc: '2.0', id: request.id, result: eraResult(request, {}) };
      if (kind) return this.#list(ctx, kind, this.#eligible(kind, ctx.agent));
      return this.#broadcast(request, this.#eligible(undefined, ctx.agent));
    }
    const backend = ctx.backend!;
    if (kind) return this.#list(ctx, kind, [backend]);
    const response = await this.#o.send(backend, this.#restoreNames(ctx, backend), false);
    const uri = request.params?.uri;
    if (!response.error && typeof uri === 'string') {
      if (ctx.method === 'resources/subscribe') this.#subscriptions.set(uri, backend);
      if (ctx.method === 'resources/unsubscribe') this.#subscriptions.delete(uri);
    }
    return response;
  }

  /** The request as the backend knows it: exposed tool and prompt names back to the originals. */
  #restoreNames(ctx: Ctx, backend: string): RpcRequest {
    const request = ctx.request;
    const params = request.params ?? {};
    const original = (map: Map<string, ItemRef>, name: unknown): string | undefined => {
      if (typeof name !== 'string') return undefined;
      const ref = map === this.catalog.tools ? ctx.resolveTool?.(name) : this.#lookup(map, name);
      return ref?.server === backend ? ref.name : undefined;
    };
    if (ctx.method === 'tools/call') {
      const name = original(this.catalog.tools, params.name);
      if (name !== undefined) return { ...request, params: { ...params, name } };
    } else if (ctx.method === 'prompts/get') {
      const name = original(this.catalog.prompts, params.name);
      if (name !== undefined) return { ...request, params: { ...params, name } };
    } else if (ctx.method === 'completion/complete') {
      const ref = (params.ref ?? {}) as Params;
      const name = ref.type === 'ref/prompt' ? original(this.catalog.prompts, ref.name) : undefined;
      if (name !== undefined) return { ...request, params: { ...params, ref: { ...ref, name } } };
    }
    return request;
  }

  async #initialize(request: RpcRequest): Promise<RpcResponse> {
    const servers = this.#eligible(undefined, undefined);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const hellos: BackendHello[] = [];
    answers.forEach((answer, i) => {
      if (answer.result) {
        hellos.push({ server: servers[i], result: answer.result });
        this.noteHello(servers[i], answer.result);
      } else this.#o.log(`[${servers[i]}] guard: initialize failed: ${answer.error?.message}`);
    });
    if (hellos.length === 0) {
      return answers[0] ?? errorResponse(request.id, CODES.internal, 'no backend is up');
    }
    const versions = new Set(hellos.map((h) => h.result.protocolVersion));
    if (versions.size > 1) {
      this.#o.log(
        `guard: backends answered different protocol versions (${hellos.map((h) => `${h.server} ${h.result.protocolVersion}`).join(', ')}); the client gets the oldest`,
      );
    }
    return { jsonrpc: '2.0', id: request.id, result: mergeInitialize(hellos) };
  }

  /**
   * `server/discover` (modern era) asked of every backend and answered by the guard. A backend that
   * cannot answer it (a legacy-only server's `-32601`) makes the whole answer that error, so the client
   * falls back to the legacy era, where `initialize` is merged; backends with no version in common
   * get `-32022` listing none, which sends the client to the legacy era too.
   */
  async #discover(request: RpcRequest): Promise<RpcResponse> {
    const servers = this.#eligible(undefined, undefined);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const failed = answers.findIndex((a) => !a.result);
    if (failed >= 0) {
      this.#o.log(
        `[${servers[failed]}] guard: server/discover failed (${answers[failed].error?.message}); the client gets its error`,
      );
      return answers[failed];
    }
    if (answers.length === 0) return noBackend(request);
    const hellos: BackendHello[] = answers.map((a, i) => ({ server: servers[i], result: a.result! }));
    for (const h of hellos) this.noteHello(h.server, h.result);
    const merged = mergeDiscover(hellos);
    const common = merged.supportedVersions as string[];
    if (common.length === 0) {
      const offered = hellos
        .map((h) => `${h.server} ${JSON.stringify(h.result.supportedVersions)}`)
        .join(', ');
      this.#o.log(
        `guard: the servers have no protocol version in common (${offered}); the client must use the legacy era`,
      );
      const requested = (request.params?._meta as Params | undefined)?.[VERSION_KEY];
      return errorResponse(
        request.id,
        UNSUPPORTED_VERSION,
        `no protocol version every server supports (${offered})`,
        {
          supported: [],
          ...(typeof requested === 'string' ? { requested } : {}),
        },
      );
    }
    return { jsonrpc: '2.0', id: request.id, result: merged };
  }

  async #broadcast(request: RpcRequest, servers: string[]): Promise<RpcResponse> {
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const ok = answers.find((a) => !a.error);
    return ok
      ? { jsonrpc: '2.0', id: request.id, result: eraResult(request, {}) }
      : (answers[0] ?? noBackend(request));
  }

  async #list(ctx: Ctx, kind: ListKind, servers: string[]): Promise<RpcResponse> {
    const request = ctx.request;
    const params = request.params ?? {};
    let pages: CursorMap | Record<string, undefined>;
    if (params.cursor !== undefined) {
      try {
        pages = decodeCursor(params.cursor, this.#names);
      } catch (error) {
        return errorResponse(request.id, CODES.invalidParams, `invalid params: ${(error as Error).message}`);
      }
      // A cursor never widens what the agent may see.
      for (const s of Object.keys(pages)) if (!servers.includes(s)) delete pages[s];
    } else pages = Object.fromEntries(servers.map((s) => [s, undefined]));
    const targets = Object.keys(pages);
    const answers = await Promise.all(
      targets.map((s) => {
        const { cursor: _, ...rest } = params;
        const cursor = pages[s];
        return this.#o.send(
          s,
          { ...request, params: cursor === undefined ? rest : { ...rest, cursor } },
          false,
        );
      }),
    );
    // Cancelled by the client: nothing will be sent, and nothing is learnt from partial answers.
    if (ctx.cancelled) return answers[0] ?? noBackend(request);
    const items: Params[] = [];
    const next: CursorMap = {};
    let failures = 0;
    for (const [i, answer] of answers.entries()) {
      const server = targets[i];
      const list = answer.result?.[kind.key];
      if (!Array.isArray(list)) {
        failures++;
        this.#o.log(`[${server}] guard: ${request.method} failed: ${answer.error?.message ?? 'no list'}`);
        continue;
      }
      try {
        items.push(...this.catalog.absorb(kind, server, list as Params[], pages[server] === undefined));
      } catch (error) {
        if (!(error instanceof CollisionError)) throw error;
        this.#o.log(`guard: ${error.message}`);
        return errorResponse(request.id, CODES.internal, error.message);
      }
      if (typeof answer.result?.nextCursor === 'string') next[server] = answer.result.nextCursor;
    }
    if (targets.length > 0 && failures === targets.length) return answers[0];
    const result: Params = eraResult(request, { [kind.key]: items });
    if (result.resultType !== undefined) {
      // Modern-era lists are cacheable: the shortest lifetime any backend gave, and never `public` (the
      // merged list is filtered for this agent, so a shared cache must not hand it to another).
      const ttls = answers
        .map((a) => a.result?.ttlMs)
        .filter((t): t is number => typeof t === 'number' && t >= 0);
      result.ttlMs = ttls.length === answers.length && ttls.length > 0 ? Math.min(...ttls) : 0;
      result.cacheScope = 'private';
    }
    const cursor = encodeCursor(next);
    if (cursor !== undefined) result.nextCursor = cursor;
    return { jsonrpc: '2.0', id: request.id, result };
  }
}

/**
 * A result the guard made up itself, in the request's era: a modern-era request (it names its version
 * in `_meta`) gets `resultType: "complete"`, which that era requires of every result.
 */
function eraResult(request: RpcRequest, result: Params): Params {
  const version = (request.params?._meta as Params | undefined)?.[VERSION_KEY];
  return typeof version === 'string' && version >= MODERN_ERA
    ? { resultType: 'complete', ...result }
    : result;
}

function noBackend(request: RpcRequest): RpcResponse {
  return errorResponse(request.id, CODES.internal, 'no backend is up');
}
