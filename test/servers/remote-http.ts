// Shared by the tests of remote (url) backends: server-everything in its own Streamable HTTP mode on a
// free 127.0.0.1 port, a pass-through proxy in front of it that records every request (method,
// headers, body) so a test can see exactly what the guard put on the wire, and an SDK server in the
// test's own process for a test that decides when the server speaks.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { EVERYTHING, NODE } from './harness.ts';

/** One request the recording proxy passed on. */
export interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A recording proxy: the requests it has seen, and its port. */
export interface RecordingProxy {
  proxy: Server;
  seen: Seen[];
  port: number;
}

/** A port free on 127.0.0.1 right now (closed again, so a server started next can bind it). */
export async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** server-everything in `streamableHttp` mode on `port`; resolves once it listens. */
export async function everythingHttp(port: number): Promise<ChildProcess> {
  const child = spawn(NODE, [EVERYTHING, 'streamableHttp'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('listening on port')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}): ${stderr}`)));
  });
  return child;
}

/** A pass-through HTTP proxy to 127.0.0.1:`port` that records each request; responses stream as they come. */
export async function recordingProxy(port: number): Promise<RecordingProxy> {
  const seen: Seen[] = [];
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', headers: req.headers, body: body.toString() });
      const upstream = request(
        { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on('error', () => res.destroy());
        },
      );
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { proxy, seen, port: (proxy.address() as AddressInfo).port };
}

/** An SDK Streamable HTTP server in this process: its URL, and `close`. */
export interface SdkHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * An MCP server written with the SDK (1.x), one `McpServer` per session as hosted servers run, on a
 * free 127.0.0.1 port; `setup` gives each new session's server its tools and behaviour (so a test
 * decides when the server speaks).
 */
export async function sdkHttpServer(name: string, setup: (mcp: McpServer) => void): Promise<SdkHttpServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
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
      const mcp = new McpServer({ name, version: '1.0.0' }, { capabilities: { logging: {} } });
      setup(mcp);
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
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
