import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath, nodeAt, offsetOf, parseDocument, toPlain } from './document.ts';

describe('parseDocument', () => {
  it('keeps positions in JSONC with comments, trailing commas and a BOM', () => {
    const text = '\uFEFF// servers\n{\n  "mcpServers": {\n    "gh": { "command": "npx", },\n  },\n}\n';
    const doc = parseDocument(text, 'jsonc');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toPlain(doc.root), { mcpServers: { gh: { command: 'npx' } } });
    assert.deepEqual(doc.position(offsetOf(doc.root, ['mcpServers', 'gh', 'command'])), {
      line: 4,
      column: 13,
    });
    assert.deepEqual(doc.comments, [{ line: 1, text: '// servers' }]);
  });

  it('reports a JSON syntax error at its line and still returns what it could parse', () => {
    const doc = parseDocument('{\n  "a": 1\n  "b": 2\n}', 'json');
    assert.equal(doc.errors.length > 0, true);
    assert.equal(doc.errors[0].line, 3);
  });

  it('places an unclosed object or array where it opens, not at the end of the file', () => {
    // The `}` of line 5 is indented as the map's: the object of "b" (line 4) is the one left open.
    const inner = parseDocument(
      '{\n  "mcpServers": {\n    "a": { "command": "x" },\n    "b": { "command": "y"\n  }\n}\n',
      'json',
    );
    assert.deepEqual(inner.errors, [
      { line: 4, column: 10, message: 'close brace expected: this object is never closed' },
    ]);
    // Nothing closes at all: innermost first.
    const open = parseDocument('{\n  "servers": [\n    1, 2\n', 'json');
    assert.deepEqual(
      open.errors.map((e) => [e.line, e.column, e.message]),
      [
        [2, 14, 'close bracket expected: this array is never closed'],
        [1, 1, 'close brace expected: this object is never closed'],
      ],
    );
    // One line, no indentation to go by: the innermost open one.
    const flat = parseDocument('{"mcpServers": {"a": {"command": "x"}', 'json');
    assert.deepEqual(flat.errors[0], {
      line: 1,
      column: 16,
      message: 'close brace expected: this object is never closed',
    });
  });

  it('keeps the comments of a TOML file that does not parse (for inline ignores)', () => {
    const doc = parseDocument('# mcp-guard-ignore MG000 draft\n[mcp_servers.a]\nargs = ["x"\n', 'toml');
    assert.equal(doc.errors.length, 1);
    assert.deepEqual(doc.comments, [{ line: 1, text: '# mcp-guard-ignore MG000 draft' }]);
  });

  it('counts CRLF and lone CR line endings', () => {
    const doc = parseDocument('{\r\n"a":\r\n  "x"\r}', 'json');
    assert.deepEqual(doc.position(offsetOf(doc.root, ['a'])), { line: 2, column: 1 });
    assert.equal(doc.position(doc.text.indexOf('}')).line, 4);
  });

  it('parses YAML with positions and # comments (not inside quotes)', () => {
    const text = 'mcpServers:\n  - name: fs # a comment\n    command: "npx #not"\n';
    const doc = parseDocument(text, 'yaml');
    assert.deepEqual(toPlain(doc.root), { mcpServers: [{ name: 'fs', command: 'npx #not' }] });
    assert.deepEqual(doc.position(offsetOf(doc.root, ['mcpServers', 0, 'command'])), { line: 3, column: 5 });
    assert.deepEqual(doc.comments, [{ line: 2, text: '# a comment' }]);
  });

  it('parses TOML tables, dotted keys, inline tables and arrays of tables with positions', () => {
    const text = [
      '[mcp_servers.github]',
      'url = "https://api.example.com/mcp/"',
      'env = { TOKEN = "x" }',
      '[mcp_servers.github.http_headers]',
      'X-Key = "k"',
      '[[profiles]]',
      'name = "a"',
      '[[profiles]]',
      'name = "b"',
    ].join('\n');
    const doc = parseDocument(text, 'toml');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toPlain(doc.root), {
      mcp_servers: {
        github: { url: 'https://api.example.com/mcp/', env: { TOKEN: 'x' }, http_headers: { 'X-Key': 'k' } },
      },
      profiles: [{ name: 'a' }, { name: 'b' }],
    });
    assert.equal(doc.position(offsetOf(doc.root, ['mcp_servers', 'github', 'env', 'TOKEN'])).line, 3);
    assert.equal(
      doc.position(offsetOf(doc.root, ['mcp_servers', 'github', 'http_headers', 'X-Key'])).line,
      5,
    );
    assert.equal(doc.position(offsetOf(doc.root, ['profiles', 1, 'name'])).line, 9);
  });

  it('reports TOML errors with a line instead of throwing', () => {
    const doc = parseDocument('[a]\nb = = 1\n', 'toml');
    assert.equal(doc.root, undefined);
    assert.equal(doc.errors[0].line, 2);
  });

  it('treats an empty file as empty, not as an error', () => {
    assert.deepEqual(parseDocument('', 'jsonc').errors, []);
    assert.equal(parseDocument('', 'yaml').root, undefined);
  });
});

describe('paths', () => {
  it('finds nodes and falls back to the deepest existing one', () => {
    const doc = parseDocument('{"a": {"b": [1, {"c": true}]}}', 'json');
    assert.deepEqual(toPlain(nodeAt(doc.root, ['a', 'b', 1, 'c'])), true);
    assert.equal(nodeAt(doc.root, ['a', 'x']), undefined);
    assert.equal(offsetOf(doc.root, ['a', 'missing']), doc.text.indexOf('"a"'));
  });

  it('formats paths for messages', () => {
    assert.equal(formatPath(['mcpServers', 'my server', 'args', 2]), 'mcpServers["my server"].args[2]');
    assert.equal(formatPath(['servers', 'gh', 'env', 'GITHUB_TOKEN']), 'servers.gh.env.GITHUB_TOKEN');
  });
});
