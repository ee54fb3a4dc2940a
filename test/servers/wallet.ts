// A small wallet MCP server for the guard's end-to-end tests, written with the official SDK. It
// records every message it receives (one JSON line each) into $WALLET_LOG, so a test can prove
// that a refused request (or a credential) never reached the backend.
import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const logFile = process.env.WALLET_LOG;
let balance = 1_000_000;
let paid = 0;

const server = new McpServer({ name: 'test-wallet', version: '1.0.0' });

server.registerTool(
  'pay',
  { description: 'Pays an amount', inputSchema: { amount: z.number(), to: z.string() } },
  async ({ amount, to }) => {
    if (to === 'fail')
      return { isError: true, content: [{ type: 'text', text: 'payment refused by the bank' }] };
    balance -= amount;
    paid += amount;
    return { content: [{ type: 'text', text: `paid ${amount} to ${to}` }] };
  },
);

server.registerTool(
  'slow_pay',
  {
    description: 'Pays an amount after a delay (a call still in flight when the guard is killed)',
    inputSchema: { amount: z.number(), to: z.string(), ms: z.number() },
  },
  async ({ amount, to, ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    balance -= amount;
    paid += amount;
    return { content: [{ type: 'text', text: `paid ${amount} to ${to}` }] };
  },
);

// The original mcp-guard's spending tools (its README's examples), each paying `amount`.
for (const name of ['wallet_request', 'wallet_pay', 'x402_pay']) {
  server.registerTool(
    name,
    { description: `Pays an amount (${name})`, inputSchema: { amount: z.number() } },
    async ({ amount }) => {
      balance -= amount;
      paid += amount;
      return { content: [{ type: 'text', text: `${name}: paid ${amount}` }] };
    },
  );
}

server.registerTool('balance', { description: 'Shows the balance and the total paid' }, async () => ({
  content: [{ type: 'text', text: JSON.stringify({ balance, paid }) }],
}));

server.registerTool('env', { description: 'Shows the environment variable names' }, async () => ({
  content: [{ type: 'text', text: JSON.stringify(Object.keys(process.env).sort()) }],
}));

server.registerTool('crash', { description: 'Exits the process mid-call' }, async () => {
  setTimeout(() => process.exit(7), 50);
  await new Promise((r) => setTimeout(r, 10_000));
  return { content: [] };
});

const transport = new StdioServerTransport();
await server.connect(transport);
const handle = transport.onmessage;
transport.onmessage = (message) => {
  if (logFile) appendFileSync(logFile, `${JSON.stringify(message)}\n`);
  handle?.(message);
};
