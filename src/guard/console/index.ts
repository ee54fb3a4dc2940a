// The console of `guard serve-http` under `/console` (docs/guard-console.md): pending approvals live,
// their history, the audit log, the tool pins, and the same actions as a JSON API (api.ts). It has its
// own users (`console.users`, or in OAuth mode a token with the console scope for the API), never the
// agents' credentials; every page answers with a strict CSP; every change needs the session's CSRF
// token from a page of the same origin; every decision is recorded in the audit log with who made it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardConfig } from '../../config/guard-types.ts';
import type { ApprovalDesk } from '../approvals/desk.ts';
import type { AuditSink } from '../context.ts';
import type { HttpMount } from '../http/server.ts';
import type { Store } from '../store/types.ts';
import { type Html, html, page } from '../web/html.ts';
import { readFields, redirect, SECURITY_HEADERS, sameOrigin, sendHtml } from '../web/http.ts';
import { SessionKeeper, type WebSession } from '../web/session.ts';
import { SignIn } from '../web/signin.ts';
import { UserDirectory } from '../web/users.ts';
import { ChainCache, ConsoleActions, consoleApproval, findApproval, parseAuditQuery } from './actions.ts';
import { handleApi } from './api.ts';
import { loadAssets, sendAsset } from './assets.ts';
import { readAuditPage, readAuditRecord } from './audit-reader.ts';
import {
  approvalView,
  auditView,
  headerView,
  historyView,
  pendingView,
  pinsView,
  recordView,
} from './views.ts';

/** Where the console is mounted. */
export const CONSOLE_PATH = '/console';

/** What the console needs besides the config. */
export interface ConsoleDeps {
  store: Store;
  /** The audit log decisions are written to (the guard's, without the request metrics). */
  audit: AuditSink;
  /** The audit log file the console reads. */
  auditPath: string;
  desk: ApprovalDesk;
  /** The guard's canonical URL (OAuth audience), for console API tokens in OAuth mode. */
  resource: string;
}

/** Builds the console as a mount of the HTTP server. Throws on unusable settings. */
export function createConsole(config: GuardConfig, deps: ConsoleDeps): HttpMount {
  const base = CONSOLE_PATH;
  const assets = loadAssets();
  const versions = { css: assets.get('console.css')!.version, js: assets.get('console.js')!.version };
  const users = new UserDirectory(config.console.users);
  const secure = config.http.publicUrl?.startsWith('https:') ?? false;
  const sessions = new SessionKeeper({
    users,
    secret: config.console.sessionSecret,
    ttlSec: config.console.sessionTtlSec,
    secure,
    path: base,
    cookieName: 'mcp_guard_console',
    store: deps.store,
  });
  const render = (title: string, body: Html, session?: WebSession, current = '') =>
    page({
      title,
      body,
      assets: `${base}/assets`,
      versions,
      header: session ? headerView(base, session.user, session.csrf, current) : undefined,
    });
  const actions = new ConsoleActions({ ...deps, config });
  const signin = new SignIn({
    users,
    sessions,
    store: deps.store,
    attemptsPerMinute: config.console.loginAttemptsPerMinute,
    basePath: base,
    render,
    onAttempt: (e) => actions.signedIn(e),
  });
  const chain = new ChainCache(deps.auditPath);
  /** Open event streams, ended at shutdown. */
  const streams = new Set<ServerResponse>();

  const forbidden = (res: ServerResponse, why: string, session?: WebSession) =>
    sendHtml(res, 403, render('Refused', html`<h1>Refused</h1><p class="error">${why}</p>`, session));
  const notFound = (res: ServerResponse, session?: WebSession) =>
    sendHtml(res, 404, render('Not found', html`<h1>Not found</h1>`, session));

  /** Server-sent events: every change of an approval, as it happens (for the page and the API). */
  async function events(req: IncomingMessage, res: ServerResponse, expires: number): Promise<void> {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    streams.add(res);
    const unsubscribe = await deps.desk.hub.subscribe((changed) => {
      for (const a of changed) res.write(`event: approval\ndata: ${JSON.stringify(consoleApproval(a))}\n\n`);
    });
    const beat = setInterval(() => res.write(': keepalive\n\n'), 15_000);
    // The stream ends with the session: the page reconnects and is sent to sign in again.
    const end = setTimeout(() => res.end(), Math.max(0, expires - Date.now()));
    res.once('close', () => {
      unsubscribe();
      clearInterval(beat);
      clearTimeout(end);
      streams.delete(res);
    });
    req.once('close', () => res.end());
  }

  async function pages(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const session = await sessions.read(req);
    if (!session) {
      if (req.method === 'GET') {
        redirect(res, `${base}/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      } else forbidden(res, 'Your session has ended; sign in again.');
      return;
    }
    let fields: Record<string, string> = {};
    if (req.method === 'POST') {
      const read = await readFields(req);
      // Every change: from a page of this origin, with this session's CSRF token.
      if (!read || !sameOrigin(req) || !sessions.csrfOk(session, read.csrf)) {
        forbidden(res, 'This form was not sent by the console (missing or wrong CSRF token).', session);
        return;
      }
      fields = read;
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, POST' }).end();
      return;
    }
    const show = (title: string, body: Html, current: string) =>
      sendHtml(res, 200, render(title, body, session, current));
    const q = url.searchParams;

    if (path === '/' || path === '') return redirect(res, `${base}/approvals`);
    if (path === '/events' && req.method === 'GET') return events(req, res, session.exp * 1000);
    if (path === '/logout' && req.method === 'POST')
      return redirect(res, `${base}/login`, { 'set-cookie': await sessions.end(session) });
    if (path === '/approvals' && req.method === 'GET') {
      const pending = await deps.store.listApprovals('pending');
      return show('Approvals', pendingView(base, pending, session.csrf, actions.flash(q)), '/approvals');
    }
    if (path === '/approvals/history' && req.method === 'GET') {
      const all = await deps.store.listApprovals();
      const done = all.filter((a) => a.status !== 'pending').slice(0, 500);
      return show('History', historyView(base, done), '/approvals/history');
    }
    const decide = /^\/approvals\/([0-9a-f]{1,64})\/(approve|deny)$/.exec(path);
    if (decide && req.method === 'POST') {
      const outcome = await actions.decide(decide[1], decide[2] === 'approve', session.user, fields.reason);
      return redirect(
        res,
        `${base}/approvals?${new URLSearchParams(outcome.ok ? { done: outcome.approval.status, id: outcome.approval.id } : { error: outcome.error })}`,
      );
    }
    const one = /^\/approvals\/([0-9a-f]{1,64})$/.exec(path);
    if (one && req.method === 'GET') {
      const a = await findApproval(deps.store, one[1]);
      if (!a) return notFound(res, session);
      return show(`Approval ${a.id}`, approvalView(base, a, session.csrf, q.get('action') ?? undefined), '');
    }
    if (path === '/audit' && req.method === 'GET') {
      const { filter, before } = parseAuditQuery(q);
      const [auditPage, state] = await Promise.all([
        readAuditPage(deps.auditPath, { before, limit: 50, filter }),
        chain.get(),
      ]);
      return show('Audit', auditView(base, auditPage, state, filter, q), '/audit');
    }
    if (path === '/audit/record' && req.method === 'GET') {
      const r = await readAuditRecord(deps.auditPath, Number(q.get('at')));
      if (!r) return notFound(res, session);
      return show(`Audit record ${r.seq}`, recordView(base, r), '/audit');
    }
    if (path === '/pins' && req.method === 'GET') {
      const pins = await deps.store.listPins();
      return show('Pins', pinsView(base, pins, session.csrf, actions.flash(q)), '/pins');
    }
    if (path === '/pins/approve' && req.method === 'POST') {
      const outcome = await actions.approvePin(fields.server, fields.tool, fields.expect, session.user);
      return redirect(
        res,
        `${base}/pins?${new URLSearchParams(outcome.ok ? { done: 'pinned', id: `${fields.server}/${fields.tool}` } : { error: outcome.error })}`,
      );
    }
    notFound(res, session);
  }

  return {
    prefix: base,
    async handle(req, res, url) {
      const path = url.pathname.slice(base.length) || '/';
      const asset = /^\/assets\/([a-z.]+)$/.exec(path);
      if (asset) {
        const a = assets.get(asset[1]);
        if (!a || !sendAsset(res, a, req.method)) notFound(res);
        return;
      }
      if (path === '/login') {
        if (req.method === 'POST') {
          await signin.post(req, res, {
            api: false,
            refuse: (_status, message) => forbidden(res, message),
          });
          return;
        }
        const next = signin.safeNext(url.searchParams.get('next'));
        if (await sessions.read(req)) return redirect(res, next);
        signin.form(res, next);
        return;
      }
      if (path === '/api' || path.startsWith('/api/')) {
        await handleApi(req, res, url, path.slice(4) || '/', {
          config,
          store: deps.store,
          sessions,
          signin,
          actions,
          chain,
          auditPath: deps.auditPath,
          resource: deps.resource,
          events,
        });
        return;
      }
      await pages(req, res, url, path);
    },
    listening(url) {
      deps.desk.base = url;
    },
    close() {
      for (const res of streams) res.end();
    },
  };
}
