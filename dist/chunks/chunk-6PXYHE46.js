import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  CODES
} from "./chunk-7CQ3VBOM.js";

// src/guard/transport/ndjson.ts
import { StringDecoder } from "node:string_decoder";

// src/guard/jsonrpc.ts
function isRequest(m) {
  return "method" in m && "id" in m;
}
function isNotification(m) {
  return "method" in m && !("id" in m);
}
function isResponse(m) {
  return !("method" in m);
}
function errorResponse(id, code, message, data) {
  const error = { code, message };
  if (data !== void 0) error.data = data;
  return { jsonrpc: "2.0", id, error };
}
function invalid(error, id, notification = false, code = INVALID_REQUEST) {
  return { ok: false, error, id, notification, code };
}
var INVALID_REQUEST = -32600;
var INVALID_PARAMS = -32602;
var DEFAULT_MAX_DEPTH = 64;
var SHALLOW_CHARS = 4096;
function cannotNestDeeper(text, max) {
  if (text.length > SHALLOW_CHARS) return false;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 123 || c === 91) && ++open > max) return false;
  }
  return true;
}
function nestedDeeperThan(value, max) {
  if (value === null || typeof value !== "object") return false;
  const stack = [value];
  const depths = [1];
  while (stack.length > 0) {
    const v = stack.pop();
    const depth = depths.pop();
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) {
      if (child !== null && typeof child === "object") {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
function isId(v) {
  return typeof v === "string" || typeof v === "number" && Number.isInteger(v);
}
function validateMessage(v, options = {}) {
  if (Array.isArray(v)) {
    return invalid("batches (JSON arrays) are not supported: send one JSON-RPC message per line", null);
  }
  if (typeof v !== "object" || v === null) return invalid("a message must be a JSON object", null);
  const o = v;
  const id = isId(o.id) ? o.id : null;
  if (o.jsonrpc !== "2.0") return invalid('jsonrpc must be "2.0"', id);
  const nullIdError = o.id === null && "error" in o && !("method" in o);
  if ("id" in o && !isId(o.id) && !nullIdError) return invalid("id must be a string or an integer", null);
  if ("method" in o) {
    if (typeof o.method !== "string" || o.method === "")
      return invalid("method must be a non-empty string", id);
    if ("params" in o && (typeof o.params !== "object" || o.params === null || Array.isArray(o.params))) {
      return invalid("params must be an object", id, !("id" in o));
    }
    const meta = o.params?._meta;
    if (meta !== void 0 && (typeof meta !== "object" || meta === null || Array.isArray(meta))) {
      return invalid("invalid params: _meta must be an object", id, !("id" in o), INVALID_PARAMS);
    }
    if (options.maxDepth !== void 0 && nestedDeeperThan(o, options.maxDepth)) {
      return invalid(
        `invalid params: nested deeper than ${options.maxDepth} levels (limits.max_depth)`,
        id,
        !("id" in o),
        INVALID_PARAMS
      );
    }
    return { ok: true, message: o };
  }
  if (options.maxDepth !== void 0 && nestedDeeperThan(o, options.maxDepth)) {
    return invalid(`nested deeper than ${options.maxDepth} levels (limits.max_depth)`, id);
  }
  if (!("id" in o))
    return invalid("a message needs a method (request, notification) or an id (response)", id);
  const hasResult = "result" in o;
  const hasError = "error" in o;
  if (hasResult === hasError) return invalid("a response carries exactly one of result and error", id);
  if (hasError) {
    const e = o.error;
    if (typeof e !== "object" || e === null || typeof e.code !== "number" || typeof e.message !== "string") {
      return invalid("error must be an object with a numeric code and a string message", id);
    }
  } else if (typeof o.result !== "object" || o.result === null || Array.isArray(o.result)) {
    return invalid("result must be an object", id);
  }
  return { ok: true, message: o };
}

// src/guard/transport/raw.ts
var RAW = /* @__PURE__ */ new WeakMap();
function rememberRaw(message, text) {
  RAW.set(message, text);
}
function rawOf(message) {
  return RAW.get(message);
}
function forgetRaw(message) {
  RAW.delete(message);
}

// src/guard/transport/sniff.ts
function sniffId(prefix) {
  let depth = 0;
  let i = 0;
  let expectKey = false;
  const n = prefix.length;
  while (i < n) {
    const c = prefix[i];
    if (c === '"') {
      const end = stringEnd(prefix, i);
      if (end < 0) return void 0;
      const raw = prefix.slice(i, end + 1);
      i = end + 1;
      if (depth === 1 && expectKey) {
        expectKey = false;
        let key;
        try {
          key = JSON.parse(raw);
        } catch {
          return void 0;
        }
        if (key !== "id") continue;
        const m = /^\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)(?=\s*[,}])/.exec(prefix.slice(i));
        if (!m) return void 0;
        const value = JSON.parse(m[1]);
        return typeof value === "string" || Number.isInteger(value) ? value : void 0;
      }
      continue;
    }
    if (c === "{" || c === "[") {
      depth++;
      expectKey = c === "{" && depth === 1;
    } else if (c === "}" || c === "]") {
      depth--;
    } else if (c === "," && depth === 1) {
      expectKey = true;
    } else if (depth === 0 && !/\s/.test(c)) {
      return void 0;
    }
    i++;
  }
  return void 0;
}
function stringEnd(text, start) {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}

// src/guard/transport/ndjson.ts
var DEFAULT_MAX = 4 * 1024 * 1024;
var SNIFF_BYTES = 64 * 1024;
var NEWLINE = 10;
var RAW_MIN_BYTES = 1024;
var UTF8 = new TextDecoder("utf-8", { fatal: true });
var NO_DEPTH = {};
var NdjsonTransport = class {
  onmessage;
  onclose;
  onend;
  onerror;
  oninvalid;
  #in;
  #out;
  #max;
  #validate;
  #sendRaw;
  #parts = [];
  #length = 0;
  #discarding = false;
  #closed = false;
  #onData = (chunk) => this.#read(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  #onEnd = () => this.#finish();
  #onError = (error) => this.onerror?.(error);
  /** A line already went out at once in this tick (or a burst is being gathered): the next ones wait (see `send`). */
  #turn = false;
  /** Lines sent since then, in order: they leave together in one write at the end of the turn. */
  #pending = "";
  /** Settles once the pending lines are handed to the stream: true while it has room (`write`'s verdict). */
  #flushed;
  #settleFlushed;
  /**
   * After the first line of a turn, once the current callbacks and microtasks are done: nothing else
   * was sent (one message at a time) and the next line may go out at once again; or more lines wait
   * (a burst), and they leave together at the end of the event-loop turn, with whatever joins them.
   */
  #endTick = () => {
    if (this.#settleFlushed === void 0) this.#turn = false;
    else setImmediate(this.#flush);
  };
  /** Ends the turn: writes the pending lines, if any (also called before the stream ends). */
  #flush = () => {
    this.#turn = false;
    const settle = this.#settleFlushed;
    if (settle === void 0) return;
    const text = this.#pending;
    this.#pending = "";
    this.#flushed = void 0;
    this.#settleFlushed = void 0;
    if (this.#out.destroyed || this.#out.writableEnded) {
      settle.reject(new Error("transport is closed"));
      return;
    }
    try {
      settle.resolve(this.#out.write(text));
    } catch (error) {
      settle.reject(error);
    }
  };
  constructor(input, output, options = {}) {
    this.#in = input;
    this.#out = output;
    this.#max = options.maxMessageBytes ?? DEFAULT_MAX;
    this.#validate = { maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH };
    this.#sendRaw = options.sendRaw === true;
  }
  /** Starts reading. Install the callbacks first. */
  async start() {
    this.#in.on("data", this.#onData);
    this.#in.on("end", this.#onEnd);
    this.#in.on("close", this.#onEnd);
    this.#in.on("error", this.#onError);
    this.#out.on("error", this.#onError);
  }
  /**
   * Writes one message as one line; waits for the stream to drain so a slow peer cannot grow memory.
   * A line goes out at once when none went out since the last tick (one message at a time, sequential
   * load, waits for nothing and costs no more than that); the lines sent after it leave together in one
   * write, in the check phase (`setImmediate`) that ends the event-loop turn, so a burst of pipelined
   * messages costs two or three system calls instead of one each (for a pipe, each wakes the reader).
   * `send` resolves only once its line is in the stream.
   */
  async send(message) {
    if (this.#closed || this.#out.destroyed || this.#out.writableEnded) {
      throw new Error("transport is closed");
    }
    const raw = this.#sendRaw ? rawOf(message) : void 0;
    const line = `${raw ?? JSON.stringify(message)}
`;
    let room;
    if (!this.#turn) {
      this.#turn = true;
      process.nextTick(this.#endTick);
      room = this.#out.write(line);
    } else {
      this.#pending += line;
      if (this.#flushed === void 0) {
        this.#flushed = new Promise((resolve, reject) => {
          this.#settleFlushed = { resolve, reject };
        });
      }
      room = await this.#flushed;
    }
    if (!room && this.#out.writableNeedDrain) {
      await new Promise((resolve) => {
        const done = () => {
          this.#out.off("drain", done);
          this.#out.off("close", done);
          resolve();
        };
        this.#out.on("drain", done);
        this.#out.on("close", done);
      });
    }
  }
  /** Stops reading and ends the outgoing stream. */
  async close() {
    if (this.#closed) return;
    this.#detach();
    this.#in.pause();
    this.#flush();
    if (!this.#out.writableEnded && !this.#out.destroyed) this.#out.end();
    this.#closed = true;
    this.onclose?.();
  }
  #detach() {
    this.#in.off("data", this.#onData);
    this.#in.off("end", this.#onEnd);
    this.#in.off("close", this.#onEnd);
  }
  #finish() {
    if (this.#closed) return;
    if (this.#length > 0 && !this.#discarding) this.#line(Buffer.concat(this.#parts));
    this.#parts = [];
    this.#length = 0;
    this.#detach();
    if (this.onend) {
      this.onend();
      return;
    }
    this.#closed = true;
    this.onclose?.();
  }
  #read(chunk) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (!this.#discarding) {
        if (this.#length + piece.length > this.#max) this.#overflow(piece);
        else {
          this.#parts.push(piece);
          this.#length += piece.length;
        }
      }
      if (nl < 0) return;
      if (this.#discarding) this.#discarding = false;
      else {
        const line = this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts);
        this.#parts = [];
        this.#length = 0;
        this.#line(line);
      }
      start = nl + 1;
    }
  }
  /** A line went over the cap: answer it (with its id when visible early on) and drop the rest unread. */
  #overflow(piece) {
    const head = Buffer.concat([...this.#parts, piece]).subarray(0, SNIFF_BYTES);
    const id = sniffId(new StringDecoder("utf8").write(head));
    this.#parts = [];
    this.#length = 0;
    this.#discarding = true;
    const reason = `message larger than the limit of ${this.#max} bytes (limits.maxMessageBytes)`;
    this.oninvalid?.(errorResponse(id ?? null, CODES.invalidRequest, reason), reason);
  }
  #line(bytes) {
    let text;
    try {
      text = UTF8.decode(bytes);
    } catch {
      const reason = "parse error: the line is not valid UTF-8";
      this.oninvalid?.(errorResponse(null, CODES.parseError, reason), reason);
      return;
    }
    if (text.trim() === "") return;
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = `parse error: ${error.message}`;
      this.oninvalid?.(errorResponse(null, CODES.parseError, reason), reason);
      return;
    }
    const checked = validateMessage(
      value,
      cannotNestDeeper(text, this.#validate.maxDepth) ? NO_DEPTH : this.#validate
    );
    if (!checked.ok) {
      const reason = checked.code === CODES.invalidParams ? checked.error : `invalid request: ${checked.error}`;
      const reply = checked.notification ? void 0 : errorResponse(checked.id, checked.code, reason);
      this.oninvalid?.(reply, reason);
      return;
    }
    if (!this.#sendRaw && bytes.length >= RAW_MIN_BYTES) rememberRaw(checked.message, text);
    this.onmessage?.(checked.message);
  }
};

export {
  isRequest,
  isNotification,
  isResponse,
  errorResponse,
  DEFAULT_MAX_DEPTH,
  cannotNestDeeper,
  nestedDeeperThan,
  validateMessage,
  forgetRaw,
  RAW_MIN_BYTES,
  NdjsonTransport
};
