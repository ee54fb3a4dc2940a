// Markdown output: a summary and one table of findings, for job summaries and PR comments (compared
// with a base commit: a status column, and a table of the fixed findings). Every
// string that comes from a scanned file (paths, server names, messages quoting values) is escaped,
// so a config under review cannot inject Markdown, links, HTML or @mentions.
import { countByStatus } from '../scan/compare.ts';
import type { Finding, ScanResult } from '../scan/finding.ts';
import { SEVERITIES, type Severity } from '../scan/severity.ts';
import { escapeMarkdown } from './escape.ts';

const ICON: Record<Severity, string> = {
  critical: '🔴 critical',
  high: '🟠 high',
  medium: '🟡 medium',
  low: '🔵 low',
};

/**
 * Wraps `text` as an inline code span: shown verbatim, never parsed as markdown, HTML, a mention or a
 * link (GitHub looks for mentions outside code only). The fence is one backtick longer than the
 * longest run inside; pipes are escaped so the span can sit in a table cell (GFM unescapes `\|` there).
 */
export function codeSpan(text: string): string {
  const flat = text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = flat.replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') || body.trim() === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Renders the scan as GitHub-flavoured Markdown. */
export function formatMarkdown(result: ScanResult): string {
  const out: string[] = ['## mcp-guard scan', ''];
  const n = result.findings.length;
  const servers = result.files.reduce((sum, f) => sum + f.servers, 0);
  const scanned = `${result.files.length} file${result.files.length === 1 ? '' : 's'}, ${servers} server${servers === 1 ? '' : 's'}`;
  if (n === 0) out.push(`No findings (${scanned}).`);
  else {
    const counts = SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
      .filter(([, c]) => c > 0)
      .map(([s, c]) => `${c} ${s}`)
      .join(', ');
    out.push(`**${n} finding${n === 1 ? '' : 's'}** (${counts}) in ${scanned}.`);
  }
  const { diff } = result;
  if (diff) {
    const c = countByStatus(result);
    out.push(
      '',
      `Against ${codeSpan(diff.base)} (${codeSpan(diff.commit.slice(0, 12))}): **${c.added} new**, ${c.existing} existing, ${c.fixed} fixed.`,
    );
  }
  if (result.suppressed > 0)
    out.push('', `${result.suppressed} suppressed by ignores, baseline or minimum severity.`);
  if (n > 0) out.push('', ...table(result.findings, diff !== undefined));
  if (diff && diff.fixed.length > 0) {
    out.push('', `### Fixed since ${codeSpan(diff.base)}`, '', ...table(diff.fixed, false));
  }
  if (result.errors.length > 0) {
    out.push('', '### Files not scanned', '');
    for (const e of result.errors) out.push(`- ${codeSpan(e.file)}: ${escapeMarkdown(e.message)}`);
  }
  return `${out.join('\n')}\n`;
}

function table(findings: readonly Finding[], withStatus: boolean): string[] {
  const head = withStatus
    ? ['| Status | Severity | Rule | Location | Server | Message |', '| --- | --- | --- | --- | --- | --- |']
    : ['| Severity | Rule | Location | Server | Message |', '| --- | --- | --- | --- | --- |'];
  // New findings first: they are what a change asks its reviewer to look at.
  const rows = withStatus
    ? [...findings.filter((f) => f.status === 'new'), ...findings.filter((f) => f.status !== 'new')]
    : findings;
  return [
    ...head,
    ...rows.map((f) => {
      // Rule codes and names come from our catalogue, but are escaped anyway: cheap and uniform.
      const rule = `[${escapeMarkdown(f.ruleId)}](${f.helpUri}) ${escapeMarkdown(f.rule)}`;
      const cells = [
        ICON[f.severity],
        rule,
        codeSpan(`${f.file}:${f.line}`),
        f.server === null ? '' : codeSpan(f.server),
        escapeMarkdown(f.message),
      ];
      if (withStatus) cells.unshift(f.status === 'new' ? '**new**' : (f.status ?? ''));
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}
