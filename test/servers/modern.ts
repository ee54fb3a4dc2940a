// A small MCP server written with SDK 2.x (`@modelcontextprotocol/server`) for the guard's modern-era
// tests: it serves both protocol eras over stdio (`serveStdio` picks the era from the opening message),
// has a plain `echo` tool, a `drop` tool for deny lists, and a `confirm` tool that answers `input_required` (MRTR) until the client
// retries with an accepted elicitation in `inputResponses`. Every message it receives is recorded as
// one JSON line in $MODERN_LOG, so a test can see what the guard forwarded (and what it stripped).
import { appendFileSync } from 'node:fs';
import { acceptedContent, inputRequired, McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const logFile = process.env.MODERN_LOG;

function makeServer(): McpServer {
  const server = new McpServer({ name: 'test-modern', version: '2.0.0' }, { capabilities: { tools: {} } });
  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: z.object({ message: z.string() }) },
    async ({ message }) => ({ content: [{ type: 'text', text: `echo: ${message}` }] }),
  );
  const confirmation = z.object({ confirm: z.boolean() });
  server.registerTool(
    'confirm',
    { description: 'Asks the user to confirm, then acts', inputSchema: z.object({ action: z.string() }) },
    async ({ action }, ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, 'confirm', confirmation);
      if (answer?.confirm !== true) {
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({ message: `Really ${action}?`, requestedSchema: confirmation }),
          },
        });
      }
      return { content: [{ type: 'text', text: `confirmed: ${action}` }] };
    },
  );
  server.registerTool('drop', { description: 'A tool the guard config denies' }, async () => ({
    content: [{ type: 'text', text: 'dropped everything' }],
  }));
  return server;
}

// The SDK's stdio transport with a tap on what arrives: whatever handler serveStdio installs is wrapped
// so that each inbound message is recorded before the SDK sees it.
const transport = new StdioServerTransport();
let inner: ((message: never) => void) | undefined;
Object.defineProperty(transport, 'onmessage', {
  configurable: true,
  get: () =>
    inner &&
    ((message: never) => {
      if (logFile) appendFileSync(logFile, `${JSON.stringify(message)}\n`);
      inner?.(message);
    }),
  set: (handler) => {
    inner = handler;
  },
});
serveStdio(makeServer, { transport });
