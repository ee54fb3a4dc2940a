// The job summary: the whole picture. Every finding of the scan in one table (new ones first when the
// scan was compared with the base commit, with their status; otherwise marked by whether the pull
// request changes their file), the findings the pull request fixes, the files that could not be read,
// and notes on what the comment and the annotations left out or why the base could not be read. HTML,
// as @actions/core writes it, so every scanned-file string is HTML-escaped. GitHub caps a step's
// summary at 1 MiB; rows stop well before that.
import * as core from '@actions/core';
import { countByStatus } from '../scan/compare.ts';
import type { Finding, ScanResult } from '../scan/finding.ts';
import { bySeverity, countLine } from './report.ts';

/** Escapes `text` for HTML text and attribute values: the summary is HTML that @actions/core does not escape. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rows stop once the tables reach this many characters (the summary limit is 1 MiB). */
export const MAX_TABLE_CHARS = 800_000;

/** What the summary reports besides the scan. */
export interface SummaryNotes {
  /** Repository paths the pull request changes, when known and the scan was not compared: findings in them are marked. */
  changed?: ReadonlySet<string>;
  /** Plain-text lines appended below the tables (HTML-escaped here). */
  notes: string[];
}

/** Adds the summary to `core.summary` (the caller writes it). Exported for tests of the HTML. */
export function buildSummary(result: ScanResult, extra: SummaryNotes): typeof core.summary {
  const s = core.summary;
  const { diff } = result;
  const findings = bySeverity(result.findings);
  s.addHeading('mcp-guard', 2);
  s.addRaw(
    findings.length === 0
      ? `<p>No findings in ${result.files.length} MCP config file(s).</p>`
      : `<p><strong>${findings.length} finding(s)</strong>: ${countLine(findings)}, in ${result.files.length} MCP config file(s) scanned.</p>`,
    true,
  );
  if (diff) {
    const n = countByStatus(result);
    s.addRaw(
      `<p>Compared with the base commit <code>${escapeHtml(diff.commit.slice(0, 12))}</code>: <strong>${n.added} new</strong>, ${n.existing} existing, ${n.fixed} fixed.</p>`,
      true,
    );
  }
  let budget = MAX_TABLE_CHARS;
  if (findings.length > 0) {
    const ordered = diff
      ? [...findings.filter((f) => f.status === 'new'), ...findings.filter((f) => f.status !== 'new')]
      : findings;
    const extraColumn = diff
      ? { name: 'Status', value: (f: Finding) => (f.status === 'new' ? '<strong>new</strong>' : 'existing') }
      : extra.changed
        ? { name: 'Changed in this PR', value: (f: Finding) => (extra.changed?.has(f.file) ? 'yes' : 'no') }
        : undefined;
    budget = addTable(s, ordered, budget, extraColumn);
  }
  if (diff && diff.fixed.length > 0) {
    s.addHeading(`Fixed by this change (${diff.fixed.length})`, 3);
    addTable(s, bySeverity(diff.fixed), budget);
  }
  if (result.errors.length > 0) {
    s.addHeading('Files that could not be read', 3);
    s.addList(result.errors.map((e) => `<code>${escapeHtml(e.file)}</code>: ${escapeHtml(e.message)}`));
  }
  for (const note of extra.notes) s.addRaw(`<p>${escapeHtml(note)}</p>`, true);
  return s;
}

/** Adds one table of findings within `budget` characters; returns the budget left. */
function addTable(
  s: typeof core.summary,
  findings: readonly Finding[],
  budget: number,
  column?: { name: string; value: (f: Finding) => string },
): number {
  const header = ['Severity', 'Rule', 'File', 'Line', 'Server', 'Finding'];
  if (column) header.unshift(column.name);
  const rows: string[][] = [];
  let left = budget;
  for (const f of findings) {
    const cells = [
      f.severity,
      `<a href="${escapeHtml(f.helpUri)}">${escapeHtml(`${f.ruleId} ${f.rule}`)}</a>`,
      `<code>${escapeHtml(f.file)}</code>`,
      String(f.line),
      f.server === null ? '' : `<code>${escapeHtml(f.server)}</code>`,
      escapeHtml(f.message),
    ];
    if (column) cells.unshift(column.value(f));
    const size = cells.reduce((n, c) => n + c.length + 9, 9);
    if (size > left) break;
    left -= size;
    rows.push(cells);
  }
  s.addTable([header.map((h) => ({ data: h, header: true })), ...rows]);
  if (rows.length < findings.length) {
    s.addRaw(
      `<p>${findings.length - rows.length} more finding(s) did not fit in the job summary; the SARIF file has every finding of the scan.</p>`,
      true,
    );
  }
  return left;
}
