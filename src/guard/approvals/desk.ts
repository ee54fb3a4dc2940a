// The approval desk of one guard process: the hub that wakes waiting calls, the webhooks, the links
// into the console, and the one way a person's decision is made (store, audit record, webhooks, wake).
// Shared by every session's pipeline and by the console, so a click in the browser reaches the call
// waiting in another session of the same process at once.
import type { GuardConfig } from '../../config/guard-types.ts';
import type { AuditSink } from '../context.ts';
import type { Approval, Store } from '../store/types.ts';
import { ApprovalHub } from './hub.ts';
import { type ApprovalEvent, type ApprovalLinks, Notifier } from './notify.ts';

/** Where the console lives for links, before the server knows its port: `http.public_url`'s origin, or host:port. */
export function consoleBase(config: GuardConfig): string | undefined {
  if (!config.console.enabled) return undefined;
  if (config.http.publicUrl) return new URL(config.http.publicUrl).origin;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return `http://${host}:${config.http.port}`;
}

/** Options of the desk. */
export interface DeskOptions {
  store: Store;
  config: GuardConfig;
  /** Where decisions made here are recorded (the console's). */
  audit?: AuditSink;
  log?: (line: string) => void;
  /** Hub polling interval (tests). */
  pollMs?: number;
  /** Webhook retry backoff (tests). */
  backoffMs?: number;
}

/** One process's approvals machinery. */
export class ApprovalDesk {
  readonly hub: ApprovalHub;
  readonly notifier: Notifier;
  readonly #o: DeskOptions;
  #base: string | undefined;

  constructor(options: DeskOptions) {
    this.#o = options;
    this.#base = consoleBase(options.config);
    this.hub = new ApprovalHub(options.store, { pollMs: options.pollMs, log: options.log });
    this.notifier = new Notifier(options.config.approvals.notify, {
      links: (id) => this.links(id),
      log: options.log,
      backoffMs: options.backoffMs,
    });
  }

  /** The console's base URL once the server knows it (`--port 0`). */
  set base(url: string | undefined) {
    if (this.#o.config.console.enabled && !this.#o.config.http.publicUrl) this.#base = url;
  }

  /** Links into the console for an approval (none when the console is off). */
  links(id: string): ApprovalLinks | undefined {
    if (this.#base === undefined) return undefined;
    const page = `${this.#base}/console/approvals/${encodeURIComponent(id)}`;
    return { console: page, approve: `${page}?action=approve`, deny: `${page}?action=deny` };
  }

  /** Tells the webhooks (never blocks, never throws). */
  notify(event: ApprovalEvent, approval: Approval): void {
    if (this.#o.config.approvals.notify.length > 0) this.notifier.notify(event, approval);
  }

  /**
   * A person's decision: recorded in the store (throws `StoreError` when it is no longer pending), in
   * the audit log with who made it, told to the webhooks, and passed to the waiting call at once.
   */
  async decide(id: string, decision: 'approved' | 'denied', by: string, reason?: string): Promise<Approval> {
    const a = await this.#o.store.decideApproval(id, decision, by, reason, Date.now());
    await this.#o.audit?.append({
      decision,
      method: 'approvals/decide',
      session: '-',
      agent: a.agent,
      tool: a.tool,
      amount: a.amount,
      backend: a.backend,
      argsHash: a.argsHash,
      approval: a.id,
      by,
      reason: reason ?? (decision === 'approved' ? 'approved' : 'denied'),
      latencyMs: 0,
    });
    this.notify(decision === 'approved' ? 'approval.approved' : 'approval.denied', a);
    this.hub.poke();
    return a;
  }

  close(): void {
    this.hub.close();
  }
}
