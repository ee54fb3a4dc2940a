// A remote (url) backend that asks the client something (`elicitation/create`) on its GET stream the
// moment the session is initialized, end to end: the stdio guard (a real process) between the SDK
// client and an SDK Streamable HTTP server on 127.0.0.1. The SDK server drops a message sent while no
// GET stream is open, so the question reaches the client only if the guard opened the stream before
// it posted `notifications/initialized`; several fresh sessions show it does every time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, guardDir } from './servers/harness.ts';

const ROUNDS = 4;
/** The answers the server got to its question, one per session. */
const answers: unknown[] = [];
const http = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString();
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid === undefined ? undefined : sessions.get(sid);
  if (!transport) {
    if (sid !== undefined) {
      res.writeHead(404).end();
      return;
    }
    const mcp = new McpServer({ name: 'asks-at-once', version: '1.0.0' });
    mcp.registerTool('noop', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
    mcp.server.oninitialized = () =>
      void mcp.server
        .elicitInput({
          message: 'Who is there?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
        })
        .then(
          (answer) => answers.push(answer),
          (error: Error) => answers.push(error.message),
        );
    const created = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, created),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport = created;
    await mcp.connect(created);
  }
  await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
});
const sessions = new Map<string, StreamableHTTPServerTransport>();
let url: string;

before(async () => {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
});

after(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

test(`an elicitation sent on the GET stream right after initialization reaches the client (${ROUNDS} sessions)`, async () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  asker:
    url: "${url}"
`);
  for (let round = 0; round < ROUNDS; round++) {
    const c = await connect(g.config, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    c.client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(String(req.params.message));
      return { action: 'accept', content: { name: `round ${round}` } };
    });
    try {
      await c.client.connect(c.transport);
      const deadline = Date.now() + 5000;
      while (answers.length <= round && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(asked, ['Who is there?'], `round ${round}: ${c.stderr()}`);
      assert.deepEqual(answers[round], { action: 'accept', content: { name: `round ${round}` } });
    } finally {
      await c.client.close();
    }
  }
});
