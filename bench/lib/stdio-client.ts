// A raw newline-delimited JSON-RPC client over a child process's stdio, lean on purpose: the bench's
// own cost is the same in every row, so differences between rows are the hops being measured.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** A JSON-RPC response as the bench sees it. */
export interface Reply {
  id: number;
  result?: { content?: { text?: string }[] } & Record<string, unknown>;
  error?: { code: number; message: string };
}

/** One MCP server process driven over stdio. */
export class StdioPeer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private buffer = '';
  private nextId = 1;
  stderr = '';

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => {
      // Keep the tail only: a long run must not grow the bench's own memory.
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let start = 0;
    for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n', start)) {
      const line = this.buffer.slice(start, nl);
      start = nl + 1;
      if (line.length === 0) continue;
      const msg = JSON.parse(line) as Reply & { method?: string };
      const done = this.waiting.get(msg.id);
      if (done && msg.method === undefined) {
        this.waiting.delete(msg.id);
        done(msg);
      }
    }
    this.buffer = this.buffer.slice(start);
  }

  /** Sends a request and resolves with its response. */
  request(method: string, params: Record<string, unknown>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  /** Sends a notification. */
  notify(method: string): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
  }

  /** The MCP handshake; throws with the server's stderr when it fails. */
  async initialize(): Promise<void> {
    const r = await Promise.race([
      this.request('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'mcp-guard-bench', version: '1' },
      }),
      this.exited.then((code) => {
        throw new Error(`server exited (${code}) before initialize: ${this.stderr}`);
      }),
    ]);
    if (r.error) throw new Error(`initialize failed: ${r.error.message}`);
    this.notify('notifications/initialized');
  }

  /** One `tools/call echo` with distinct arguments; throws unless the text comes back. */
  async echo(i: number): Promise<void> {
    const text = `m${i}`;
    const r = await this.request('tools/call', { name: 'echo', arguments: { text, amount: 0.01 } });
    if (r.result?.content?.[0]?.text !== text) {
      throw new Error(`bad echo reply for ${text}: ${JSON.stringify(r).slice(0, 300)}`);
    }
  }

  /** Closes stdin and waits for the process to leave (SIGKILL after 5 s). */
  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Sequential round trips: `warmup` unmeasured, then `count` measured; latencies in microseconds, sorted. */
export async function sequential(peer: StdioPeer, warmup: number, count: number): Promise<Float64Array> {
  for (let i = 0; i < warmup; i++) await peer.echo(i);
  const lat = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await peer.echo(warmup + i);
    lat[i] = (performance.now() - t0) * 1000;
  }
  return lat.sort();
}

/** What a pipelined run achieved. */
export interface PipelinedResult {
  messages: number;
  seconds: number;
  perSecond: number;
}

/**
 * Pipelined: `inFlight` requests outstanding at all times until `total` are answered, or until
 * `maxSeconds` have passed (a slow path then reports what it managed, and the run keeps its budget).
 */
export async function pipelined(
  peer: StdioPeer,
  inFlight: number,
  total: number,
  maxSeconds = Number.POSITIVE_INFINITY,
): Promise<PipelinedResult> {
  let sent = 0;
  let done = 0;
  const t0 = performance.now();
  const deadline = t0 + maxSeconds * 1000;
  const lane = async () => {
    while (sent < total && performance.now() < deadline) {
      await peer.echo(sent++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
  const seconds = (performance.now() - t0) / 1000;
  return { messages: done, seconds, perSecond: done / seconds };
}
