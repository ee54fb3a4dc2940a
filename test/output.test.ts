// Output formats other than SARIF: GitHub annotations (levels, escaping), Markdown (a table whose
// untrusted strings cannot inject markup, links or mentions) and the frozen JSON schema's key set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotation, escapeCommandData, escapeCommandProperty, formatGithub } from '../src/output/github.ts';
import { render } from '../src/output/index.ts';
import { formatJson } from '../src/output/json.ts';
import { codeSpan, formatMarkdown } from '../src/output/markdown.ts';
import type { Finding, ScanResult } from '../src/scan/finding.ts';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'MG102',
    rule: 'plaintext-http',
    fix: 'fix it',
    helpUri: 'https://github.com/mcp-guard/mcp-guard/blob/main/rules/plaintext-http.md',
    severity: 'high',
    message: 'plain http to mcp.example.com',
    file: '.cursor/mcp.json',
    line: 4,
    column: 9,
    client: 'cursor',
    server: 'remote',
    fingerprint: '0'.repeat(32),
    path: ['mcpServers', 'remote', 'url'],
    absFile: '/repo/.cursor/mcp.json',
    ...over,
  };
}

function result(findings: Finding[], over: Partial<ScanResult> = {}): ScanResult {
  return {
    root: '/repo',
    rules: [],
    findings,
    files: [{ file: '.cursor/mcp.json', client: 'cursor', scope: 'project', servers: 1 }],
    searched: [],
    errors: [],
    suppressed: 0,
    ...over,
  };
}

describe('github annotations', () => {
  it('writes one workflow command per finding with the right level', () => {
    assert.equal(
      annotation(finding()),
      '::error file=.cursor/mcp.json,line=4,col=9,title=MG102 plaintext-http::remote: plain http to mcp.example.com (high)',
    );
    assert.match(annotation(finding({ severity: 'critical' })), /^::error /);
    assert.match(annotation(finding({ severity: 'medium' })), /^::warning /);
    assert.match(annotation(finding({ severity: 'low' })), /^::notice /);
  });

  it('escapes %, CR and LF everywhere, and : and , in properties', () => {
    assert.equal(escapeCommandData('100% \r\n done'), '100%25 %0D%0A done');
    assert.equal(escapeCommandProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    const line = annotation(
      finding({ file: 'we,ird:dir/mcp.json', server: 'evil\n::error::injected', message: 'x' }),
    );
    assert.equal(line.split('\n').length, 1, 'a server name cannot start a new command');
    assert.match(line, /file=we%2Cird%3Adir\/mcp\.json,/);
    assert.match(line, /::evil%0A::error::injected: x/);
  });

  it('lists unreadable files as warnings and ends with a summary', () => {
    const out = formatGithub(result([finding()], { errors: [{ file: 'big.json', message: 'too large' }] }));
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[1], '::warning file=big.json,title=mcp-guard::not scanned: too large');
    assert.equal(lines[2], 'mcp-guard: 1 finding in 1 file.');
  });
});

describe('markdown output', () => {
  it('renders a table with severity, rule, location, server and message, plus a summary', () => {
    const out = formatMarkdown(result([finding(), finding({ severity: 'low', server: null, line: 9 })]));
    assert.match(out, /\*\*2 findings\*\* \(1 high, 1 low\) in 1 file, 1 server\./);
    assert.match(out, /\| Severity \| Rule \| Location \| Server \| Message \|/);
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && l.includes('MG102'));
    assert.equal(rows.length, 2);
    assert.ok(rows[0].includes('`.cursor/mcp.json:4`') && rows[0].includes('`remote`'));
    assert.equal(rows[0].split(' | ').length, 5, 'five cells');
    assert.ok(rows[0].includes('(https://github.com/mcp-guard/mcp-guard/blob/main/rules/plaintext-http.md)'));
  });

  it('says so when there is nothing to report', () => {
    assert.match(formatMarkdown(result([])), /No findings \(1 file, 1 server\)\./);
  });

  it('keeps untrusted strings from injecting markdown, HTML, links or mentions', () => {
    const hostile = [
      '@octocat <img src=x onerror=alert(1)> [click](https://evil.example) ![i](https://e/x.png)',
      '| fake | cells |',
      '**bold** _em_ `code` <!-- c --> line\nbreak https://evil.example www.evil.example #123',
    ].join(' ');
    const out = formatMarkdown(
      result([finding({ server: 'srv`|`@team', message: hostile, file: 'a|b/`x`.json' })]),
    );
    const row = out.split('\n').find((l) => l.includes('MG102') && l.startsWith('| '));
    assert.ok(row, 'the finding is one table row (no line break leaked)');
    // Cell count stays five: no unescaped pipe split the row.
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 5);
    assert.ok(!/(?<!\\)</.test(row), 'no raw < (no HTML)');
    assert.ok(!/(?<!\\)\[click/.test(row), 'no link opener');
    assert.ok(!/(?<!\\)!\\?\[/.test(row.replace(/\\!\\\[/g, '')), 'no image');
    assert.ok(!/(?<![`\\])@octocat/.test(row), 'no live mention');
    assert.ok(row.includes('@\u200bocta') || row.includes('@\u200boctocat'));
    assert.ok(!/https:\/\/evil/.test(row), 'no autolink');
    assert.ok(!/(?<!\\)\*\*bold/.test(row), 'no emphasis');
  });

  it('wraps code spans with a fence longer than any backtick run', () => {
    assert.equal(codeSpan('plain'), '`plain`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x`'), '`` `x` ``');
    assert.equal(codeSpan('a|b\nc'), '`a\\|b c`');
  });
});

describe('JSON output (schema version 1, frozen)', () => {
  it('has exactly the documented keys at every level', () => {
    const doc = JSON.parse(
      formatJson(
        result([finding()], {
          searched: [{ path: '/h/.cursor/mcp.json', client: 'cursor', found: true }],
          errors: [{ file: 'x.json', message: 'binary' }],
        }),
      ),
    );
    assert.deepEqual(Object.keys(doc), ['version', 'tool', 'findings', 'files', 'searched', 'errors']);
    assert.equal(doc.version, 1);
    assert.deepEqual(Object.keys(doc.tool), ['name', 'version']);
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
    ]);
    assert.deepEqual(Object.keys(doc.files[0]), ['file', 'client', 'servers']);
    assert.deepEqual(Object.keys(doc.searched[0]), ['path', 'client', 'found']);
    assert.deepEqual(Object.keys(doc.errors[0]), ['file', 'message']);
  });

  it('is what render() gives for --format json', () => {
    const r = result([finding()]);
    assert.equal(render(r, 'json', { color: false }), formatJson(r));
    assert.equal(render(r, 'github', { color: false }), formatGithub(r));
    assert.equal(render(r, 'markdown', { color: false }), formatMarkdown(r));
  });
});
