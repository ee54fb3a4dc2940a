// GitHub Actions annotations: one workflow command per finding (`::error file=...,line=...::msg`), so
// findings show inline on the changed files of a pull request without uploading SARIF. Compared with a
// base commit, only new findings are annotated (the rest were there before the change). Files that
// could not be read become warnings; a plain summary line closes the log.
import { countByStatus } from '../scan/compare.ts';
import type { Finding, ScanResult } from '../scan/finding.ts';
import type { Severity } from '../scan/severity.ts';

/** Escapes a workflow command's message (`::error ...::MESSAGE`) per GitHub's rules. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (`file=`, `title=`): also `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The annotation command for each severity. */
export const ANNOTATION_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

/** One workflow command for one finding. */
export function annotation(f: Finding): string {
  const props = [
    `file=${escapeCommandProperty(f.file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `title=${escapeCommandProperty(`${f.ruleId} ${f.rule}`)}`,
  ].join(',');
  const message = `${f.server ? `${f.server}: ` : ''}${f.message} (${f.severity})`;
  return `::${ANNOTATION_LEVEL[f.severity]} ${props}::${escapeCommandData(message)}`;
}

/** Renders the scan as GitHub workflow commands. */
export function formatGithub(result: ScanResult): string {
  const annotated = result.diff ? result.findings.filter((f) => f.status === 'new') : result.findings;
  const lines = annotated.map(annotation);
  for (const e of result.errors) {
    lines.push(
      `::warning file=${escapeCommandProperty(e.file)},title=mcp-guard::${escapeCommandData(`not scanned: ${e.message}`)}`,
    );
  }
  const n = result.findings.length;
  const counts = result.diff ? countByStatus(result) : undefined;
  lines.push(
    `mcp-guard: ${n} finding${n === 1 ? '' : 's'} in ${result.files.length} file${result.files.length === 1 ? '' : 's'}` +
      (counts
        ? `: ${counts.added} new, ${counts.existing} existing; ${counts.fixed} fixed since ${result.diff?.base}.`
        : '.'),
  );
  return `${lines.join('\n')}\n`;
}
