// Talking to GitHub about the pull request under test: the files it changes, and the one comment the
// Action keeps on it. Every list is paginated (a PR may change thousands of files and carry hundreds
// of comments) through @actions/github's Octokit.
import type * as github from '@actions/github';
import { MARKER } from './comment.ts';

/** The Octokit `@actions/github` hands out. */
export type Octokit = ReturnType<typeof github.getOctokit>;

/** The pull request an event is about. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** The login GitHub's built-in `GITHUB_TOKEN` posts as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The HTTP status of an Octokit error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The repository paths the pull request changes (renamed files under their new name). */
export async function changedFiles(octokit: Octokit, pr: PullRequestRef): Promise<Set<string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return new Set(files.map((f) => f.filename));
}

interface CommentLike {
  id: number;
  body?: string | null;
  html_url: string;
  user: { login: string; type: string } | null;
}

/**
 * Whether `c` is ours: it starts with the marker (anyone can paste a marker somewhere in a reply,
 * but quoting puts `>` first) and it was written by the token's account. A personal token's login is
 * known from `GET /user`; the built-in token and App tokens cannot call it, and then the author must
 * be a bot account, which no person can post as.
 */
export function isOurs(c: CommentLike, login: string | undefined): boolean {
  if (!c.body?.trimStart().startsWith(MARKER) || !c.user) return false;
  return login ? c.user.login === login : c.user.type === 'Bot';
}

/** Picks our comment among a PR's comments: the token's own, preferring `github-actions[bot]`, oldest first. */
export function findOurs<C extends CommentLike>(
  comments: readonly C[],
  login: string | undefined,
): C | undefined {
  const ours = comments.filter((c) => isOurs(c, login));
  return ours.find((c) => c.user?.login === ACTIONS_BOT) ?? ours[0];
}

async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    // 403 "Resource not accessible by integration": the built-in token or an App token.
    return undefined;
  }
}

/** What an upsert did. */
export interface UpsertResult {
  action: 'created' | 'updated' | 'none';
  url?: string;
}

/**
 * Keeps exactly one comment: updates ours to `body` when it exists; otherwise creates one only when
 * `create` (there is something to report: a clean pull request gets no comment).
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequestRef,
  body: string,
  create: boolean,
): Promise<UpsertResult> {
  const login = await tokenLogin(octokit);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const existing = findOurs(comments, login);
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', url: data.html_url };
  }
  if (!create) return { action: 'none' };
  const { data } = await octokit.rest.issues.createComment({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    body,
  });
  return { action: 'created', url: data.html_url };
}
