// Resumable SSE on the guard's own `/mcp` streams, end to end: `guard serve-http` (a real process) in
// front of an SDK Streamable HTTP server in this process (so the test decides when the server speaks).
// A client's GET stream drops; what the server sent meanwhile is replayed when the client comes back
// with `Last-Event-ID`, in order, and nothing before it is sent twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';
import { type SdkHttpServer, sdkHttpServer } from './servers/remote-http.ts';

/** The backend's server of the latest session: the test makes it speak. */
let mcp: McpServer | undefined;
let backend: SdkHttpServer;
let guard: HttpGuardProcess;

before(async () => {
  backend = await sdkHttpServer('speaks-when-told', (server) => {
    server.registerTool('noop', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
    server.server.oninitialized = () => {
      mcp = server;
    };
  });
  const g = guardDir(`
auth:
  mode: none
servers:
  speaker:
    url: "${backend.url}"
`);
  guard = await startHttpGuard(g.config);
});

after(async () => {
  await guard?.stop();
  await backend?.close();
});

/** A GET stream on the session: its events as they come, and a way to drop it. */
async function openStream(headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(guard.mcp, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body!) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // dropped by the test
    }
  })();
  return { events, drop: () => abort.abort() };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const said = (events: EventSourceMessage[]) =>
  events
    .filter((e) => e.data.trim() !== '')
    .map((e) => (JSON.parse(e.data) as { params?: { data?: unknown } }).params?.data);

test('a dropped GET stream is resumed with Last-Event-ID: what was sent meanwhile is replayed', async () => {
  const init = await fetch(guard.mcp, { method: 'POST', headers: mcpHeaders(), body: initBody() });
  assert.equal(init.status, 200);
  await init.text();
  const sid = init.headers.get('mcp-session-id')!;
  const headers = mcpHeaders({ 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' });
  const initialized = await fetch(guard.mcp, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  assert.equal(initialized.status, 202);
  await until(() => mcp !== undefined, 'the backend session');
  const log = (data: string) => mcp!.server.sendLoggingMessage({ level: 'info', data });

  const first = await openStream(headers);
  await log('one');
  await until(() => said(first.events).includes('one'), 'the first event');
  const last = first.events.find((e) => e.data.includes('"one"'))!;
  assert.ok(last.id, 'events carry ids');
  first.drop();
  // Give the guard a moment to see the stream gone, then the server speaks with nobody listening.
  await new Promise((r) => setTimeout(r, 200));
  await log('two');
  await log('three');
  await new Promise((r) => setTimeout(r, 200));

  const resumed = await openStream({ ...headers, 'last-event-id': last.id! });
  await until(() => said(resumed.events).includes('three'), 'the replayed events');
  assert.deepEqual(said(resumed.events), ['two', 'three']);
  // The resumed stream is live again.
  await log('four');
  await until(() => said(resumed.events).includes('four'), 'a live event');
  resumed.drop();
});
