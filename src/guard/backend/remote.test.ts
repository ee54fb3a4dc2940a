// A supervised remote backend (`createBackend` for a `url` server) against real Streamable HTTP servers
// on 127.0.0.1: an SDK server (one McpServer per
// session, as hosted servers do) for the message flow, headers, protocol version, sampling both ways and
// DELETE at stop; the same server stopped and restarted for crash and reconnect; raw node:http servers
// for an expired session (404) and an oversized message.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, test } from 'node:test';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import type { GuardServer } from '../../config/guard-types.ts';
import { SessionEventStore } from '../http/event-store.ts';
import type { RpcMessage, RpcRequest } from '../jsonrpc.ts';
import { type BackendOptions, createBackend } from './index.ts';
import type { RemoteConnection } from './remote.ts';

interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a test server does besides answering. */
interface ServerScript {
  /** Keep SSE events for resumption (`Last-Event-ID`). */
  resumable?: boolean;
  /** Runs once the client's `notifications/initialized` arrived (e.g. asks the client something). */
  onInitialized?: (mcp: McpServer) => void;
  /** Cuts each GET stream's connection after this long without a byte (a proxy's idle timeout, or a body timeout). */
  cutGetAfterMs?: number;
}

/** An SDK Streamable HTTP server on `port` (0: any) that records every HTTP request it gets. */
async function sdkServer(port = 0, script: ServerScript = {}) {
  const seen: Seen[] = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    seen.push({ method: req.method ?? '', headers: req.headers, body });
    const sid = req.headers['mcp-session-id'] as string | undefined;
    let transport = sid === undefined ? undefined : sessions.get(sid);
    if (!transport) {
      if (sid !== undefined) {
        res.writeHead(404).end();
        return;
      }
      const mcp = new McpServer({ name: 'remote-test', version: '1.0.0' });
      mcp.registerTool('echo', { inputSchema: { message: z.string() } }, async ({ message }) => ({
        content: [{ type: 'text', text: `echo: ${message}` }],
      }));
      mcp.registerTool('hang', {}, () => new Promise(() => {}));
      mcp.registerTool('ask', {}, async () => {
        const answer = await mcp.server.createMessage({
          messages: [{ role: 'user', content: { type: 'text', text: 'a question' } }],
          maxTokens: 10,
        });
        return { content: [{ type: 'text', text: `client said: ${JSON.stringify(answer.content)}` }] };
      });
      if (script.onInitialized) {
        const run = script.onInitialized;
        mcp.server.oninitialized = () => run(mcp);
      }
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: script.resumable ? new SessionEventStore() : undefined,
        onsessioninitialized: (id) => void sessions.set(id, created),
        onsessionclosed: (id) => void sessions.delete(id),
      });
      transport = created;
      await mcp.connect(created);
    }
    if (req.method === 'GET' && script.cutGetAfterMs !== undefined) {
      // Silence for longer than the limit drops the connection, as a body timeout would.
      const cut = setTimeout(() => res.socket?.destroy(), script.cutGetAfterMs);
      res.once('close', () => clearTimeout(cut));
    }
    await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address() as AddressInfo;
  return {
    http,
    seen,
    port: address.port,
    url: `http://127.0.0.1:${address.port}/mcp`,
    /** Goes away at once: every open connection (SSE streams included) is cut. */
    async kill() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function server(url: string, headers: Record<string, string> = {}): GuardServer {
  return { name: 'remote', args: [], env: {}, url, headers };
}

/** A backend with its messages collected, and a helper to send a request and await its response. */
function backend(
  url: string,
  headers: Record<string, string> = {},
  maxMessageBytes = 1 << 20,
  extra: Partial<BackendOptions> = {},
) {
  const logs: string[] = [];
  const supervisor = createBackend(server(url, headers), {
    maxMessageBytes,
    log: (l: string) => logs.push(l),
    initialBackoffMs: 50,
    shutdownGraceMs: 1000,
    ...extra,
  } as BackendOptions);
  const b = Object.defineProperty(supervisor, 'sessionId', {
    /** The remote session id, once the server has issued one. */
    get: () => (supervisor.connection as RemoteConnection | undefined)?.sessionId,
  }) as typeof supervisor & { readonly sessionId: string | undefined };
  open.push({ close: () => b.stop() });
  const received: RpcMessage[] = [];
  b.onmessage = (m) => received.push(m);
  const request = async (message: RpcRequest, duringStart = false) => {
    const response = await b.request(message, { duringStart });
    assert.ok(response, 'answered');
    return response;
  };
  const initialize = (id: string | number = 'init', protocolVersion = '2025-06-18'): RpcRequest => ({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: {
      protocolVersion,
      capabilities: { sampling: {}, elicitation: {} },
      clientInfo: { name: 'unit', version: '1' },
    },
  });
  return { b, logs, received, request, initialize };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('relays initialize, calls and notifications with only the configured headers and the protocol version', async () => {
  const s = await sdkServer();
  open.push({ close: () => s.kill() });
  const { b, request, initialize } = backend(s.url, {
    'X-Tenant': 'acme',
    Authorization: 'Bearer server-key',
  });
  await b.start();
  assert.equal(b.state, 'up');
  const init = await request(initialize());
  assert.equal((init.result?.serverInfo as { name?: string } | undefined)?.name, 'remote-test');
  assert.ok(b.sessionId, 'the server issued a session id');
  await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const call = await request({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'hi' } },
  });
  assert.deepEqual(call.result?.content, [{ type: 'text', text: 'echo: hi' }]);
  for (const r of s.seen) {
    assert.equal(r.headers['x-tenant'], 'acme');
    assert.equal(r.headers.authorization, 'Bearer server-key');
  }
  const posts = s.seen.filter((r) => r.method === 'POST');
  assert.equal(posts[0].headers['mcp-session-id'], undefined, 'initialize opens the session');
  const last = posts.at(-1)!;
  assert.equal(last.headers['mcp-session-id'], b.sessionId);
  assert.equal(last.headers['mcp-protocol-version'], '2025-06-18');
});

test('a server-to-client request arrives as a raw message and its response goes back', async () => {
  const s = await sdkServer();
  open.push({ close: () => s.kill() });
  const { b, request, initialize, received } = backend(s.url);
  await b.start();
  await request(initialize());
  await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const call = request({ jsonrpc: '2.0', id: 'c1', method: 'tools/call', params: { name: 'ask' } });
  await until(() => received.some((m) => 'method' in m && m.method === 'sampling/createMessage'), 'sampling');
  const ask = received.find((m) => 'method' in m && m.method === 'sampling/createMessage') as RpcRequest;
  await b.send({
    jsonrpc: '2.0',
    id: ask.id,
    result: { model: 'm', role: 'assistant', content: { type: 'text', text: 'forty-two' } },
  });
  const result = await call;
  assert.match(JSON.stringify(result.result?.content), /forty-two/);
});

test('stop ends the remote session with DELETE', async () => {
  const s = await sdkServer();
  open.push({ close: () => s.kill() });
  const { b, request, initialize } = backend(s.url, { 'X-Tenant': 'acme' });
  await b.start();
  await request(initialize());
  const sid = b.sessionId;
  await b.stop();
  assert.equal(b.state, 'stopped');
  const del = s.seen.find((r) => r.method === 'DELETE');
  assert.ok(del, 'a DELETE was sent');
  assert.equal(del.headers['mcp-session-id'], sid);
  assert.equal(del.headers['x-tenant'], 'acme');
  await assert.rejects(b.send({ jsonrpc: '2.0', method: 'notifications/initialized' }), /remote is stopped/);
});

test('the server going away is a crash; the backend reconnects with backoff and is re-initialized', async () => {
  let s = await sdkServer();
  const port = s.port;
  open.push({ close: () => s.kill() });
  const { b, request, initialize } = backend(s.url);
  const crashes: string[] = [];
  const starts: boolean[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  b.onstart = async (restart: boolean) => {
    starts.push(restart);
    if (restart) {
      const r = await request(initialize(`re-init-${starts.length}`), true);
      if (r.error) throw new Error(r.error.message);
    }
  };
  await b.start();
  await request(initialize());
  const firstSession = b.sessionId;
  await s.kill();
  const failed = await request({
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'x' } },
  });
  assert.equal(failed.error?.code, -32603);
  assert.equal(crashes.length, 1);
  assert.match(crashes[0], /^backend remote connection failed \(ECONNREFUSED\)/);
  assert.equal(b.state, 'down');
  await assert.rejects(b.send({ jsonrpc: '2.0', method: 'ping', id: 3 }), /backend remote is down/);
  // Retries while the server is still away fail re-initialization and back off further.
  await until(() => starts.length >= 2 && b.state === 'down', 'a failed reconnect');
  assert.ok(b.retryInMs > 0);
  s = await sdkServer(port);
  await until(() => b.state === 'up', 'reconnect');
  assert.deepEqual(starts.slice(0, 2), [false, true]);
  assert.ok(b.sessionId && b.sessionId !== firstSession, 'a new session');
  const call = await request({
    jsonrpc: '2.0',
    id: 4,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'back' } },
  });
  assert.deepEqual(call.result?.content, [{ type: 'text', text: 'echo: back' }]);
});

test('a response stream cut off mid-call is a crash at once', async () => {
  const s = await sdkServer();
  open.push({ close: () => s.kill() });
  const { b, request, initialize } = backend(s.url);
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await request(initialize());
  void request({ jsonrpc: '2.0', id: 'h', method: 'tools/call', params: { name: 'hang' } }).catch(() => {});
  await until(() => s.seen.some((r) => r.body.includes('"hang"')), 'the call to reach the server');
  const killed = Date.now();
  await s.kill();
  await until(() => crashes.length > 0, 'the crash');
  // Noticed on the open stream itself, not later through the transport's own reconnect attempts.
  assert.ok(Date.now() - killed < 500);
  assert.match(crashes[0], /^backend remote connection lost/);
  assert.equal(b.state, 'down');
});

test('a session the server no longer knows (404) is a crash', async () => {
  const s = await sdkServer();
  open.push({ close: () => s.kill() });
  const { b, request, initialize } = backend(s.url);
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await request(initialize());
  // The server forgets the session (as after its restart with sessions in memory).
  await fetch(s.url, { method: 'DELETE', headers: { 'mcp-session-id': b.sessionId! } });
  await assert.rejects(b.send({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  assert.equal(b.state, 'down');
  assert.deepEqual(crashes, ['backend remote session expired (HTTP 404)']);
});

test('a message over the size limit is a crash, not buffered', async () => {
  const http: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'mcp-session-id': 's1' });
      res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result: { pad: 'x'.repeat(2000) } })}\n\n`);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () => {
      http.closeAllConnections();
      http.close();
    },
  });
  const { b, received } = backend(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`, {}, 1000);
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await b.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
  await until(() => crashes.length > 0, 'the crash');
  assert.deepEqual(crashes, ['backend remote sent a message larger than 1000 bytes']);
  assert.equal(received.length, 0);
});

test('a request the server sends on its GET stream right after initialization arrives', async () => {
  // The server asks at once, on the GET stream (the SDK drops a message when no such stream is open).
  const s = await sdkServer(0, {
    onInitialized: (mcp) =>
      void mcp.server
        .elicitInput({ message: 'who are you?', requestedSchema: { type: 'object', properties: {} } })
        .catch(() => {}),
  });
  open.push({ close: () => s.kill() });
  for (let round = 0; round < 5; round++) {
    const { b, request, initialize, received } = backend(s.url);
    await b.start();
    await request(initialize());
    await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await until(
      () => received.some((m) => 'method' in m && m.method === 'elicitation/create'),
      `the elicitation (round ${round})`,
      2000,
    );
    await b.stop();
  }
});

test('a GET stream that drops is resumed with Last-Event-ID: no re-initialization, nothing lost', async () => {
  let mcp: McpServer | undefined;
  const s = await sdkServer(0, {
    resumable: true,
    cutGetAfterMs: 300,
    onInitialized: (server) => {
      mcp = server;
      // A first event on the GET stream: the client then knows where to resume from.
      setTimeout(() => server.sendToolListChanged(), 50);
    },
  });
  open.push({ close: () => s.kill() });
  const { b, request, initialize, received, logs } = backend(s.url, {}, 1 << 20, { streamRetryMs: 200 });
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await request(initialize('init', '2025-11-25'));
  await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const heard = () =>
    received.filter((m) => 'method' in m && m.method === 'notifications/tools/list_changed').length;
  await until(() => heard() === 1, 'the first event');
  // Silent for longer than the cut: the stream drops (an error on the client side, as a body timeout).
  await until(() => logs.some((l) => /GET stream dropped/.test(l)), 'the stream to drop', 2000);
  // The server speaks while the stream is away: the event waits in its store and is replayed.
  mcp!.sendToolListChanged();
  await until(() => heard() === 2, 'the replayed notification', 3000);
  const call = await request({
    jsonrpc: '2.0',
    id: 9,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'still here' } },
  });
  assert.deepEqual(call.result?.content, [{ type: 'text', text: 'echo: still here' }]);
  assert.deepEqual(crashes, [], 'a dropped GET stream is not a crash');
  assert.equal(b.state, 'up');
  const inits = s.seen.filter((r) => r.body.includes('"initialize"'));
  assert.equal(inits.length, 1, 'the session was never re-initialized');
  const resumed = s.seen.filter((r) => r.method === 'GET' && r.headers['last-event-id'] !== undefined);
  assert.ok(resumed.length >= 1, 'the stream was resumed after its last event');
});

test('a GET stream silent for longer than the body timeout is not a failure; a POST answer gone silent is', async () => {
  let mcp: McpServer | undefined;
  const s = await sdkServer(0, {
    onInitialized: (server) => {
      mcp = server;
    },
  });
  open.push({ close: () => s.kill() });
  // The body timeout made short by configuration (300 s by default, what fetch allowed).
  const { b, request, initialize, received, logs } = backend(s.url, {}, 1 << 20, { bodyTimeoutMs: 150 });
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await request(initialize());
  await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  await until(() => mcp !== undefined, 'the session to be initialized');
  // Four body timeouts without a byte on the GET stream: still open, still the same session.
  await new Promise((r) => setTimeout(r, 600));
  void mcp!.server
    .elicitInput({ message: 'still there?', requestedSchema: { type: 'object', properties: {} } })
    .catch(() => {});
  await until(
    () => received.some((m) => 'method' in m && m.method === 'elicitation/create'),
    'the elicitation on the quiet stream',
  );
  assert.deepEqual(crashes, [], 'a quiet GET stream is not a crash');
  assert.ok(!logs.some((l) => /GET stream dropped/.test(l)), logs.join('\n'));
  assert.equal(s.seen.filter((r) => r.method === 'GET').length, 1, 'the stream was never re-opened');
  assert.equal(s.seen.filter((r) => r.body.includes('"initialize"')).length, 1, 'never re-initialized');
  // The same silence on the answer to a POST is the server gone.
  const hung = await request({ jsonrpc: '2.0', id: 'h', method: 'tools/call', params: { name: 'hang' } });
  assert.match(hung.error?.message ?? '', /no answer for 150 ms/);
  assert.equal(crashes.length, 1);
});

test('a GET stream whose resumption finds the session gone (404) is a crash; the drop alone was not', async () => {
  const s = await sdkServer(0, { resumable: true });
  open.push({ close: () => s.kill() });
  const { b, request, initialize, logs } = backend(s.url, {}, 1 << 20, { streamRetryMs: 50 });
  const crashes: string[] = [];
  b.oncrash = (reason: string) => crashes.push(reason);
  await b.start();
  await request(initialize('init', '2025-11-25'));
  await b.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const session = b.sessionId!;
  // The server forgets the session: its GET stream ends, and the resumption finds no session.
  await fetch(s.url, { method: 'DELETE', headers: { 'mcp-session-id': session } });
  await until(() => crashes.length > 0, 'the crash');
  assert.deepEqual(crashes, ['backend remote session expired (HTTP 404)']);
  assert.ok(
    logs.some((l) => /GET stream dropped/.test(l)),
    'the stream was first resumed',
  );
  const resumes = s.seen.filter((r) => r.method === 'GET' && r.headers['mcp-session-id'] === session);
  assert.ok(resumes.length >= 2, 'the resumption was answered 404');
});
