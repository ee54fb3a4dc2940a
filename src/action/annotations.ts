// Line annotations through @actions/core. GitHub shows at most 10 error, 10 warning and 10 notice
// annotations per step (more are dropped silently), so the most severe findings go first, each level
// is capped at what will be shown, and what was left out is said in the log and the job summary.
import * as core from '@actions/core';
import type { Finding } from '../scan/finding.ts';
import type { Severity } from '../scan/severity.ts';
import { bySeverity } from './report.ts';

/** An annotation level, as the workflow command names it. */
export type Level = 'error' | 'warning' | 'notice';

/** GitHub's per-step display limit for each level. */
export const PER_LEVEL_LIMIT = 10;

/** critical and high block a merge in most policies, so they are errors; medium warns; low notes. */
export function levelOf(severity: Severity): Level {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'notice';
}

/** What to annotate: the chosen findings with their level, and how many were left out. */
export interface AnnotationPlan {
  shown: { finding: Finding; level: Level }[];
  omitted: number;
}

/** Picks the findings to annotate: most severe first, at most `limit` per level. */
export function planAnnotations(findings: readonly Finding[], limit = PER_LEVEL_LIMIT): AnnotationPlan {
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  const shown: AnnotationPlan['shown'] = [];
  let omitted = 0;
  for (const finding of bySeverity(findings)) {
    const level = levelOf(finding.severity);
    if (used[level] >= limit) {
      omitted++;
      continue;
    }
    used[level]++;
    shown.push({ finding, level });
  }
  return { shown, omitted };
}

/** Writes the planned annotations as workflow commands (stdout); returns how many were left out. */
export function emitAnnotations(findings: readonly Finding[]): number {
  const plan = planAnnotations(findings);
  for (const { finding: f, level } of plan.shown) {
    const props: core.AnnotationProperties = {
      title: `${f.ruleId} ${f.rule}`,
      file: f.file,
      startLine: f.line,
      startColumn: f.column,
    };
    const message = `${f.message} (${f.severity})`;
    if (level === 'error') core.error(message, props);
    else if (level === 'warning') core.warning(message, props);
    else core.notice(message, props);
  }
  if (plan.omitted > 0) {
    core.info(
      `${plan.omitted} more finding(s) were not annotated: GitHub shows at most ${PER_LEVEL_LIMIT} annotations per level in a step. Every finding is in the job summary and the SARIF file.`,
    );
  }
  return plan.omitted;
}
