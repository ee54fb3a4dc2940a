// `mcp-guard guard wrap` end to end, on temporary Claude Desktop, Cursor, VS Code (JSONC with
// comments), Codex (TOML), Continue and Goose (YAML) configs that launch the real reference server: the dry run changes
// nothing, `--write` keeps a backup and writes a guard config that loads, the rewritten client entry
// (started exactly as written by default; a `--launcher npx` one mapped to this checkout's CLI) lists the same
// tools as the server itself, and the scanner no longer reports MG201 for the wrapped servers.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { RULES } from '../rules/index.ts';
import { loadGuardConfig } from '../src/config/guard.ts';
import { argv } from '../src/config/launch.ts';
import { loadConfigFile } from '../src/scan/load.ts';
import { scan } from '../src/scan/scan.ts';
import { backup } from '../src/wrap/write.ts';
import { CLI_SOURCE, runCli } from './helpers/cli.ts';

const EVERYTHING = join(
  import.meta.dirname,
  '../node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
/** A key in a recognisable format (OpenAI project key), made up for the test. */
const SECRET = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1AbCdEf';
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

/**
 * The argv a client would run for a server entry. The default launcher (this Node and this checkout's
 * CLI, by absolute paths) runs as written; the published one (`npx -y mcp-guard@<v>`, not on the
 * registry from a checkout) is mapped to this checkout's CLI run by this Node.
 */
function clientArgv(words: string[]): string[] {
  if (words[0] === 'npx' && words[1] === '-y' && /^mcp-guard@\d/.test(words[2]))
    return [process.execPath, CLI_SOURCE, ...words.slice(3)];
  return words;
}

/** Starts `words` over stdio with the SDK client and returns the tool names, sorted. */
async function toolNames(words: string[], env: Record<string, string>, cwd: string): Promise<string[]> {
  const [command, ...args] = clientArgv(words);
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...BASE_ENV, ...env },
    cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d) => {
    stderr += d;
  });
  const client = new Client({ name: 'wrap-test', version: '1.0.0' });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    return tools.map((t) => t.name).sort();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`);
  } finally {
    await client.close();
  }
}

/** The launch (argv) and env of server `name` as the client config now says. */
async function entryOf(file: string, name: string) {
  const loaded = await loadConfigFile(file);
  assert.ok(loaded.ok);
  const spec = loaded.config.servers.find((s) => s.name === name);
  assert.ok(spec, `no server ${name} in ${file}`);
  const env = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value]));
  return { words: argv(spec).map((w) => w.text), env, spec };
}

/**
 * MG201 findings of `file`, by server. With `home`, the way a machine scan finds it (the file sits at
 * its client's user location under that home): `scan FILE` names a Goose `config.yaml` generic.
 */
async function mg201Of(file: string, home?: string): Promise<string[]> {
  if (home !== undefined) {
    const cwd = await mkdtemp(join(tmpdir(), 'mcp-guard-wrap-cwd-'));
    const result = await scan({ rules: RULES, cwd, machine: { platform: 'linux', home, env: {} } });
    return result.findings
      .filter((f) => f.ruleId === 'MG201' && f.absFile === file)
      .map((f) => String(f.server));
  }
  const r = await runCli(['scan', '--format', 'json', file]);
  assert.ok(r.code === 0 || r.code === 1, `scan exit ${r.code}: ${r.stderr}`);
  const findings = JSON.parse(r.stdout).findings as { ruleId: string; server: string | null }[];
  return findings.filter((f) => f.ruleId === 'MG201').map((f) => String(f.server));
}

async function tempFile(relative: string, text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-wrap-'));
  const file = join(dir, relative);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { dir, file };
}

let direct: string[];
before(async () => {
  direct = await toolNames([process.execPath, EVERYTHING, 'stdio'], {}, tmpdir());
  assert.ok(direct.includes('echo'), `server-everything lists: ${direct.join(', ')}`);
});

/** Dry run, then --write, then the checks every client shares; returns the paths for more checks. */
async function wrapAndCheck(
  relative: string,
  text: string,
  servers: string[],
  opts: { extraArgs?: string[]; runEnv?: Record<string, string>; machineScan?: boolean } = {},
) {
  const { dir, file } = await tempFile(relative, text);
  const mg201 = (f: string) => mg201Of(f, opts.machineScan ? dir : undefined);
  const out = join(dir, 'guard', 'mcp-guard.yaml');
  assert.deepEqual((await mg201(file)).sort(), [...servers].sort(), 'MG201 before wrapping');

  const dry = await runCli(['guard', 'wrap', file, '--out', out, ...(opts.extraArgs ?? [])]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^--- a\//m);
  assert.match(dry.stdout, /^\+\+\+ b.*mcp-guard\.yaml$/m);
  assert.match(dry.stderr, /Nothing written/);
  assert.equal(await readFile(file, 'utf8'), text, 'the dry run changed the client config');
  assert.equal(existsSync(out), false, 'the dry run wrote a guard config');
  assert.deepEqual(readdirSync(dirname(file)), [relative.split('/').pop()], 'the dry run left files');

  const wet = await runCli(['guard', 'wrap', file, '--out', out, '--write', ...(opts.extraArgs ?? [])]);
  assert.equal(wet.code, 0, wet.stderr);
  assert.equal(await readFile(`${file}.bak`, 'utf8'), text, 'backup holds the original');
  assert.equal((await stat(`${file}.bak`)).mode & 0o777, 0o600, 'backup is owner-only');
  assert.equal((await stat(out)).mode & 0o777, 0o600, 'guard config is owner-only');
  const config = await loadGuardConfig(out, { ...BASE_ENV, ...opts.runEnv });
  assert.deepEqual(Object.keys(config.servers).sort(), [...servers].sort());
  assert.deepEqual(await mg201(file), [], 'MG201 after wrapping');

  for (const name of servers) {
    const entry = await entryOf(file, name);
    assert.deepEqual(entry.words.slice(-6), ['guard', 'serve', '--config', out, '--server', name]);
    assert.deepEqual(await toolNames(entry.words, { ...entry.env, ...opts.runEnv }, dir), direct);
  }
  // Wrapping again finds nothing left to do and writes nothing.
  const again = await runCli(['guard', 'wrap', file, '--out', out, '--write']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /already launched through mcp-guard/);
  assert.equal(readdirSync(dirname(file)).filter((f) => f.endsWith('.bak')).length, 1, 'a second backup');
  return { dir, file, out, stdout: dry.stdout, stderr: wet.stderr };
}

describe('guard wrap', () => {
  it('Claude Desktop: keeps a literal secret in the guard config with a warning, skips remote servers', async () => {
    const text = `${JSON.stringify(
      {
        mcpServers: {
          everything: {
            command: process.execPath,
            args: [EVERYTHING, 'stdio'],
            env: { OPENAI_API_KEY: SECRET, MODE: 'demo' },
          },
          second: { command: `node ${EVERYTHING} stdio` }, // a command carrying its arguments
          remote: { url: 'https://mcp.example.com/mcp' },
        },
        globalShortcut: 'Ctrl+Space',
      },
      null,
      2,
    )}\n`;
    const r = await wrapAndCheck('claude_desktop_config.json', text, ['everything', 'second']);
    assert.match(r.stderr, /env\.OPENAI_API_KEY holds a literal/);
    assert.match(r.stderr, /OPENAI_API_KEY: \$\{OPENAI_API_KEY\}/);
    const after = JSON.parse(await readFile(r.file, 'utf8'));
    assert.equal(after.mcpServers.everything.env, undefined, 'env left the client entry');
    // The installation that ran wrap, by absolute paths: a client with a bare PATH still finds it.
    assert.equal(after.mcpServers.everything.command, process.execPath);
    assert.equal(after.mcpServers.everything.args[0], CLI_SOURCE);
    assert.deepEqual(after.mcpServers.remote, { url: 'https://mcp.example.com/mcp' });
    assert.equal(after.globalShortcut, 'Ctrl+Space');
    const guard = await loadGuardConfig(r.out, BASE_ENV);
    assert.equal(guard.servers.everything.env.OPENAI_API_KEY, SECRET);
    assert.equal(guard.auth.mode, 'none');
    assert.equal(guard.servers.second.command, 'node');
    assert.deepEqual(guard.servers.second.args, [EVERYTHING, 'stdio']);
  });

  it('Cursor: --move-secrets-to-env writes ${KEY} and passes ${env:KEY} from the client', async () => {
    const text = `{\n  "mcpServers": {\n    "everything": {\n      "command": "node",\n      "args": ["${EVERYTHING}", "stdio"],\n      "env": { "OPENAI_API_KEY": "${SECRET}" }\n    }\n  }\n}\n`;
    const r = await wrapAndCheck('.cursor/mcp.json', text, ['everything'], {
      extraArgs: ['--move-secrets-to-env', '--launcher', 'npx'],
      runEnv: { OPENAI_API_KEY: SECRET },
    });
    const guardText = await readFile(r.out, 'utf8');
    assert.ok(!guardText.includes(SECRET), 'the secret reached the guard config');
    assert.match(guardText, /OPENAI_API_KEY: \$\{OPENAI_API_KEY\}/);
    const after = await readFile(r.file, 'utf8');
    assert.ok(!after.includes(SECRET), 'the secret stayed in the client config');
    const entry = await entryOf(r.file, 'everything');
    assert.deepEqual(entry.words.slice(0, 3), ['npx', '-y', 'mcp-guard@0.1.0']);
    assert.deepEqual(entry.env, { OPENAI_API_KEY: '${env:OPENAI_API_KEY}' });
    // Without the variable the guard refuses to start rather than run the server without its key.
    await assert.rejects(loadGuardConfig(r.out, BASE_ENV), /OPENAI_API_KEY is not set/);
  });

  it('VS Code: comments and unrelated entries survive; ${input:} stays with the client', async () => {
    const text = [
      '// Project MCP servers (JSONC)',
      '{',
      '  "inputs": [{ "id": "tok", "type": "promptString", "password": true }],',
      '  "servers": {',
      '    // the reference server, launched by VS Code',
      '    "everything": {',
      '      "type": "stdio",',
      `      "command": "node", /* node from PATH */`,
      `      "args": ["${EVERYTHING}", "stdio"],`,
      '      "env": { "TOKEN": "${input:tok}", "MODE": "demo" },',
      '    },',
      '    "remote": { "type": "http", "url": "https://mcp.example.com/mcp" }, // stays',
      '  },',
      '}',
      '',
    ].join('\n');
    const r = await wrapAndCheck('.vscode/mcp.json', text, ['everything'], {
      runEnv: { TOKEN: 'from-prompt' },
    });
    const after = await readFile(r.file, 'utf8');
    for (const comment of [
      '// Project MCP servers (JSONC)',
      '// the reference server, launched by VS Code',
      '/* node from PATH */',
      '// stays',
    ])
      assert.ok(after.includes(comment), `lost comment ${comment}`);
    assert.ok(after.includes('"remote": { "type": "http", "url": "https://mcp.example.com/mcp" }, // stays'));
    const entry = await entryOf(r.file, 'everything');
    assert.deepEqual(entry.env, { TOKEN: '${input:tok}' });
    const guard = await loadGuardConfig(r.out, { ...BASE_ENV, TOKEN: 'from-prompt' });
    assert.deepEqual(guard.servers.everything.env, { TOKEN: 'from-prompt', MODE: 'demo' });
  });

  it('Codex: TOML tables are rewritten in place, other tables and comments kept', async () => {
    const text = [
      '# Codex settings',
      'model = "o4-mini"',
      '',
      '[mcp_servers.everything]',
      '# the reference server',
      'command = "node"',
      `args = ["${EVERYTHING}", "stdio"]`,
      '',
      '[mcp_servers.everything.env]',
      'MODE = "demo"',
      '',
      '[mcp_servers.docs]',
      'url = "https://mcp.example.com/mcp"',
      '',
      '[profiles.fast]',
      'model = "o4-mini" # kept',
      '',
    ].join('\n');
    const r = await wrapAndCheck('.codex/config.toml', text, ['everything']);
    const after = await readFile(r.file, 'utf8');
    for (const kept of [
      '# Codex settings',
      '# the reference server',
      '[mcp_servers.docs]\nurl = "https://mcp.example.com/mcp"',
      '[profiles.fast]\nmodel = "o4-mini" # kept',
    ])
      assert.ok(after.includes(kept), `lost ${kept}`);
    assert.ok(!after.includes('[mcp_servers.everything.env]'), 'env table left behind');
    const guard = await loadGuardConfig(r.out, BASE_ENV);
    assert.deepEqual(guard.servers.everything.env, { MODE: 'demo' });
  });

  it('Continue: a YAML list of servers, rewritten in place; comments, other entries and secrets refs kept', async () => {
    const text = [
      '# Continue block: project MCP servers',
      'name: Project servers',
      'version: 0.0.1',
      'schema: v1',
      'mcpServers:',
      '  - name: everything # the reference server',
      '    command: node',
      '    args:',
      `      - ${EVERYTHING}`,
      '      - stdio',
      '    env:',
      '      MODE: demo',
      '      TOKEN: ${{ secrets.TOKEN }}',
      '  - name: remote',
      '    type: streamable-http',
      '    url: https://mcp.example.com/mcp',
      '',
    ].join('\n');
    const r = await wrapAndCheck('.continue/mcpServers/servers.yaml', text, ['everything'], {
      runEnv: { TOKEN: 'from-continue' },
    });
    const after = await readFile(r.file, 'utf8');
    for (const kept of [
      '# Continue block: project MCP servers',
      'name: Project servers',
      '- name: everything # the reference server',
      '  - name: remote\n    type: streamable-http\n    url: https://mcp.example.com/mcp',
    ])
      assert.ok(after.includes(kept), `lost ${kept}:\n${after}`);
    const entry = await entryOf(r.file, 'everything');
    assert.deepEqual(
      entry.env,
      { TOKEN: '${{ secrets.TOKEN }}' },
      'the secret reference stays with Continue',
    );
    const guard = await loadGuardConfig(r.out, { ...BASE_ENV, TOKEN: 'from-continue' });
    assert.deepEqual(guard.servers.everything.env, { MODE: 'demo', TOKEN: 'from-continue' });
  });

  it('Goose: `extensions` with cmd/args/envs rewritten in place; builtin and remote extensions kept', async () => {
    const text = [
      'GOOSE_PROVIDER: openai',
      'GOOSE_MODEL: gpt-4o # kept',
      'extensions:',
      '  developer:',
      '    type: builtin',
      '    name: developer',
      '    enabled: true',
      '  everything:',
      '    name: everything',
      '    type: stdio',
      '    cmd: node',
      `    args: [${EVERYTHING}, stdio]`,
      '    envs:',
      '      MODE: demo',
      '    enabled: true',
      '    timeout: 300',
      '  docs:',
      '    type: sse',
      '    uri: https://mcp.example.com/sse',
      '    enabled: false',
      '',
    ].join('\n');
    const r = await wrapAndCheck('.config/goose/config.yaml', text, ['everything'], { machineScan: true });
    const after = await readFile(r.file, 'utf8');
    for (const kept of [
      'GOOSE_MODEL: gpt-4o # kept',
      '  developer:\n    type: builtin\n    name: developer\n    enabled: true',
      '  docs:\n    type: sse\n    uri: https://mcp.example.com/sse',
      '    enabled: true\n    timeout: 300',
    ])
      assert.ok(after.includes(kept), `lost ${kept}:\n${after}`);
    assert.ok(after.includes(`\n    cmd: ${process.execPath}\n`), 'Goose launches with `cmd`, not `command`');
    assert.doesNotMatch(after, /^ {4}(command|envs):/m);
    const guard = await loadGuardConfig(r.out, BASE_ENV);
    assert.deepEqual(guard.servers.everything.env, { MODE: 'demo' });
  });

  it('--server picks servers and refuses unknown names', async () => {
    const text = JSON.stringify({
      mcpServers: {
        a: { command: 'node', args: [EVERYTHING, 'stdio'] },
        b: { command: 'node', args: [EVERYTHING, 'stdio'] },
      },
    });
    const { dir, file } = await tempFile('mcp.json', text);
    const out = join(dir, 'mcp-guard.yaml');
    const r = await runCli(['guard', 'wrap', file, '--server', 'b', '--out', out, '--write']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await mg201Of(file), ['a']);
    const bad = await runCli(['guard', 'wrap', file, '--server', 'nope', '--out', out]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no server named "nope".*servers: a, b/);
  });

  it('--launcher bin is refused with the reason and the launchers that work', async () => {
    const { dir, file } = await tempFile(
      'mcp.json',
      JSON.stringify({ mcpServers: { a: { command: 'srv' } } }),
    );
    const r = await runCli(['guard', 'wrap', file, '--launcher', 'bin', '--out', join(dir, 'g.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--launcher bin is gone: .*PATH.*--launcher local \(the default/);
    const odd = await runCli(['guard', 'wrap', file, '--launcher', 'pnpx', '--out', join(dir, 'g.yaml')]);
    assert.equal(odd.code, 2);
    assert.match(odd.stderr, /--launcher: expected local or npx/);
  });
});

describe('backup', () => {
  it('never overwrites an earlier backup', async () => {
    const { file } = await tempFile('x.json', 'v1');
    const first = await backup(file, new Date('2026-01-02T03:04:05.678Z'));
    assert.equal(first, `${file}.bak`);
    await writeFile(file, 'v2');
    const second = await backup(file, new Date('2026-01-02T03:04:05.678Z'));
    assert.equal(second, `${file}.20260102T030405Z.bak`);
    await writeFile(file, 'v3');
    const third = await backup(file, new Date('2026-01-02T03:04:05.678Z'));
    assert.equal(third, `${file}.20260102T030405Z-2.bak`);
    assert.deepEqual(await Promise.all([first, second, third].map((f) => readFile(f, 'utf8'))), [
      'v1',
      'v2',
      'v3',
    ]);
  });
});
