// JSON-RPC 2.0 message shapes as the guard sees them, and the checks that sort a parsed line into
// request, notification or response. Kept structural (no zod) because every message passes here.

/** A JSON-RPC id: a string or an integer, never null in a request. */
export type RpcId = string | number;

/** A request: has a method and an id. */
export interface RpcRequest {
  jsonrpc: '2.0';
  id: RpcId;
  method: string;
  params?: Record<string, unknown>;
}

/** A notification: has a method, no id, never answered. */
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

/** An error object inside a response. */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** A response: an id and either `result` or `error`. The id is null only for errors about unreadable input. */
export interface RpcResponse {
  jsonrpc: '2.0';
  id: RpcId | null;
  result?: Record<string, unknown>;
  error?: RpcErrorObject;
}

/** Any message. */
export type RpcMessage = RpcRequest | RpcNotification | RpcResponse;

/** Whether a message is a request (method and id). */
export function isRequest(m: RpcMessage): m is RpcRequest {
  return 'method' in m && 'id' in m;
}

/** Whether a message is a notification (method, no id). */
export function isNotification(m: RpcMessage): m is RpcNotification {
  return 'method' in m && !('id' in m);
}

/** Whether a message is a response (no method). */
export function isResponse(m: RpcMessage): m is RpcResponse {
  return !('method' in m);
}

/** Builds an error response. */
export function errorResponse(id: RpcId | null, code: number, message: string, data?: unknown): RpcResponse {
  const error: RpcErrorObject = { code, message };
  if (data !== undefined) error.data = data;
  return { jsonrpc: '2.0', id, error };
}

function invalid(error: string, id: RpcId | null, notification = false, code = INVALID_REQUEST): Validated {
  return { ok: false, error, id, notification, code };
}

const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;

/**
 * The deepest nesting of arrays and objects a message may have (`limits.max_depth`): the guard's own
 * code (argument hashes, redaction, JSON.stringify) recurses, and a 6 KB line of `[` would otherwise
 * overflow its stack. Deep enough for any JSON Schema or tool result seen in practice.
 */
export const DEFAULT_MAX_DEPTH = 64;
/** The largest `limits.max_depth` accepted: below the depth at which the guard's recursion overflows. */
export const MAX_DEPTH_LIMIT = 1000;

/** Texts up to this many characters are counted by {@link cannotNestDeeper}; longer ones get the walk. */
const SHALLOW_CHARS = 4096;

/**
 * True when a short JSON text has at most `max` opening brackets, so nothing parsed from it can nest
 * deeper than `max` (brackets inside strings count too: that only means the walk is done). Counting the
 * characters of a short text costs less than walking the parsed value with {@link nestedDeeperThan}.
 */
export function cannotNestDeeper(text: string, max: number): boolean {
  if (text.length > SHALLOW_CHARS) return false;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x7b || c === 0x5b) && ++open > max) return false;
  }
  return true;
}

/**
 * True when `value` nests arrays and objects more than `max` levels deep (`{}` is one level). Walks
 * with its own stack, so any depth is measured safely; stops at the first place over the limit.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop() as object;
    const depth = depths.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function isId(v: unknown): v is RpcId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
}

/** The outcome of `validateMessage`; `notification` marks an invalid message that must not be answered. */
export type Validated =
  | { ok: true; message: RpcMessage }
  | {
      ok: false;
      error: string;
      id: RpcId | null;
      notification: boolean;
      /** The JSON-RPC code to answer with: -32600, or -32602 when only the params are wrong. */
      code: number;
    };

/** Options of {@link validateMessage}. */
export interface ValidateOptions {
  /** Refuse messages nested deeper than this (see {@link DEFAULT_MAX_DEPTH}); unchecked when absent. */
  maxDepth?: number;
}

/**
 * Checks that a parsed value is a well-formed JSON-RPC 2.0 message. Returns the message, or an error
 * (with the id when one could be read, so a request still gets its answer). Every place the guard parses
 * a message calls this with the depth limit, so nothing deeper ever reaches the code that recurses.
 */
export function validateMessage(v: unknown, options: ValidateOptions = {}): Validated {
  if (Array.isArray(v)) {
    return invalid('batches (JSON arrays) are not supported: send one JSON-RPC message per line', null);
  }
  if (typeof v !== 'object' || v === null) return invalid('a message must be a JSON object', null);
  const o = v as Record<string, unknown>;
  const id = isId(o.id) ? o.id : null;
  if (o.jsonrpc !== '2.0') return invalid('jsonrpc must be "2.0"', id);
  // An error response about unreadable input legitimately carries id null.
  const nullIdError = o.id === null && 'error' in o && !('method' in o);
  if ('id' in o && !isId(o.id) && !nullIdError) return invalid('id must be a string or an integer', null);
  if ('method' in o) {
    if (typeof o.method !== 'string' || o.method === '')
      return invalid('method must be a non-empty string', id);
    if ('params' in o && (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params))) {
      return invalid('params must be an object', id, !('id' in o));
    }
    const meta = (o.params as Record<string, unknown> | undefined)?._meta;
    if (meta !== undefined && (typeof meta !== 'object' || meta === null || Array.isArray(meta))) {
      return invalid('invalid params: _meta must be an object', id, !('id' in o), INVALID_PARAMS);
    }
    if (options.maxDepth !== undefined && nestedDeeperThan(o, options.maxDepth)) {
      return invalid(
        `invalid params: nested deeper than ${options.maxDepth} levels (limits.max_depth)`,
        id,
        !('id' in o),
        INVALID_PARAMS,
      );
    }
    return { ok: true, message: o as unknown as RpcMessage };
  }
  if (options.maxDepth !== undefined && nestedDeeperThan(o, options.maxDepth)) {
    return invalid(`nested deeper than ${options.maxDepth} levels (limits.max_depth)`, id);
  }
  if (!('id' in o))
    return invalid('a message needs a method (request, notification) or an id (response)', id);
  const hasResult = 'result' in o;
  const hasError = 'error' in o;
  if (hasResult === hasError) return invalid('a response carries exactly one of result and error', id);
  if (hasError) {
    const e = o.error as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.code !== 'number' || typeof e.message !== 'string') {
      return invalid('error must be an object with a numeric code and a string message', id);
    }
  } else if (typeof o.result !== 'object' || o.result === null || Array.isArray(o.result)) {
    return invalid('result must be an object', id);
  }
  return { ok: true, message: o as unknown as RpcMessage };
}
