// The GitHub Action: scan in-process with the same pipeline as the CLI, write SARIF for code
// scanning, annotate lines, keep one PR comment up to date, write the job summary, set outputs, and
// fail the step per `fail-on`. Comment failures never hide the rest: a fork's read-only token gets
// a log line, and annotations, summary and SARIF still happen.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { RULES } from '../../rules/index.ts';
import { render } from '../output/index.ts';
import { ConfigError } from '../scan/filter.ts';
import type { Finding } from '../scan/finding.ts';
import { scan } from '../scan/scan.ts';
import { failing, highestSeverity } from '../scan/severity.ts';
import { emitAnnotations, PER_LEVEL_LIMIT } from './annotations.ts';
import { type CommentContext, findingsComment, resolvedComment } from './comment.ts';
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
  const raw = await scan({
    rules: RULES,
    paths: inputs.paths,
    cwd: workspace,
    config: inputs.config && resolve(workspace, inputs.config),
    baseline: inputs.baseline && resolve(workspace, inputs.baseline),
    minSeverity: inputs.minSeverity,
  });
  const result = relativeToWorkspace(raw, workspace);
  for (const e of result.errors) core.warning(`could not read ${e.file}: ${e.message}`);
  core.info(
    `mcp-guard scanned ${result.files.length} MCP config file(s): ${result.findings.length} finding(s).`,
  );

  // SARIF first and always whole: code scanning tracks findings across the repository, not per PR.
  let sarifPath = '';
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    await mkdir(dirname(sarifPath), { recursive: true });
    await writeFile(sarifPath, render(result, 'sarif', { color: false }));
    core.info(`SARIF written to ${sarifPath}.`);
  }

  const notes: string[] = [];
  const pr = pullRequest();
  const needsApi = pr !== undefined && (inputs.comment || inputs.changedFilesOnly);
  if (needsApi && !inputs.token)
    core.warning("input 'token' is empty: no comment, and every file counts as changed.");
  const octokit = needsApi && inputs.token ? github.getOctokit(inputs.token) : undefined;

  let changed: Set<string> | undefined;
  if (octokit && pr && inputs.changedFilesOnly) {
    try {
      changed = await changedFiles(octokit, pr);
    } catch (error) {
      core.warning(`could not list the pull request's files (${describe(error)}); reporting every finding.`);
    }
  }
  const reported = changed ? result.findings.filter((f) => changed.has(f.file)) : result.findings;
  const elsewhere = result.findings.length - reported.length;
  if (changed) {
    core.info(`${reported.length} finding(s) in the ${changed.size} file(s) this pull request changes.`);
    if (elsewhere > 0)
      notes.push(
        `${elsewhere} finding(s) are in files this pull request does not change: no comment or annotation for them.`,
      );
  }

  if (inputs.annotations) {
    const omitted = emitAnnotations(reported);
    if (omitted > 0) {
      notes.push(
        `${omitted} finding(s) were not annotated: GitHub shows at most ${PER_LEVEL_LIMIT} annotations of each level per step.`,
      );
    }
  }

  let commentUrl = '';
  if (octokit && pr && inputs.comment) {
    commentUrl = await comment(
      octokit,
      pr,
      reported,
      { runUrl: runUrl(), sha: github.context.payload.pull_request?.head?.sha, elsewhere },
      notes,
    );
  } else if (inputs.comment && !pr) {
    core.info(`event '${github.context.eventName ?? 'unknown'}' is not a pull request: no comment.`);
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    await buildSummary(result, { changed, notes }).write();
  }

  core.setOutput('findings', String(result.findings.length));
  core.setOutput('highest-severity', highestSeverity(result.findings) ?? 'none');
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('comment-url', commentUrl);

  const failed = failing(result.findings, inputs.failOn);
  if (failed.length > 0) {
    const outside = failed.filter((f) => changed && !changed.has(f.file)).length;
    core.setFailed(
      `mcp-guard: ${failed.length} finding(s) at or above '${inputs.failOn}'` +
        (outside > 0 ? ` (${outside} in files this pull request does not change)` : '') +
        '. See the job summary.',
    );
  }
}

async function comment(
  octokit: Octokit,
  pr: PullRequestRef,
  reported: readonly Finding[],
  ctx: CommentContext,
  notes: string[],
): Promise<string> {
  try {
    const body = reported.length > 0 ? findingsComment(reported, ctx) : undefined;
    const done = await upsertComment(octokit, pr, body, resolvedComment(ctx));
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
