// Modern-era (2026-07-28) clients in front of SEVERAL backends through `mcp-guard guard serve`: the SDK
// 2.x client (`@modelcontextprotocol/client`) asks `server/discover`, which the guard answers itself
// with the versions every backend supports, merged capabilities and the guard as the server; then the
// merged, prefixed tool list, and one call routed to each backend (seen in each server's own log).
// With a legacy-only backend among them, a negotiating client ends up on a legacy version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, guardDir, NODE, ROOT } from './servers/harness.ts';

const MODERN = join(ROOT, 'test/servers/modern.ts');

/** Messages a modern test server logged. */
function received(file: string): Record<string, unknown>[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

/** The SDK 2.x client launched on `guard serve` over stdio. */
function modernClient(config: string, mode: 'auto' | { pin: string }) {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: NODE,
    args: [CLI, 'guard', 'serve', '--config', config],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stderr: 'pipe',
    cwd: ROOT,
  });
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client({ name: 'multi-modern', version: '1.0.0' }, { versionNegotiation: { mode } });
  return { client, transport, stderr: () => stderr };
}

const twoModern = () =>
  guardDir(`
auth:
  mode: none
servers:
  alpha:
    command: "{{NODE}}"
    args: ["${MODERN}"]
    env: { MODERN_LOG: "{{DIR}}/alpha.jsonl" }
  beta:
    command: "{{NODE}}"
    args: ["${MODERN}"]
    env: { MODERN_LOG: "{{DIR}}/beta.jsonl" }
`);

for (const mode of [{ pin: '2026-07-28' }, 'auto'] as const) {
  test(`two modern backends, client ${typeof mode === 'string' ? 'negotiating' : 'pinned'}: merged discover, prefixed tools, a call to each`, async () => {
    const g = twoModern();
    const { client, transport, stderr } = modernClient(g.config, mode);
    try {
      await client.connect(transport);
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28', stderr());
      // The guard answered discover itself: it is the server the client sees.
      assert.equal(client.getServerVersion()?.name, 'mcp-guard');
      assert.ok(client.getServerCapabilities()?.tools, 'merged capabilities offer tools');
      for (const name of ['alpha', 'beta']) {
        const discovers = received(join(g.dir, `${name}.jsonl`)).filter(
          (m) => m.method === 'server/discover',
        );
        assert.equal(discovers.length, 1, `${name} was asked server/discover once`);
      }

      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), [
        'alpha__confirm',
        'alpha__drop',
        'alpha__echo',
        'beta__confirm',
        'beta__drop',
        'beta__echo',
      ]);
      const a = await client.callTool({ name: 'alpha__echo', arguments: { message: 'to alpha' } });
      const b = await client.callTool({ name: 'beta__echo', arguments: { message: 'to beta' } });
      assert.match(JSON.stringify(a.content), /echo: to alpha/);
      assert.match(JSON.stringify(b.content), /echo: to beta/);
      const calls = (name: string) =>
        received(join(g.dir, `${name}.jsonl`))
          .filter((m) => m.method === 'tools/call')
          .map((m) => m.params as { name: string; arguments: { message: string } });
      assert.deepEqual(
        calls('alpha').map((c) => [c.name, c.arguments.message]),
        [['echo', 'to alpha']],
      );
      assert.deepEqual(
        calls('beta').map((c) => [c.name, c.arguments.message]),
        [['echo', 'to beta']],
      );
    } finally {
      await client.close();
    }
  });
}

test('a modern and a legacy-only backend: discover refused, the negotiating client falls back to legacy', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  modern:
    command: "{{NODE}}"
    args: ["${MODERN}"]
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  const { client, transport, stderr } = modernClient(g.config, 'auto');
  try {
    await client.connect(transport);
    const version = client.getNegotiatedProtocolVersion() ?? '';
    assert.ok(version < '2026-07-28' && version >= '2024-11-05', `legacy version negotiated, got ${version}`);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    assert.ok(names.includes('modern__echo') && names.includes('everything__echo'), names.join());
    const r = await client.callTool({ name: 'modern__echo', arguments: { message: 'legacy era' } });
    assert.match(JSON.stringify(r.content), /echo: legacy era/);
    // The guard answered the probe with the legacy backend's own refusal (it restarted for the legacy era,
    // so this is the first process's record).
    const discover = g.records().find((r) => r.method === 'server/discover');
    assert.equal(discover?.code, -32601, stderr());
    assert.equal(discover?.backend, '*', 'the guard asked every backend');
  } finally {
    await client.close();
  }
});
