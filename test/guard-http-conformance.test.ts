// Two independent real clients against `guard serve-http` in front of server-everything: the official
// MCP conformance suite (server scenarios) and the MCP Inspector's CLI mode.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { type HttpGuardProcess, startHttpGuard } from './guard-http-harness.ts';
import { guardDir, NODE, ROOT } from './servers/harness.ts';

const run = promisify(execFile);
const CONFORMANCE = join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const INSPECTOR = join(ROOT, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');

const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
let guard: HttpGuardProcess;

before(async () => {
  guard = await startHttpGuard(g.config);
});
after(async () => {
  await guard?.stop();
});

for (const scenario of [
  'server-initialize',
  'ping',
  'tools-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
]) {
  test(`conformance: ${scenario}`, async () => {
    // The suite needs Node >= 22: run it with the project's Node 24.
    const { stdout } = await run(NODE, [CONFORMANCE, 'server', '--url', guard.mcp, '--scenario', scenario], {
      cwd: mkdtempSync(join(tmpdir(), 'mcp-guard-conformance-')),
      timeout: 60_000,
    });
    const m = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
    assert.ok(m, `no summary in:\n${stdout}`);
    assert.equal(m[3], '0', stdout);
    assert.equal(m[1], m[2], stdout);
    assert.ok(Number(m[2]) >= 1);
  });
}

test('the MCP Inspector CLI lists and calls tools through the guard', async () => {
  const home = mkdtempSync(join(tmpdir(), 'mcp-guard-inspector-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, MCP_CATALOG_PATH: join(home, 'mcp.json') };
  const listed = await run(
    NODE,
    [INSPECTOR, '--cli', guard.mcp, '--transport', 'http', '--method', 'tools/list'],
    {
      env,
      timeout: 60_000,
    },
  );
  const tools = (JSON.parse(listed.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
  assert.ok(tools.includes('echo') && tools.includes('get-sum'), tools.join(', '));
  const called = await run(
    NODE,
    [
      INSPECTOR,
      '--cli',
      guard.mcp,
      '--transport',
      'http',
      '--method',
      'tools/call',
      '--tool-name',
      'get-sum',
      '--tool-arg',
      'a=2',
      'b=40',
    ],
    { env, timeout: 60_000 },
  );
  assert.match(called.stdout, /The sum of 2 and 40 is 42/);
  assert.ok(g.records().some((r) => r.tool === 'get-sum' && r.decision === 'allow'));
});
