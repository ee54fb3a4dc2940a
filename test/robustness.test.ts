// Hostile and odd inputs: oversized, binary, link loops, unreadable files and folders named like
// configs become clear entries in `errors`, never a crash; format quirks (empty files, BOM, CRLF,
// comments, trailing commas, TOML 1.1 inline tables, minified JSON, odd servers keys) parse.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';

interface Doc {
  findings: { ruleId: string; file: string; line: number }[];
  files: { file: string; client: string; servers: number }[];
  errors: { file: string; message: string }[];
}

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mcp-guard-robust-'));
  for (const [name, body] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), body);
  }
  return root;
}

async function scan(root: string): Promise<Doc> {
  const r = await runCli(['scan', root, '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/);
  return JSON.parse(r.stdout);
}

function errorFor(doc: Doc, file: string): string {
  const e = doc.errors.find((x) => x.file === file);
  assert.ok(e, `no error entry for ${file}: ${JSON.stringify(doc.errors)}`);
  return e.message;
}

describe('files that cannot be scanned', () => {
  it('a file over 5 MiB', async () => {
    const root = await tree({ 'big/mcp.json': Buffer.alloc(5 * 1024 * 1024 + 1, 0x20) });
    assert.match(errorFor(await scan(root), 'big/mcp.json'), /over the 5242880-byte limit/);
  });

  it('a binary file', async () => {
    const root = await tree({ 'bin/mcp.json': Buffer.from([0x7b, 0x00, 0x01, 0x7d]) });
    assert.match(errorFor(await scan(root), 'bin/mcp.json'), /binary/);
  });

  it('a symbolic link loop', async () => {
    const root = await tree({ 'ok/mcp.json': '{"mcpServers":{}}' });
    await mkdir(join(root, 'loop'));
    await symlink('mcp.json', join(root, 'loop', 'mcp.json'));
    const doc = await scan(root);
    assert.match(errorFor(doc, 'loop/mcp.json'), /symbolic link loop/);
    assert.deepEqual(
      doc.files.map((f) => f.file),
      ['ok/mcp.json'],
    );
  });

  it('an unreadable file (chmod 000 when not root; a folder named like a config, which works as root)', async (t) => {
    const root = await tree({ 'noread/mcp.json': '{"mcpServers":{}}' });
    await chmod(join(root, 'noread', 'mcp.json'), 0o000);
    await mkdir(join(root, 'dirlike', '.cursor', 'mcp.json'), { recursive: true });
    const doc = await scan(root);
    // Root reads anything, so chmod 000 proves nothing there; say which case ran.
    const canRead = await readFile(join(root, 'noread', 'mcp.json')).then(
      () => true,
      () => false,
    );
    if (canRead) {
      t.diagnostic('running as root: chmod 000 is still readable; the folder case carries the test');
      assert.ok(doc.files.some((f) => f.file === 'noread/mcp.json'));
    } else {
      assert.match(errorFor(doc, 'noread/mcp.json'), /permission denied/);
    }
    assert.match(errorFor(doc, 'dirlike/.cursor/mcp.json'), /is a directory/);
  });

  it('text output lists them as warnings, and the exit code is unaffected', async () => {
    const root = await tree({ 'bin/mcp.json': Buffer.from([0, 1, 2]) });
    const r = await runCli(['scan', root]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /warning bin\/mcp\.json: binary/);
  });
});

describe('format quirks parse without MG000', () => {
  const cases: { name: string; file: string; body: string | Buffer; servers: number }[] = [
    { name: 'empty file', file: 'mcp.json', body: '', servers: 0 },
    { name: 'whitespace only', file: '.cursor/mcp.json', body: '  \n\n', servers: 0 },
    {
      name: 'byte-order mark',
      file: '.cursor/mcp.json',
      body: '\ufeff{"mcpServers":{"a":{"command":"node"}}}',
      servers: 1,
    },
    {
      name: 'CRLF line endings',
      file: '.cursor/mcp.json',
      body: '{\r\n  "mcpServers": {\r\n    "a": { "command": "node" }\r\n  }\r\n}\r\n',
      servers: 1,
    },
    {
      name: 'a comment before the first brace (JSONC)',
      file: '.vscode/mcp.json',
      body: '// team servers\n/* block */\n{ "servers": { "a": { "command": "node" } } }\n',
      servers: 1,
    },
    {
      name: 'trailing commas (JSONC)',
      file: '.vscode/mcp.json',
      body: '{ "servers": { "a": { "command": "node", "args": ["x",], }, }, }\n',
      servers: 1,
    },
    {
      name: 'one-line minified JSON',
      file: 'mcp.json',
      body: JSON.stringify({ mcpServers: { a: { command: 'node' }, b: { url: 'https://x.example/mcp' } } }),
      servers: 2,
    },
    {
      name: 'TOML 1.1 multi-line inline table',
      file: '.codex/config.toml',
      body: '[mcp_servers.a]\ncommand = "node"\nenv = {\n  A = "1",\n  B = "2",\n}\n',
      servers: 1,
    },
    {
      name: 'servers as an array (Continue)',
      file: '.continue/config.yaml',
      body: 'mcpServers:\n  - name: a\n    command: node\n  - name: b\n    command: python\n',
      servers: 2,
    },
    {
      name: 'servers key of the wrong type',
      file: '.cursor/mcp.json',
      body: '{ "mcpServers": "none here" }',
      servers: 0,
    },
    { name: 'servers key null', file: '.cursor/mcp.json', body: '{ "mcpServers": null }', servers: 0 },
    { name: 'top-level array', file: 'mcp.json', body: '[1, 2, 3]', servers: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const doc = await scan(await tree({ [c.file]: c.body }));
      assert.deepEqual(doc.errors, []);
      assert.equal(doc.files.length, 1);
      assert.equal(doc.files[0].servers, c.servers);
      assert.deepEqual(
        doc.findings.filter((f) => f.ruleId === 'MG000'),
        [],
      );
    });
  }

  it('a real syntax error is MG000 at the error line, and the scan goes on', async () => {
    const root = await tree({
      'a/mcp.json': '{\n  "mcpServers": {\n    "x": { "command": "node" }\n  ]\n}\n',
      'b/mcp.json': '{"mcpServers":{}}',
    });
    const doc = await scan(root);
    const mg000 = doc.findings.filter((f) => f.ruleId === 'MG000');
    assert.equal(mg000.length, 1);
    assert.equal(mg000[0].file, 'a/mcp.json');
    assert.equal(mg000[0].line, 4);
    assert.equal(doc.files.length, 2);
  });
});
