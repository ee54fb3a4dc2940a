// The `/rpc` endpoint: one plain JSON-RPC message per POST, the response as the body (for simple
// clients and curl). It runs through the same relay and pipeline as /mcp, in a session named by the
// `X-MCP-Session` header (default: one per principal). The guard initializes the backend itself when
// the client does not; server-to-client requests cannot reach such a client and are refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.ts';
import { isRequest, validateMessage } from '../jsonrpc.ts';
import { CallTransport } from './call-transport.ts';
import type { HttpContext } from './context.ts';
import { stableSessionId } from './context.ts';
import { type OpenedSession, openSession } from './open-session.ts';
import { invalidMessage, refuse } from './refusals.ts';
import { sendJson } from './security.ts';

/** The protocol version the guard announces when it initializes a backend for an /rpc session. */
const RPC_PROTOCOL_VERSION = '2025-06-18';

/** An /rpc session; `ready` settles once its backend has been initialized (by the client or the guard). */
type RpcSession = OpenedSession<CallTransport>;

/** Handles a POST to /rpc after the edge checks passed. */
export async function handleRpc(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  body: unknown,
): Promise<void> {
  if (req.method !== 'POST') {
    refuse(res, { refusal: 'methodNotAllowed', message: '/rpc takes POST', headers: { allow: 'POST' } });
    return;
  }
  const checked = validateMessage(body);
  if (!checked.ok) {
    refuse(res, invalidMessage(checked));
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
    if (response === undefined) res.writeHead(204).end();
    else sendJson(res, 200, response);
  } finally {
    done();
  }
}

function openRpcSession(
  ctx: HttpContext,
  res: ServerResponse,
  principal: Principal,
  key: string,
  clientInitializes: boolean,
): Promise<RpcSession | undefined> {
  const transport = new CallTransport('/rpc');
  return openSession(ctx, res, principal, {
    kind: 'rpc',
    id: key,
    transport,
    spendKey: stableSessionId(key),
    // A client that does not initialize gets its backend initialized by the guard.
    afterStart: clientInitializes
      ? undefined
      : async () => {
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
          if (init === undefined || init.error)
            throw new Error(`initialize: ${init?.error?.message ?? 'cancelled'}`);
          transport.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
        },
  });
}
