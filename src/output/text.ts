// Human output: findings grouped by file, each with its line, server, rule and a one-line fix, then a
// summary. Compared with a base commit, each finding says whether it is new, and the fixed ones follow. Colour comes from chalk, which the caller switches off when not on a TTY or with NO_COLOR.
import { Chalk, type ChalkInstance } from 'chalk';
import { countByStatus } from '../scan/compare.ts';
import type { Finding, ScanResult } from '../scan/finding.ts';
import { SEVERITIES, type Severity } from '../scan/severity.ts';

/** Options for text output. */
export interface TextOptions {
  color: boolean;
  verbose?: boolean;
}

/** Renders findings for a terminal. */
export function formatText(result: ScanResult, options: TextOptions): string {
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold.red(s),
    high: (s) => c.red(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.cyan(s),
  };
  const lines: string[] = [];
  const { diff } = result;
  const tag = (f: Finding) => {
    if (!diff) return '';
    const word = (f.status ?? '').padEnd(9);
    return f.status === 'new' ? c.bold(word) : f.status === 'fixed' ? c.green(word) : c.dim(word);
  };
  const list = (findings: readonly Finding[], fixes: boolean) => {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const [file, group] of byFile) {
      lines.push(c.underline(file) + c.dim(`  (${group[0].client})`));
      for (const f of group) {
        const where = c.dim(`${f.line}:${f.column}`.padEnd(8));
        const sev = paint[f.severity](f.severity.padEnd(8));
        const server = f.server ? `${c.bold(f.server)}: ` : '';
        lines.push(`  ${where} ${sev} ${tag(f)}${f.ruleId} ${c.dim(f.rule)}  ${server}${f.message}`);
        if (fixes && f.fix) lines.push(`  ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim(`fix: ${f.fix}`)}`);
      }
      lines.push('');
    }
  };
  list(result.findings, true);
  if (diff && diff.fixed.length > 0) {
    lines.push(c.bold(`Fixed since ${diff.base} (lines as they were there):`), '');
    list(diff.fixed, false);
  }
  for (const e of result.errors) lines.push(`${c.yellow('warning')} ${e.file}: ${e.message}`);
  if (options.verbose) {
    lines.push(c.bold('Files read:'));
    for (const f of result.files)
      lines.push(`  ${f.file} (${f.client}, ${f.servers} server${f.servers === 1 ? '' : 's'})`);
    if (result.searched.length > 0) {
      lines.push(c.bold('Locations looked at:'));
      for (const s of result.searched)
        lines.push(`  ${s.found ? c.green('found  ') : c.dim('missing')} ${s.path} (${s.client})`);
    }
  }
  const counts = SEVERITIES.map(
    (s) => [s, result.findings.filter((f) => f.severity === s).length] as const,
  ).filter(([, n]) => n > 0);
  const servers = result.files.reduce((n, f) => n + f.servers, 0);
  const scanned = `${result.files.length} file${result.files.length === 1 ? '' : 's'}, ${servers} server${servers === 1 ? '' : 's'}`;
  if (result.findings.length === 0) lines.push(c.green(`No findings (${scanned}).`));
  else {
    const parts = counts.map(([s, n]) => paint[s](`${n} ${s}`)).join(', ');
    lines.push(
      `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${parts}) in ${scanned}.`,
    );
  }
  if (diff) lines.push(diffLine(result));
  if (result.suppressed > 0)
    lines.push(c.dim(`${result.suppressed} suppressed by ignores, baseline or --min-severity.`));
  if (result.files.length === 0 && result.errors.length === 0) {
    lines.push(c.yellow('No MCP config files were found. Use --verbose to see where mcp-guard looked.'));
  }
  return `${lines.join('\n')}\n`;
}

/** "Against origin/main (1a2b3c4d5e6f): 2 new, 5 existing, 1 fixed." for a scan compared with a base. */
function diffLine(result: ScanResult): string {
  const n = countByStatus(result);
  return `Against ${result.diff?.base} (${result.diff?.commit.slice(0, 12)}): ${n.added} new, ${n.existing} existing, ${n.fixed} fixed.`;
}
