// The body of the one pull-request comment the Action keeps up to date. Pure: findings in, markdown
// out. It leads with what the pull request changes: the findings it adds (with their lines), the ones
// it fixes, and one line counting the older ones, which the job summary lists. When the base commit
// could not be read, it shows the findings in the files the pull request changes instead, and says why.
// Every string that comes from a scanned file goes through `escapeMarkdown`, and the body stays far
// below GitHub's 65,536-character limit by listing at most `MAX_ROWS` findings per table and
// shortening long values, then counting the rest.
import { escapeMarkdown } from '../output/escape.ts';
import type { Finding } from '../scan/finding.ts';
import { bySeverity, countLine } from './report.ts';

/** The hidden marker that identifies our comment (with its author; see pull-request.ts). */
export const MARKER = '<!-- mcp-guard -->';
/** At most this many findings are listed per table; the rest are counted. */
export const MAX_ROWS = 50;
/** Longest message or name shown before it is cut (before escaping, which may double it). */
export const MAX_CELL = 300;
/** A hard ceiling well under GitHub's 65,536 characters, whatever the findings hold. */
export const MAX_BODY = 60_000;

/** What the comment describes besides the findings it lists. */
export interface CommentContext {
  /** Link to the workflow run, where the job summary lists every finding. */
  runUrl?: string;
  /** The commit scanned. */
  sha?: string;
  /** The base commit the scan was compared with; unset when it could not be read. */
  base?: string;
  /** Compared with the base: the findings this pull request fixes. */
  fixed?: readonly Finding[];
  /** Findings not listed: older ones (compared), or those in files the pull request does not change. */
  others?: number;
  /** How many of `others` still fail the check (fail-scope `all` or `changed-files`). */
  othersFailing?: number;
  /** The fail-scope in effect, named when `othersFailing` is said. */
  scope?: string;
  /** Why the base commit could not be read. */
  baseProblem?: string;
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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function footer(ctx: CommentContext): string {
  const parts = ['mcp-guard'];
  if (ctx.sha) parts.push(`commit ${escapeMarkdown(ctx.sha.slice(0, 12))}`);
  if (ctx.base) parts.push(`compared with ${escapeMarkdown(ctx.base.slice(0, 12))}`);
  if (ctx.runUrl) parts.push(`[workflow run](${ctx.runUrl})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** A table of findings within `budget` characters: its lines, and how many did not fit. */
function table(findings: readonly Finding[], budget: number): { lines: string[]; rest: number } {
  const lines = ['| Severity | Rule | File | Server | Finding |', '| --- | --- | --- | --- | --- |'];
  let length = lines.join('\n').length;
  let listed = 0;
  for (const f of bySeverity(findings).slice(0, MAX_ROWS)) {
    const r = row(f);
    if (length + r.length + 1 > budget) break;
    lines.push(r);
    length += r.length + 1;
    listed++;
  }
  return { lines, rest: findings.length - listed };
}

function more(rest: number, what: string, ctx: CommentContext): string[] {
  if (rest <= 0) return [];
  const where = ctx.runUrl ? ` of the [workflow run](${ctx.runUrl})` : '';
  return ['', `…and ${rest} more ${rest === 1 ? what : `${what}s`}, listed in the job summary${where}.`];
}

function othersLine(ctx: CommentContext, compared: boolean): string[] {
  const n = ctx.others ?? 0;
  if (n === 0) return [];
  const summary = ctx.runUrl ? `the [job summary](${ctx.runUrl})` : 'the job summary';
  const what = compared
    ? `${plural(n, 'older finding was', 'older findings were')} there before this pull request`
    : `${plural(n, 'more finding is', 'more findings are')} in files this pull request does not change`;
  const failing = ctx.othersFailing
    ? `; ${ctx.othersFailing} of them fail this check (fail-scope: ${ctx.scope})`
    : '';
  return ['', `${what}${failing}: see ${summary}.`];
}

/**
 * The comment: the findings this pull request adds (compared with `ctx.base`), or, without a base,
 * those in the files it changes; then what it fixes and a count of the rest. With no finding to list
 * it says the pull request adds none (or that none are left in its files).
 */
export function findingsComment(findings: readonly Finding[], ctx: CommentContext = {}): string {
  const compared = ctx.base !== undefined;
  const n = findings.length;
  const title = compared
    ? n > 0
      ? `### mcp-guard: this pull request adds ${plural(n, 'problem', 'problems')} to MCP configs`
      : '### mcp-guard: this pull request adds no problems to MCP configs'
    : n > 0
      ? `### mcp-guard found ${plural(n, 'problem', 'problems')} in MCP configs this pull request changes`
      : '### mcp-guard: no problems left in MCP configs this pull request changes';
  const head = [MARKER, title];
  if (ctx.baseProblem) {
    head.push(
      '',
      `> The base commit could not be read (${cell(ctx.baseProblem)}), so new findings cannot be told from older ones: these are the findings in the files this pull request changes.`,
    );
  }
  const fixed = ctx.fixed ?? [];
  const tail = [...othersLine(ctx, compared), '', footer(ctx), ''];
  let budget = MAX_BODY - [...head, ...tail].join('\n').length - 400;
  const body = [...head];
  if (n > 0) {
    const t = table(findings, fixed.length > 0 ? budget * 0.75 : budget);
    body.push('', `**${countLine(findings)}**`, '', ...t.lines, ...more(t.rest, 'finding', ctx));
    budget -= t.lines.join('\n').length;
  } else if (!compared && !ctx.baseProblem) {
    body.push('', 'The findings reported earlier are resolved.');
  }
  if (fixed.length > 0) {
    const t = table(fixed, budget);
    body.push(
      '',
      `#### Fixed by this pull request: ${countLine(fixed)}`,
      '',
      ...t.lines,
      ...more(t.rest, 'fixed finding', ctx),
    );
  }
  return [...body, ...tail].join('\n');
}
