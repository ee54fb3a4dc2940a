// Webhooks about held calls (`approvals.notify`): a Slack incoming-webhook message with links into the
// console, or a JSON event signed with HMAC-SHA256 (docs/guard-console.md shows how to verify it).
// Deliveries never block the call path: `notify` queues and returns; each delivery is retried with
// backoff on a network error, a timeout, a 5xx or a 429, and given up after its retries (counted and
// logged). The same delivery id is sent with every attempt, so a receiver can drop repeats.
import { createHmac, randomUUID } from 'node:crypto';
import type { GuardWebhook } from '../../config/guard-types.ts';
import type { Approval } from '../store/types.ts';

/** What happened to an approval. */
export type ApprovalEvent = 'approval.held' | 'approval.approved' | 'approval.denied' | 'approval.withdrawn';

/** Links into the console for one approval (absent when the console is off). */
export interface ApprovalLinks {
  console: string;
  approve: string;
  deny: string;
}

/** Delivery counts per format, for the metrics. */
export interface WebhookStats {
  format: GuardWebhook['format'];
  delivered: number;
  failed: number;
}

/** Options of the notifier. */
export interface NotifierOptions {
  /** Links for an approval id (the console's base URL is known only once the server listens). */
  links?: (id: string) => ApprovalLinks | undefined;
  log?: (line: string) => void;
  /** Delay before the first retry, doubled for each further one; default 1000 ms. */
  backoffMs?: number;
  /** Deliveries in flight at most; more are dropped (and counted as failed); default 1000. */
  maxPending?: number;
}

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-mcp-guard-signature';

/** Signs a body as the `X-MCP-Guard-Signature` header value. */
export function signBody(secret: string, body: string, seconds: number): string {
  const mac = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
  return `t=${seconds},v1=${mac}`;
}

/** An approval as the webhooks and the console's API show it (snake_case, times in ISO 8601, no arguments). */
export function approvalJson(a: Approval): Record<string, unknown> {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
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
    reason: a.reason,
  };
}

/** Slack's mrkdwn treats &, < and > as markup (links, mentions): escape them in what agents control. */
const slackText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The Slack incoming-webhook message for an event. */
export function slackMessage(event: ApprovalEvent, a: Approval, links?: ApprovalLinks): unknown {
  const what = {
    'approval.held': 'Held for approval',
    'approval.approved': `Approved by ${a.decidedBy ?? 'someone'}`,
    'approval.denied': `Denied by ${a.decidedBy ?? 'someone'}`,
    'approval.withdrawn': 'Withdrawn (the client gave up waiting)',
  }[event];
  const amount = a.amount === undefined ? '' : ` for ${a.amount}`;
  const lines = [
    `*${slackText(what)}*: \`${slackText(a.agent)}\` calls \`${slackText(a.tool)}\`${amount}${a.backend ? ` on ${slackText(a.backend)}` : ''}`,
    slackText(a.summary),
  ];
  if (a.reason) lines.push(`Reason: ${slackText(a.reason)}`);
  if (event === 'approval.held') {
    lines.push(`Expires ${new Date(a.expiresAt).toISOString()} · approval \`${a.id}\``);
    if (!links) lines.push(`Decide with \`mcp-guard guard approvals approve ${a.id}\` (or deny)`);
  }
  const text = lines.join('\n');
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (links && event === 'approval.held') {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          url: links.approve,
        },
        { type: 'button', text: { type: 'plain_text', text: 'Deny' }, style: 'danger', url: links.deny },
        { type: 'button', text: { type: 'plain_text', text: 'Open the console' }, url: links.console },
      ],
    });
  } else if (links) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${links.console}|Open in the console>` }],
    });
  }
  return { text, blocks };
}

/** Calls the configured webhooks. */
export class Notifier {
  readonly #hooks: GuardWebhook[];
  readonly #o: NotifierOptions;
  readonly #stats: Map<GuardWebhook['format'], WebhookStats>;
  readonly #inflight = new Set<Promise<void>>();

  constructor(hooks: GuardWebhook[], options: NotifierOptions = {}) {
    this.#hooks = hooks;
    this.#o = options;
    this.#stats = new Map(hooks.map((h) => [h.format, { format: h.format, delivered: 0, failed: 0 }]));
  }

  /** Counts per format since start. */
  stats(): WebhookStats[] {
    return [...this.#stats.values()].map((s) => ({ ...s }));
  }

  /** Queues the event for every webhook and returns at once; never throws. */
  notify(event: ApprovalEvent, approval: Approval): void {
    for (const hook of this.#hooks) {
      if (this.#inflight.size >= (this.#o.maxPending ?? 1000)) {
        this.#stats.get(hook.format)!.failed++;
        this.#log(`mcp-guard: webhook ${host(hook.url)}: ${event} dropped (too many deliveries pending)`);
        continue;
      }
      const delivery = this.#deliver(hook, event, approval).catch((error: Error) =>
        this.#log(`mcp-guard: webhook ${host(hook.url)}: ${error.message}`),
      );
      this.#inflight.add(delivery);
      void delivery.finally(() => this.#inflight.delete(delivery));
    }
  }

  /** Resolves once every queued delivery has succeeded or given up (the CLI waits before exiting). */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }

  #log(line: string): void {
    (this.#o.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  async #deliver(hook: GuardWebhook, event: ApprovalEvent, approval: Approval): Promise<void> {
    const id = randomUUID();
    const links = this.#o.links?.(approval.id);
    const body = JSON.stringify(
      hook.format === 'slack'
        ? slackMessage(event, approval, links)
        : { id, type: event, time: new Date().toISOString(), approval: approvalJson(approval), links },
    );
    const stats = this.#stats.get(hook.format)!;
    let problem = '';
    for (let attempt = 0; attempt <= hook.retries; attempt++) {
      if (attempt > 0) await sleep((this.#o.backoffMs ?? 1000) * 2 ** (attempt - 1));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'mcp-guard',
        'x-mcp-guard-event': event,
        'x-mcp-guard-delivery': id,
      };
      // Signed afresh on each attempt: a receiver checks the timestamp against its clock.
      if (hook.secret) headers[SIGNATURE_HEADER] = signBody(hook.secret, body, Math.floor(Date.now() / 1000));
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(hook.timeoutMs),
        });
        await res.body?.cancel().catch(() => {});
        if (res.status >= 200 && res.status < 300) {
          stats.delivered++;
          return;
        }
        problem = `HTTP ${res.status}`;
        // Other 4xx answers (a wrong URL, a refused signature) will not get better by retrying.
        if (res.status < 500 && res.status !== 429) break;
      } catch (error) {
        problem =
          (error as Error).name === 'TimeoutError'
            ? `no answer in ${hook.timeoutMs} ms`
            : String((error as Error).message);
      }
    }
    stats.failed++;
    throw new Error(`${event} for approval ${approval.id} not delivered: ${problem}`);
  }
}

const host = (url: string) => new URL(url).host;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
