// The `/mcp` endpoint, modern era (protocol 2026-07-28 and later): stateless POSTs without a session.
// Each request carries its protocol version in `_meta` and in `MCP-Protocol-Version`, and mirrors its
// method and name in `Mcp-Method` / `Mcp-Name`, which must match the body (400 otherwise). Requests
// of one principal run through that principal's relay, in front of a backend shared by all (ids
// rewritten and restored). The response is SSE when the client accepts it (progress streamed as it
// comes), else JSON; the client closing the stream cancels the call at the backend.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CODES } from '../errors.ts';
import { isRequest, type RpcMessage, validateMessage } from '../jsonrpc.ts';
import { CallTransport } from './call-transport.ts';
import type { HttpContext } from './context.ts';
import { admitSession, stableSessionId } from './context.ts';
import type { Principal } from './edge-auth.ts';
import { sendError, sendJson } from './security.ts';
import type { HttpSession } from './sessions.ts';

/** The `_meta` key that carries the protocol version of a modern request. */
export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
/** The first protocol version of the modern (stateless) era. */
export const FIRST_MODERN_VERSION = '2026-07-28';

const isModern = (version: unknown): boolean =>
  typeof version === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= FIRST_MODERN_VERSION;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim();
}

/** The protocol version a POST body claims in `_meta`, if any. */
function claimedVersion(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const params = (body as { params?: unknown }).params;
  if (typeof params !== 'object' || params === null) return undefined;
  const meta = (params as { _meta?: unknown })._meta;
  if (typeof meta !== 'object' || meta === null) return undefined;
  return (meta as Record<string, unknown>)[PROTOCOL_VERSION_META_KEY];
}

/** True when a POST without a session is a modern-era message (by its body claim or its version header). */
export function isModernRequest(req: IncomingMessage, body: unknown): boolean {
  return isModern(claimedVersion(body)) || isModern(header(req, 'mcp-protocol-version'));
}

/** Decodes an `Mcp-Name` value, which may be a `=?base64?...?=` sentinel for non-ASCII names. */
function decodeName(value: string): string | undefined {
  const m = /^=\?base64\?([A-Za-z0-9+/=]*)\?=$/i.exec(value);
  if (!m) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[1], 'base64'));
  } catch {
    return undefined;
  }
}

/** The body value `Mcp-Name` mirrors for a method, if the method has one. */
function nameInBody(message: RpcMessage): string | undefined {
  if (!('method' in message)) return undefined;
  const p = message.params;
  if (message.method === 'tools/call' || message.method === 'prompts/get')
    return typeof p?.name === 'string' ? p.name : undefined;
  if (message.method === 'resources/read') return typeof p?.uri === 'string' ? p.uri : undefined;
  return undefined;
}

/** Checks the standard headers against the body; the reason for a 400, or undefined when they agree. */
export function checkStandardHeaders(req: IncomingMessage, message: RpcMessage): string | undefined {
  if (!('method' in message)) return 'a modern-era POST carries a request or a notification';
  const version = header(req, 'mcp-protocol-version');
  const claimed = claimedVersion(message);
  if (isRequest(message) && version === undefined) return 'the MCP-Protocol-Version header is required';
  if (isRequest(message) && claimed === undefined)
    return `the request lacks _meta["${PROTOCOL_VERSION_META_KEY}"] (required in the modern era)`;
  if (version !== undefined && claimed !== undefined && version !== claimed)
    return `MCP-Protocol-Version ${version} does not match the body's protocol version ${String(claimed)}`;
  const method = header(req, 'mcp-method');
  if (method === undefined) {
    if (isRequest(message)) return 'the Mcp-Method header is required';
  } else if (method !== message.method) {
    return `Mcp-Method ${method} does not match the body's method ${message.method}`;
  }
  const inBody = nameInBody(message);
  const name = header(req, 'mcp-name');
  if (inBody !== undefined && name === undefined)
    return `the Mcp-Name header is required for ${message.method}`;
  if (name !== undefined) {
    const decoded = decodeName(name);
    if (decoded === undefined) return 'the Mcp-Name header carries an invalid base64 value';
    if (inBody !== undefined && decoded !== inBody)
      return `Mcp-Name ${decoded} does not match the body's ${message.method === 'resources/read' ? 'uri' : 'name'} ${inBody}`;
  }
  return undefined;
}

interface ModernSession extends HttpSession {
  transport: CallTransport;
  ready: Promise<void>;
}

/** Handles a modern-era POST to /mcp (no session) after the edge checks passed. */
export async function handleModern(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  body: unknown,
): Promise<void> {
  const checked = validateMessage(body);
  if (!checked.ok) {
    const message =
      checked.code === CODES.invalidParams ? checked.error : `invalid request: ${checked.error}`;
    sendError(res, 400, checked.code, message);
    return;
  }
  const message = checked.message;
  const mismatch = checkStandardHeaders(req, message);
  if (mismatch) {
    sendError(res, 400, CODES.invalidRequest, `Bad Request: ${mismatch}`);
    return;
  }
  const session = await principalSession(ctx, res, principal);
  if (!session) return;
  const done = ctx.sessions.use(session);
  try {
    await session.ready;
    if (!isRequest(message)) {
      session.transport.notify(message);
      res.writeHead(202).end();
      return;
    }
    const sse = (req.headers.accept ?? '').includes('text/event-stream');
    const event = (m: unknown) => res.write(`event: message\ndata: ${JSON.stringify(m)}\n\n`);
    let answered = false;
    const call = session.transport.call(message, (progress) => {
      if (!sse) return;
      if (!res.headersSent)
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache, no-transform',
        });
      event(progress);
    });
    // Closing the stream before the answer cancels the call (modern era; a legacy drop is not a cancel).
    res.once('close', () => {
      if (!answered) call.cancel('the client closed the HTTP stream');
    });
    const response = await call.response;
    answered = true;
    if (res.destroyed) return;
    if (!sse) {
      sendJson(res, 200, response);
      return;
    }
    if (!res.headersSent)
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform' });
    event(response);
    res.end();
  } finally {
    done();
  }
}

/** The principal's modern-era session (one relay per principal, over the shared backends). */
async function principalSession(
  ctx: HttpContext,
  res: ServerResponse,
  principal: Principal,
): Promise<ModernSession | undefined> {
  const key = `modern\u0000${principal.id}`;
  const existing = ctx.sessions.get(key) as ModernSession | undefined;
  if (existing) return existing;
  if (!admitSession(ctx, res, principal)) return undefined;
  const transport = new CallTransport('modern-era HTTP');
  const guard = ctx.openGuard(transport, principal, { shared: true, sessionId: stableSessionId(key) });
  const session: ModernSession = {
    id: key,
    principal: principal.id,
    kind: 'modern',
    lastUsed: Date.now(),
    active: 0,
    transport,
    ready: guard.start(),
    close: () => guard.close(),
  };
  ctx.sessions.add(session);
  void guard.closed.then(() => ctx.sessions.remove(key));
  try {
    await session.ready;
  } catch (error) {
    await guard.close();
    sendError(res, 502, CODES.internal, `cannot start the backend: ${(error as Error).message}`);
    return undefined;
  }
  return session;
}
