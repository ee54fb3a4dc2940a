// What the console's pages and its API both do: decide an approval, accept a changed tool, record
// sign-ins, read the audit query, and keep the audit chain's state (verified again only when the file
// changed). Each change is recorded in the audit log with the console user who made it.
import { stat } from 'node:fs/promises';
import type { GuardConfig } from '../../config/guard-types.ts';
import type { ApprovalDesk } from '../approvals/desk.ts';
import { approvalJson } from '../approvals/notify.ts';
import { type VerifyResult, verifyAuditLog } from '../audit/index.ts';
import type { AuditSink } from '../context.ts';
import { type Approval, type Store, StoreError, type ToolPin } from '../store/types.ts';
import { signInRecord } from '../web/signin.ts';
import type { AuditFilter } from './audit-reader.ts';

/** An approval as the console's API and event stream show it: the webhooks' form, plus the arguments. */
export function consoleApproval(a: Approval): Record<string, unknown> {
  return { ...approvalJson(a), args: a.args, args_hash: a.argsHash };
}

/** One approval by its full id. */
export async function findApproval(store: Store, id: string): Promise<Approval | undefined> {
  return (await store.listApprovals()).find((a) => a.id === id);
}

/** A `datetime-local` value (or any ISO date) as milliseconds; times without a zone are UTC. */
function parseTime(text: string | null): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** The audit filters and paging position of a query string. */
export function parseAuditQuery(q: URLSearchParams): {
  filter: AuditFilter & { fromText?: string; toText?: string };
  before?: number;
} {
  const text = (k: string) => q.get(k)?.trim() || undefined;
  const before = Number(q.get('before'));
  return {
    filter: {
      agent: text('agent'),
      tool: text('tool'),
      decision: text('decision'),
      from: parseTime(q.get('from')),
      to: parseTime(q.get('to')),
      fromText: text('from'),
      toText: text('to'),
    },
    before: q.has('before') && Number.isSafeInteger(before) && before >= 0 ? before : undefined,
  };
}

/** The audit chain's state, verified again only when the file changed (size or time). */
export class ChainCache {
  readonly #path: string;
  #key = '';
  #result: Promise<VerifyResult | undefined> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async get(): Promise<VerifyResult | undefined> {
    const s = await stat(this.#path).catch(() => undefined);
    if (!s) return undefined;
    const key = `${s.ino}:${s.size}:${s.mtimeMs}`;
    if (key !== this.#key || !this.#result) {
      this.#key = key;
      this.#result = verifyAuditLog(this.#path).catch(() => undefined);
    }
    return this.#result;
  }
}

/** The result of a change: done, or why not (for the page's message and the API's 409). */
export type Outcome<T> = { ok: true; approval: T } | { ok: false; error: string };

/** Options of {@link ConsoleActions}. */
export interface ActionsOptions {
  config: GuardConfig;
  store: Store;
  audit: AuditSink;
  desk: ApprovalDesk;
}

/** The console's changes. */
export class ConsoleActions {
  readonly #o: ActionsOptions;

  constructor(options: ActionsOptions) {
    this.#o = options;
  }

  /** Approves or denies; a refusal (no longer pending, unknown) is an outcome, not an exception. */
  async decide(id: string, approve: boolean, by: string, reason?: string): Promise<Outcome<Approval>> {
    const note = reason?.trim() ? reason.trim().slice(0, 500) : undefined;
    try {
      const a = await this.#o.desk.decide(id, approve ? 'approved' : 'denied', by, note);
      return { ok: true, approval: a };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error: error.message };
      throw error;
    }
  }

  /** Accepts the version of a tool a human looked at (`expect`: its hash, so a newer change is not approved blindly). */
  async approvePin(
    server: string | undefined,
    tool: string | undefined,
    expect: string | undefined,
    by: string,
  ): Promise<Outcome<ToolPin>> {
    if (!server || !tool) return { ok: false, error: 'server and tool are required' };
    try {
      const pin = await this.#o.store.approvePin(server, tool, by, Date.now(), expect || undefined);
      await this.#o.audit.append({
        decision: 'pin-approved',
        method: 'pins/approve',
        session: '-',
        backend: server,
        tool,
        by,
        reason: `pinned ${pin.hash?.slice(0, 12)}`,
        latencyMs: 0,
      });
      return { ok: true, approval: pin };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error: error.message };
      throw error;
    }
  }

  /** Records a sign-in attempt. */
  signedIn(e: { user: string; ok: boolean; address: string; reason?: string }): void {
    this.#o.audit.append(signInRecord('console/signin', e));
  }

  /** The message a page shows after a change (built from known words, never from the URL's text as markup). */
  flash(q: URLSearchParams): string | undefined {
    const error = q.get('error');
    if (error) return `Not done: ${error}`;
    const done = q.get('done');
    const id = q.get('id') ?? '';
    if (done === 'approved' || done === 'denied')
      return `${done === 'approved' ? 'Approved' : 'Denied'} ${id}.`;
    if (done === 'pinned') return `Pinned the offered version of ${id}.`;
    return undefined;
  }
}
