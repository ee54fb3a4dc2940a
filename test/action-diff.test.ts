// The Action on a pull request in a real git repository, run as a runner runs it: the bundled
// dist/action.js in a child process, in a checkout made as actions/checkout makes it (the merge commit
// only, one commit deep), with the runner's environment and a stand-in GitHub API. The base commit is
// not in the checkout, so the Action fetches it and compares fingerprints: exactly the new findings
// fail the check, and the comment, annotations, summary, SARIF and outputs say what the pull request
// adds and fixes. A base that cannot be fetched falls back to the files the pull request changes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import {
  ACTION_DIST,
  cleanRunners,
  findingAnnotations,
  runAction,
  sarifFiles,
} from './helpers/action-runner.ts';
import { FakeGitHub } from './helpers/fake-github.ts';
import {
  addMainPullRequest,
  addPullRequest,
  git,
  makeOrigin,
  PR_FILES,
  type PullRequest,
  shallowCheckout,
  vanishedCommit,
} from './helpers/git-repo.ts';

const ENTRY = process.env.MCP_GUARD_ACTION_ENTRY ?? ACTION_DIST;
const MARKER = '<!-- mcp-guard -->';

let root: string;
let origin: string;
let pr: PullRequest;
let checkouts = 0;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcp-guard-action-git-'));
  origin = join(root, 'origin');
  await makeOrigin(origin);
  pr = await addMainPullRequest(origin, 7);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
  await cleanRunners();
});

/** A fresh checkout of `ref`, as actions/checkout leaves it. */
function checkout(ref: string): Promise<string> {
  return shallowCheckout(origin, ref, join(root, `ws${++checkouts}`));
}

/** The rows of a comment's tables: [severity, rule, place, server]. */
function rows(body: string): string[][] {
  return body
    .split('\n')
    .filter((l) => /^\| (critical|high|medium|low) \|/.test(l))
    .map((l) =>
      l
        .split(/(?<!\\)\|/)
        .slice(1, 5)
        .map((c) => c.trim().replace(/\\(.)/g, '$1')),
    );
}

describe('the Action compares a pull request with its base commit', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = new FakeGitHub();
    await gh.start();
  });
  afterEach(async () => {
    await gh.stop();
  });

  test('exactly the new findings fail the check; moved, reformatted and renamed ones are not new', async () => {
    const ws = await checkout(pr.ref);
    assert.equal(await git(ws, 'rev-parse', '--is-shallow-repository'), 'true');
    await assert.rejects(git(ws, 'cat-file', '-e', `${pr.base}^{commit}`), 'the base is not in the checkout');
    const run = await runAction(ws, gh, { entry: ENTRY, base: pr.base, head: pr.head });

    // The check: the one new high finding fails it; the two older high ones are left aside.
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^::error::mcp-guard: 1 new finding\(s\) at or above 'high' fail this check; 2 older finding\(s\) at or above 'high' were left aside: they were there before this pull request \(fail-scope: new\)\. See the job summary\.$/m,
    );
    assert.deepEqual(run.outputs, {
      findings: '10',
      'highest-severity': 'high',
      'new-findings': '2',
      'fixed-findings': '2',
      'sarif-file': join(ws, 'mcp-guard.sarif'),
      'comment-url': gh.comments[0]?.html_url,
    });

    // Annotations: the new findings only, with their lines.
    assert.deepEqual(
      findingAnnotations(run).map((a) => [a.level, a.props.file, a.props.line, a.props.title]),
      [
        ['error', '.cursor/mcp.json', '3', 'MG102 plaintext-http'],
        ['warning', '.cursor/mcp.json', '3', 'MG101 remote-no-auth'],
      ],
    );
    assert.ok(findingAnnotations(run).every((a) => /mcp\.acme-tracker\.com/.test(a.message)));

    // The comment leads with the new findings, then the fixed ones, then counts the older ones.
    assert.equal(gh.comments.length, 1);
    const body = gh.comments[0].body;
    assert.ok(
      body.startsWith(`${MARKER}\n### mcp-guard: this pull request adds 2 problems to MCP configs\n`),
      body,
    );
    assert.deepEqual(rows(body), [
      [
        'high',
        '[MG102 plaintext-http](https://github.com/mcp-guard/mcp-guard/blob/main/rules/plaintext-http.md)',
        '.cursor/mcp.json:3',
        'tracker',
      ],
      [
        'medium',
        '[MG101 remote-no-auth](https://github.com/mcp-guard/mcp-guard/blob/main/rules/remote-no-auth.md)',
        '.cursor/mcp.json:3',
        'tracker',
      ],
      [
        'critical',
        '[MG301 hardcoded-secret](https://github.com/mcp-guard/mcp-guard/blob/main/rules/hardcoded-secret.md)',
        '.cursor/mcp.json:8',
        'legacy',
      ],
      [
        'low',
        '[MG201 unguarded-server](https://github.com/mcp-guard/mcp-guard/blob/main/rules/unguarded-server.md)',
        '.cursor/mcp.json:6',
        'legacy',
      ],
    ]);
    assert.ok(body.indexOf('#### Fixed by this pull request: 1 critical, 1 low') < body.indexOf('legacy'));
    assert.match(
      body,
      /^8 older findings were there before this pull request: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/42\)\.$/m,
    );
    assert.match(body, new RegExp(`compared with ${pr.base.slice(0, 12)}`));

    // The job summary: the whole picture, new first.
    assert.match(
      run.summary,
      new RegExp(
        `Compared with the base commit <code>${pr.base.slice(0, 12)}</code>: <strong>2 new</strong>, 8 existing, 2 fixed`,
      ),
    );
    assert.match(run.summary, /<h3>Fixed by this change \(2\)<\/h3>/);
    const statuses = [...run.summary.matchAll(/<tr><td>(<strong>new<\/strong>|existing)<\/td>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(statuses, [
      '<strong>new</strong>',
      '<strong>new</strong>',
      ...Array(8).fill('existing'),
    ]);
    for (const file of ['.vscode/settings.json', 'apps/site/.vscode/mcp.json'])
      assert.ok(run.summary.includes(`<code>${file}</code>`), file);

    // SARIF: the whole scan, with our fingerprint and the baseline state of each result.
    const results = run.sarif?.runs[0].results ?? [];
    assert.equal(results.length, 10);
    assert.ok(
      results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints?.['mcpGuardFindingHash/v2'] ?? '')),
    );
    assert.deepEqual(
      results.filter((r) => r.baselineState === 'new').map((r) => r.ruleId),
      ['MG101', 'MG102'],
    );
    assert.equal(results.filter((r) => r.baselineState === 'unchanged').length, 8);
    assert.ok(sarifFiles(run).includes('apps/site/.vscode/mcp.json'));

    // Git told the changed files: the pull request's file list was not needed. Nothing was checked out.
    assert.equal(gh.calls('GET', '/repos/o/r/pulls/7/files').length, 0);
    assert.equal(await git(ws, 'rev-parse', 'HEAD'), pr.merge);
    assert.equal(await git(ws, 'status', '--porcelain', '--untracked-files=no'), '');
    assert.equal(await git(ws, 'cat-file', '-t', pr.base), 'commit', 'the base commit was fetched');

    // The next push takes the new server out: the check passes and the same comment says so.
    const { tracker: _, ...rest } = JSON.parse(PR_FILES['.cursor/mcp.json'] ?? '{}').mcpServers;
    const next = await addPullRequest(
      origin,
      7,
      { '.cursor/mcp.json': `${JSON.stringify({ mcpServers: rest }, null, 2)}\n` },
      { from: 'pr-7' },
    );
    const again = await runAction(await checkout(next.ref), gh, {
      entry: ENTRY,
      base: next.base,
      head: next.head,
    });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(
      again.stdout,
      /mcp-guard: no finding fails this check; 2 older finding\(s\) at or above 'high' were left aside/,
    );
    assert.equal(gh.comments.length, 1);
    assert.equal(gh.calls('PATCH').length, 1);
    assert.match(gh.comments[0].body, /this pull request adds no problems to MCP configs/);
    assert.match(gh.comments[0].body, /#### Fixed by this pull request: 1 critical, 1 low/);
    assert.deepEqual(findingAnnotations(again), []);
    assert.equal(again.outputs['new-findings'], '0');
    assert.equal(again.outputs['fixed-findings'], '2');
  });

  test('a pull request that touches no MCP config passes and gets no comment, whatever the repository holds', async () => {
    const docs = await addPullRequest(origin, 8, { 'README.md': '# demo\n\nMore words.\n' });
    const ws = await checkout(docs.ref);
    const run = await runAction(ws, gh, { entry: ENTRY, base: docs.base, head: docs.head });

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.findings, '10');
    assert.equal(run.outputs['new-findings'], '0');
    assert.equal(run.outputs['fixed-findings'], '0');
    assert.equal(gh.calls('POST').length, 0);
    assert.deepEqual(findingAnnotations(run), []);
    assert.match(
      run.stdout,
      /no finding fails this check; 3 older finding\(s\) at or above 'high' were left aside/,
    );
  });

  test('a base commit that cannot be fetched (force-pushed away): said in the log and the summary, and changed-files decides', async () => {
    const gone = await vanishedCommit(origin);
    const other = await addMainPullRequest(origin, 10);
    const ws = await checkout(other.ref);
    gh.files = [
      '.cursor/mcp.json',
      '.vscode/mcp.json',
      '.vscode/settings.json',
      'apps/site/.vscode/mcp.json',
    ];
    const run = await runAction(ws, gh, { entry: ENTRY, base: gone, head: other.head });

    const said = new RegExp(
      `mcp-guard could not read the base commit ${gone.slice(0, 12)}: '${gone}' is not in this shallow clone and could not be fetched from origin: .*New and fixed findings are unknown, so fail-scope 'new' falls back to 'changed-files'`,
    );
    assert.match(run.stdout, new RegExp(`^::warning::${said.source}`, 'm'));
    assert.match(
      run.summary,
      new RegExp(
        `could not read the base commit ${gone.slice(0, 12)}: .* falls back to &#39;changed-files&#39;`,
      ),
    );
    assert.equal(run.outputs['new-findings'], '');
    assert.equal(run.outputs['fixed-findings'], '');
    assert.equal(gh.calls('GET', '/repos/o/r/pulls/7/files').length, 2, 'the file list, in pages');
    // Every high finding sits in a changed file: the three of them fail the check.
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 3 finding\(s\) at or above 'high' in files this pull request changes fail this check\. See the job summary\./,
    );
    const body = gh.comments[0].body;
    assert.match(body, /^> The base commit could not be read \(/m);
    assert.match(body, /found 10 problems in MCP configs this pull request changes/);
    assert.equal(findingAnnotations(run).length, 10);
  });

  test('on a push, fail-scope: new compares with the commit before the push', async () => {
    const pushed = await addMainPullRequest(origin, 9);
    const ws = await checkout('refs/heads/pr-9');
    const run = await runAction(ws, gh, {
      entry: ENTRY,
      event: 'push',
      before: pushed.base,
      head: pushed.head,
      inputs: { 'fail-scope': 'new' },
    });

    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 1 new finding\(s\) at or above 'high' fail this check; 2 older finding\(s\) at or above 'high' were left aside: they were there before this push/,
    );
    assert.equal(gh.requests.length, 0, 'no API call outside a pull request');
    assert.equal(run.outputs['new-findings'], '2');
    assert.equal(run.outputs['fixed-findings'], '2');
    assert.equal(findingAnnotations(run).length, 2);
  });
});
