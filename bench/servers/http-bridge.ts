// The floor of the HTTP benchmark: a bare Node HTTP-to-stdio bridge, the least any Node gateway in
// front of a stdio MCP server does. node:http, one shared child, each POST body parsed once, its id
// rewritten to one of the bridge's own (sessions reuse ids), the child's answer matched by that id and
// sent back with the client's id as `application/json`. No auth, no policy, no audit, no SSE, no
// session checks (it hands out a session id on `initialize` so clients carry one, and accepts DELETE).
// Usage: node bench/servers/http-bridge.ts <port> <command> [args...]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

const [portArg, command, ...args] = process.argv.slice(2);
if (!portArg || !command) {
  process.stderr.write('usage: http-bridge.ts <port> <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.on('SIGTERM', () => {
  child.kill('SIGTERM');
  process.exit(0);
});

/** Requests at the child, by the bridge's id: who waits, and the client's id to put back. */
const pending = new Map<number, { res: ServerResponse; id: unknown; session?: string }>();
let next = 0;
let buffered = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  buffered += chunk;
  let nl = buffered.indexOf('\n');
  while (nl >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    nl = buffered.indexOf('\n');
    if (line === '') continue;
    const message = JSON.parse(line) as { id?: number };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) continue;
    pending.delete(message.id!);
    message.id = waiting.id as number;
    const body = JSON.stringify(message);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (waiting.session) headers['mcp-session-id'] = waiting.session;
    waiting.res.writeHead(200, headers).end(body);
  }
});

createServer((req, res) => {
  if (req.method === 'DELETE') {
    res.writeHead(200).end();
    return;
  }
  const parts: Buffer[] = [];
  req.on('data', (d: Buffer) => parts.push(d));
  req.on('end', () => {
    let message: { id?: unknown; method?: string };
    try {
      message = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (message.id === undefined) {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      res.writeHead(202).end();
      return;
    }
    const id = ++next;
    pending.set(id, {
      res,
      id: message.id,
      session: message.method === 'initialize' ? randomUUID() : undefined,
    });
    message.id = id;
    child.stdin.write(`${JSON.stringify(message)}\n`);
  });
}).listen(Number(portArg), '127.0.0.1');
