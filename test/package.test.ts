// The package as a user gets it: `npm pack`, installed from the tarball into an empty project with no
// registry reachable (offline, an empty cache and a registry URL that refuses connections), then used
// only through what it installed: `npx mcp-guard scan`, `mcp-guard guard serve` spawned by name with a
// minimal environment as Claude Desktop does, a `guard wrap` entry started exactly as written with a bare
// PATH, the README's programmatic example compiled with tsc against the installed types and run, and
// the one-line refusal of a Node older than the floor.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { EVERYTHING, NODE, ROOT } from './servers/harness.ts';

/** Node 24 (the project's), whose folder goes first on PATH so `#!/usr/bin/env node` finds it. */
const NODE_DIR = dirname(realpathSync(NODE));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** A registry nobody listens on: any request for a package fails at once. */
const NO_REGISTRY = 'http://127.0.0.1:9/';

let work: string;
let project: string;
let tarball: string;
/** What `npm pack` put in the tarball. */
let packedFiles: string[];
/** The environment for npm and npx: offline, empty cache, unreachable registry. */
let npmEnv: NodeJS.ProcessEnv;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'mcp-guard-pkg-'));
  project = join(work, 'project');
  mkdirSync(project);
  npmEnv = {
    ...process.env,
    PATH: `${NODE_DIR}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_registry: NO_REGISTRY,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      env: npmEnv,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0].filename);
  packedFiles = packed[0].files.map((f) => f.path).sort();
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: project,
    env: npmEnv,
    encoding: 'utf8',
  });
});

/**
 * Starts a server entry with the SDK 1.x client as a desktop client does (spawned with the given
 * environment only), runs `use`, and returns what the process wrote to stderr (added to any failure).
 */
async function withClient(
  entry: { command: string; args: string[]; env: Record<string, string> },
  use: (client: Client) => Promise<void>,
): Promise<string> {
  const transport = new StdioClientTransport({ ...entry, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => {
    stderr += d;
  });
  const client = new Client({ name: 'claude-ai', version: '0.1.0' });
  try {
    await client.connect(transport);
    await use(client);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`);
  } finally {
    await client.close();
  }
  return stderr;
}

/** Runs `npx mcp-guard ...` in the consumer project. */
function npx(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync('npx', ['mcp-guard', ...args], {
    cwd: project,
    env: { ...npmEnv, ...env },
    encoding: 'utf8',
  });
}

describe('the packed package', () => {
  it('ships exactly dist/ (with the declarations), the rule pages, README, LICENSE; declares no run-time dependency', () => {
    const files = packedFiles;
    const outside = files.filter(
      (f) =>
        !f.startsWith('dist/') &&
        !/^rules\/[\w-]+\.md$/.test(f) &&
        !['README.md', 'LICENSE', 'package.json'].includes(f),
    );
    assert.deepEqual(outside, []);
    for (const f of ['dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'LICENSE', 'README.md'])
      assert.ok(files.includes(f), `missing ${f}`);
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/mcp-guard/package.json'), 'utf8'));
    assert.equal(pkg.dependencies, undefined, 'run-time libraries are bundled into dist/, not installed');
    // Installed offline from an empty cache: nothing but mcp-guard itself came along.
    const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['mcp-guard']);
  });

  it('the bin starts with a shebang, is executable, and runs from npx', () => {
    const bin = join(project, 'node_modules/mcp-guard/dist/cli.js');
    assert.equal(readFileSync(bin, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    assert.notEqual(statSync(bin).mode & 0o111, 0, 'dist/cli.js is not executable');
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.cursor'), { recursive: true });
    writeFileSync(
      join(repo, '.cursor/mcp.json'),
      JSON.stringify({ mcpServers: { docs: { url: 'http://mcp.acme-crm.com/mcp' } } }),
    );
    const r = npx(['scan', repo, '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string }[];
    assert.ok(
      findings.some((f) => f.ruleId === 'MG102'),
      r.stdout,
    );
    const missing = npx(['scan', join(work, 'nope')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope: no such file or directory/);
  });

  it('refuses a Node older than 22.13 with one line, before loading anything', (t) => {
    const old = (process.env.PATH ?? '')
      .split(delimiter)
      .map((d) => join(d, 'node'))
      .find((n) => {
        if (!existsSync(n)) return false;
        const v = spawnSync(n, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
        const [major, minor] = v.split('.').map(Number);
        return major < 22 || (major === 22 && minor < 13);
      });
    if (!old) return t.skip('no Node older than 22.13 on PATH to try');
    // As a client would start it by name, with that Node first on PATH.
    const r = spawnSync(
      join(project, 'node_modules/.bin/mcp-guard'),
      ['guard', 'check', '--config', 'x.yaml'],
      {
        env: { PATH: `${dirname(old)}${delimiter}/usr/bin${delimiter}/bin` },
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^mcp-guard: needs Node\.js 22\.13 or later \(this is Node\.js \d+\.\d+\.\d+, .*\); install .*\n$/,
    );
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
  });

  it('guard serve runs when a client spawns `mcp-guard` by name with a minimal environment', async () => {
    const dir = mkdtempSync(join(work, 'serve-'));
    const config = join(dir, 'mcp-guard.yaml');
    writeFileSync(
      config,
      `auth: { mode: api_key, keys: ["sk-agent-1"] }\nservers:\n  everything: { command: "${NODE}", args: ["${EVERYTHING}", stdio] }\n`,
    );
    // Claude Desktop's PATH is short: the bin's folder and a Node, nothing of the developer's shell.
    const path = [join(project, 'node_modules/.bin'), NODE_DIR, '/usr/bin', '/bin'].join(delimiter);
    const stderr = await withClient(
      {
        command: 'mcp-guard',
        args: ['guard', 'serve', '--config', config],
        env: { PATH: path, MCP_GUARD_API_KEY: 'Bearer sk-agent-1' },
      },
      async (client) => {
        const r = await client.callTool({ name: 'echo', arguments: { message: 'through the package' } });
        assert.match(JSON.stringify(r.content), /through the package/);
      },
    );
    assert.ok(existsSync(join(dir, '.mcp-guard/audit.jsonl')), stderr);
  });

  it('a guard wrap entry starts exactly as written, with a bare PATH', async () => {
    const dir = mkdtempSync(join(work, 'wrap-'));
    const file = join(dir, 'claude_desktop_config.json');
    writeFileSync(
      file,
      JSON.stringify({ mcpServers: { everything: { command: NODE, args: [EVERYTHING, 'stdio'] } } }, null, 2),
    );
    const r = npx(['guard', 'wrap', file, '--out', join(dir, 'mcp-guard.yaml'), '--write']);
    assert.equal(r.status, 0, r.stderr);
    const entry = JSON.parse(readFileSync(file, 'utf8')).mcpServers.everything as {
      command: string;
      args: string[];
      env?: Record<string, string>;
    };
    // This installation, by absolute paths.
    assert.equal(entry.args[0], realpathSync(join(project, 'node_modules/mcp-guard/dist/cli.js')));
    await withClient(
      { command: entry.command, args: entry.args, env: { PATH: '/usr/bin:/bin', ...entry.env } },
      async (client) => {
        const { tools } = await client.listTools();
        assert.ok(tools.some((t) => t.name === 'echo'));
      },
    );
  });

  it("the README's programmatic example compiles against the installed types and runs", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /### Programmatic use[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'no ts example under "### Programmatic use" in README.md');
    // The only change: the backend runs from this checkout instead of being fetched by npx.
    const npxServer = "command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything@2026.8.31']";
    assert.ok(block.includes(npxServer), 'the example no longer names its backend as expected');
    const source = block.replace(
      npxServer,
      `command: ${JSON.stringify(NODE)}, args: [${JSON.stringify(EVERYTHING)}, 'stdio']`,
    );
    const dir = join(project, 'example');
    mkdirSync(dir);
    writeFileSync(join(dir, 'guard.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2023',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          outDir: 'out',
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
        files: ['guard.ts'],
      }),
    );
    const tsc = spawnSync(NODE, [TSC, '-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `tsc:\n${tsc.stdout}${tsc.stderr}`);

    const secret = 'an-example-secret-that-is-long-enough-for-hs256';
    const child = spawn(NODE, [join(dir, 'out/guard.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, JWT_SECRET: secret },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const u = /MCP endpoint: (\S+)/.exec(out)?.[1];
        const t = /Authorization: Bearer (\S+)/.exec(out)?.[1];
        if (u && t) resolve([u, t]);
      });
      void exited.then((code) => reject(new Error(`example exited with ${code}:\n${out}${err}`)));
    });
    const client = new Client({ name: 'example-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const r = await client.callTool({ name: 'echo', arguments: { message: 'from the example' } });
    assert.match(JSON.stringify(r.content), /from the example/);
    await client.close();
    // No token, no entry.
    const bare = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(bare.status, 401);
    child.kill('SIGINT');
    assert.equal(await exited, 0, err);
  });
  it('serve-http is its own OAuth authorization server: the SDK client gets a client-credentials token and calls a tool', async () => {
    const dir = mkdtempSync(join(work, 'issuer-'));
    const config = join(dir, 'mcp-guard.yaml');
    const secret = 'robot-secret-0123456789abcdef0123456789';
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as { port: number }).port;
    await new Promise<void>((r) => free.close(() => r()));
    const mcp = `http://127.0.0.1:${port}/mcp`;
    writeFileSync(
      config,
      [
        'auth:',
        '  mode: oauth',
        '  oauth:',
        '    issuer: self',
        '    scopes: [mcp:use]',
        `    clients: [{client_id: robot, grant_types: [client_credentials], client_secret_sha256: "${createHash('sha256').update(secret).digest('hex')}"}]`,
        `http: {port: ${port}, public_url: "${mcp}"}`,
        `servers:\n  everything: { command: "${NODE}", args: ["${EVERYTHING}", stdio] }`,
        '',
      ].join('\n'),
    );
    const child = spawn(
      join(project, 'node_modules/.bin/mcp-guard'),
      ['guard', 'serve-http', '--config', config],
      {
        cwd: dir,
        env: { PATH: [NODE_DIR, '/usr/bin', '/bin'].join(delimiter), HOME: dir },
      },
    );
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          err += d;
          if (/listening on/.test(err)) resolve();
        });
        void exited.then((code) => reject(new Error(`serve-http exited with ${code}:\n${err}`)));
      });
      const authProvider = new ClientCredentialsProvider({
        clientId: 'robot',
        clientSecret: secret,
        // Client credentials get the scopes they ask for (none asked, none granted).
        scope: 'mcp:use',
        expectedIssuer: `http://127.0.0.1:${port}`,
      });
      // The connect meets the 401, discovers the issuer from it, fetches a token and goes on with it.
      const client = new Client({ name: 'machine-agent', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp), { authProvider }));
      const r = await client.callTool({ name: 'echo', arguments: { message: 'a machine agent' } });
      assert.match(JSON.stringify(r.content), /a machine agent/);
      assert.equal(authProvider.tokens()?.token_type?.toLowerCase(), 'bearer');
      await client.close();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
