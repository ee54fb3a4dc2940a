// The console's views, rendered on the server with the escaping `html` tag: pending approvals (updated
// live by the page's script), their history, one approval, the audit log with filters and paging, one
// audit record, and the tool pins with the diff of their definitions. Every change is a form POST
// carrying the session's CSRF token; everything agents or backends wrote is shown as text.

import type { AuditRecord, VerifyResult } from '../audit/index.ts';
import { definitionLines, lineDiff } from '../store/pin-diff.ts';
import type { Approval, ToolPin } from '../store/types.ts';
import { type Html, html } from '../web/html.ts';
import type { AuditFilter, AuditPage } from './audit-reader.ts';

const iso = (ms: number | undefined) =>
  ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');

/** The arguments of a held call, pretty-printed as text (absent unless `audit.record_arguments`). */
function argsBlock(args: string | undefined): Html {
  if (args === undefined) return html`<span class="muted">not recorded</span>`;
  let text = args;
  try {
    text = JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    // shown as stored
  }
  return html`<pre class="args">${text}</pre>`;
}

/** Approve and deny forms for one pending approval. */
function decideForms(base: string, a: Approval, csrf: string, focus?: string): Html {
  const action = `${base}/approvals/${encodeURIComponent(a.id)}`;
  return html`<div class="decide">
<form method="post" action="${action}/approve" data-action="approve" class="approve${focus === 'approve' ? ' focus' : ''}">
<input type="hidden" name="csrf" value="${csrf}">
<input name="reason" placeholder="note (optional)" aria-label="approval note" maxlength="500">
<button type="submit" class="ok">Approve</button>
</form>
<form method="post" action="${action}/deny" data-action="deny" class="deny${focus === 'deny' ? ' focus' : ''}">
<input type="hidden" name="csrf" value="${csrf}">
<input name="reason" placeholder="reason" aria-label="denial reason" maxlength="500">
<button type="submit" class="danger">Deny</button>
</form>
</div>`;
}

/** One row of the pending table; the page's script fills the same structure (the template) for new ones. */
function pendingRow(base: string, a: Approval, csrf: string): Html {
  return html`<tr data-id="${a.id}">
<td><a href="${base}/approvals/${encodeURIComponent(a.id)}" class="mono" data-field="id">${a.id.slice(0, 8)}</a><br><time data-field="created">${iso(a.createdAt)}</time></td>
<td data-field="agent">${a.agent}</td><td class="mono" data-field="tool">${a.tool}</td><td data-field="backend">${a.backend ?? ''}</td>
<td class="num" data-field="amount">${a.amount ?? ''}</td><td><time data-field="expires">${iso(a.expiresAt)}</time></td>
<td><span data-field="summary">${a.summary}</span><div data-field="args">${argsBlock(a.args)}</div></td>
<td>${decideForms(base, a, csrf)}</td>
</tr>`;
}

/** The pending approvals, live. */
export function pendingView(base: string, pending: Approval[], csrf: string, flash?: string): Html {
  return html`<h1>Waiting for a decision</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
<p class="muted live" id="live-status" data-events="${base}/events">Updates live.</p>
<table class="approvals" id="pending">
<thead><tr><th>Approval</th><th>Agent</th><th>Tool</th><th>Backend</th><th>Amount</th><th>Expires</th><th>Call</th><th></th></tr></thead>
<tbody>${pending.map((a) => pendingRow(base, a, csrf))}</tbody>
</table>
<p class="empty" id="pending-empty"${pending.length ? html` hidden` : ''}>Nothing waits for a decision.</p>
<template id="approval-row">${pendingRow(base, TEMPLATE_APPROVAL, csrf)}</template>`;
}

/** The placeholder the row template is rendered from; the script fills in the real values. */
const TEMPLATE_APPROVAL: Approval = {
  id: '',
  agent: '',
  tool: '',
  argsHash: '',
  summary: '',
  status: 'pending',
  createdAt: 0,
  expiresAt: 0,
};

/** Decided, expired, consumed and withdrawn approvals. */
export function historyView(base: string, list: Approval[]): Html {
  return html`<h1>History</h1>
<table class="approvals">
<thead><tr><th>Approval</th><th>Status</th><th>Agent</th><th>Tool</th><th>Amount</th><th>Decided by</th><th>Reason</th></tr></thead>
<tbody>${list.map(
    (a) => html`<tr>
<td><a href="${base}/approvals/${encodeURIComponent(a.id)}" class="mono">${a.id.slice(0, 8)}</a><br><time>${iso(a.createdAt)}</time></td>
<td><span class="status ${a.status}">${a.status}</span></td><td>${a.agent}</td><td class="mono">${a.tool}</td>
<td class="num">${a.amount ?? ''}</td><td>${a.decidedBy ?? ''}<br><time>${iso(a.decidedAt)}</time></td><td>${a.reason ?? ''}</td>
</tr>`,
  )}</tbody>
</table>
${list.length ? '' : html`<p class="empty">No decided approvals yet.</p>`}`;
}

/** One approval, with the forms when it is still pending (`focus` from the webhook's link). */
export function approvalView(base: string, a: Approval, csrf: string, focus?: string): Html {
  const rows: [string, Html | string | number | undefined][] = [
    ['Status', html`<span class="status ${a.status}">${a.status}</span>`],
    ['Agent', a.agent],
    ['Tool', a.tool],
    ['Backend', a.backend],
    ['Amount', a.amount],
    ['Summary', a.summary],
    ['Held at', iso(a.createdAt)],
    [a.status === 'pending' ? 'Expires' : 'Valid until', iso(a.expiresAt)],
    ['Decided by', a.decidedBy],
    ['Decided at', iso(a.decidedAt)],
    ['Reason', a.reason],
    ['Arguments hash', a.argsHash],
  ];
  return html`<h1>Approval <span class="mono">${a.id}</span></h1>
<dl class="detail">${rows
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}<dt>Arguments</dt><dd>${argsBlock(a.args)}</dd></dl>
${a.status === 'pending' ? decideForms(base, a, csrf, focus) : ''}
<p><a href="${base}/approvals">All pending approvals</a></p>`;
}

/** The audit log's chain state. */
function chainBanner(chain: VerifyResult | undefined): Html {
  if (!chain) return html`<p class="chain unknown">No audit log yet.</p>`;
  if (chain.ok) return html`<p class="chain ok">Chain intact: ${chain.records} records verified.</p>`;
  const b = chain.firstBroken!;
  return html`<p class="chain broken" role="alert">Chain BROKEN at line ${b.line}${b.seq !== undefined ? ` (seq ${b.seq})` : ''}: ${b.reason}. The ${chain.records} records before it are intact.</p>`;
}

const DECISIONS = ['allow', 'deny', 'error', 'held', 'approved', 'denied', 'pin-approved'];

/** The audit table with its filters and paging. */
export function auditView(
  base: string,
  page: AuditPage,
  chain: VerifyResult | undefined,
  filter: AuditFilter & { fromText?: string; toText?: string },
  query: URLSearchParams,
): Html {
  const older = new URLSearchParams(query);
  if (page.older !== undefined) older.set('before', String(page.older));
  const newest = new URLSearchParams(query);
  newest.delete('before');
  return html`<h1>Audit log</h1>
${chainBanner(chain)}
<form method="get" action="${base}/audit" class="filters">
<label>Agent <input name="agent" value="${filter.agent ?? ''}"></label>
<label>Tool <input name="tool" value="${filter.tool ?? ''}"></label>
<label>Decision <select name="decision"><option value="">any</option>${DECISIONS.map(
    (d) => html`<option value="${d}"${filter.decision === d ? html` selected` : ''}>${d}</option>`,
  )}</select></label>
<label>From <input name="from" type="datetime-local" step="1" value="${filter.fromText ?? ''}"></label>
<label>To <input name="to" type="datetime-local" step="1" value="${filter.toText ?? ''}"></label>
<button type="submit">Filter</button> <a href="${base}/audit">Clear</a>
</form>
<table class="audit" id="audit">
<thead><tr><th>Seq</th><th>Time (UTC)</th><th>Decision</th><th>Agent</th><th>Method</th><th>Tool</th><th>Amount</th><th>By</th><th>Reason</th></tr></thead>
<tbody>${page.records.map(
    ({ at, record: r }) => html`<tr>
<td><a href="${base}/audit/record?at=${at}">${r.seq}</a></td><td><time>${r.time}</time></td>
<td><span class="decision ${String(r.decision)}">${String(r.decision)}</span></td><td>${r.agent ?? ''}</td>
<td class="mono">${r.method ?? ''}</td><td class="mono">${r.tool ?? ''}</td><td class="num">${r.amount ?? ''}</td>
<td>${r.by ?? ''}</td><td>${r.reason ?? ''}</td>
</tr>`,
  )}</tbody>
</table>
${page.records.length ? '' : html`<p class="empty">No records match.</p>`}
${page.unreadable ? html`<p class="error">${page.unreadable} line(s) here are not JSON records.</p>` : ''}
<nav class="pager">${query.has('before') ? html`<a href="${base}/audit?${newest.toString()}">Newest</a>` : ''}
${page.older !== undefined ? html`<a href="${base}/audit?${older.toString()}" rel="next">Older</a>` : ''}</nav>`;
}

/** One audit record, whole, as text. */
export function recordView(base: string, r: AuditRecord): Html {
  return html`<h1>Audit record ${r.seq}</h1>
<pre class="record">${JSON.stringify(r, null, 2)}</pre>
<p><a href="${base}/audit">Back to the log</a></p>`;
}

/** Changed and new tools with their diffs, and the approve forms. */
export function pinsView(base: string, pins: ToolPin[], csrf: string, flash?: string): Html {
  const waiting = pins.filter((p) => p.status !== 'pinned');
  const pinned = pins.length - waiting.length;
  return html`<h1>Tool pins</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
<p class="muted">${pinned} tool(s) pinned and unchanged; ${waiting.length} waiting for review.</p>
${waiting.map((p) => {
  const diff = lineDiff(definitionLines(p.definition), definitionLines(p.pendingDefinition));
  return html`<section class="pin" data-pin="${p.server}/${p.tool}">
<h2><span class="status ${p.status}">${p.status}</span> <span class="mono">${p.server}/${p.tool}</span></h2>
<p class="muted">offered since <time>${iso(p.changedAt)}</time>; ${p.hash ? `pinned ${p.hash.slice(0, 12)}` : 'never approved'} → ${p.pendingHash?.slice(0, 12) ?? ''}</p>
<pre class="diff">${diff.map((line) => html`<span class="${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same'}">${line}</span>\n`)}</pre>
<form method="post" action="${base}/pins/approve">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="server" value="${p.server}">
<input type="hidden" name="tool" value="${p.tool}">
<input type="hidden" name="expect" value="${p.pendingHash ?? ''}">
<button type="submit" class="ok">Approve this version</button>
</form>
</section>`;
})}
${waiting.length ? '' : html`<p class="empty">No changed or new tools.</p>`}`;
}

/** The header: navigation, who is signed in, and the sign-out form. */
export function headerView(base: string, user: string, csrf: string, current: string): Html {
  const link = (path: string, label: string) =>
    html`<a href="${base}${path}"${current === path ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<header>
<span class="brand">mcp-guard</span>
<nav>${link('/approvals', 'Approvals')} ${link('/approvals/history', 'History')} ${link('/audit', 'Audit')} ${link('/pins', 'Pins')}</nav>
<form method="post" action="${base}/logout" class="signout"><input type="hidden" name="csrf" value="${csrf}"><span>${user}</span> <button type="submit">Sign out</button></form>
</header>`;
}
