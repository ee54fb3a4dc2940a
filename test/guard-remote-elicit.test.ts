// A remote (url) backend that asks the client something (`elicitation/create`) on its GET stream the
// moment the session is initialized, end to end over both transports: the guard (a real process, over
// stdio or Streamable HTTP) between the SDK client and an SDK Streamable HTTP server on 127.0.0.1. The
// SDK server drops a message sent while no GET stream is open, so the question reaches the client only
// if the guard opened the stream before it posted `notifications/initialized`; several fresh sessions
// show it does every time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { guardSession, TRANSPORTS } from './guard-e2e-harness.ts';
import { guardDir } from './servers/harness.ts';
import { type SdkHttpServer, sdkHttpServer } from './servers/remote-http.ts';

const ROUNDS = 4;
const KEY = 'alice-elicit-key-0123456789';
/** The answers the server got to its question, one per session. */
const answers: unknown[] = [];
let server: SdkHttpServer;

before(async () => {
  server = await sdkHttpServer('asks-at-once', (mcp) => {
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
  });
});

after(() => server?.close());

for (const over of TRANSPORTS) {
  test(`over ${over}: an elicitation sent on the GET stream right after initialization reaches the client (${ROUNDS} sessions)`, async () => {
    const g = guardDir(`
auth:
  mode: api_key
  keys:
    alice: ${KEY}
servers:
  asker:
    url: "${server.url}"
`);
    answers.length = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const asked: string[] = [];
      const s = await guardSession(over, g.config, {
        key: KEY,
        capabilities: { elicitation: {} },
        setup: (client) =>
          client.setRequestHandler(ElicitRequestSchema, async (req) => {
            asked.push(String(req.params.message));
            return { action: 'accept', content: { name: `round ${round}` } };
          }),
      });
      try {
        const deadline = Date.now() + 5000;
        while (answers.length <= round && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(asked, ['Who is there?'], `round ${round}: ${s.stderr()}`);
        assert.deepEqual(answers[round], { action: 'accept', content: { name: `round ${round}` } });
      } finally {
        await s.close();
      }
    }
  });
}
