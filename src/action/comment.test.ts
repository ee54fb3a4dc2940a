// The PR comment body: new findings first, then fixed ones and a count of the older ones; the fallback
// without a base; escaping of scanned-file strings, the size cap, and the resolved state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../scan/finding.ts';
import type { Severity } from '../scan/severity.ts';
import { findingsComment, MARKER, MAX_BODY, MAX_ROWS } from './comment.ts';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'MG101',
    rule: 'remote-no-auth',
    fix: 'fix it',
    helpUri: 'https://github.com/mcp-guard/mcp-guard/blob/main/rules/remote-no-auth.md',
    severity: 'medium' as Severity,
    message: 'remote server https://mcp.example.com is reached with no credential',
    file: '.cursor/mcp.json',
    line: 3,
    column: 5,
    client: 'cursor',
    server: 'crm',
    fingerprint: 'f',
    path: ['mcpServers', 'crm', 'url'],
    absFile: '/w/.cursor/mcp.json',
    ...over,
  };
}

test('a server name holding markdown, a link, HTML and an @mention is inert in the comment', () => {
  const server = '[click me](https://evil.example) **bold** @octocat <script>x</script> | cell';
  const body = findingsComment([finding({ server, message: `server ${server} has no auth` })]);
  assert.ok(body.startsWith(MARKER));
  assert.ok(!body.includes('[click me](https://evil.example)'));
  assert.ok(!body.includes('@octocat'), 'mentions are broken with a zero-width space');
  assert.ok(!body.includes('<script>'));
  assert.ok(!body.includes('**bold**'));
  assert.ok(!body.includes('https://evil.example'), 'no autolink either');
  assert.ok(body.includes('\\[click me\\]\\(https\\:\\/\\/evil\\.example\\)'));
  assert.ok(body.includes('@\u200boctocat'));
  // The row keeps exactly five cells: the `|` inside the name is escaped.
  const row = body.split('\n').find((l) => l.includes('MG101')) ?? '';
  assert.equal(row.split(/(?<!\\)\|/).length, 7);
});

test('line breaks in scanned strings cannot start new markdown blocks', () => {
  const body = findingsComment([finding({ server: 'a\n\n# Heading\n- item' })]);
  assert.ok(!/^# Heading/m.test(body));
  assert.ok(!/^- item/m.test(body));
});

test('the body stays well under 65,536 characters however many and however long the findings', () => {
  const many = Array.from({ length: 5000 }, (_, i) =>
    finding({ line: i + 1, server: `${'[x](y) '.repeat(500)}${i}`, message: '*'.repeat(10_000) }),
  );
  const body = findingsComment(many, { runUrl: 'https://github.com/o/r/actions/runs/1' });
  assert.ok(body.length <= MAX_BODY, `length ${body.length}`);
  const rows = body.split('\n').filter((l) => l.startsWith('| medium'));
  assert.ok(rows.length > 0 && rows.length <= MAX_ROWS);
  assert.match(body, new RegExp(`…and ${5000 - rows.length} more findings`));
  assert.match(body, /\*\*5000 medium\*\*/);
});

test('findings are listed most severe first', () => {
  const body = findingsComment([
    finding({ severity: 'low', file: 'a.json' }),
    finding({ severity: 'critical', file: 'z.json' }),
    finding({ severity: 'medium', file: 'm.json' }),
  ]);
  const order = body
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'))
    .map((l) => l.split(' | ')[0].slice(2));
  assert.deepEqual(order, ['critical', 'medium', 'low']);
  assert.match(body, /\*\*1 critical, 1 medium, 1 low\*\*/);
});

test('without findings to list, the comment keeps the marker, says they are resolved and lists nothing', () => {
  const body = findingsComment([], { sha: 'abcdef1234567890' });
  assert.ok(body.startsWith(MARKER));
  assert.match(body, /resolved/);
  assert.match(body, /commit abcdef123456/);
  assert.ok(!body.includes('| Severity'));
});

test('compared with the base: new findings lead with their lines, then fixed ones, then one line for the older', () => {
  const added = finding({ severity: 'high', server: 'new-one', line: 9 });
  const gone = finding({ severity: 'critical', server: 'old-one', line: 4, file: 'old.json' });
  const body = findingsComment([added], {
    base: '1234567890abcdef',
    fixed: [gone],
    others: 3,
    runUrl: 'https://github.com/o/r/actions/runs/1',
  });
  assert.match(body, /^### mcp-guard: this pull request adds 1 problem to MCP configs$/m);
  const newAt = body.indexOf('new\\-one');
  const fixedAt = body.indexOf('#### Fixed by this pull request: 1 critical');
  assert.ok(newAt > 0 && fixedAt > newAt, body);
  assert.ok(body.includes('\\.cursor\\/mcp\\.json:9'), 'the new finding with its line');
  assert.ok(body.indexOf('old\\-one') > fixedAt);
  assert.match(
    body,
    /3 older findings were there before this pull request: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)\./,
  );
  assert.match(body, /compared with 1234567890ab/);
});

test('compared with the base and nothing new: it says so, and says when older findings still fail the check', () => {
  const body = findingsComment([], { base: 'b'.repeat(40), others: 2, othersFailing: 1, scope: 'all' });
  assert.match(body, /this pull request adds no problems to MCP configs/);
  assert.match(
    body,
    /2 older findings were there before this pull request; 1 of them fail this check \(fail-scope: all\)/,
  );
  assert.ok(!body.includes('| Severity'));
});

test('without a base, the comment says why (escaped) and shows the findings of the changed files', () => {
  const body = findingsComment([finding()], {
    baseProblem: 'fatal: no such ref <b>x</b> @someone',
    others: 1,
  });
  assert.match(body, /found 1 problem in MCP configs this pull request changes/);
  assert.match(body, /^> The base commit could not be read \(fatal\\: no such ref \\<b\\>x/m);
  assert.ok(!body.includes('@someone'));
  assert.match(body, /1 more finding is in files this pull request does not change/);
});
