// `approvals.mode: wait` end to end: a held call stays open with progress notifications until the
// admin CLI (another process on the same store) decides, over stdio, over Streamable HTTP (legacy
// sessions, SDK client) and in the stateless 2026-07-28 era (raw SSE POSTs); the client cancelling
// withdraws the approval; no decision within wait_sec gives the -32004 answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { openStore, type Store } from '../src/guard/store/index.ts';
import { type HttpGuardProcess, httpClient, startHttpGuard } from './guard-http-harness.ts';
import { runCli } from './helpers/cli.ts';
import { connect, guardDir, ROOT } from './servers/harness.ts';

const WALLET = (waitSec = 60) => `
auth:
  mode: none
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
    env:
      WALLET_LOG: "{{WALLET_LOG}}"
policies:
  require_approval_above: 10
  spend:
    tools: [{ name: pay, amount: amount, currency: USD }]
approvals:
  mode: wait
  wait_sec: ${waitSec}
`;

const idFrom = (message: unknown) => /held for approval ([0-9a-f]+)/.exec(String(message))?.[1];

async function decide(config: string, verb: 'approve' | 'deny', id: string, extra: string[] = []) {
  const r = await runCli(
    ['guard', 'approvals', verb, id.slice(0, 8), '--config', config, '--by', 'ops', ...extra],
    {
      cwd: ROOT,
    },
  );
  assert.equal(r.code, 0, r.stderr);
}

async function statusOf(store: Store, id: string, want: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await store.listApprovals()).find((a) => a.id === id)?.status === want) return;
    await delay(25);
  }
  assert.fail(`approval ${id} never became ${want}`);
}

describe('over stdio', () => {
  test('the call waits with progress; the CLI approving completes it, once', async () => {
    const g = guardDir(WALLET());
    const { client, transport } = await connect(g.config);
    await client.connect(transport);
    after(() => client.close());
    let id: string | undefined;
    const progress: { progress: number; message?: string }[] = [];
    const call = client.callTool({ name: 'pay', arguments: { amount: 50, to: 'bob' } }, undefined, {
      onprogress: (p) => {
        progress.push(p);
        id ??= idFrom(p.message);
      },
      timeout: 30_000,
    });
    while (!id) await delay(20);
    assert.equal(
      g.received().filter((m) => JSON.stringify(m).includes('"pay"')).length,
      0,
      'not forwarded yet',
    );
    await decide(g.config, 'approve', id);
    const result = await call;
    assert.match(JSON.stringify(result.content), /paid 50 to bob/);
    const records = g.records().filter((r) => r.tool === 'pay');
    assert.deepEqual(
      records.map((r) => [r.decision, r.approval, r.by, r.waiting]),
      [
        ['held', id, undefined, true],
        ['allow', id, 'ops', undefined],
      ],
    );
    assert.ok(progress[0].message?.includes('guard approvals approve'));
    // The CLI's decision is in the audit log too: its own file beside the guard's (which holds audit.jsonl).
    const cli = readFileSync(join(g.dir, 'audit.2.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      cli.map((r) => [r.method, r.decision, r.approval, r.by, r.tool]),
      [['approvals/decide', 'approved', id, 'ops', 'pay']],
    );
  });

  test('a denial with a reason; a cancellation withdraws; no decision in wait_sec gives -32004', async () => {
    const g = guardDir(WALLET(1));
    const store = await openStore({ type: 'sqlite', path: g.db });
    const { client, transport } = await connect(g.config);
    await client.connect(transport);
    try {
      // wait_sec 1: the -32004 answer, with the approval still pending for a later retry.
      await assert.rejects(
        client.callTool({ name: 'pay', arguments: { amount: 20, to: 'x' } }),
        (e: Error & { code?: number; data?: { approval_id?: string } }) => {
          assert.equal(e.code, -32004);
          assert.match(e.message, /no decision after 1 s/);
          return true;
        },
      );
      const [pending] = await store.listApprovals('pending');
      assert.equal(pending.amount, 20);

      let id: string | undefined;
      const controller = new AbortController();
      const cancelled = client.callTool({ name: 'pay', arguments: { amount: 30, to: 'y' } }, undefined, {
        onprogress: (p) => {
          id ??= idFrom(p.message);
        },
        signal: controller.signal,
      });
      while (!id) await delay(20);
      controller.abort('changed my mind');
      await assert.rejects(cancelled);
      await statusOf(store, id, 'withdrawn');
      assert.ok(!g.received().some((m) => JSON.stringify(m).includes('"amount":30')));
    } finally {
      await client.close();
      await store.close();
    }
  });
});

describe('over HTTP', () => {
  const g = guardDir(WALLET());
  let guard: HttpGuardProcess;
  let store: Store;
  before(async () => {
    guard = await startHttpGuard(g.config);
    store = await openStore({ type: 'sqlite', path: g.db });
  });
  after(async () => {
    await guard?.stop();
    await store?.close();
  });

  test('legacy session (SDK client): progress on the call stream, the CLI denies with a reason', async () => {
    const { client, transport } = await httpClient(guard.mcp);
    await client.connect(transport);
    after(() => client.close());
    let id: string | undefined;
    // Settled into a value at once: the denial may come while the CLI is still running.
    const call = client
      .callTool({ name: 'pay', arguments: { amount: 40, to: 'carol' } }, undefined, {
        onprogress: (p) => {
          id ??= idFrom(p.message);
        },
      })
      .then(
        () => assert.fail('expected a denial'),
        (e: Error & { code?: number }) => e,
      );
    while (!id) await delay(20);
    await decide(g.config, 'deny', id, ['--reason', 'not this week']);
    const denied = await call;
    assert.equal(denied.code, -32004);
    assert.match(denied.message, /denied by ops: not this week/);
    const cli = readFileSync(join(g.dir, 'audit.2.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      cli.map((r) => [r.method, r.decision, r.approval, r.by, r.reason]),
      [['approvals/decide', 'denied', id, 'ops', 'not this week']],
    );
  });

  /** A stateless 2026-07-28 tools/call as SSE; resolves with the parsed events as they come. */
  function modernCall(amount: number, signal?: AbortSignal) {
    const body = {
      jsonrpc: '2.0',
      id: `m${amount}`,
      method: 'tools/call',
      params: {
        name: 'pay',
        arguments: { amount, to: 'dave' },
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
          progressToken: `t${amount}`,
        },
      },
    };
    return fetch(guard.mcp, {
      method: 'POST',
      signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'pay',
      },
      body: JSON.stringify(body),
    });
  }

  async function* events(res: Response): AsyncGenerator<Record<string, unknown>> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (data) yield JSON.parse(data);
      }
    }
  }

  test('2026-07-28 era: progress streamed, the CLI approves, the result follows on the stream', async () => {
    const res = await modernCall(60);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const stream = events(res);
    const first = (await stream.next()).value as {
      method: string;
      params: { progressToken: string; message: string };
    };
    assert.equal(first.method, 'notifications/progress');
    assert.equal(first.params.progressToken, 't60', 'the client token, not the guard one');
    const id = idFrom(first.params.message)!;
    await decide(g.config, 'approve', id);
    let result: Record<string, unknown> | undefined;
    for await (const event of stream) if ('result' in event) result = event;
    assert.equal(result?.id, 'm60');
    assert.match(JSON.stringify(result), /paid 60 to dave/);
  });

  test('2026-07-28 era: closing the stream withdraws the approval', async () => {
    const controller = new AbortController();
    const res = await modernCall(70, controller.signal);
    const first = (await events(res).next()).value as { params: { message: string } };
    const id = idFrom(first.params.message)!;
    controller.abort();
    await statusOf(store, id, 'withdrawn');
  });
});
