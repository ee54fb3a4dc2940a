// The `/mcp` endpoint, legacy era (protocol versions up to 2025-11-25): an `initialize` POST without a
// session opens one (its own relay, pipeline and backend processes); every later POST, GET and DELETE
// names it in `Mcp-Session-Id` and must come from the same principal. The SDK's server transport does
// the Streamable HTTP mechanics once these checks have passed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.ts';
import type { HttpContext } from './context.ts';
import { SessionEventStore } from './event-store.ts';
import { handleModern, isModernRequest } from './modern.ts';
import { type OpenedSession, openSession } from './open-session.ts';
import { refuse } from './refusals.ts';
import { StreamableSessionTransport } from './session-transport.ts';
import { newSessionId } from './sessions.ts';

/** A /mcp session: the SDK transport and the guard behind it. */
type McpSession = OpenedSession<StreamableSessionTransport>;

/** True for a single JSON-RPC `initialize` request. */
function isInitialize(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    (body as Record<string, unknown>).method === 'initialize' &&
    'id' in body
  );
}

/** Handles a request to /mcp after the edge checks (Origin, Host, auth, body size) passed. */
export async function handleMcp(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  body: unknown,
): Promise<void> {
  const header = req.headers['mcp-session-id'];
  const sessionId = Array.isArray(header) ? header[0] : header;
  if (Array.isArray(body)) {
    refuse(res, {
      refusal: 'batch',
      message: 'batches (JSON arrays) are not supported: send one message per POST',
    });
    return;
  }
  if (sessionId === undefined) {
    if (req.method === 'POST' && isModernRequest(req, body)) {
      await handleModern(ctx, req, res, principal, body);
      return;
    }
    if (req.method === 'POST' && isInitialize(body)) {
      await openMcpSession(ctx, req, res, principal, body);
      return;
    }
    refuse(res, {
      refusal: 'sessionRequired',
      message: 'Bad Request: Mcp-Session-Id header is required (initialize first)',
    });
    return;
  }
  const session = ctx.sessions.get(sessionId) as McpSession | undefined;
  if (session === undefined || session.kind !== 'mcp') {
    refuse(res, { refusal: 'sessionNotFound', message: 'Session not found' });
    return;
  }
  if (session.principal !== principal.id) {
    // A session never authenticates anyone: its id in another principal's hands is refused.
    refuse(res, { refusal: 'forbidden', message: 'this session belongs to another principal' });
    return;
  }
  const done = ctx.sessions.use(session);
  // The common call is answered by the guard itself (its reply ends the use); anything unusual goes
  // through the SDK.
  if (req.method === 'POST' && session.transport.handlePost(req, res, body, done)) return;
  res.once('close', done);
  try {
    await session.transport.sdk.handleRequest(req, res, body);
  } finally {
    // A POST answered with SSE is still streaming here; 'close' marks its end.
    if (req.method !== 'POST') done();
  }
}

async function openMcpSession(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  body: unknown,
): Promise<void> {
  const id = newSessionId();
  // Its SSE events are kept (bounded) so a client whose stream dropped resumes it with Last-Event-ID.
  const transport = new StreamableSessionTransport(id, { eventStore: new SessionEventStore() });
  transport.onended = () => ctx.sessions.remove(id);
  const session = await openSession(ctx, res, principal, { kind: 'mcp', id, transport });
  if (session === undefined) return;
  const done = ctx.sessions.use(session);
  res.once('close', done);
  await transport.sdk.handleRequest(req, res, body);
  // The SDK refused the initialize (406, 415 ...): nothing was issued, nothing stays open.
  if (!transport.initialized) await session.close();
}
