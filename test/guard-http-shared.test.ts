// `http.backend_mode: shared` with legacy-era clients: two SDK 1.x Streamable HTTP sessions from two
// principals run over one backend process; each session's calls, progress and sampling come back to
// the session that made them; after the backend crashes, the shared handshake is replayed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type HttpGuardProcess, httpClient, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

function children(pid: number): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

const ALICE = 'alice-shared-key-0123456789';
const BOB = 'bob-shared-key-0123456789';
const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${ALICE}
    bob: ${BOB}
http:
  backend_mode: shared
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

test('two sessions share one backend process; results, progress and sampling are not crossed', async () => {
  const a = await httpClient(guard.mcp, { headers: { 'x-api-key': ALICE }, capabilities: { sampling: {} } });
  const b = await httpClient(guard.mcp, { headers: { 'x-api-key': BOB }, capabilities: { sampling: {} } });
  for (const [c, who] of [
    [a, 'alice'],
    [b, 'bob'],
  ] as const) {
    c.client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      model: 'm',
      role: 'assistant',
      content: { type: 'text', text: `sampled by ${who}` },
    }));
  }
  await a.client.connect(a.transport);
  await b.client.connect(b.transport);
  assert.notEqual(a.transport.sessionId, b.transport.sessionId);
  const pids = execFileSync('pgrep', ['-P', String(guard.child.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  assert.equal(pids.length, 1, 'one backend process');
  const progressA: number[] = [];
  const [sumA, sumB, longA, sampledB] = await Promise.all([
    a.client.callTool({ name: 'get-sum', arguments: { a: 1, b: 1 } }),
    b.client.callTool({ name: 'get-sum', arguments: { a: 2, b: 2 } }),
    a.client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.4, steps: 2 } },
      undefined,
      {
        onprogress: (p) => progressA.push(p.progress),
      },
    ),
    b.client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hi', maxTokens: 5 } }),
  ]);
  assert.match(JSON.stringify(sumA.content), /is 2\b/);
  assert.match(JSON.stringify(sumB.content), /is 4\b/);
  assert.match(JSON.stringify(longA.content), /completed/i);
  assert.ok(progressA.length >= 1);
  assert.match(JSON.stringify(sampledB.content), /sampled by bob/);
  // The shared backend crashes: it restarts, the first session's handshake is replayed (the sampling
  // tool exists only after an initialized handshake with the sampling capability), and calls go on.
  process.kill(Number(pids[0]), 'SIGKILL');
  let restarted: string[] = [];
  for (let i = 0; i < 100; i++) {
    await delay(50);
    restarted = children(guard.child.pid!);
    if (restarted.length === 1 && restarted[0] !== pids[0]) break;
  }
  assert.notEqual(restarted[0], pids[0], 'a new backend process');
  let afterCrash: Awaited<ReturnType<typeof b.client.callTool>> | undefined;
  for (let i = 0; i < 40 && !afterCrash; i++) {
    afterCrash = await b.client
      .callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'again', maxTokens: 5 } })
      .then((r) => (r.isError ? undefined : r))
      .catch(() => undefined);
    if (!afterCrash) await delay(100);
  }
  assert.match(JSON.stringify(afterCrash?.content), /sampled by bob/);
  await a.transport.terminateSession();
  // The other session (and the shared backend) go on.
  const again = await b.client.callTool({ name: 'echo', arguments: { message: 'still here' } });
  assert.match(JSON.stringify(again.content), /still here/);
  await a.client.close();
  await b.client.close();
});
