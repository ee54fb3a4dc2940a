import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  Notifier
} from "./chunk-RUORUL4P.js";

// src/guard/approvals/hub.ts
var ApprovalHub = class {
  #store;
  #pollMs;
  #log;
  #listeners = /* @__PURE__ */ new Set();
  #waiters = /* @__PURE__ */ new Map();
  #tickets = 0;
  #cursor;
  #timer;
  #polling;
  #again = false;
  #closed = false;
  constructor(store, options = {}) {
    this.#store = store;
    this.#pollMs = options.pollMs ?? 500;
    this.#log = options.log ?? (() => {
    });
  }
  get #active() {
    return !this.#closed && (this.#listeners.size > 0 || this.#tickets > 0);
  }
  /** Starts following the feed from now (resolves once the starting cursor is known). */
  async #start() {
    this.#cursor ??= this.#store.approvalChanges().then((c) => c.cursor);
    try {
      await this.#cursor;
    } catch (error) {
      this.#cursor = void 0;
      throw error;
    }
    this.#schedule();
  }
  #schedule() {
    if (this.#timer || this.#polling || !this.#active) return;
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      void this.#poll();
    }, this.#pollMs);
  }
  /** Reads the feed now (after a decision made in this process), rather than at the next tick. */
  poke() {
    if (!this.#active) return;
    if (this.#polling) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = void 0;
    void this.#poll();
  }
  #poll() {
    this.#polling = (async () => {
      try {
        const after = await this.#cursor;
        const changes = await this.#store.approvalChanges(after);
        this.#cursor = Promise.resolve(changes.cursor);
        if (changes.approvals.length > 0) this.#dispatch(changes.approvals);
      } catch (error) {
        this.#log(`mcp-guard: cannot read approval changes: ${error.message}`);
      }
    })().finally(() => {
      this.#polling = void 0;
      if (!this.#active) {
        this.#cursor = void 0;
        return;
      }
      if (this.#again) {
        this.#again = false;
        void this.#poll();
      } else this.#schedule();
    });
    return this.#polling;
  }
  #dispatch(approvals) {
    for (const listener of this.#listeners) {
      try {
        listener(approvals);
      } catch (error) {
        this.#log(`mcp-guard: approvals listener failed: ${error.message}`);
      }
    }
    for (const a of approvals) {
      if (a.status === "pending") continue;
      for (const resolve of this.#waiters.get(a.id) ?? []) resolve({ status: a.status, approval: a });
    }
  }
  /** Calls `listener` with every batch of changed approvals until the returned function is called. */
  async subscribe(listener) {
    this.#listeners.add(listener);
    try {
      await this.#start();
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
    return () => this.#listeners.delete(listener);
  }
  /**
   * Registers for waiting. Take the ticket *before* asking the store for the approval: every change
   * after that point is then seen, so a decision made at once is not missed.
   */
  async open() {
    this.#tickets++;
    try {
      await this.#start();
    } catch (error) {
      this.#tickets--;
      throw error;
    }
    let open = true;
    return {
      wait: (id, timeoutMs, signal) => this.#wait(id, timeoutMs, signal),
      close: () => {
        if (open) this.#tickets--;
        open = false;
      }
    };
  }
  #wait(id, timeoutMs, signal) {
    if (this.#closed) return Promise.resolve({ status: "shutdown" });
    if (signal?.aborted) return Promise.resolve({ status: "aborted" });
    return new Promise((resolve) => {
      const set = this.#waiters.get(id) ?? /* @__PURE__ */ new Set();
      this.#waiters.set(id, set);
      const done = (outcome) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        set.delete(done);
        if (set.size === 0) this.#waiters.delete(id);
        resolve(outcome);
      };
      const onAbort = () => done({ status: "aborted" });
      const timer = setTimeout(() => done({ status: "timeout" }), Math.max(0, timeoutMs));
      signal?.addEventListener("abort", onAbort, { once: true });
      set.add(done);
    });
  }
  /** Ends every wait (`shutdown`: the calls answer -32004 and may be retried) and stops polling. */
  close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = void 0;
    for (const set of [...this.#waiters.values()]) for (const done of [...set]) done({ status: "shutdown" });
    this.#listeners.clear();
  }
};

// src/guard/approvals/desk.ts
function consoleBase(config) {
  if (!config.console.enabled) return void 0;
  if (config.http.publicUrl) return new URL(config.http.publicUrl).origin;
  const host = config.http.host.includes(":") ? `[${config.http.host}]` : config.http.host;
  return `http://${host}:${config.http.port}`;
}
var ApprovalDesk = class {
  hub;
  notifier;
  #o;
  #base;
  constructor(options) {
    this.#o = options;
    this.#base = consoleBase(options.config);
    this.hub = new ApprovalHub(options.store, { pollMs: options.pollMs, log: options.log });
    this.notifier = new Notifier(options.config.approvals.notify, {
      links: (id) => this.links(id),
      log: options.log,
      backoffMs: options.backoffMs
    });
  }
  /** The console's base URL once the server knows it (`--port 0`). */
  set base(url) {
    if (this.#o.config.console.enabled && !this.#o.config.http.publicUrl) this.#base = url;
  }
  /** Links into the console for an approval (none when the console is off). */
  links(id) {
    if (this.#base === void 0) return void 0;
    const page = `${this.#base}/console/approvals/${encodeURIComponent(id)}`;
    return { console: page, approve: `${page}?action=approve`, deny: `${page}?action=deny` };
  }
  /** Tells the webhooks (never blocks, never throws). */
  notify(event, approval) {
    if (this.#o.config.approvals.notify.length > 0) this.notifier.notify(event, approval);
  }
  /**
   * A person's decision: recorded in the store (throws `StoreError` when it is no longer pending), in
   * the audit log with who made it, told to the webhooks, and passed to the waiting call at once.
   */
  async decide(id, decision, by, reason) {
    const a = await this.#o.store.decideApproval(id, decision, by, reason, Date.now());
    await this.#o.audit?.append({
      decision,
      method: "approvals/decide",
      session: "-",
      agent: a.agent,
      tool: a.tool,
      amount: a.amount,
      backend: a.backend,
      argsHash: a.argsHash,
      approval: a.id,
      by,
      reason: reason ?? (decision === "approved" ? "approved" : "denied"),
      latencyMs: 0
    });
    this.notify(decision === "approved" ? "approval.approved" : "approval.denied", a);
    this.hub.poke();
    return a;
  }
  close() {
    this.hub.close();
  }
};

export {
  consoleBase,
  ApprovalDesk
};
