// The `/rpc` endpoint: one plain JSON-RPC message per POST, the response as the body (for simple
// clients and curl). It runs through the same relay and pipeline as /mcp, in a session named by the
// `X-MCP-Session` header (default: one per principal). The guard initializes the backend itself when
// the client does not; server-to-client requests cannot reach such a client and are refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CODES } from '../errors.ts';
import { errorResponse, isRequest, validateMessage } from '../jsonrpc.ts';
import { CallTransport } from './call-transport.ts';
import type { HttpContext } from './context.ts';
import { admitSession, stableSessionId } from './context.ts';
import type { Principal } from './edge-auth.ts';
import { sendError, sendJson } from './security.ts';
import type { HttpSession } from './sessions.ts';

/** The protocol version the guard announces when it initializes a backend for an /rpc session. */
const RPC_PROTOCOL_VERSION = '2025-06-18';

interface RpcSession extends HttpSession {
  transport: CallTransport;
  /** Resolves once the backend has been initialized (by the client or by the guard). */
  ready: Promise<void>;
}

/** Handles a POST to /rpc after the edge checks passed. */
export async function handleRpc(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  body: unknown,
): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const checked = validateMessage(body);
  if (!checked.ok) {
    const message =
      checked.code === CODES.invalidParams ? checked.error : `invalid request: ${checked.error}`;
    sendJson(res, 400, errorResponse(checked.id, checked.code, message));
    return;
  }
  const message = checked.message;
  const named = req.headers['x-mcp-session'];
  const name = typeof named === 'string' && named !== '' ? named : 'default';
  // The key includes the principal: another principal naming the same session gets its own.
  const key = `rpc\u0000${principal.id}\u0000${name}`;
  let session = ctx.sessions.get(key) as RpcSession | undefined;
  if (session === undefined) {
    const opened = await openRpcSession(
      ctx,
      res,
      principal,
      key,
      isRequest(message) && message.method === 'initialize',
    );
    if (!opened) return;
    session = opened;
  }
  const done = ctx.sessions.use(session);
  try {
    await session.ready;
    if (!isRequest(message)) {
      session.transport.notify(message);
      res.writeHead(202).end();
      return;
    }
    const response = await session.transport.call(message).response;
    sendJson(res, 200, response);
  } finally {
    done();
  }
}

async function openRpcSession(
  ctx: HttpContext,
  res: ServerResponse,
  principal: Principal,
  key: string,
  clientInitializes: boolean,
): Promise<RpcSession | undefined> {
  if (!admitSession(ctx, res, principal)) return undefined;
  const transport = new CallTransport('/rpc');
  const guard = ctx.openGuard(transport, principal, { sessionId: stableSessionId(key) });
  const ready = (async () => {
    await guard.start();
    if (clientInitializes) return;
    const init = await transport.call({
      jsonrpc: '2.0',
      id: 'mcp-guard-rpc-init',
      method: 'initialize',
      params: {
        protocolVersion: RPC_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'mcp-guard-rpc', version: '1' },
      },
    }).response;
    if (init.error) throw new Error(`initialize: ${init.error.message}`);
    transport.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  })();
  const session: RpcSession = {
    id: key,
    principal: principal.id,
    kind: 'rpc',
    lastUsed: Date.now(),
    active: 0,
    transport,
    ready,
    close: () => guard.close(),
  };
  ctx.sessions.add(session);
  void guard.closed.then(() => ctx.sessions.remove(key));
  try {
    await ready;
  } catch (error) {
    await guard.close();
    sendError(res, 502, CODES.internal, `cannot start the session: ${(error as Error).message}`);
    return undefined;
  }
  return session;
}
