// Resource subscriptions survive a backend restart, end to end: an SDK 1.x client subscribes to a
// server-everything resource through a guard fronting two backends (`mcp-guard guard serve`), the
// server-everything child is killed, and once the guard has restarted it the guard renews the
// subscription by itself: server-everything acknowledges a second `resources/subscribe` (its log
// notification reaches the client) and, with its simulated updates switched on again, sends
// `notifications/resources/updated` for that URI, which it would not do for a URI nobody subscribed to.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { connect, guardDir, ROOT } from './servers/harness.ts';

const MODERN = join(ROOT, 'test/servers/modern.ts');

/** The pid of the guard's child whose command line contains `needle`. */
function childPid(parent: number, needle: string): number {
  const rows = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  const row = rows.split('\n').find((r) => r.includes(needle));
  assert.ok(row, `no child of ${parent} runs ${needle}:\n${rows}`);
  return Number(row.trim().split(/\s+/)[0]);
}

async function until(what: string, ok: () => boolean, timeoutMs: number, detail: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a subscription is renewed by the guard after its backend restarts', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
  modern:
    command: "{{NODE}}"
    args: ["${MODERN}"]
`);
  const c = await connect(g.config);
  const logs: string[] = [];
  const updated: string[] = [];
  c.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    logs.push(String(n.params.data));
  });
  c.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    updated.push(n.params.uri);
  });
  await c.client.connect(c.transport);
  try {
    assert.ok(c.client.getServerCapabilities()?.resources?.subscribe, 'merged capabilities offer subscribe');
    const { resources } = await c.client.listResources();
    const uri = resources[0]?.uri;
    assert.ok(uri, 'server-everything lists resources');
    await c.client.subscribeResource({ uri });
    const acks = () => logs.filter((l) => l.includes(`Subscribe Resource request for URI: ${uri}`)).length;
    await until('the subscribe acknowledgement', () => acks() === 1, 5_000, c.stderr);

    const guardPid = (c.transport as unknown as { pid: number | null }).pid;
    assert.ok(guardPid);
    process.kill(childPid(guardPid, 'server-everything'), 'SIGKILL');
    await until(
      'the restart',
      () => /\[everything\] guard: restarted and re-initialized/.test(c.stderr()),
      15_000,
      c.stderr,
    );
    // The guard subscribed again on its own: the new process acknowledges it.
    await until('the renewed subscription', () => acks() === 2, 5_000, c.stderr);

    // Updates flow for the renewed subscription (sent at once when switched on, then every 5 s).
    await c.client.callTool({ name: 'everything__toggle-subscriber-updates', arguments: {} });
    await until('notifications/resources/updated', () => updated.includes(uri), 5_000, c.stderr);
  } finally {
    await c.client.close();
  }
});
