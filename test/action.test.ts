// The GitHub Action end to end, outside a git repository: its entry runs in a child process (the
// same code the bundle runs) with the environment a runner gives it (event payload, INPUT_*,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) against a stand-in for the GitHub REST API on 127.0.0.1. With
// no base commit to read, a pull request falls back to the files it changes (the comparison with the
// base is in action-diff.test.ts). Checks what the entry wrote: outputs, job summary, annotation
// commands on stdout, the SARIF file, and the requests it made.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ACTION_SOURCE,
  type ActionRun,
  cleanRunners,
  findingAnnotations,
  runAction as runEntry,
  sarifFiles,
} from './helpers/action-runner.ts';
import { runCli } from './helpers/cli.ts';
import { FakeGitHub } from './helpers/fake-github.ts';

// The source entry by default; point MCP_GUARD_ACTION_ENTRY at a bundle (dist/action.js) to test that.
const ENTRY = process.env.MCP_GUARD_ACTION_ENTRY ?? ACTION_SOURCE;
const FIXTURES = fileURLToPath(new URL('fixtures/action/', import.meta.url));
const MARKER = '<!-- mcp-guard -->';
const BROKEN = '.cursor/mcp.json';
const BROKEN_SUB = 'sub/.cursor/mcp.json';

const temps: string[] = [];
after(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
  await cleanRunners();
});

/** A fresh workspace holding a copy of `test/fixtures/action/<name>`. */
async function workspace(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-action-'));
  temps.push(dir);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function runAction(
  ws: string,
  gh: FakeGitHub,
  inputs: Record<string, string> = {},
  event = 'pull_request',
): Promise<ActionRun> {
  return runEntry(ws, gh, { entry: ENTRY, inputs, event });
}

describe('the GitHub Action, end to end', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = new FakeGitHub();
    await gh.start();
  });
  afterEach(async () => {
    await gh.stop();
  });

  test('first run on a PR with findings creates one comment, annotates, summarises and writes SARIF', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN, BROKEN_SUB, 'README.md'];
    const run = await runAction(ws, gh);

    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /::error::mcp-guard: 2 finding\(s\) at or above 'high'/);
    assert.equal(gh.calls('POST').length, 1);
    assert.equal(gh.calls('PATCH').length, 0);
    assert.equal(gh.comments.length, 1);
    const [comment] = gh.comments;
    assert.ok(comment.body.startsWith(MARKER));
    assert.match(comment.body, /MG000 config-unparseable/);
    assert.match(comment.body, /\\\.cursor\\\/mcp\\\.json:4/);
    // MG000 sits where the map that is never closed opens (line 1), not at the end of the file.
    assert.match(comment.body, /sub\\\/\\\.cursor\\\/mcp\\\.json:1/);
    assert.equal(gh.calls('POST')[0].authorization, 'token ghs_faketoken');

    assert.deepEqual(run.outputs, {
      findings: '2',
      'highest-severity': 'high',
      'new-findings': '',
      'fixed-findings': '',
      'sarif-file': join(ws, 'mcp-guard.sarif'),
      'comment-url': comment.html_url,
    });
    // No git here: the fallback is said in the log, the summary and the comment.
    assert.match(
      run.stdout,
      /::warning::mcp-guard could not read the base commit 000000000000: .* is not in a git repository\. New and fixed findings are unknown, so fail-scope 'new' falls back to 'changed-files'/,
    );
    assert.match(run.summary, /could not read the base commit 000000000000/);
    assert.match(comment.body, /^> The base commit could not be read/m);
    const anns = findingAnnotations(run);
    assert.deepEqual(
      anns.map((a) => [a.level, a.props.file, a.props.line, a.props.col, a.props.title]),
      [
        ['error', BROKEN, '4', '1', 'MG000 config-unparseable'],
        ['error', BROKEN_SUB, '1', '17', 'MG000 config-unparseable'],
      ],
    );
    assert.match(anns[0].message, /cannot parse this file/);
    assert.match(run.summary, /<h2>mcp-guard<\/h2>/);
    assert.match(run.summary, /<code>\.cursor\/mcp\.json<\/code>/);
    assert.match(run.summary, /<code>sub\/\.cursor\/mcp\.json<\/code>/);
    assert.deepEqual(sarifFiles(run), [BROKEN, BROKEN_SUB]);
  });

  test('a second run updates the same comment instead of adding one', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN, BROKEN_SUB];
    const first = await runAction(ws, gh);
    const id = gh.comments[0].id;
    await writeFile(join(ws, BROKEN_SUB), '{ "mcpServers": {} }\n');
    const second = await runAction(ws, gh);

    assert.equal(gh.comments.length, 1);
    assert.equal(gh.calls('POST').length, 1);
    const patches = gh.calls('PATCH');
    assert.equal(patches.length, 1);
    assert.equal(patches[0].path, `/repos/o/r/issues/comments/${id}`);
    assert.match(gh.comments[0].body, /found 1 problem in/);
    assert.doesNotMatch(gh.comments[0].body, /sub\\\/\\\.cursor/);
    assert.equal(second.outputs['comment-url'], first.outputs['comment-url']);
    assert.equal(second.outputs.findings, '1');
  });

  test('when a PR fixes its findings, the comment is edited to say they are resolved', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN, BROKEN_SUB];
    await runAction(ws, gh);
    await writeFile(join(ws, BROKEN), '{ "mcpServers": {} }\n');
    await writeFile(join(ws, BROKEN_SUB), '{ "mcpServers": {} }\n');
    const run = await runAction(ws, gh);

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(gh.comments.length, 1);
    assert.ok(gh.comments[0].body.startsWith(MARKER));
    assert.match(gh.comments[0].body, /no problems left/);
    assert.doesNotMatch(gh.comments[0].body, /MG000/);
    assert.equal(run.outputs.findings, '0');
    assert.equal(run.outputs['highest-severity'], 'none');
    assert.equal(run.outputs['comment-url'], gh.comments[0].html_url);
    assert.deepEqual(findingAnnotations(run), []);
    assert.match(run.summary, /No findings in 2 MCP config file\(s\)/);
  });

  test('a clean PR with no earlier comment gets no comment', async () => {
    const ws = await workspace('clean');
    gh.files = [BROKEN];
    gh.addComment('Looks good to me!', 'reviewer', 'User');
    const run = await runAction(ws, gh);

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(gh.calls('POST').length, 0);
    assert.equal(gh.calls('PATCH').length, 0);
    assert.equal(gh.comments.length, 1);
    assert.equal(run.outputs['comment-url'], '');
    assert.equal(run.outputs.findings, '0');
    assert.deepEqual(sarifFiles(run), []);
    assert.ok(run.sarif, 'a SARIF file is written even when clean');
  });

  test('a 403 on the comment (fork PR) is logged, and annotations, summary and SARIF still happen', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN, BROKEN_SUB];
    gh.forbidWrites = true;
    const run = await runAction(ws, gh);

    assert.equal(gh.calls('POST').length, 1, 'the comment was attempted');
    assert.equal(gh.comments.length, 0);
    assert.match(run.stdout, /::warning::cannot comment on the pull request \(HTTP 403\)/);
    assert.equal(findingAnnotations(run).length, 2);
    assert.match(run.summary, /<code>\.cursor\/mcp\.json<\/code>/);
    assert.match(run.summary, /HTTP 403/);
    assert.deepEqual(sarifFiles(run), [BROKEN, BROKEN_SUB]);
    assert.equal(run.outputs['comment-url'], '');
    assert.equal(run.outputs.findings, '2');
    assert.equal(run.code, 1, 'fail-on still decides the step');
    assert.doesNotMatch(run.stdout, /internal error/);
  });

  test('comments are paginated: ours on a later page is found and updated; look-alikes are left alone', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN, BROKEN_SUB];
    for (let i = 0; i < 4; i++) gh.addComment(`comment ${i}`, `user${i}`, 'User');
    const impostor = gh.addComment(`${MARKER}\nI wrote the marker myself`, 'mallory', 'User');
    const quoted = gh.addComment(`> ${MARKER}\nquoting the bot`, 'other-bot[bot]', 'Bot');
    const ours = gh.addComment(`${MARKER}\nold findings`);
    const run = await runAction(ws, gh);

    assert.ok(gh.calls('GET', '/repos/o/r/issues/7/comments').length >= 4, 'every page was read');
    assert.equal(gh.calls('POST').length, 0);
    assert.deepEqual(
      gh.calls('PATCH').map((r) => r.path),
      [`/repos/o/r/issues/comments/${ours.id}`],
    );
    assert.match(ours.body, /MG000/);
    assert.equal(impostor.body, `${MARKER}\nI wrote the marker myself`);
    assert.equal(quoted.body, `> ${MARKER}\nquoting the bot`);
    assert.equal(run.outputs['comment-url'], ours.html_url);
  });

  test('changed files are paginated and changed-files-only limits comment and annotations, not SARIF', async () => {
    const ws = await workspace('findings');
    gh.files = ['README.md', 'src/a.ts', 'src/b.ts', 'docs/c.md', BROKEN_SUB];
    const run = await runAction(ws, gh);

    assert.equal(gh.calls('GET', '/repos/o/r/pulls/7/files').length, 3, 'three pages of two');
    assert.deepEqual(
      findingAnnotations(run).map((a) => a.props.file),
      [BROKEN_SUB],
    );
    assert.match(gh.comments[0].body, /sub\\\/\\\.cursor\\\/mcp\\\.json:1/);
    assert.doesNotMatch(gh.comments[0].body, /\| \\\.cursor/);
    assert.match(gh.comments[0].body, /1 more finding is in files this pull request does not change/);
    assert.deepEqual(sarifFiles(run), [BROKEN, BROKEN_SUB]);
    assert.equal(run.outputs.findings, '2');
    assert.match(run.summary, /1 finding\(s\) are in files this pull request does not change/);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 1 finding\(s\) at or above 'high' in files this pull request changes fail this check; 1 finding\(s\) at or above 'high' in files this pull request does not change were left aside \(fail-scope: changed-files\)/,
    );
  });

  test('changed-files-only: false annotates every finding; the comment and fail-scope still use the changed files', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN_SUB];
    const run = await runAction(ws, gh, { 'changed-files-only': 'false' });

    assert.deepEqual(
      findingAnnotations(run).map((a) => a.props.file),
      [BROKEN, BROKEN_SUB],
    );
    assert.match(gh.comments[0].body, /found 1 problem in MCP configs this pull request changes/);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 1 finding\(s\) at or above 'high' in files this pull request changes/,
    );
  });

  test('fail-scope: all fails on every finding, and the comment says the older ones fail the check', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN_SUB];
    const run = await runAction(ws, gh, { 'fail-scope': 'all' });

    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 2 finding\(s\) at or above 'high' fail this check \(fail-scope: all\)\. See the job summary\./,
    );
    assert.match(
      gh.comments[0].body,
      /1 more finding is in files this pull request does not change; 1 of them fail this check \(fail-scope: all\)/,
    );
  });

  test('without a base or a file list (no token), fail-scope falls back to all, and says so', async () => {
    const ws = await workspace('findings');
    const run = await runAction(ws, gh, { token: '' });

    assert.equal(gh.requests.length, 0);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /fail-scope 'new' falls back to 'all': every finding counts/);
    assert.match(
      run.stdout,
      /::error::mcp-guard: 2 finding\(s\) at or above 'high' fail this check \(fail-scope: all\)/,
    );
  });

  test('a config file whose path holds markdown, HTML and an @mention is escaped everywhere', async () => {
    const ws = await workspace('clean');
    const evil = '[pwn](javascript:alert(1)) @octocat <img src=x onerror=alert(1)> #1';
    await mkdir(join(ws, evil, '.cursor'), { recursive: true });
    await writeFile(join(ws, evil, '.cursor', 'mcp.json'), '{ "mcpServers": {\n');
    gh.files = [`${evil}/.cursor/mcp.json`];
    const run = await runAction(ws, gh);

    const body = gh.comments[0].body;
    assert.match(body, /MG000/);
    assert.doesNotMatch(body, /\[pwn\]\(/);
    assert.doesNotMatch(body, /@octocat/);
    const row = body.split('\n').find((l) => l.includes('MG000')) ?? '';
    const fileCell = row.split(/(?<!\\)\|/)[3];
    assert.match(fileCell, /octocat/);
    assert.doesNotMatch(fileCell, /(?<!\\)[<>[\]()]/, 'no unescaped markdown or HTML');
    assert.ok(body.includes('\\[pwn\\]\\(javascript\\:alert\\(1\\)\\) @\u200boctocat \\<img'), body);
    assert.doesNotMatch(run.summary, /<img/);
    assert.match(run.summary, /&#60;img src=x/);
  });

  test('a server name holding markdown, a link, HTML and an @mention is escaped in comment and summary', async () => {
    const ws = await workspace('server-name');
    gh.files = ['.mcp.json'];
    const run = await runAction(ws, gh, { 'fail-on': 'none' });

    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = gh.comments[0].body;
    const rows = body.split('\n').filter((l) => /^\| (critical|high|medium|low) \|/.test(l));
    assert.ok(rows.length > 0, body);
    for (const row of rows) {
      const server = row.split(/(?<!\\)\|/)[4];
      assert.ok(server.includes('\\[click\\]\\(https\\:\\/\\/evil\\.example\\)'), server);
      assert.ok(server.includes('@\u200boctocat'), server);
      assert.doesNotMatch(server, /(?<!\\)[<>[\]()*]/, 'no unescaped markdown or HTML');
    }
    assert.doesNotMatch(body, /@octocat|\[click\]\(|(?<!\\)<img|\*\*x\*\*/);
    assert.doesNotMatch(run.summary, /<img/);
    assert.match(
      run.summary,
      /<code>\[click\]\(https:\/\/evil\.example\) \*\*x\*\* @octocat &#60;img src=x&#62;<\/code>/,
    );
  });

  test('a bad input fails the step with a message naming it, before any API call', async () => {
    const ws = await workspace('findings');
    const run = await runAction(ws, gh, { 'fail-on': 'severe' });

    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /::error::mcp-guard: input 'fail-on' must be one of critical, high, medium, low, none, got 'severe'/,
    );
    assert.equal(gh.requests.length, 0);
    assert.deepEqual(run.outputs, {});
  });

  test('a path that does not exist fails the step with a clear message', async () => {
    const ws = await workspace('findings');
    const run = await runAction(ws, gh, { path: 'no/such/dir' });

    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::mcp-guard: input 'path': no such file or directory: no\/such\/dir/);
    assert.equal(gh.requests.length, 0);
  });

  test('scanning a subfolder still reports repository paths (annotations, comment, SARIF)', async () => {
    const ws = await workspace('findings');
    gh.files = [BROKEN_SUB];
    const run = await runAction(ws, gh, { path: 'sub', 'sarif-file': 'out/scan.sarif' });

    assert.deepEqual(
      findingAnnotations(run).map((a) => a.props.file),
      [BROKEN_SUB],
    );
    assert.deepEqual(sarifFiles(run), [BROKEN_SUB]);
    assert.equal(run.outputs['sarif-file'], join(ws, 'out', 'scan.sarif'));
    assert.match(gh.comments[0].body, /sub\\\/\\\.cursor/);
  });

  test("SARIF lists the same rules[] as the CLI's for the same scan: without those the project config switches off", async () => {
    const ws = await workspace('findings');
    await cp(fileURLToPath(new URL('fixtures/cli/disable/', import.meta.url)), ws, { recursive: true });
    const run = await runAction(ws, gh, { 'fail-on': 'none' }, 'push');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const cli = await runCli(['scan', ws, '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(cli.code, 0, cli.stderr);
    const ids = (log: { runs: { tool: { driver: { rules: { id: string }[] } } }[] } | undefined) =>
      log?.runs[0].tool.driver.rules.map((r) => r.id) ?? [];
    const fromAction = ids(run.sarif);
    assert.ok(!fromAction.includes('MG201'), 'MG201 is switched off in .mcp-guard-scan.yaml');
    assert.ok(fromAction.includes('MG000'));
    assert.deepEqual(fromAction, ids(JSON.parse(cli.stdout)));
  });

  test('outside a pull request it annotates everything and calls no API', async () => {
    const ws = await workspace('findings');
    const run = await runAction(ws, gh, { 'fail-on': 'none' }, 'push');

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(gh.requests.length, 0);
    assert.equal(findingAnnotations(run).length, 2);
    assert.equal(run.outputs.findings, '2');
  });
});
