// Human output: findings grouped by file, each with its line, server, rule and a one-line fix, then a
// summary. Colour comes from chalk, which the caller switches off when not on a TTY or with NO_COLOR.
import { Chalk, type ChalkInstance } from 'chalk';
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
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push(c.underline(file) + c.dim(`  (${findings[0].client})`));
    for (const f of findings) {
      const where = c.dim(`${f.line}:${f.column}`.padEnd(8));
      const sev = paint[f.severity](f.severity.padEnd(8));
      const server = f.server ? `${c.bold(f.server)}: ` : '';
      lines.push(`  ${where} ${sev} ${f.ruleId} ${c.dim(f.rule)}  ${server}${f.message}`);
      if (f.fix) lines.push(`  ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim(`fix: ${f.fix}`)}`);
    }
    lines.push('');
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
  if (result.suppressed > 0)
    lines.push(c.dim(`${result.suppressed} suppressed by ignores, baseline or --min-severity.`));
  if (result.files.length === 0 && result.errors.length === 0) {
    lines.push(c.yellow('No MCP config files were found. Use --verbose to see where mcp-guard looked.'));
  }
  return `${lines.join('\n')}\n`;
}
