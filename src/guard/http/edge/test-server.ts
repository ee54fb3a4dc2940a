// For the edge steps' tests: a node:http server on 127.0.0.1 that runs the given steps and, when a
// request passes them all, answers 200 with what they established (principal, body).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EdgeRequest, type EdgeStep, runEdge } from './step.ts';

/** What the test server answers for a request that passed every step. */
export interface Passed {
  passed: true;
  principal?: unknown;
  body?: unknown;
  text?: string;
}

/** A running test server: its base URL, and `close`. */
export interface EdgeTestServer {
  base: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `steps` on a free loopback port. */
export async function edgeServer(steps: EdgeStep[]): Promise<EdgeTestServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://edge.invalid');
    const r: EdgeRequest = { req, res, url, path: url.pathname };
    void runEdge(steps, r).then((passed) => {
      if (!passed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ passed: true, principal: r.principal, body: r.body, text: r.text }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
