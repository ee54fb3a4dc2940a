// Shapes a scan for the Action: paths relative to the repository (the workspace) rather than to the
// scanned folder, because annotations, PR file lists and code scanning all speak repository paths;
// and the order findings are shown in.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding, ScanResult } from '../scan/finding.ts';
import { compareSeverity, SEVERITIES } from '../scan/severity.ts';

/** `file` as a repository path (forward slashes), or `undefined` when it lies outside the workspace. */
export function repoPath(workspace: string, absFile: string): string | undefined {
  const rel = relative(workspace, absFile);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.replace(/\\/g, '/');
}

/**
 * The scan with every path re-expressed relative to `workspace`, so `path: sub/dir` still yields
 * `sub/dir/.cursor/mcp.json` in SARIF and annotations. Files outside the workspace keep their path.
 */
export function relativeToWorkspace(result: ScanResult, workspace: string): ScanResult {
  const rebase = (file: string, abs: string) => repoPath(workspace, abs) ?? file;
  const absOf = (file: string) => resolve(result.root, file);
  const findings = (list: readonly Finding[]) => list.map((f) => ({ ...f, file: rebase(f.file, f.absFile) }));
  return {
    ...result,
    root: workspace,
    findings: findings(result.findings),
    files: result.files.map((f) => ({ ...f, file: rebase(f.file, absOf(f.file)) })),
    errors: result.errors.map((e) => ({ ...e, file: rebase(e.file, absOf(e.file)) })),
    diff: result.diff && {
      ...result.diff,
      fixed: findings(result.diff.fixed),
      changed: result.diff.changed.map((file) => rebase(file, absOf(file))),
    },
  };
}

/** Findings sorted most severe first, then by place: the order annotations and the comment use. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(b.severity, a.severity) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** Counts per severity, most severe first, leaving out zeros: "2 high, 1 low". */
export function countLine(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}
