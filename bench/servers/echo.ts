// A minimal MCP server over stdio, written for the benchmarks: raw newline-delimited JSON-RPC, no SDK,
// so that the server's own cost is as small as we can make it and the figures show the hops in front
// of it. It answers initialize, ping, tools/list and tools/call `echo` (legacy protocol era).
import { createInterface } from 'node:readline';

const SUPPORTED = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];
const LATEST = '2025-06-18';

const TOOLS = [
  {
    name: 'echo',
    description: 'Returns its `text` argument.',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string' }, amount: { type: 'number' } },
      required: ['text'],
    },
  },
];

interface Request {
  id?: string | number;
  method?: string;
  params?: { protocolVersion?: string; name?: string; arguments?: { text?: unknown } };
}

function result(id: string | number, value: unknown): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, result: value })}\n`;
}

function error(id: string | number | null, code: number, message: string): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`;
}

/** Answers one request line; notifications and responses get nothing back. */
function answer(msg: Request): string | undefined {
  const id = msg.id;
  if (id === undefined || id === null || typeof msg.method !== 'string') return undefined;
  switch (msg.method) {
    case 'initialize': {
      const asked = msg.params?.protocolVersion;
      return result(id, {
        protocolVersion: asked && SUPPORTED.includes(asked) ? asked : LATEST,
        capabilities: { tools: {} },
        serverInfo: { name: 'bench-echo', version: '1.0.0' },
      });
    }
    case 'ping':
      return result(id, {});
    case 'tools/list':
      return result(id, { tools: TOOLS });
    case 'tools/call': {
      if (msg.params?.name !== 'echo') return error(id, -32602, `unknown tool ${String(msg.params?.name)}`);
      const text = msg.params.arguments?.text;
      return result(id, { content: [{ type: 'text', text: typeof text === 'string' ? text : '' }] });
    }
    default:
      return error(id, -32601, `method not found: ${msg.method}`);
  }
}

// Replies are gathered per chunk of input and written once, so a pipelined burst costs one write.
let pending = '';
let scheduled = false;
function flush(): void {
  scheduled = false;
  const out = pending;
  pending = '';
  process.stdout.write(out);
}

function queue(out: string): void {
  pending += out;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
  if (line.length === 0) return;
  let msg: Request;
  try {
    msg = JSON.parse(line) as Request;
  } catch {
    queue(error(null, -32700, 'parse error'));
    return;
  }
  const out = answer(msg);
  if (out !== undefined) queue(out);
});
process.stdin.on('end', () => {
  process.stdout.write(pending, () => process.exit(0));
});
