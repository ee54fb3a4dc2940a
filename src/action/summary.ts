// The job summary: a table with every finding of the scan (HTML, as @actions/core writes it, so every
// scanned-file string is HTML-escaped), the files read, and notes on what the comment and the
// annotations left out. GitHub caps a step's summary at 1 MiB; rows stop well before that.
import * as core from '@actions/core';
import type { ScanResult } from '../scan/finding.ts';
import { bySeverity, countLine } from './report.ts';

/** Escapes `text` for HTML text and attribute values: the summary is HTML that @actions/core does not escape. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rows stop once the table reaches this many characters (the summary limit is 1 MiB). */
export const MAX_TABLE_CHARS = 800_000;

/** What the summary reports besides the scan. */
export interface SummaryNotes {
  /** Repository paths the pull request changes, when known: findings in them are marked. */
  changed?: ReadonlySet<string>;
  /** Plain-text lines appended below the table (HTML-escaped here). */
  notes: string[];
}

/** Adds the summary to `core.summary` (the caller writes it). Exported for tests of the HTML. */
export function buildSummary(result: ScanResult, extra: SummaryNotes): typeof core.summary {
  const s = core.summary;
  const findings = bySeverity(result.findings);
  s.addHeading('mcp-guard', 2);
  s.addRaw(
    findings.length === 0
      ? `<p>No findings in ${result.files.length} MCP config file(s).</p>`
      : `<p><strong>${findings.length} finding(s)</strong>: ${countLine(findings)}, in ${result.files.length} MCP config file(s) scanned.</p>`,
    true,
  );
  if (findings.length > 0) {
    const header = ['Severity', 'Rule', 'File', 'Line', 'Server', 'Finding'];
    if (extra.changed) header.push('Changed in this PR');
    const rows: string[][] = [];
    let size = 0;
    for (const f of findings) {
      const cells = [
        f.severity,
        `<a href="${escapeHtml(f.helpUri)}">${escapeHtml(`${f.ruleId} ${f.rule}`)}</a>`,
        `<code>${escapeHtml(f.file)}</code>`,
        String(f.line),
        f.server === null ? '' : `<code>${escapeHtml(f.server)}</code>`,
        escapeHtml(f.message),
      ];
      if (extra.changed) cells.push(extra.changed.has(f.file) ? 'yes' : 'no');
      size += cells.reduce((n, c) => n + c.length + 9, 9);
      if (size > MAX_TABLE_CHARS) break;
      rows.push(cells);
    }
    s.addTable([header.map((h) => ({ data: h, header: true })), ...rows]);
    if (rows.length < findings.length) {
      s.addRaw(
        `<p>${findings.length - rows.length} more finding(s) did not fit in the job summary; the SARIF file has them all.</p>`,
        true,
      );
    }
  }
  if (result.errors.length > 0) {
    s.addHeading('Files that could not be read', 3);
    s.addList(result.errors.map((e) => `<code>${escapeHtml(e.file)}</code>: ${escapeHtml(e.message)}`));
  }
  for (const note of extra.notes) s.addRaw(`<p>${escapeHtml(note)}</p>`, true);
  return s;
}
