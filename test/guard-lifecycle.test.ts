// No orphans: the guard in front of a backend that runs a helper process (a grandchild of the guard).
// However the guard ends (its stdin closed by the client, or SIGTERM), the backend and the helper are
// gone within a bound; a backend that ignores the end of stdin and SIGTERM is SIGKILLed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { guardDir, ROOT, rawGuard } from './servers/harness.ts';

const SPAWNER = join(ROOT, 'test/servers/spawner.ts');

/** True while a process with this pid exists (signal 0 probes without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ESRCH');
    return false;
  }
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

/** A guard in front of the spawner; resolves once the backend and its helper are running. */
async function start(stubborn: boolean) {
  const g = guardDir(`
auth:
  mode: none
servers:
  spawner:
    command: "{{NODE}}"
    args: ["${SPAWNER}"]
    env:
      PIDS_FILE: "{{DIR}}/pids.json"
      STUBBORN: "${stubborn ? '1' : '0'}"
`);
  const guard = rawGuard(g.config);
  const file = join(g.dir, 'pids.json');
  await until(
    'the backend and its helper',
    () => existsSync(file) && readFileSync(file, 'utf8') !== '',
    15_000,
  );
  const pids = JSON.parse(readFileSync(file, 'utf8')) as { backend: number; grandchild: number };
  assert.ok(alive(pids.backend) && alive(pids.grandchild));
  return { guard, pids };
}

test('the client closes stdin: guard, backend and helper are gone', async () => {
  const { guard, pids } = await start(false);
  guard.child.stdin.end();
  assert.equal(await guard.exited, 0);
  await until('no orphans', () => !alive(pids.backend) && !alive(pids.grandchild), 3_000);
});

test('SIGTERM to the guard: guard, backend and helper are gone', async () => {
  const { guard, pids } = await start(false);
  guard.child.kill('SIGTERM');
  await guard.exited;
  await until('no orphans', () => !alive(pids.backend) && !alive(pids.grandchild), 3_000);
  assert.match(guard.stderr(), /SIGTERM, shutting down/);
});

test('a backend that ignores the end of stdin and SIGTERM is SIGKILLed, with its helper', async () => {
  const { guard, pids } = await start(true);
  const began = Date.now();
  guard.child.stdin.end();
  await until('no orphans', () => !alive(pids.backend) && !alive(pids.grandchild), 15_000);
  await guard.exited;
  // Two grace periods (after closing stdin, after SIGTERM; 2 s each by default) before SIGKILL.
  assert.ok(Date.now() - began >= 3_500, `escalated too early (${Date.now() - began} ms)`);
  assert.match(guard.stderr(), /\[spawner\] SIGTERM ignored/);
});

test('a piped one-shot session: end of input lets the calls in flight finish and be answered, then exit 0', async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", stdio]
`);
  const guard = rawGuard(g.config);
  // Everything at once and then the end of input, as `printf '...' | mcp-guard guard serve` does.
  guard.write(
    [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'pipe', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'trigger-long-running-operation', arguments: { duration: 0.5, steps: 2 } },
      },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: 'last line' } },
      },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n'), // no newline after the last line: it counts too
  );
  guard.child.stdin.end();
  assert.equal(await guard.exited, 0);
  const slow = await guard.response(2, 1000);
  assert.equal(slow.error, undefined, JSON.stringify(slow));
  assert.match(JSON.stringify(slow.result), /Long running operation completed/);
  const echo = await guard.response(3, 1000);
  assert.match(JSON.stringify(echo.result), /last line/);
  assert.doesNotMatch(guard.stderr(), /cannot write to the client|shutting down/);
});
