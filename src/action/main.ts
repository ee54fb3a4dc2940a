// The GitHub Action: scan in-process with the same pipeline as the CLI, compare with the pull
// request's base commit (new, existing, fixed), write SARIF for code scanning, annotate the new
// findings, keep one PR comment up to date, write the job summary, set outputs, and fail the step per
// `fail-on` within `fail-scope`. Comment failures never hide the rest: a fork's read-only token gets
// a log line, and annotations, summary and SARIF still happen.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { RULES } from '../../rules/index.ts';
import { render } from '../output/index.ts';
import { countByStatus } from '../scan/compare.ts';
import { type FailScope, judge, type Verdict } from '../scan/fail-scope.ts';
import { ConfigError } from '../scan/filter.ts';
import type { Finding } from '../scan/finding.ts';
import { type ScanOptions, scan } from '../scan/scan.ts';
import { type FailOn, highestSeverity } from '../scan/severity.ts';
import { emitAnnotations, PER_LEVEL_LIMIT } from './annotations.ts';
import { baseCommit, compareWithEventBase } from './base.ts';
import { type CommentContext, findingsComment } from './comment.ts';
import { type ActionInputs, InputError, readInputs } from './inputs.ts';
import { changedFiles, type Octokit, type PullRequestRef, statusOf, upsertComment } from './pull-request.ts';
import { relativeToWorkspace } from './report.ts';
import { buildSummary } from './summary.ts';

/** Runs the Action; never throws: problems end in `core.setFailed`. */
export async function run(): Promise<void> {
  try {
    await runAction(readInputs());
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError) {
      core.setFailed(`mcp-guard: ${error.message}`);
    } else {
      core.setFailed(`mcp-guard: internal error: ${(error as Error).stack ?? String(error)}`);
    }
  }
}

function pullRequest(): PullRequestRef | undefined {
  const pr = github.context.payload.pull_request;
  if (!pr || typeof pr.number !== 'number') return undefined;
  return { ...github.context.repo, number: pr.number };
}

function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = process.env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

async function runAction(inputs: ActionInputs): Promise<void> {
  const workspace = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  for (const p of inputs.paths) {
    if (!(await stat(resolve(workspace, p)).catch(() => undefined))) {
      throw new InputError(`input 'path': no such file or directory: ${p}`);
    }
  }
  const options: ScanOptions = {
    rules: RULES,
    paths: inputs.paths,
    cwd: workspace,
    config: inputs.config && resolve(workspace, inputs.config),
    baseline: inputs.baseline && resolve(workspace, inputs.baseline),
    minSeverity: inputs.minSeverity,
  };
  let raw = await scan(options);
  for (const e of raw.errors) core.warning(`could not read ${e.file}: ${e.message}`);
  core.info(`mcp-guard scanned ${raw.files.length} MCP config file(s): ${raw.findings.length} finding(s).`);

  const pr = pullRequest();
  const what = pr ? 'this pull request' : 'this push';
  const scope: FailScope = inputs.failScope ?? (pr ? 'new' : 'all');
  const notes: string[] = [];

  // New versus existing: compare with the base commit (on a push only when fail-scope asks for it).
  const sha = baseCommit(scope !== 'all');
  let baseProblem: string | undefined;
  if (sha) {
    const compared = await compareWithEventBase(raw, options, sha, workspace, inputs.token);
    if ('result' in compared) raw = compared.result;
    else baseProblem = `could not read the base commit ${sha.slice(0, 12)}: ${compared.problem}`;
  } else if (pr || scope !== 'all') {
    baseProblem = 'found no base commit in the event to compare with';
  }
  const result = relativeToWorkspace(raw, workspace);
  const diff = result.diff;
  if (diff) {
    const n = countByStatus(result);
    core.info(
      `Compared with ${sha?.slice(0, 12)}: ${n.added} new, ${n.existing} existing, ${n.fixed} fixed.`,
    );
  }

  // SARIF first and always whole: code scanning tracks findings across the repository, not per PR.
  let sarifPath = '';
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    await mkdir(dirname(sarifPath), { recursive: true });
    await writeFile(sarifPath, render(result, 'sarif', { color: false }));
    core.info(`SARIF written to ${sarifPath}.`);
  }

  // The files the change touches: from git when the base was read, else from the pull request's file
  // list, which the fallback needs.
  const fallback = !diff && (pr !== undefined || scope !== 'all');
  const needsList = pr !== undefined && fallback && (inputs.changedFilesOnly || scope !== 'all');
  const needsApi = pr !== undefined && (inputs.comment || needsList);
  if (needsApi && !inputs.token)
    core.warning("input 'token' is empty: no comment, and the pull request's files cannot be listed.");
  const octokit = needsApi && inputs.token ? github.getOctokit(inputs.token) : undefined;
  let changed: Set<string> | undefined = diff && new Set(diff.changed);
  if (!changed && octokit && pr && needsList) {
    try {
      changed = await changedFiles(octokit, pr);
    } catch (error) {
      core.warning(`could not list the pull request's files (${describe(error)}).`);
    }
  }

  // What fails the check: fail-scope, falling back to changed-files, then all, never silently.
  let effective = scope;
  if (effective === 'new' && !diff) effective = changed ? 'changed-files' : 'all';
  if (effective === 'changed-files' && !changed) effective = 'all';
  if (baseProblem) {
    const message =
      `mcp-guard ${baseProblem}. ` +
      (scope === effective
        ? `New and fixed findings are unknown; fail-scope '${scope}' applies as it is.`
        : `New and fixed findings are unknown, so fail-scope '${scope}' falls back to '${effective}'${effective === 'changed-files' ? ': the findings in the files this pull request changes count' : ': every finding counts'}.`);
    core.warning(message);
    notes.push(message);
  }
  const verdict = judge(result.findings, inputs.failOn, effective, changed);

  // What this change brings: its new findings, or (no base) the findings in the files it changes.
  const view = diff
    ? result.findings.filter((f) => f.status === 'new')
    : changed
      ? result.findings.filter((f) => changed.has(f.file))
      : result.findings;
  const others = result.findings.length - view.length;
  if (!diff && changed && others > 0) {
    notes.push(
      `${others} finding(s) are in files ${what} does not change: no comment or annotation for them.`,
    );
  }

  if (inputs.annotations) {
    const omitted = emitAnnotations(inputs.changedFilesOnly ? view : result.findings);
    if (omitted > 0) {
      notes.push(
        `${omitted} finding(s) were not annotated: GitHub shows at most ${PER_LEVEL_LIMIT} annotations of each level per step.`,
      );
    }
  }

  let commentUrl = '';
  if (octokit && pr && inputs.comment) {
    const viewed = new Set(view);
    const ctx: CommentContext = {
      runUrl: runUrl(),
      sha: github.context.payload.pull_request?.head?.sha,
      base: diff?.commit,
      fixed: diff?.fixed,
      others,
      othersFailing: verdict.failed.filter((f) => !viewed.has(f)).length,
      scope: effective,
      baseProblem,
    };
    commentUrl = await comment(
      octokit,
      pr,
      findingsComment(view, ctx),
      view.length > 0 || verdict.failed.length > 0,
      notes,
    );
  } else if (inputs.comment && !pr) {
    core.info(`event '${github.context.eventName ?? 'unknown'}' is not a pull request: no comment.`);
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    await buildSummary(result, { changed: diff ? undefined : changed, notes }).write();
  }
  core.setOutput('findings', String(result.findings.length));
  core.setOutput('highest-severity', highestSeverity(result.findings) ?? 'none');
  core.setOutput('new-findings', diff ? String(countByStatus(result).added) : '');
  core.setOutput('fixed-findings', diff ? String(diff.fixed.length) : '');
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('comment-url', commentUrl);

  const said = verdictMessage(verdict, effective, inputs.failOn, what);
  if (verdict.failed.length > 0) core.setFailed(said);
  else if (said) core.info(said);
}

/**
 * What the log says about the check: the failure (how many findings fail it, and how many older ones,
 * or ones in other files, were left aside), or, when it passes, what was left aside; empty otherwise.
 */
function verdictMessage(verdict: Verdict<Finding>, scope: FailScope, failOn: FailOn, what: string): string {
  const aside = verdict.leftAside.length;
  const asideText =
    scope === 'new'
      ? `${aside} older finding(s) at or above '${failOn}' were left aside: they were there before ${what} (fail-scope: new)`
      : `${aside} finding(s) at or above '${failOn}' in files ${what} does not change were left aside (fail-scope: changed-files)`;
  const failed = verdict.failed.length;
  if (failed === 0) return aside > 0 ? `mcp-guard: no finding fails this check; ${asideText}.` : '';
  const added = verdict.failed.filter((f) => f.status === 'new').length;
  const head =
    scope === 'new'
      ? `${failed} new finding(s) at or above '${failOn}' fail this check`
      : scope === 'changed-files'
        ? `${failed} finding(s) at or above '${failOn}' in files ${what} changes fail this check`
        : `${failed} finding(s) at or above '${failOn}' fail this check (fail-scope: all${verdict.failed.some((f) => f.status) ? `; ${added} of them new` : ''})`;
  return `mcp-guard: ${head}${aside > 0 ? `; ${asideText}` : ''}. See the job summary.`;
}

async function comment(
  octokit: Octokit,
  pr: PullRequestRef,
  body: string,
  create: boolean,
  notes: string[],
): Promise<string> {
  try {
    const done = await upsertComment(octokit, pr, body, create);
    if (done.action === 'none') core.info('Nothing to report and no earlier comment: no comment.');
    else core.info(`Comment ${done.action}: ${done.url}`);
    return done.url ?? '';
  } catch (error) {
    const status = statusOf(error);
    const message =
      status === 403
        ? 'cannot comment on the pull request (HTTP 403): the token is read-only, as it is for pull requests from forks. Annotations, the job summary and SARIF are still produced.'
        : `cannot comment on the pull request (${describe(error)}).`;
    core.warning(message);
    notes.push(message);
    return '';
  }
}

function describe(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}
