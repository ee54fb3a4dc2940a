import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/approvals/notify.ts
import { createHmac, randomUUID } from "node:crypto";
var SIGNATURE_HEADER = "x-mcp-guard-signature";
function signBody(secret, body, seconds) {
  const mac = createHmac("sha256", secret).update(`${seconds}.${body}`).digest("hex");
  return `t=${seconds},v1=${mac}`;
}
function approvalJson(a) {
  const iso = (ms) => ms === void 0 ? void 0 : new Date(ms).toISOString();
  return {
    id: a.id,
    status: a.status,
    agent: a.agent,
    tool: a.tool,
    backend: a.backend,
    amount: a.amount,
    summary: a.summary,
    created_at: iso(a.createdAt),
    expires_at: iso(a.expiresAt),
    decided_by: a.decidedBy,
    decided_at: iso(a.decidedAt),
    reason: a.reason
  };
}
var slackText = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
function slackMessage(event, a, links) {
  const what = {
    "approval.held": "Held for approval",
    "approval.approved": `Approved by ${a.decidedBy ?? "someone"}`,
    "approval.denied": `Denied by ${a.decidedBy ?? "someone"}`,
    "approval.withdrawn": "Withdrawn (the client gave up waiting)"
  }[event];
  const amount = a.amount === void 0 ? "" : ` for ${a.amount}`;
  const lines = [
    `*${slackText(what)}*: \`${slackText(a.agent)}\` calls \`${slackText(a.tool)}\`${amount}${a.backend ? ` on ${slackText(a.backend)}` : ""}`,
    slackText(a.summary)
  ];
  if (a.reason) lines.push(`Reason: ${slackText(a.reason)}`);
  if (event === "approval.held") {
    lines.push(`Expires ${new Date(a.expiresAt).toISOString()} \xB7 approval \`${a.id}\``);
    if (!links) lines.push(`Decide with \`mcp-guard guard approvals approve ${a.id}\` (or deny)`);
  }
  const text = lines.join("\n");
  const blocks = [{ type: "section", text: { type: "mrkdwn", text } }];
  if (links && event === "approval.held") {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Approve" },
          style: "primary",
          url: links.approve
        },
        { type: "button", text: { type: "plain_text", text: "Deny" }, style: "danger", url: links.deny },
        { type: "button", text: { type: "plain_text", text: "Open the console" }, url: links.console }
      ]
    });
  } else if (links) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `<${links.console}|Open in the console>` }]
    });
  }
  return { text, blocks };
}
var Notifier = class {
  #hooks;
  #o;
  #stats;
  #inflight = /* @__PURE__ */ new Set();
  constructor(hooks, options = {}) {
    this.#hooks = hooks;
    this.#o = options;
    this.#stats = new Map(hooks.map((h) => [h.format, { format: h.format, delivered: 0, failed: 0 }]));
  }
  /** Counts per format since start. */
  stats() {
    return [...this.#stats.values()].map((s) => ({ ...s }));
  }
  /** Queues the event for every webhook and returns at once; never throws. */
  notify(event, approval) {
    for (const hook of this.#hooks) {
      if (this.#inflight.size >= (this.#o.maxPending ?? 1e3)) {
        this.#stats.get(hook.format).failed++;
        this.#log(`mcp-guard: webhook ${host(hook.url)}: ${event} dropped (too many deliveries pending)`);
        continue;
      }
      const delivery = this.#deliver(hook, event, approval).catch(
        (error) => this.#log(`mcp-guard: webhook ${host(hook.url)}: ${error.message}`)
      );
      this.#inflight.add(delivery);
      void delivery.finally(() => this.#inflight.delete(delivery));
    }
  }
  /** Resolves once every queued delivery has succeeded or given up (the CLI waits before exiting). */
  async idle() {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }
  #log(line) {
    (this.#o.log ?? ((l) => process.stderr.write(`${l}
`)))(line);
  }
  async #deliver(hook, event, approval) {
    const id = randomUUID();
    const links = this.#o.links?.(approval.id);
    const body = JSON.stringify(
      hook.format === "slack" ? slackMessage(event, approval, links) : { id, type: event, time: (/* @__PURE__ */ new Date()).toISOString(), approval: approvalJson(approval), links }
    );
    const stats = this.#stats.get(hook.format);
    let problem = "";
    for (let attempt = 0; attempt <= hook.retries; attempt++) {
      if (attempt > 0) await sleep((this.#o.backoffMs ?? 1e3) * 2 ** (attempt - 1));
      const headers = {
        "content-type": "application/json",
        "user-agent": "mcp-guard",
        "x-mcp-guard-event": event,
        "x-mcp-guard-delivery": id
      };
      if (hook.secret) headers[SIGNATURE_HEADER] = signBody(hook.secret, body, Math.floor(Date.now() / 1e3));
      try {
        const res = await fetch(hook.url, {
          method: "POST",
          headers,
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(hook.timeoutMs)
        });
        await res.body?.cancel().catch(() => {
        });
        if (res.status >= 200 && res.status < 300) {
          stats.delivered++;
          return;
        }
        problem = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break;
      } catch (error) {
        problem = error.name === "TimeoutError" ? `no answer in ${hook.timeoutMs} ms` : String(error.message);
      }
    }
    stats.failed++;
    throw new Error(`${event} for approval ${approval.id} not delivered: ${problem}`);
  }
};
var host = (url) => new URL(url).host;
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export {
  approvalJson,
  Notifier
};
