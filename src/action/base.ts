// The base the Action compares with: on a pull request its base commit, on a push the commit before it
// (when `fail-scope` asks for new or changed-file findings). The commit is read with git from the
// checkout; actions/checkout fetches one commit by default, so a missing base is fetched from origin,
// with the Action's token when the checkout left none behind (`persist-credentials: false`).
import * as core from '@actions/core';
import * as github from '@actions/github';
import { BaseUnavailableError, compareWithBase, type FetchOptions } from '../scan/diff.ts';
import { ConfigError } from '../scan/filter.ts';
import type { ScanResult } from '../scan/finding.ts';
import { git } from '../scan/git.ts';
import type { ScanOptions } from '../scan/scan.ts';

const NO_COMMIT = /^0+$/;

/** The base commit of the event, or `undefined` when it has none (a new branch, a schedule). */
export function baseCommit(wantOnPush: boolean): string | undefined {
  const payload = github.context.payload;
  const sha = payload.pull_request ? payload.pull_request.base?.sha : wantOnPush ? payload.before : undefined;
  return typeof sha === 'string' && sha !== '' && !NO_COMMIT.test(sha) ? sha : undefined;
}

/**
 * How `git fetch` authenticates: as actions/checkout does (an `http.<server>/.extraheader`), passed
 * in the environment rather than on the command line, and only when the checkout kept no credential
 * of its own (two Authorization headers are refused).
 */
async function fetchOptions(workspace: string, token: string): Promise<FetchOptions> {
  if (!token) return {};
  const kept = await git(workspace, ['config', '--get-regexp', '^http\\..*\\.extraheader$']).then(
    (out) => out.length > 0,
    () => false,
  );
  if (kept) return {};
  const server = (process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  core.setSecret(basic);
  return {
    env: {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${server}/.extraheader`,
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
    },
  };
}

/** The scan compared with `sha`, or why it could not be. */
export async function compareWithEventBase(
  head: ScanResult,
  options: ScanOptions,
  sha: string,
  workspace: string,
  token: string,
): Promise<{ result: ScanResult } | { problem: string }> {
  try {
    const result = await compareWithBase(head, options, {
      ref: sha,
      head: 'HEAD',
      fetch: await fetchOptions(workspace, token),
      tmpDir: process.env.RUNNER_TEMP || undefined,
    });
    return { result };
  } catch (error) {
    if (error instanceof BaseUnavailableError || error instanceof ConfigError)
      return { problem: error.message };
    throw error;
  }
}
