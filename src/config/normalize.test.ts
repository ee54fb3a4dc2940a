import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Format, parseDocument } from './document.ts';
import { normalize } from './normalize.ts';
import type { ServerSpec } from './types.ts';

function servers(client: string, text: string, format: Format = 'jsonc'): ServerSpec[] {
  return normalize(`/repo/file`, client, 'project', parseDocument(text, format)).servers;
}

function brief(s: ServerSpec) {
  return {
    name: s.name,
    transport: s.transport,
    command: s.command?.value,
    args: s.args.map((a) => a.value),
    url: s.url?.value,
    disabled: s.disabled,
  };
}

describe('normalize', () => {
  it('reads Claude Desktop / Cursor stdio and remote entries, skipping non-object members', () => {
    const list = servers(
      'cursor',
      '{"mcpServers": {"_comment": "x", "fs": {"command": "npx", "args": ["-y", "pkg"], "env": {"K": "${K}", "N": 3}},' +
        ' "api": {"url": "https://h/mcp", "headers": {"Authorization": "Bearer ${T}"}}}}',
    );
    assert.deepEqual(list.map(brief), [
      {
        name: 'fs',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'pkg'],
        url: undefined,
        disabled: false,
      },
      { name: 'api', transport: 'http', command: undefined, args: [], url: 'https://h/mcp', disabled: false },
    ]);
    assert.equal(list[0].env.K.refs[0].name, 'K');
    assert.equal(list[0].env.N.value, '3');
    assert.equal(list[1].headers.Authorization.refs.length, 1);
    assert.deepEqual(list[1].url?.path, ['mcpServers', 'api', 'url']);
  });

  it('knows each client’s URL key and transport names', () => {
    assert.equal(
      servers('windsurf', '{"mcpServers": {"a": {"serverUrl": "https://h"}}}')[0].url?.value,
      'https://h',
    );
    const gemini = servers(
      'gemini',
      '{"mcpServers": {"s": {"url": "https://h/sse", "trust": true}, "h": {"httpUrl": "https://h"}}}',
    );
    assert.deepEqual(
      gemini.map((s) => s.transport),
      ['sse', 'http'],
    );
    assert.deepEqual(gemini[0].autoApprove, [{ path: ['mcpServers', 's', 'trust'], tools: 'all' }]);
    const cline = servers(
      'cline',
      '{"mcpServers": {"c": {"type": "streamableHttp", "url": "https://h", "autoApprove": ["read"], "disabled": true}}}',
    );
    assert.deepEqual(
      [cline[0].transport, cline[0].autoApprove[0]?.tools, cline[0].disabled],
      ['http', ['read'], true],
    );
    const nested = servers(
      'claude-desktop',
      '{"mcpServers": {"n": {"transport": {"type": "sse", "url": "https://h"}}}}',
    );
    assert.deepEqual([nested[0].transport, nested[0].url?.value], ['sse', 'https://h']);
  });

  it('reads VS Code servers, also from settings.json keys', () => {
    const list = servers(
      'vscode',
      '{ // c\n "inputs": [], "servers": {"gh": {"type": "http", "url": "https://api/mcp"}} }',
    );
    assert.equal(list[0].transport, 'http');
    const settings = servers(
      'vscode',
      '{"mcp": {"servers": {"a": {"command": "node"}}}, "mcp.servers": {"b": {"command": "x"}}}',
    );
    assert.deepEqual(
      settings.map((s) => s.name),
      ['a', 'b'],
    );
  });

  it('reads Codex TOML with auth hints', () => {
    const list = servers(
      'codex',
      '[mcp_servers.gh]\nurl = "https://api/mcp"\nbearer_token_env_var = "GH"\n[mcp_servers.fs]\ncommand = "npx"\nargs = ["-y", "p"]\nenabled = false\n',
      'toml',
    );
    assert.deepEqual(list.map(brief), [
      {
        name: 'gh',
        transport: 'http',
        command: undefined,
        args: [],
        url: 'https://api/mcp',
        disabled: false,
      },
      { name: 'fs', transport: 'stdio', command: 'npx', args: ['-y', 'p'], url: undefined, disabled: true },
    ]);
    assert.equal(list[0].auth.hints[0].value, 'GH');
    assert.equal(list[0].line, 1);
    assert.equal(list[1].line, 4);
  });

  it('reads Zed context_servers in both command shapes', () => {
    const list = servers(
      'zed',
      '{"context_servers": {"new": {"source": "custom", "command": "node", "args": ["a"]}, "old": {"command": {"path": "bin", "args": ["b"], "env": {"X": "1"}}}}}',
    );
    assert.deepEqual(
      list.map(brief).map((s) => [s.command, s.args]),
      [
        ['node', ['a']],
        ['bin', ['b']],
      ],
    );
    assert.equal(list[1].env.X.value, '1');
  });

  it('reads OpenCode (command as an array) and Goose extensions', () => {
    const oc = servers(
      'opencode',
      '{"mcp": {"l": {"type": "local", "command": ["npx", "-y", "p"], "enabled": false}, "r": {"type": "remote", "url": "https://h"}}}',
    );
    assert.deepEqual(oc.map(brief), [
      { name: 'l', transport: 'stdio', command: 'npx', args: ['-y', 'p'], url: undefined, disabled: true },
      { name: 'r', transport: 'http', command: undefined, args: [], url: 'https://h', disabled: false },
    ]);
    const goose = servers(
      'goose',
      'extensions:\n  gh:\n    cmd: npx\n    args: [p]\n    envs: {K: v}\n  web:\n    type: sse\n    uri: https://h/sse\n',
      'yaml',
    );
    assert.deepEqual(
      goose.map(brief).map((s) => [s.command, s.url, s.transport]),
      [
        ['npx', undefined, 'stdio'],
        [undefined, 'https://h/sse', 'sse'],
      ],
    );
    assert.equal(goose[0].env.K.value, 'v');
  });

  it('reads Continue’s list form and names servers by their name field', () => {
    const list = servers(
      'continue',
      'mcpServers:\n  - name: a\n    command: uvx\n    args: [x]\n  - name: b\n    type: sse\n    url: https://h\n',
      'yaml',
    );
    assert.deepEqual(
      list.map((s) => [s.name, s.transport]),
      [
        ['a', 'stdio'],
        ['b', 'sse'],
      ],
    );
    assert.deepEqual(list[1].path, ['mcpServers', 1]);
  });

  it("reads Claude Code's per-project maps and its approval switch", () => {
    const config = normalize(
      '/home/u/.claude.json',
      'claude-code',
      'user',
      parseDocument(
        '{"enableAllProjectMcpServers": true, "projects": {"/p": {"mcpServers": {"x": {"command": "a"}}}}}',
        'json',
      ),
    );
    assert.deepEqual(config.servers[0].path, ['projects', '/p', 'mcpServers', 'x']);
    assert.deepEqual(config.approvals, [
      {
        path: ['enableAllProjectMcpServers'],
        setting: 'enableAllProjectMcpServers',
        grants: 'project-servers',
        project: undefined,
      },
    ]);
  });

  it('treats a bare server object as one server and survives wrong types', () => {
    assert.equal(servers('generic', '{"command": "node", "args": ["s.js"]}')[0].command?.value, 'node');
    assert.deepEqual(servers('cursor', '{"mcpServers": "nope"}'), []);
    assert.deepEqual(servers('cursor', '[1, 2]'), []);
    assert.deepEqual(
      servers('cursor', '{"mcpServers": {"a": {"command": ["x"], "args": "single"}}}').map(brief)[0].args,
      ['single'],
    );
  });

  it("reads Goose's extensions: cmd, envs, uri, enabled", () => {
    const list = normalize(
      '/home/me/.config/goose/config.yaml',
      'goose',
      'user',
      parseDocument(
        'extensions:\n  fetch:\n    cmd: uvx\n    args: [mcp-server-fetch]\n    envs: {K: v}\n    type: stdio\n    enabled: true\n' +
          '  remote:\n    uri: https://h.example.net/sse\n    type: sse\n    enabled: false\n',
        'yaml',
      ),
    ).servers;
    assert.deepEqual(list.map(brief), [
      {
        name: 'fetch',
        transport: 'stdio',
        command: 'uvx',
        args: ['mcp-server-fetch'],
        url: undefined,
        disabled: false,
      },
      {
        name: 'remote',
        transport: 'sse',
        command: undefined,
        args: [],
        url: 'https://h.example.net/sse',
        disabled: true,
      },
    ]);
    assert.equal(list[0].env.K.value, 'v');
  });

  it("reads a dev container's customizations.vscode.mcp.servers and a workspace's settings.mcp.servers", () => {
    const dev = servers(
      'vscode',
      '{ "customizations": { "vscode": { "mcp": { "servers": { "f": { "command": "uvx", "args": ["x==1"] } } } } } }',
    );
    assert.deepEqual(
      dev.map((s) => [s.name, s.path]),
      [['f', ['customizations', 'vscode', 'mcp', 'servers', 'f']]],
    );
    const ws = servers(
      'vscode',
      '{ "folders": [], "settings": { "mcp": { "servers": { "w": { "url": "https://h" } } } } }',
    );
    assert.deepEqual(
      ws.map((s) => [s.name, s.transport]),
      [['w', 'http']],
    );
  });

  it("reads .claude.json's top-level servers and each project's", () => {
    const config = normalize(
      '/home/u/.claude.json',
      'claude-code',
      'user',
      parseDocument(
        '{"mcpServers": {"u": {"command": "a"}}, "projects": {"/p": {"mcpServers": {"x": {"command": "b"}}}, "/q": {}}}',
        'json',
      ),
    );
    assert.deepEqual(
      config.servers.map((s) => s.path),
      [
        ['mcpServers', 'u'],
        ['projects', '/p', 'mcpServers', 'x'],
      ],
    );
  });

  it('reads a file with both servers maps as its client does, and keeps the other aside', () => {
    const doc = '{"servers": {"a": {"command": "a"}}, "mcpServers": {"b": {"command": "b"}, "_c": "note"}}';
    const vscode = normalize('/r/.vscode/mcp.json', 'vscode', 'project', parseDocument(doc, 'jsonc'));
    assert.deepEqual(
      vscode.servers.map((s) => s.name),
      ['a'],
    );
    assert.deepEqual(
      vscode.ignored.map((m) => ({ path: m.path, reads: m.reads, names: m.servers.map((s) => s.name) })),
      [{ path: ['mcpServers'], reads: 'servers', names: ['b'] }],
    );
    const claude = normalize('/r/.mcp.json', 'claude-code', 'project', parseDocument(doc, 'jsonc'));
    assert.deepEqual(
      [claude.servers.map((s) => s.name), claude.ignored.map((m) => m.reads)],
      [['b'], ['mcpServers']],
    );
    const generic = normalize('/r/mcp.json', 'generic', 'project', parseDocument(doc, 'jsonc'));
    assert.deepEqual([generic.servers.map((s) => s.name).sort(), generic.ignored], [['a', 'b'], []]);
  });
});
