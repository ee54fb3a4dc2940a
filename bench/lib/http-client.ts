// A lean Streamable HTTP (legacy era) MCP client for the benchmarks: node:http with one keep-alive
// socket per session, answers read as JSON or as an SSE stream. Lean so that the load generator is not
// the bottleneck, and timed in microseconds (autocannon's histogram resolves whole milliseconds only).
import { Agent, request } from 'node:http';

/** One HTTP answer as the bench needs it. */
export interface HttpReply {
  status: number;
  sessionId?: string;
  /** The JSON-RPC message in the body (JSON, or the first `data:` event of an SSE body). */
  message?: { id?: number; result?: Record<string, unknown>; error?: { code: number; message: string } };
  body: string;
}

/** Where the endpoint is and what every request carries (for example the guard's API key). */
export interface Endpoint {
  url: string;
  headers: Record<string, string>;
}

function parseBody(body: string, type: string | undefined): HttpReply['message'] {
  if (!body) return undefined;
  if (type?.includes('text/event-stream')) {
    for (const line of body.split('\n')) {
      if (line.startsWith('data:')) return JSON.parse(line.slice(5));
    }
    return undefined;
  }
  return JSON.parse(body);
}

/** Sends one HTTP request to the MCP endpoint. */
export function send(
  endpoint: Endpoint,
  agent: Agent,
  method: 'POST' | 'DELETE',
  session: string | undefined,
  payload?: unknown,
): Promise<HttpReply> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const headers: Record<string, string> = {
    ...endpoint.headers,
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-06-18',
  };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (session) headers['mcp-session-id'] = session;
  return new Promise((resolve, reject) => {
    const req = request(endpoint.url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => {
        try {
          const sid = res.headers['mcp-session-id'];
          resolve({
            status: res.statusCode ?? 0,
            sessionId: typeof sid === 'string' ? sid : undefined,
            message: res.statusCode === 200 ? parseBody(text, res.headers['content-type']) : undefined,
            body: text,
          });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One MCP session over HTTP on its own keep-alive socket. */
export class HttpSession {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  id?: string;
  readonly endpoint: Endpoint;
  private nextId = 1;
  constructor(endpoint: Endpoint) {
    this.endpoint = endpoint;
  }

  /** initialize + notifications/initialized; throws with the status and body when refused. */
  async open(): Promise<void> {
    const r = await send(this.endpoint, this.agent, 'POST', undefined, {
      jsonrpc: '2.0',
      id: this.nextId++,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'mcp-guard-bench', version: '1' },
      },
    });
    if (r.status !== 200 || !r.message?.result) {
      throw new Error(`initialize: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    }
    this.id = r.sessionId;
    const n = await send(this.endpoint, this.agent, 'POST', this.id, {
      jsonrpc: '2.0',
      method: 'notifications/initialized',
    });
    if (n.status >= 300)
      throw new Error(`notifications/initialized: HTTP ${n.status} ${n.body.slice(0, 300)}`);
  }

  /** One `tools/call echo` with distinct arguments; throws unless the text comes back. */
  async echo(text: string): Promise<void> {
    const r = await send(this.endpoint, this.agent, 'POST', this.id, {
      jsonrpc: '2.0',
      id: this.nextId++,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text, amount: 0.01 } },
    });
    const content = (r.message?.result as { content?: { text?: string }[] } | undefined)?.content;
    if (content?.[0]?.text !== text)
      throw new Error(`echo ${text}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  }

  /** DELETE the session (when the server issued one) and drop the socket. */
  async close(): Promise<void> {
    if (this.id) await send(this.endpoint, this.agent, 'DELETE', this.id).catch(() => undefined);
    this.agent.destroy();
  }
}
