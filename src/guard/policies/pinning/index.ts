// Tool pinning, the rug-pull defence: every `tools/list` answer is checked against the pins in the
// store. Each tool's definition (name, title, description, schemas, annotations) is hashed in canonical
// form per backend and tool; the first list of a backend pins what it offers (trust on first use). A
// definition that later changes, or a tool that appears later, is `warn`ed about in the request's
// audit record, or under `block` hidden from lists and refused on `tools/call` (-32003) until a human
// approves it with `mcp-guard guard pins approve`. The check runs on every list, so the list a client
// fetches after a backend's `notifications/tools/list_changed` is checked too. A `tools/call` reads the
// pin from a per-process cache kept `cacheMs` (1 s): a `pins approve` (another process) takes effect
// within that time, or at once for calls after the next `tools/list`, which re-reads the store. With
// the store unavailable, `warn` lets lists and calls through unchecked (noted in the audit record) and
// `block` refuses them.
import { createHash } from 'node:crypto';
import type { GuardPolicies } from '../../../config/guard-types.ts';
import { canonicalJson } from '../../audit/record.ts';
import type { Ctx, Policy } from '../../context.ts';
import { CODES, PolicyError } from '../../errors.ts';
import type { RpcResponse } from '../../jsonrpc.ts';
import type { Router } from '../../router.ts';
import { type Store, StoreUnavailableError, type ToolPin } from '../../store/types.ts';

/** The parts of a tool that decide what a model is told and what it may send: these are pinned. */
const PINNED_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

/** Where a listed (or called) tool lives: its backend and the backend's own name for it. */
export interface PinLocation {
  server: string;
  tool: string;
}

/** Options of the pinning policy. */
export interface PinningOptions {
  /** `policies.pinning`; `off` turns the policy into a pass-through. */
  mode: GuardPolicies['pinning'];
  store: Store;
  /** Finds the backend of a `tools/call` (the policy runs before routing). */
  router: Router;
  now?: () => number;
  /**
   * Maps a tool name as the client sees it to its backend and the backend's name for it. The default
   * takes the routed backend (`ctx.backend`, set once a list has been forwarded; else the router) and
   * the name unchanged; an aggregating relay that prefixes names passes its own.
   */
  locate?: (ctx: Ctx, name: string) => PinLocation | undefined;
  /** How long a `tools/call` may use a pin verdict read earlier (ms; default 1000, 0 = always ask the store). */
  cacheMs?: number;
  /** Most verdicts kept at once (default {@link PIN_CACHE_MAX}); the oldest goes first. */
  cacheMax?: number;
}

/** Default lifetime of a cached pin verdict. */
export const PIN_CACHE_MS = 1000;

/**
 * Default bound of the verdict cache. Calls name tools the client chooses, unknown ones included, and
 * entries only expire when read again, so without a bound every distinct name a client sends would stay
 * in memory until the next `tools/list`; this is far above the tools of any real deployment.
 */
export const PIN_CACHE_MAX = 4096;

/** The pinned part of a tool definition, with the backend's name for it. */
export function pinnedDefinition(tool: Record<string, unknown>, name = tool.name): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of PINNED_FIELDS) if (tool[field] !== undefined) out[field] = tool[field];
  out.name = name;
  return out;
}

/** Canonical JSON (keys sorted at every depth) and its SHA-256 for one tool definition. */
export function hashToolDefinition(tool: Record<string, unknown>, name = tool.name) {
  const definition = canonicalJson(pinnedDefinition(tool, name));
  return { definition, hash: createHash('sha256').update(definition).digest('hex') };
}

/** How a human accepts a tool's pending version. */
export function approveHint(server: string, tool: string): string {
  return `mcp-guard guard pins approve ${server}/${tool}`;
}

function describe(pin: ToolPin): string {
  const name = `${pin.server}/${pin.tool}`;
  return pin.status === 'new'
    ? `new tool ${name} (sha256 ${pin.pendingHash?.slice(0, 12)})`
    : `tool ${name} changed since it was pinned (sha256 ${pin.hash?.slice(0, 12)} -> ${pin.pendingHash?.slice(0, 12)})`;
}

function addNote(ctx: Ctx, note: string): void {
  ctx.note = ctx.note ? `${ctx.note}; ${note}` : note;
}

/** Creates the pinning policy (it sits inside the tool policy, so lists are filtered by both). */
export function pinningPolicy(options: PinningOptions): Policy {
  const mode = options.mode ?? 'warn';
  const { store, router } = options;
  const now = options.now ?? Date.now;
  const locate =
    options.locate ??
    ((ctx: Ctx, name: string): PinLocation | undefined => {
      const server = ctx.backend ?? router(ctx.method, name);
      return server === undefined ? undefined : { server, tool: name };
    });
  // Backends whose first, paginated list is still being pinned on trust: later pages are first sight too.
  const baselining = new Set<string>();
  // Pin verdicts by server and tool, so a busy `tools/call` stream does not read the store per call.
  const cacheMs = options.cacheMs ?? PIN_CACHE_MS;
  const cache = new Map<string, { pin: ToolPin | undefined; until: number }>();
  const cacheMax = Math.max(1, options.cacheMax ?? PIN_CACHE_MAX);
  const cacheKey = (at: PinLocation) => `${at.server}\u0000${at.tool}`;
  /** Caches a verdict; at the bound the oldest entry (Map insertion order) makes room, O(1). */
  function remember(at: PinLocation, pin: ToolPin | undefined, until: number): void {
    const key = cacheKey(at);
    cache.delete(key);
    if (cache.size >= cacheMax) cache.delete(cache.keys().next().value as string);
    cache.set(key, { pin, until });
  }
  /** Bumped by every list, so a read that started before the list does not cache what it replaced. */
  let generation = 0;

  async function lookup(at: PinLocation): Promise<ToolPin | undefined> {
    const t = now();
    const hit = cache.get(cacheKey(at));
    if (hit && t < hit.until) return hit.pin;
    const seen = generation;
    const pin = await store.getPin(at.server, at.tool);
    if (cacheMs > 0 && seen === generation) remember(at, pin, t + cacheMs);
    return pin;
  }

  async function checkCall(ctx: Ctx, name: string): Promise<void> {
    const at = locate(ctx, name);
    if (!at) return;
    verdict(ctx, name, at, await lookup(at));
  }

  /** Refuses (block) or notes (warn) a call to a tool whose pin is not approved. */
  function verdict(ctx: Ctx, name: string, at: PinLocation, pin: ToolPin | undefined): void {
    if (!pin || pin.status === 'pinned') return;
    if (mode === 'block') {
      throw new PolicyError(
        CODES.toolBlocked,
        `${describe(pin)} and is blocked until a human approves it: ${approveHint(at.server, at.tool)}`,
        { tool: name, server: at.server, pin: pin.status, pendingHash: pin.pendingHash },
      );
    }
    addNote(ctx, `pinning: ${describe(pin)}, not approved`);
  }

  async function checkList(ctx: Ctx, tools: unknown[], hasMore: boolean): Promise<unknown[]> {
    const cursor = ctx.request.params?.cursor !== undefined;
    // A list re-reads every pin from the store: drop what calls cached, then keep what putPin answers.
    cache.clear();
    generation++;
    const trustBy = new Map<string, boolean>();
    const flagged: ToolPin[] = [];
    const kept: unknown[] = [];
    for (const tool of tools) {
      const t = tool as Record<string, unknown>;
      const at = t && typeof t === 'object' && typeof t.name === 'string' ? locate(ctx, t.name) : undefined;
      if (!at) {
        kept.push(tool);
        continue;
      }
      let trust = trustBy.get(at.server);
      if (trust === undefined) {
        trust =
          (cursor && baselining.has(at.server)) || (await store.listPins({ server: at.server })).length === 0;
        trustBy.set(at.server, trust);
      }
      const { definition, hash } = hashToolDefinition(t, at.tool);
      const seenAt = now();
      const pin = await store.putPin({ ...at, hash, definition, trust, now: seenAt });
      if (cacheMs > 0) remember(at, pin, seenAt + cacheMs);
      if (pin.status === 'pinned') kept.push(tool);
      else {
        flagged.push(pin);
        if (mode !== 'block') kept.push(tool);
      }
    }
    for (const [server, trusted] of trustBy) {
      if (trusted && hasMore) baselining.add(server);
      else baselining.delete(server);
    }
    if (flagged.length > 0) {
      const what =
        mode === 'block'
          ? flagged.map((p) => `${describe(p)}: approve with ${approveHint(p.server, p.tool)}`)
          : flagged.map(describe);
      addNote(
        ctx,
        mode === 'block'
          ? `pinning: hidden until approved: ${what.join('; ')}`
          : `pinning: ${what.join('; ')}; not approved yet (see mcp-guard guard pins diff)`,
      );
    }
    return kept;
  }

  /**
   * `warn` never refuses, so it needs no store to let a call through: with the store unavailable the
   * call goes on, its audit record saying the pins were not checked. `block` refuses (fail closed).
   */
  function unchecked(ctx: Ctx, error: unknown): void {
    if (mode === 'block' || !(error instanceof StoreUnavailableError)) throw error;
    addNote(ctx, 'pinning: not checked, the state store is unavailable');
  }

  /** A call's pin verdict from the cache, without I/O (refuses or notes as `verdict`); false when the store must be asked. */
  function cachedCheck(ctx: Ctx, name: string): boolean {
    const at = locate(ctx, name);
    if (!at) return true;
    const hit = cache.get(cacheKey(at));
    if (hit === undefined || now() >= hit.until) return false;
    verdict(ctx, name, at, hit.pin);
    return true;
  }

  /**
   * The check of a call that went to the store and has not passed yet: later calls pass after it, so a
   * verdict cached meanwhile does not let them overtake it on the way to the backend.
   */
  let checking: Promise<void> | undefined;

  // A plain function: a call whose pin verdict is cached goes on without I/O or an extra promise.
  return function pinning(ctx, next) {
    if (mode === 'off') return next();
    const name = ctx.request.params?.name;
    if (ctx.method === 'tools/call') {
      if (typeof name !== 'string') return next();
      try {
        if (checking === undefined && cachedCheck(ctx, name)) return next();
      } catch (error) {
        return Promise.reject(error);
      }
      const check = (checking ?? Promise.resolve()).then(() => checkCall(ctx, name));
      const passed = check.catch((error) => unchecked(ctx, error));
      checking = passed.then(
        () => {},
        () => {},
      );
      const mine = checking;
      return passed.then(() => {
        if (checking === mine) checking = undefined;
        return next();
      });
    }
    if (ctx.method !== 'tools/list') return next();
    return listed(ctx, next);
  };

  /** A list: every tool offered is pinned (or checked against its pin) on its way back. */
  async function listed(ctx: Ctx, next: () => Promise<RpcResponse>): Promise<RpcResponse> {
    const response = await next();
    const tools = response.result?.tools;
    if (ctx.method === 'tools/list' && Array.isArray(tools)) {
      const hasMore = response.result?.nextCursor !== undefined;
      const listed = tools;
      response.result!.tools = await checkList(ctx, listed, hasMore).catch((error) => {
        unchecked(ctx, error);
        return listed;
      });
    }
    return response;
  }
}
