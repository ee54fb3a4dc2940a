// The console's JSON API under `/console/api`, for scripts: the same actions as the pages, with the
// same users. A script signs in with `POST /console/api/login` (a cookie plus the CSRF token to send as
// `X-CSRF-Token` with every change), or, with `auth.mode: oauth`, presents a bearer token carrying the
// console scope (no cookie, so no CSRF token). An agent's API key or token never opens it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardConfig } from '../../config/guard-types.ts';
import { makeVerifier, type Verifier } from '../auth/verify.ts';
import type { Store } from '../store/types.ts';
import { readFields, sameOrigin, sendApiJson } from '../web/http.ts';
import type { SessionKeeper } from '../web/session.ts';
import type { SignIn } from '../web/signin.ts';
import {
  type ChainCache,
  type ConsoleActions,
  consoleApproval,
  findApproval,
  parseAuditQuery,
} from './actions.ts';
import { readAuditPage, readAuditRecord } from './audit-reader.ts';

/** What the API shares with the pages. */
export interface ApiContext {
  config: GuardConfig;
  store: Store;
  sessions: SessionKeeper;
  signin: SignIn;
  actions: ConsoleActions;
  chain: ChainCache;
  auditPath: string;
  resource: string;
  events: (req: IncomingMessage, res: ServerResponse, expiresMs: number) => Promise<void>;
}

/** Who called the API: a console user (cookie) or an OAuth token with the console scope. */
interface Caller {
  user: string;
  /** Changes need the CSRF token (cookie sessions only). */
  csrf?: string;
  expiresMs: number;
}

const verifiers = new WeakMap<GuardConfig, Verifier>();

/** The caller of an API request, or undefined (401). */
async function caller(req: IncomingMessage, ctx: ApiContext): Promise<Caller | undefined> {
  const authz = req.headers.authorization;
  if (authz !== undefined) {
    // Only OAuth tokens with the console scope; API keys and plain JWTs are the agents' and never open it.
    const m = /^Bearer[ ]+(\S+)$/i.exec(authz.trim());
    if (!m || ctx.config.auth.mode !== 'oauth') return undefined;
    let verify = verifiers.get(ctx.config);
    if (!verify) {
      verify = makeVerifier(ctx.config.auth, ctx.resource, ctx.store);
      verifiers.set(ctx.config, verify);
    }
    try {
      const v = await verify(m[1]);
      if (!v.scopes?.includes(ctx.config.console.oauthScope)) return undefined;
      return { user: `oauth:${v.agent}`, expiresMs: Date.now() + 3_600_000 };
    } catch {
      return undefined;
    }
  }
  const session = await ctx.sessions.read(req);
  return session && { user: session.user, csrf: session.csrf, expiresMs: session.exp * 1000 };
}

/** Handles `/console/api/*` (`path` without the prefix). */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  path: string,
  ctx: ApiContext,
): Promise<void> {
  const fail = (status: number, message: string, headers: Record<string, string> = {}) =>
    sendApiJson(res, status, { error: message }, headers);
  if (path === '/login' && req.method === 'POST') {
    const session = await ctx.signin.post(req, res, { api: true, refuse: fail });
    if (session)
      sendApiJson(res, 200, {
        user: session.user,
        csrf_token: session.csrf,
        expires_at: new Date(session.exp * 1000).toISOString(),
      });
    return;
  }
  const who = await caller(req, ctx);
  if (!who)
    return fail(401, 'sign in first (POST /console/api/login) or send a token with the console scope');
  let fields: Record<string, string> = {};
  if (req.method === 'POST') {
    const read = await readFields(req);
    if (!read) return fail(400, 'expected a JSON object or a form body');
    if (who.csrf !== undefined) {
      const token = req.headers['x-csrf-token'];
      const given = typeof token === 'string' ? token : read.csrf;
      const session = await ctx.sessions.read(req);
      if (!sameOrigin(req) || !session || !ctx.sessions.csrfOk(session, given))
        return fail(403, 'missing or wrong CSRF token (X-CSRF-Token)');
    }
    fields = read;
  } else if (req.method !== 'GET') return fail(405, 'GET or POST');
  const q = url.searchParams;

  if (path === '/logout' && req.method === 'POST') {
    const session = await ctx.sessions.read(req);
    sendApiJson(res, 200, { ok: true }, { 'set-cookie': await ctx.sessions.end(session) });
    return;
  }
  if (path === '/events' && req.method === 'GET') return ctx.events(req, res, who.expiresMs);
  if (path === '/approvals' && req.method === 'GET') {
    const status = q.get('status') ?? undefined;
    const statuses = ['pending', 'approved', 'denied', 'consumed', 'expired', 'withdrawn'];
    if (status !== undefined && !statuses.includes(status))
      return fail(400, `status: one of ${statuses.join(', ')}`);
    const list = await ctx.store.listApprovals(status as never);
    return sendApiJson(res, 200, { approvals: list.map(consoleApproval) });
  }
  const decide = /^\/approvals\/([0-9a-f]{1,64})\/(approve|deny)$/.exec(path);
  if (decide && req.method === 'POST') {
    const outcome = await ctx.actions.decide(decide[1], decide[2] === 'approve', who.user, fields.reason);
    if (!outcome.ok) return fail(409, outcome.error);
    return sendApiJson(res, 200, { approval: consoleApproval(outcome.approval) });
  }
  const one = /^\/approvals\/([0-9a-f]{1,64})$/.exec(path);
  if (one && req.method === 'GET') {
    const a = await findApproval(ctx.store, one[1]);
    if (!a) return fail(404, `no approval ${one[1]}`);
    return sendApiJson(res, 200, { approval: consoleApproval(a) });
  }
  if (path === '/audit' && req.method === 'GET') {
    const { filter, before } = parseAuditQuery(q);
    const limit = Math.min(Math.max(Number(q.get('limit')) || 50, 1), 1000);
    const { fromText: _f, toText: _t, ...plain } = filter;
    const page = await readAuditPage(ctx.auditPath, { before, limit, filter: plain });
    return sendApiJson(res, 200, {
      records: page.records,
      older: page.older ?? null,
      unreadable: page.unreadable,
    });
  }
  if (path === '/audit/chain' && req.method === 'GET') {
    const state = await ctx.chain.get();
    return sendApiJson(res, 200, state ?? { ok: true, records: 0 });
  }
  if (path === '/audit/record' && req.method === 'GET') {
    const r = await readAuditRecord(ctx.auditPath, Number(q.get('at')));
    if (!r) return fail(404, 'no record starts at that offset');
    return sendApiJson(res, 200, { record: r });
  }
  if (path === '/pins' && req.method === 'GET') {
    const status = q.get('status');
    const pins = (await ctx.store.listPins()).filter((p) => !status || p.status === status);
    return sendApiJson(res, 200, { pins });
  }
  if (path === '/pins/approve' && req.method === 'POST') {
    const outcome = await ctx.actions.approvePin(fields.server, fields.tool, fields.expect_hash, who.user);
    if (!outcome.ok) return fail(409, outcome.error);
    return sendApiJson(res, 200, { pin: outcome.approval });
  }
  fail(404, `no such API endpoint: ${path}`);
}
