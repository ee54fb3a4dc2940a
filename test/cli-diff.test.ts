// `mcp-guard scan --diff-base <ref>` for CI systems other than GitHub, through the real program in a
// child process, in real git clones of a pull request (base with findings; the change adds one, fixes
// one, moves and reformats a block, renames a file and moves a server between a client's files): the
// status of each finding in text, JSON (version 2) and Markdown, the exit code on new findings only,
// `--fail-scope`, `--format github` with the job summary, a shallow clone that fetches its base, a
// working tree's uncommitted change, the errors, and baselines written by mcp-guard 0.1.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { legacyFingerprint } from '../src/scan/fingerprint.ts';
import { CLI_DIST, runCli } from './helpers/cli.ts';
import { addMainPullRequest, git, makeOrigin, type PullRequest, writeFiles } from './helpers/git-repo.ts';

let root: string;
let origin: string;
let pr: PullRequest;
/** A full clone with the pull request's branch checked out. */
let clone: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcp-guard-cli-git-'));
  origin = join(root, 'origin');
  await makeOrigin(origin);
  pr = await addMainPullRequest(origin, 7);
  clone = join(root, 'clone');
  await git(root, 'clone', '--quiet', `file://${origin}`, clone);
  await git(clone, 'checkout', '--quiet', 'pr-7');
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  server: string | null;
  status: string;
}

const NEW = [
  ['MG101', '.cursor/mcp.json', 'tracker'],
  ['MG102', '.cursor/mcp.json', 'tracker'],
];

describe('mcp-guard scan --diff-base', () => {
  it('marks each finding new or existing, lists the fixed ones, and exits 1 only for a new one at --fail-on', async () => {
    const r = await runCli(['scan', '.', '--diff-base', 'origin/main'], { cwd: clone });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^ {2}3:18 +high +new +MG102 plaintext-http {2}tracker: /m);
    assert.match(r.stdout, /^ {2}12:7 +high +existing MG102 plaintext-http {2}crm: /m);
    assert.match(r.stdout, /^Fixed since origin\/main \(lines as they were there\):$/m);
    assert.match(r.stdout, /^ {2}8:16 +critical fixed +MG301 hardcoded-secret {2}legacy: /m);
    assert.match(
      r.stdout,
      new RegExp(`^Against origin/main \\(${pr.base.slice(0, 12)}\\): 2 new, 8 existing, 2 fixed\\.$`, 'm'),
    );
    assert.match(
      r.stderr,
      /^mcp-guard: 2 finding\(s\) at or above 'high' left aside: already in origin\/main \(--fail-scope new\)\.$/m,
    );

    const critical = await runCli(['scan', '.', '--diff-base', 'origin/main', '--fail-on', 'critical'], {
      cwd: clone,
    });
    assert.equal(critical.code, 0, 'the only critical finding was fixed');
    const all = await runCli(
      ['scan', '.', '--diff-base', 'origin/main', '--fail-scope', 'all', '--fail-on', 'critical'],
      {
        cwd: clone,
      },
    );
    assert.equal(all.code, 0);
    const allHigh = await runCli(
      ['scan', '.', '--diff-base', 'origin/main', '--fail-scope', 'all', '--format', 'json'],
      {
        cwd: clone,
      },
    );
    assert.equal(allHigh.code, 1);
    assert.equal(allHigh.stderr, '', 'nothing left aside with --fail-scope all');
  });

  it('writes JSON version 2: a status per finding, the fixed findings and the diff', async () => {
    const r = await runCli(['scan', '.', '--diff-base', 'origin/main', '-f', 'json'], { cwd: clone });
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), [
      'version',
      'tool',
      'findings',
      'files',
      'searched',
      'errors',
      'fixed',
      'diff',
    ]);
    assert.equal(doc.version, 2);
    assert.deepEqual(Object.keys(doc.findings[0]), [
      'ruleId',
      'rule',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'client',
      'server',
      'fingerprint',
      'status',
    ]);
    const added = (doc.findings as JsonFinding[]).filter((f) => f.status === 'new');
    assert.deepEqual(
      added.map((f) => [f.ruleId, f.file, f.server]),
      NEW,
    );
    assert.equal((doc.findings as JsonFinding[]).filter((f) => f.status === 'existing').length, 8);
    assert.deepEqual(
      (doc.fixed as JsonFinding[]).map((f) => [f.ruleId, f.file, f.line, f.server, f.status]),
      [
        ['MG201', '.cursor/mcp.json', 6, 'legacy', 'fixed'],
        ['MG301', '.cursor/mcp.json', 8, 'legacy', 'fixed'],
      ],
    );
    assert.deepEqual(doc.diff, {
      base: 'origin/main',
      commit: pr.base,
      changed: ['.cursor/mcp.json', '.vscode/settings.json', 'apps/site/.vscode/mcp.json'],
    });
    // Without --diff-base the document stays version 1, with no status.
    const plain = JSON.parse((await runCli(['scan', '.', '-f', 'json'], { cwd: clone })).stdout);
    assert.equal(plain.version, 1);
    assert.ok(!('status' in plain.findings[0]) && !('diff' in plain));
  });

  it('--format github annotates the new findings and writes the whole picture to GITHUB_STEP_SUMMARY (bundled CLI)', async () => {
    const summary = join(root, 'summary.md');
    await writeFile(summary, '# earlier step\n');
    const r = await runCli(['scan', '.', '--diff-base', 'origin/main', '--format', 'github'], {
      cwd: clone,
      entry: CLI_DIST,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    assert.equal(r.code, 1, r.stderr);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(
      annotations.map((l) => l.match(/title=(MG\d+)/)?.[1]),
      ['MG101', 'MG102'],
    );
    assert.ok(annotations.every((l) => l.includes('file=.cursor/mcp.json,line=3,')));
    assert.match(
      r.stdout,
      /^mcp-guard: 10 findings in 3 files: 2 new, 8 existing; 2 fixed since origin\/main\.$/m,
    );
    const md = await readFile(summary, 'utf8');
    assert.ok(md.startsWith('# earlier step\n## mcp-guard scan'), 'appended, as GitHub expects');
    assert.match(md, /^\| Status \| Severity \| Rule \| Location \| Server \| Message \|$/m);
    assert.match(md, /^\| \*\*new\*\* \| 🟠 high \| \[MG102\]/m);
    assert.match(md, /^### Fixed since `origin\/main`$/m);
  });

  it('in a shallow clone, fetches the base from origin (origin/main as main, or a SHA)', async () => {
    const shallow = join(root, 'shallow');
    await git(root, 'clone', '--quiet', '--depth=1', '--branch', 'pr-7', `file://${origin}`, shallow);
    await assert.rejects(git(shallow, 'cat-file', '-e', `${pr.base}^{commit}`));
    for (const ref of ['origin/main', pr.base]) {
      const r = await runCli(['scan', '.', '--diff-base', ref, '-f', 'json'], { cwd: shallow });
      assert.equal(r.code, 1, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.diff.commit, pr.base);
      assert.equal((doc.findings as JsonFinding[]).filter((f) => f.status === 'new').length, 2);
    }
    assert.equal(await git(shallow, 'rev-parse', '--is-shallow-repository'), 'true');
  });

  it('compares the working tree: an uncommitted server is new; scanning a subfolder works too', async () => {
    const work = join(root, 'work');
    await git(root, 'clone', '--quiet', '--branch', 'pr-7', `file://${origin}`, work);
    await writeFiles(work, {
      'apps/site/.cursor/mcp.json':
        '{ "mcpServers": { "wiki": { "url": "http://mcp.acme-wiki.com/mcp" } } }\n',
    });
    const r = await runCli(['scan', 'apps', '--diff-base', 'origin/main', '-f', 'json'], { cwd: work });
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      (doc.findings as JsonFinding[])
        .filter((f) => f.status === 'new')
        .map((f) => [f.ruleId, f.file, f.server]),
      [
        ['MG101', 'site/.cursor/mcp.json', 'wiki'],
        ['MG102', 'site/.cursor/mcp.json', 'wiki'],
      ],
    );
    assert.ok(doc.diff.changed.includes('site/.cursor/mcp.json'));
    assert.ok(doc.diff.changed.includes('site/.vscode/mcp.json'), 'renamed into the scanned folder');
  });

  it('refuses what it cannot compare, with exit 2 and a message that says why', async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['scan', '.', '--fail-scope', 'new'], clone, /--fail-scope new needs --diff-base <ref>/],
      [
        ['scan', '.', '--diff-base', 'no-such-branch'],
        clone,
        /--diff-base no-such-branch: 'no-such-branch' is not a commit in this repository/,
      ],
      [['scan', '--diff-base', 'main'], clone, /--diff-base needs the files or folders to scan/],
      [
        ['scan', '.', '--diff-base', 'main', '--write-baseline', 'b.json'],
        clone,
        /does not go with --diff-base/,
      ],
      [['scan', '.', '--diff-base', 'main'], root, /--diff-base main: .* is not in a git repository/],
    ];
    for (const [args, cwd, message] of cases) {
      const r = await runCli(args, { cwd });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});

describe('baselines across the fingerprint change', () => {
  it('a baseline written by mcp-guard 0.1 (the old fingerprints) still hides its findings', async () => {
    const first = JSON.parse((await runCli(['scan', '.', '-f', 'json'], { cwd: clone })).stdout);
    // What 0.1 wrote: the old recipe over rule, file, server, full JSON path and message. The JSON
    // path is not in the output, so the findings of one server entry's URL are rebuilt here.
    const crm = (first.findings as (JsonFinding & { message: string })[]).filter((f) => f.server === 'crm');
    assert.equal(crm.length, 2);
    const baseline = join(root, 'old-baseline.json');
    const fingerprints = crm.map((f) => legacyFingerprint({ ...f, path: ['mcpServers', 'crm', 'url'] }));
    await writeFile(baseline, JSON.stringify({ version: 1, fingerprints }));
    const r = JSON.parse(
      (await runCli(['scan', '.', '-f', 'json', '--baseline', baseline], { cwd: clone })).stdout,
    );
    assert.equal(r.findings.length, first.findings.length - 2);
    assert.ok(!(r.findings as JsonFinding[]).some((f) => f.server === 'crm'));
  });
});
