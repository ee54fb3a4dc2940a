// The relay for one backend, with the real pipeline and NDJSON framing over in-memory streams: the
// client's ids come back unchanged, server-to-client request ids are rewritten and restored,
// notifications flow both ways and are never answered, progress keeps a long call alive past the
// request timeout (a silent one times out and the backend is told), and a call the client cancels
// ends without any response. The backend is a small in-process server implementing `Backend`.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseGuardConfig } from '../config/guard.ts';
import type { AuditEntry } from './audit/index.ts';
import type { Backend, BackendState } from './backend/types.ts';
import { isRequest, type RpcMessage, type RpcRequest } from './jsonrpc.ts';
import { buildPipeline } from './pipeline.ts';
import { Relay } from './relay.ts';
import { MemoryStore } from './store/memory.ts';
import { NdjsonTransport } from './transport/ndjson.ts';

const TIMEOUT_MS = 200;

/**
 * A scripted MCP server in the same process: `echo` answers, `slow` never does, `progress` reports
 * progress every 60 ms for about twice the request timeout before answering, `ask` asks the client
 * for its roots (id 42) and answers with what the client said.
 */
class TinyServer implements Backend {
  readonly name = 'tiny';
  state: BackendState = 'down';
  readonly retryInMs = 0;
  readonly restarts = 0;
  readonly received: RpcMessage[] = [];
  onmessage?: (message: RpcMessage) => void;
  oncrash?: (reason: string) => void;
  onstart?: (restart: boolean) => Promise<void>;
  readonly #waiting = new Map<number, RpcRequest>();
  readonly #timers = new Set<NodeJS.Timeout>();

  async start(): Promise<void> {
    await this.onstart?.(false);
    this.state = 'up';
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    for (const t of this.#timers) clearTimeout(t);
  }

  /** Writes a message to the guard, as the server's stdout would. */
  emit(message: RpcMessage): void {
    queueMicrotask(() => this.onmessage?.(message));
  }

  async send(message: RpcMessage): Promise<void> {
    if (this.state !== 'up') throw new Error(`backend tiny is ${this.state}`);
    this.received.push(message);
    if (!isRequest(message)) {
      const asked =
        'id' in message && typeof message.id === 'number' ? this.#waiting.get(message.id) : undefined;
      if (asked && 'result' in message) {
        this.#waiting.delete(message.id as number);
        this.emit({ jsonrpc: '2.0', id: asked.id, result: { toldRoots: message.result } });
      }
      return;
    }
    const name = message.params?.name;
    if (name === 'echo')
      this.emit({ jsonrpc: '2.0', id: message.id, result: { echoed: message.params?.arguments } });
    if (name === 'ask') {
      this.#waiting.set(42, message);
      this.emit({ jsonrpc: '2.0', id: 42, method: 'roots/list' });
    }
    if (name === 'progress') {
      const token = (message.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
      let step = 0;
      const tick = () => {
        step++;
        if (step * 60 < TIMEOUT_MS * 2) {
          this.emit({
            jsonrpc: '2.0',
            method: 'notifications/progress',
            params: { progressToken: token, progress: step },
          });
          this.#timers.add(setTimeout(tick, 60));
        } else {
          this.emit({ jsonrpc: '2.0', id: message.id, result: { steps: step } });
        }
      };
      this.#timers.add(setTimeout(tick, 60));
    }
  }
}

/** A relay in front of a TinyServer, and the client's end of an NDJSON pipe to it. */
async function setup() {
  const config = parseGuardConfig(
    `auth:\n  mode: none\nservers:\n  tiny:\n    command: unused\nlimits:\n  request_timeout_ms: ${TIMEOUT_MS}\n`,
    '/tmp/mcp-guard-relay.yaml',
    {},
  );
  const toGuard = new PassThrough();
  const toClient = new PassThrough();
  const guardSide = new NdjsonTransport(toGuard, toClient);
  const client = new NdjsonTransport(toClient, toGuard);
  const fromGuard: RpcMessage[] = [];
  client.onmessage = (m) => fromGuard.push(m);
  const backend = new TinyServer();
  const records: AuditEntry[] = [];
  const audit = { append: (r: AuditEntry) => records.push(r) };
  const logs: string[] = [];
  const relay = new Relay({
    config,
    client: guardSide,
    backends: new Map([['tiny', backend]]),
    audit,
    log: (l) => logs.push(l),
  });
  relay.pipeline = buildPipeline(config, {
    store: new MemoryStore(),
    audit,
    router: () => 'tiny',
    forward: relay.forward,
    env: {},
  });
  await backend.start();
  await guardSide.start();
  await client.start();
  const waitFor = async <T>(find: () => T | undefined, timeoutMs = 2_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(fromGuard)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const responseTo = (id: unknown) =>
    waitFor(
      () =>
        fromGuard.find((m) => 'id' in m && m.id === id && !('method' in m)) as
          | Record<string, unknown>
          | undefined,
    );
  const close = async () => {
    await relay.close();
    await backend.stop();
    await client.close();
    await guardSide.close();
  };
  return { client, backend, fromGuard, records, logs, responseTo, waitFor, close };
}

const call = (id: string | number, name: string, extra: Record<string, unknown> = {}): RpcRequest => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: { n: id }, ...extra },
});

test('client ids come back unchanged; server-to-client ids are rewritten and restored', async () => {
  const r = await setup();
  try {
    await r.client.send(call('req-a', 'echo'));
    await r.client.send(call(7, 'echo'));
    assert.deepEqual((await r.responseTo('req-a')).result, { echoed: { n: 'req-a' } });
    assert.deepEqual((await r.responseTo(7)).result, { echoed: { n: 7 } });
    // The backend saw the client's own ids (one backend: the relay is transparent).
    assert.deepEqual(
      r.backend.received.map((m) => ('id' in m ? m.id : undefined)),
      ['req-a', 7],
    );

    await r.client.send(call(8, 'ask'));
    const asked = await r.waitFor(() => r.fromGuard.find((m) => 'method' in m && m.method === 'roots/list'));
    assert.ok(
      'id' in asked && typeof asked.id === 'string' && asked.id !== '42',
      'guard id, not the server one',
    );
    await r.client.send({ jsonrpc: '2.0', id: asked.id, result: { roots: [{ uri: 'file:///w' }] } });
    assert.deepEqual((await r.responseTo(8)).result, { toldRoots: { roots: [{ uri: 'file:///w' }] } });
    const answer = r.backend.received.find((m) => !('method' in m) && 'id' in m && m.id === 42);
    assert.ok(answer, 'the backend got the client answer under its own id 42');
    assert.equal(r.records.filter((x) => x.id === 8 && x.decision !== 'forward').length, 1);
  } finally {
    await r.close();
  }
});

test('notifications flow both ways and are never answered', async () => {
  const r = await setup();
  try {
    await r.client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await r.client.send({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
    r.backend.emit({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', data: 'hi' },
    });
    await r.waitFor(() => r.fromGuard.find((m) => 'method' in m && m.method === 'notifications/message'));
    await r.waitFor(() => (r.backend.received.length === 2 ? true : undefined));
    assert.deepEqual(
      r.backend.received.map((m) => ('method' in m ? m.method : '')),
      ['notifications/initialized', 'notifications/roots/list_changed'],
    );
    // Give any stray response time to show up: there must be none in either direction.
    await new Promise((res) => setTimeout(res, 50));
    assert.equal(r.fromGuard.length, 1);
    assert.equal(r.backend.received.length, 2);
    assert.equal(r.records.length, 0, 'allowed notifications are not requests: no audit record');
  } finally {
    await r.close();
  }
});

test('progress keeps a long call alive past the timeout; a silent call times out and is cancelled', async () => {
  const r = await setup();
  try {
    const began = Date.now();
    await r.client.send(call(1, 'progress', { _meta: { progressToken: 'tok' } }));
    await r.client.send(call(2, 'slow'));
    const slow = await r.responseTo(2);
    assert.equal((slow.error as { code: number }).code, -32603);
    assert.match((slow.error as { message: string }).message, /backend tiny did not answer in time/);
    const long = await r.responseTo(1);
    assert.ok(Date.now() - began > TIMEOUT_MS * 1.5, 'the progressing call outlived the timeout');
    assert.ok((long.result as { steps: number }).steps >= 6);
    const progress = r.fromGuard.filter((m) => 'method' in m && m.method === 'notifications/progress');
    assert.ok(progress.length >= 5);
    assert.ok(progress.every((m) => (m as RpcRequest).params?.progressToken === 'tok'));
    const cancelled = r.backend.received.find((m) => 'method' in m && m.method === 'notifications/cancelled');
    assert.deepEqual((cancelled as RpcRequest | undefined)?.params?.requestId, 2);
  } finally {
    await r.close();
  }
});

test('a call the client cancels ends without a response; the backend is told', async () => {
  const r = await setup();
  try {
    await r.client.send(call(5, 'slow'));
    await r.waitFor(() => (r.backend.received.length === 1 ? true : undefined));
    await r.client.send({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 5, reason: 'user' },
    });
    await r.waitFor(() => (r.backend.received.length === 2 ? true : undefined));
    assert.deepEqual(r.backend.received[1], {
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 5, reason: 'user' },
    });
    // Well past the request timeout: still no response for id 5 (and no timeout either).
    await new Promise((res) => setTimeout(res, TIMEOUT_MS * 2));
    assert.equal(r.fromGuard.length, 0);
    assert.ok(!r.logs.some((l) => /timed out/.test(l)));
    // The request is settled: the same id can be used again.
    await r.client.send(call(5, 'echo'));
    assert.deepEqual((await r.responseTo(5)).result, { echoed: { n: 5 } });
  } finally {
    await r.close();
  }
});
