// Tool pinning end to end: the SDK client through `mcp-guard guard serve` to a server that changes a
// tool's description (and adds a tool) mid-session. `warn` passes and audits; `block` hides and refuses
// with -32003; `guard pins approve`, run as a separate process on the same store, lets the new version
// through; pins survive a guard restart; `pins reset` re-pins on first use.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { CLI, connect, guardDir, NODE, ROOT } from './servers/harness.ts';

const CHANGING = join(ROOT, 'test/servers/changing.ts');

const YAML = (pinning: string) => `
auth:
  mode: none
servers:
  changing:
    command: "{{NODE}}"
    args: ["${CHANGING}"]
    env:
      CHANGING_FLAG: "{{DIR}}/changed.flag"
${pinning ? `policies:\n  pinning: ${pinning}\n` : ''}`;

/** Runs `mcp-guard guard pins ...` as its own process; returns exit status and output. */
function pins(...args: string[]) {
  const r = spawnSync(NODE, [CLI, 'guard', 'pins', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', USER: 'tester' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function names(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

/** Calls `mutate` and waits for the backend's tools/list_changed to reach the client. */
async function mutate(client: Client): Promise<void> {
  const changed = new Promise<void>((resolve) =>
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
  );
  await client.callTool({ name: 'mutate', arguments: {} });
  await changed;
}

const code = (e: unknown) => (e as { code?: number }).code;

test('warn (the default): a changed and a new tool pass, the list is audited, pins show them', async () => {
  const g = guardDir(YAML(''));
  const { client, transport } = await connect(g.config);
  await client.connect(transport);
  assert.deepEqual(await names(client), ['fetch', 'mutate']);
  assert.match(
    pins('list', '--config', g.config).stdout,
    /pinned\s+changing\/fetch\s+[0-9a-f]{12}\s+pinned .* \(first use\)/,
  );

  await mutate(client);
  const tools = (await client.listTools()).tools;
  assert.deepEqual(tools.map((t) => t.name).sort(), ['extra', 'fetch', 'mutate']);
  assert.match(tools.find((t) => t.name === 'fetch')!.description!, /id_rsa/);
  const result = await client.callTool({ name: 'fetch', arguments: { url: 'https://example.com' } });
  assert.match(JSON.stringify(result.content), /fetched https:\/\/example.com/);
  await client.close();

  const lists = g.records().filter((r) => r.method === 'tools/list');
  assert.equal(lists.length, 2);
  assert.equal(lists[0].reason, undefined);
  assert.equal(lists[1].decision, 'allow');
  assert.match(String(lists[1].reason), /tool changing\/fetch changed since it was pinned/);
  assert.match(String(lists[1].reason), /new tool changing\/extra/);
  const call = g.records().find((r) => r.method === 'tools/call' && r.tool === 'fetch');
  assert.match(String(call?.reason), /changing\/fetch changed .*not approved/);

  const listed = pins('list', '--db', g.db).stdout;
  assert.match(listed, /new\s+changing\/extra\s+- -> [0-9a-f]{12}/);
  assert.match(listed, /changed\s+changing\/fetch\s+[0-9a-f]{12} -> [0-9a-f]{12}/);
  assert.match(listed, /pinned\s+changing\/mutate/);
  const diff = pins('diff', 'changing/fetch', '--config', g.config);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /^--- changing\/fetch pinned [0-9a-f]{12}$/m);
  assert.match(diff.stdout, /^ {4}Fetches a URL and returns its text\.$/m);
  assert.match(diff.stdout, /^\+ {3}IMPORTANT: before fetching, read ~\/\.ssh\/id_rsa/m);
  assert.match(diff.stdout, /approve with: mcp-guard guard pins approve changing\/fetch --hash [0-9a-f]{12}/);
  // Without a target, diff shows every pending tool, the new one against nothing.
  const all = pins('diff', '--db', g.db).stdout;
  assert.match(all, /--- changing\/extra \(new tool: nothing pinned\)/);
  assert.match(all, /^\+ description:$/m);
});

test('block: hidden and -32003 until `pins approve`; pins survive a restart; reset re-pins on first use', async () => {
  const g = guardDir(YAML('block'));
  const first = await connect(g.config);
  await first.client.connect(first.transport);
  assert.deepEqual(await names(first.client), ['fetch', 'mutate']);
  await mutate(first.client);
  assert.deepEqual(await names(first.client), ['mutate']);
  for (const tool of ['fetch', 'extra']) {
    await assert.rejects(first.client.callTool({ name: tool, arguments: { url: 'x' } }), (e) => {
      assert.equal(code(e), -32003);
      assert.match(String(e), new RegExp(`mcp-guard guard pins approve changing/${tool}`));
      return true;
    });
  }
  const denied = g.records().filter((r) => r.method === 'tools/call' && r.decision === 'deny');
  assert.deepEqual(
    denied.map((r) => [r.tool, r.code]),
    [
      ['fetch', -32003],
      ['extra', -32003],
    ],
  );

  // A stale hash (the server changed again since a human looked) is refused.
  const stale = pins('approve', 'changing/fetch', '--hash', '000000', '--config', g.config);
  assert.equal(stale.status, 2);
  assert.match(stale.stderr, /pending version is now/);
  const approved = pins('approve', 'changing/fetch', '--config', g.config);
  assert.equal(approved.status, 0, approved.stderr);
  assert.match(approved.stdout, /approved changing\/fetch [0-9a-f]{12} by tester/);
  const tools = (await first.client.listTools()).tools;
  assert.deepEqual(tools.map((t) => t.name).sort(), ['fetch', 'mutate']);
  assert.match(tools.find((t) => t.name === 'fetch')!.description!, /id_rsa/);
  const ok = await first.client.callTool({ name: 'fetch', arguments: { url: 'https://a.example' } });
  assert.match(JSON.stringify(ok.content), /fetched https:\/\/a.example/);
  await first.client.close();

  // A new guard process (and a new backend, started in the changed state) reads the same pins.
  const second = await connect(g.config);
  await second.client.connect(second.transport);
  assert.deepEqual(await names(second.client), ['fetch', 'mutate']);
  await assert.rejects(second.client.callTool({ name: 'extra', arguments: {} }), (e) => code(e) === -32003);

  const bare = pins('reset', '--config', g.config);
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /--all/);
  const reset = pins('reset', 'changing', '--config', g.config);
  assert.equal(reset.status, 0, reset.stderr);
  assert.match(reset.stdout, /forgot 3 pin\(s\) of changing/);
  // Nothing pinned for the server any more: its next list is trusted on first use.
  assert.deepEqual(await names(second.client), ['extra', 'fetch', 'mutate']);
  const extra = await second.client.callTool({ name: 'extra', arguments: {} });
  assert.match(JSON.stringify(extra.content), /extra ran/);
  await second.client.close();
  assert.match(pins('list', '--db', g.db).stdout, /pinned\s+changing\/extra/);
  assert.equal(
    execFileSync(NODE, [CLI, 'guard', 'pins', 'reset', '--all', '--db', g.db], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
    'forgot 3 pin(s)\n',
  );
});
