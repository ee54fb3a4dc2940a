// A stand-in for the GitHub REST API on 127.0.0.1, for running the Action end to end: it records
// every request, serves PR comments and changed files in pages with `Link` headers (as GitHub does),
// creates and edits comments, and can refuse writes with 403 as it does for a fork's read-only token.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stored issue comment, in the shape the REST API returns. */
export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: 'Bot' | 'User' };
}

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

/** The fake API for one repository (`o/r`) and one pull request. */
export class FakeGitHub {
  readonly owner = 'o';
  readonly repo = 'r';
  readonly pr: number;
  comments: FakeComment[] = [];
  /** Repository paths the pull request changes. */
  files: string[] = [];
  /** Items per page, whatever `per_page` asks, so a few items already span pages. */
  pageSize = 2;
  /** Answer 403 to comment writes (POST and PATCH), like a fork PR's token. */
  forbidWrites = false;
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private nextId = 1000;
  url = '';

  constructor(pr = 7) {
    this.pr = pr;
  }

  /** Starts listening on an ephemeral port of 127.0.0.1; `url` is the API base. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        res.writeHead(500).end(error.message);
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    this.server.closeAllConnections();
    await once(this.server, 'close');
  }

  /** Adds a comment as if posted earlier by `login`. */
  addComment(body: string, login = 'github-actions[bot]', type: 'Bot' | 'User' = 'Bot'): FakeComment {
    const id = this.nextId++;
    const c = { id, body, user: { login, type }, html_url: this.commentUrl(id) };
    this.comments.push(c);
    return c;
  }

  /** Requests matching a method and a path prefix. */
  calls(method: string, pathPrefix = ''): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  private commentUrl(id: number): string {
    return `https://github.com/${this.owner}/${this.repo}/pull/${this.pr}#issuecomment-${id}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const body = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      body,
      authorization: req.headers.authorization,
    });
    const base = `/repos/${this.owner}/${this.repo}`;
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    const forbidden = () => json(403, { message: 'Resource not accessible by integration', status: '403' });

    if (req.method === 'GET' && url.pathname === '/user') return forbidden();
    if (req.method === 'GET' && url.pathname === `${base}/pulls/${this.pr}/files`) {
      const items = this.files.map((filename, i) => ({
        sha: `${i}`.padStart(40, '0'),
        filename,
        status: 'modified',
        additions: 1,
        deletions: 0,
        changes: 1,
      }));
      return this.page(url, items, json);
    }
    if (url.pathname === `${base}/issues/${this.pr}/comments`) {
      if (req.method === 'GET') return this.page(url, this.comments, json);
      if (req.method === 'POST') {
        if (this.forbidWrites) return forbidden();
        return json(201, this.addComment((body as { body: string }).body));
      }
    }
    const edit = url.pathname.match(new RegExp(`^${base}/issues/comments/(\\d+)$`));
    if (edit && req.method === 'PATCH') {
      if (this.forbidWrites) return forbidden();
      const c = this.comments.find((x) => x.id === Number(edit[1]));
      if (!c) return json(404, { message: 'Not Found' });
      c.body = (body as { body: string }).body;
      return json(200, c);
    }
    json(404, { message: 'Not Found' });
  }

  private page(
    url: URL,
    items: unknown[],
    json: (s: number, d: unknown, h?: Record<string, string>) => void,
  ) {
    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(items.length / this.pageSize));
    const link = (p: number, rel: string) => {
      const next = new URL(url);
      next.searchParams.set('page', String(p));
      return `<${next.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    json(
      200,
      items.slice((page - 1) * this.pageSize, page * this.pageSize),
      links.length ? { link: links.join(', ') } : {},
    );
  }
}
