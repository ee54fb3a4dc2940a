// The body of the one pull-request comment the Action keeps up to date. Pure: findings in, markdown
// out. Every string that comes from a scanned file goes through `escapeMarkdown`, and the body stays
// far below GitHub's 65,536-character limit by listing at most `MAX_ROWS` findings and shortening
// long values, then summarising the rest.

import { escapeMarkdown } from '../output/escape.ts';
import type { Finding } from '../scan/finding.ts';
import { bySeverity, countLine } from './report.ts';

/** The hidden marker that identifies our comment (with its author; see pull-request.ts). */
export const MARKER = '<!-- mcp-guard -->';

/** At most this many findings are listed in the comment; the rest are counted. */
export const MAX_ROWS = 50;

/** Longest message or name shown before it is cut (before escaping, which may double it). */
export const MAX_CELL = 300;

/** A hard ceiling well under GitHub's 65,536 characters, whatever the findings hold. */
export const MAX_BODY = 60_000;

/** What the comment describes besides the findings. */
export interface CommentContext {
  /** Link to the workflow run, where the job summary lists every finding. */
  runUrl?: string;
  /** The commit scanned. */
  sha?: string;
  /** Findings in files this pull request does not change (not listed, only counted). */
  elsewhere?: number;
}

function cell(text: string): string {
  const short = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
  return escapeMarkdown(short);
}

function row(f: Finding): string {
  const rule = `[${f.ruleId} ${f.rule}](${f.helpUri})`;
  const place = `${cell(f.file)}:${f.line}`;
  const server = f.server === null ? '' : cell(f.server);
  return `| ${f.severity} | ${rule} | ${place} | ${server} | ${cell(f.message)} |`;
}

function footer(ctx: CommentContext): string {
  const parts = ['mcp-guard'];
  if (ctx.sha) parts.push(`commit ${escapeMarkdown(ctx.sha.slice(0, 12))}`);
  if (ctx.runUrl) parts.push(`[workflow run](${ctx.runUrl})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** The comment for a pull request with findings: a table of the most severe, the rest counted. */
export function findingsComment(findings: readonly Finding[], ctx: CommentContext = {}): string {
  const sorted = bySeverity(findings);
  const head = [
    MARKER,
    `### mcp-guard found ${sorted.length} problem${sorted.length === 1 ? '' : 's'} in MCP configs this pull request changes`,
    '',
    `**${countLine(sorted)}**`,
    '',
    '| Severity | Rule | File | Server | Finding |',
    '| --- | --- | --- | --- | --- |',
  ].join('\n');
  const tail = (listed: number) => {
    const lines = [''];
    const rest = sorted.length - listed;
    if (rest > 0) {
      lines.push(
        `…and ${rest} more finding${rest === 1 ? '' : 's'}, listed in the job summary${ctx.runUrl ? ` of the [workflow run](${ctx.runUrl})` : ''} and in the SARIF file.`,
        '',
      );
    }
    if (ctx.elsewhere) {
      lines.push(
        `${ctx.elsewhere} more finding${ctx.elsewhere === 1 ? ' is' : 's are'} in files this pull request does not change (see the job summary).`,
        '',
      );
    }
    lines.push(footer(ctx));
    return lines.join('\n');
  };
  const rows: string[] = [];
  let length = head.length + tail(0).length + 200;
  for (const f of sorted.slice(0, MAX_ROWS)) {
    const r = row(f);
    if (length + r.length + 1 > MAX_BODY) break;
    rows.push(r);
    length += r.length + 1;
  }
  return `${head}\n${rows.join('\n')}\n${tail(rows.length)}\n`;
}

/** The comment once a pull request's findings are gone: edited in place, so the thread shows it. */
export function resolvedComment(ctx: CommentContext = {}): string {
  return [
    MARKER,
    '### mcp-guard: no problems left in MCP configs this pull request changes',
    '',
    'The findings reported earlier are resolved.',
    '',
    footer(ctx),
    '',
  ].join('\n');
}
