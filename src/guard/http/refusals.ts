// Every way the HTTP guard refuses a request before (or instead of) a JSON-RPC answer, in one table:
// the HTTP status and the JSON-RPC code of the error body. A code means one thing here: -32001 is
// "unauthenticated" (the guard's code, as in every transport) except for an unknown session, where it
// is the code the MCP SDK's transports answer 404 with (clients go by the status); the two are told
// apart by name in this table, never written as a bare number elsewhere.
import type { ServerResponse } from 'node:http';
import { CODES } from '../errors.ts';
import type { RpcId, Validated } from '../jsonrpc.ts';

/** The MCP SDK's code for "Session not found" (HTTP 404); the same number as `CODES.unauthenticated`. */
const SDK_SESSION_NOT_FOUND = -32001;
/** The MCP SDK's code for a request its transport refuses as malformed ("Bad Request"). */
const SDK_BAD_REQUEST = -32000;

/** Status and JSON-RPC code of each refusal. */
export const REFUSALS = {
  /** `Host` not allowed (DNS rebinding defence). */
  hostNotAllowed: { status: 403, code: CODES.invalidRequest },
  /** `Origin` not allowed. */
  originNotAllowed: { status: 403, code: CODES.invalidRequest },
  /** A credential in the query string. */
  credentialInQuery: { status: 400, code: CODES.invalidRequest },
  /** No such endpoint. */
  noSuchEndpoint: { status: 404, code: CODES.invalidRequest },
  /** A method the endpoint does not serve (`/rpc` takes POST only); the `Allow` header says which. */
  methodNotAllowed: { status: 405, code: CODES.invalidRequest },
  /** Shutting down: no new work. */
  shuttingDown: { status: 503, code: CODES.internal },
  /** No credential, or a wrong one. */
  unauthenticated: { status: 401, code: CODES.unauthenticated },
  /** Authenticated, but not allowed: an OAuth token without the scope, another principal's session. */
  forbidden: { status: 403, code: CODES.unauthenticated },
  /** Too many failed authentications from one address. */
  authThrottled: { status: 429, code: CODES.rateLimited },
  /** The credential cannot be judged now (the authorization server's keys are unreachable). */
  authUnavailable: { status: 503, code: CODES.internal },
  /** A body over `http.max_body_bytes`. */
  bodyTooLarge: { status: 413, code: CODES.invalidRequest },
  /** A body that is not JSON. */
  parseError: { status: 400, code: CODES.parseError },
  /** A JSON-RPC batch (not supported). */
  batch: { status: 400, code: CODES.invalidRequest },
  /**
   * A message that is not valid JSON-RPC, nested deeper than `limits.max_depth`, or whose headers
   * contradict it.
   */
  invalidMessage: { status: 400, code: CODES.invalidRequest },
  /** A request whose params are wrong (not an object, or nested deeper than `limits.max_depth`). */
  invalidParams: { status: 400, code: CODES.invalidParams },
  /** A legacy request without `Mcp-Session-Id` that is not `initialize`. */
  sessionRequired: { status: 400, code: SDK_BAD_REQUEST },
  /** An `Mcp-Session-Id` this guard does not hold (expired, ended, or another replica's). */
  sessionNotFound: { status: 404, code: SDK_SESSION_NOT_FOUND },
  /** More sessions than `http.max_sessions` (or `max_session_backends` with none idle). */
  tooManySessions: { status: 503, code: CODES.internal },
  /** More sessions for one principal than `http.max_sessions_per_principal`. */
  tooManySessionsForPrincipal: { status: 429, code: CODES.rateLimited },
  /** The session's backends could not be started. */
  backendFailed: { status: 502, code: CODES.internal },
  /** A bug: answered, logged. */
  internal: { status: 500, code: CODES.internal },
} as const satisfies Record<string, { status: number; code: number }>;

/** The name of a refusal in {@link REFUSALS}. */
export type RefusalKind = keyof typeof REFUSALS;

/** A refusal to send: its kind, what to tell the client, extra headers, the request's id if known. */
export interface Refusal {
  refusal: RefusalKind;
  message: string;
  headers?: Record<string, string>;
  id?: RpcId | null;
}

/**
 * Answers a refusal: its status, and a JSON-RPC error body with its code (id null unless the request's
 * id is known). Shutting down closes the connection.
 */
export function refuse(res: ServerResponse, r: Refusal): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, code } = REFUSALS[r.refusal];
  const headers: Record<string, string> = { 'content-type': 'application/json', ...r.headers };
  if (r.refusal === 'shuttingDown') headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(JSON.stringify({ jsonrpc: '2.0', id: r.id ?? null, error: { code, message: r.message } }));
}

/** The refusal of a message `validateMessage` found invalid (-32602 when only its params are wrong). */
export function invalidMessage(checked: Extract<Validated, { ok: false }>, withId = true): Refusal {
  const params = checked.code === CODES.invalidParams;
  return {
    refusal: params ? 'invalidParams' : 'invalidMessage',
    message: params ? checked.error : `invalid request: ${checked.error}`,
    id: withId ? checked.id : null,
  };
}
