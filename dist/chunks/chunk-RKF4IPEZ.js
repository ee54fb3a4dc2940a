import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  DEFAULT_MAX_DEPTH,
  NdjsonTransport,
  errorResponse,
  forgetRaw,
  isNotification,
  isRequest,
  isResponse,
  validateMessage
} from "./chunk-6PXYHE46.js";
import {
  createContext,
  plainPolicy,
  spendPolicy,
  takeCredential
} from "./chunk-J4VTTNKJ.js";
import {
  CANCELLED,
  CODES,
  PolicyError
} from "./chunk-7CQ3VBOM.js";
import {
  makeVerifier,
  missingScopes,
  requiredScopes
} from "./chunk-75BSUSJ7.js";
import {
  closeSessionLeases
} from "./chunk-VWPGPIYQ.js";
import {
  ApprovalDesk
} from "./chunk-Q23X6CGB.js";
import {
  VERSION
} from "./chunk-KMSCNTC6.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  canonicalJson,
  redact
} from "./chunk-R4QOK6IO.js";
import {
  canonicalResource
} from "./chunk-YJ42EYLH.js";
import {
  StoreUnavailableError
} from "./chunk-2A7OQJ75.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

// src/guard/backend/process.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

// src/guard/backend/env.ts
var SAFE_ENV = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "TZ",
  "TMPDIR",
  "TEMP",
  "TMP",
  "SYSTEMROOT",
  "SystemRoot",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
  "APPDATA",
  "LOCALAPPDATA",
  "USERPROFILE",
  "PROGRAMFILES"
];
var NETWORK_ENV = [
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "all_proxy",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE"
];
var PASSED = /* @__PURE__ */ new Set([...SAFE_ENV, ...NETWORK_ENV]);
function backendEnv(configured, parent) {
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === void 0) continue;
    if (PASSED.has(name) || name.startsWith("LC_")) env[name] = value;
  }
  return { ...env, ...configured };
}

// src/guard/backend/process.ts
var STDERR_TAIL_LINES = 5;
var ProcessConnection = class _ProcessConnection {
  onmessage;
  onclose;
  onerror;
  #name;
  #child;
  #transport;
  #graceMs;
  #tail;
  #exited = false;
  #exit;
  constructor(name, child, transport, options, tail) {
    this.#name = name;
    this.#child = child;
    this.#transport = transport;
    this.#graceMs = options.shutdownGraceMs ?? 2e3;
    this.#tail = tail;
    transport.onmessage = (m) => this.onmessage?.(m);
    transport.oninvalid = (_reply, reason) => options.log(`[${name}] guard: ignored output line: ${reason}`);
    transport.onerror = (error) => options.log(`[${name}] guard: stdio error: ${error.message}`);
    transport.onend = () => {
    };
    this.#exit = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.#exited = true;
        void transport.close();
        resolve();
        this.onclose?.(`backend ${name} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
      });
    });
  }
  /**
   * Spawns `server` and resolves once the process runs. Rejects when there is no process (no such
   * program, out of file descriptors): the error says which, in the terms an operator can act on.
   */
  static async spawn(server, options) {
    const name = server.name;
    const failed = (error) => new Error(
      `backend ${name}: cannot start ${server.command}: ${error.code === "EMFILE" ? "out of file descriptors (EMFILE)" : error.message}`
    );
    let child;
    try {
      child = spawn(server.command, server.args, {
        cwd: server.cwd,
        env: backendEnv(server.env, options.parentEnv ?? process.env),
        stdio: ["pipe", "pipe", "pipe"],
        // Its own process group, so shutdown can signal every process the server started.
        detached: true
      });
    } catch (error) {
      throw failed(error);
    }
    const spawned = new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    if (!child.stdin || !child.stdout || !child.stderr) {
      const error = await spawned.then(
        () => new Error("no stdio pipes"),
        (e) => e
      );
      kill(child, "SIGKILL");
      throw failed(error);
    }
    const transport = new NdjsonTransport(child.stdout, child.stdin, {
      maxMessageBytes: options.maxMessageBytes,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH
    });
    const tail = [];
    child.stderr.on("error", () => {
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      options.log(`[${name}] ${line}`);
    });
    const connection = new _ProcessConnection(name, child, transport, options, tail);
    try {
      await spawned;
    } catch (error) {
      void transport.close();
      throw failed(error);
    }
    return connection;
  }
  /** The child's process id. */
  get pid() {
    return this.#child.pid;
  }
  async start() {
    await this.#transport.start();
  }
  async send(message) {
    await this.#transport.send(message);
  }
  stderrTail() {
    return [...this.#tail];
  }
  /** Close stdin, wait, SIGTERM the process group, wait, SIGKILL it. */
  async close() {
    const wait = (ms) => Promise.race([
      this.#exit.then(() => true),
      new Promise((r) => setTimeout(() => r(false), ms).unref())
    ]);
    await this.#transport.close();
    if (!this.#exited && !await wait(this.#graceMs)) {
      kill(this.#child, "SIGTERM");
      if (!await wait(this.#graceMs)) {
        kill(this.#child, "SIGKILL");
        await wait(this.#graceMs);
      }
    }
    kill(this.#child, "SIGKILL");
  }
  abort() {
    void this.#transport.close();
    kill(this.#child, "SIGKILL");
  }
};
function kill(child, signal) {
  try {
    if (child.pid !== void 0) process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
    }
  }
}

// src/guard/backend/remote.ts
import {
  Agent as HttpAgent,
  request as httpRequest
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

// node_modules/eventsource-parser/dist/index.js
var ParseError = class extends Error {
  constructor(message, options) {
    super(message), this.name = "ParseError", this.type = options.type, this.field = options.field, this.value = options.value, this.line = options.line;
  }
};
var LF = 10;
var CR = 13;
var SPACE = 32;
function noop(_arg) {
}
function createParser(config) {
  if (typeof config == "function")
    throw new TypeError(
      "`config` must be an object, got a function instead. Did you mean `createParser({onEvent: fn})`?"
    );
  const { onEvent = noop, onError = noop, onRetry = noop, onComment, maxBufferSize } = config, pendingFragments = [];
  let pendingFragmentsLength = 0, isFirstChunk = true, id, data = "", dataLines = 0, eventType, terminated = false;
  function feed(chunk) {
    if (terminated)
      throw new Error(
        "Cannot feed parser: it was terminated after exceeding the configured max buffer size. Call `reset()` to resume parsing."
      );
    if (isFirstChunk && (isFirstChunk = false, chunk.charCodeAt(0) === 239 && chunk.charCodeAt(1) === 187 && chunk.charCodeAt(2) === 191 && (chunk = chunk.slice(3))), pendingFragments.length === 0) {
      const trailing2 = processLines(chunk);
      trailing2 !== "" && (pendingFragments.push(trailing2), pendingFragmentsLength = trailing2.length), checkBufferSize();
      return;
    }
    if (chunk.indexOf(`
`) === -1 && chunk.indexOf("\r") === -1) {
      pendingFragments.push(chunk), pendingFragmentsLength += chunk.length, checkBufferSize();
      return;
    }
    pendingFragments.push(chunk);
    const input = pendingFragments.join("");
    pendingFragments.length = 0, pendingFragmentsLength = 0;
    const trailing = processLines(input);
    trailing !== "" && (pendingFragments.push(trailing), pendingFragmentsLength = trailing.length), checkBufferSize();
  }
  function checkBufferSize() {
    maxBufferSize !== void 0 && (pendingFragmentsLength + data.length <= maxBufferSize || (terminated = true, pendingFragments.length = 0, pendingFragmentsLength = 0, id = void 0, data = "", dataLines = 0, eventType = void 0, onError(
      new ParseError(`Buffered data exceeded max buffer size of ${maxBufferSize} characters`, {
        type: "max-buffer-size-exceeded"
      })
    )));
  }
  function processLines(chunk) {
    let searchIndex = 0;
    if (chunk.indexOf("\r") === -1) {
      let lfIndex = chunk.indexOf(`
`, searchIndex);
      for (; lfIndex !== -1; ) {
        if (searchIndex === lfIndex) {
          dataLines > 0 && onEvent({ id, event: eventType, data }), id = void 0, data = "", dataLines = 0, eventType = void 0, searchIndex = lfIndex + 1, lfIndex = chunk.indexOf(`
`, searchIndex);
          continue;
        }
        const firstCharCode = chunk.charCodeAt(searchIndex);
        if (isDataPrefix(chunk, searchIndex, firstCharCode)) {
          const valueStart = chunk.charCodeAt(searchIndex + 5) === SPACE ? searchIndex + 6 : searchIndex + 5, value = chunk.slice(valueStart, lfIndex);
          if (dataLines === 0 && chunk.charCodeAt(lfIndex + 1) === LF) {
            onEvent({ id, event: eventType, data: value }), id = void 0, data = "", eventType = void 0, searchIndex = lfIndex + 2, lfIndex = chunk.indexOf(`
`, searchIndex);
            continue;
          }
          data = dataLines === 0 ? value : `${data}
${value}`, dataLines++;
        } else isEventPrefix(chunk, searchIndex, firstCharCode) ? eventType = chunk.slice(
          chunk.charCodeAt(searchIndex + 6) === SPACE ? searchIndex + 7 : searchIndex + 6,
          lfIndex
        ) || void 0 : parseLine(chunk, searchIndex, lfIndex);
        searchIndex = lfIndex + 1, lfIndex = chunk.indexOf(`
`, searchIndex);
      }
      return chunk.slice(searchIndex);
    }
    for (; searchIndex < chunk.length; ) {
      const crIndex = chunk.indexOf("\r", searchIndex), lfIndex = chunk.indexOf(`
`, searchIndex);
      let lineEnd = -1;
      if (crIndex !== -1 && lfIndex !== -1 ? lineEnd = crIndex < lfIndex ? crIndex : lfIndex : crIndex !== -1 ? crIndex === chunk.length - 1 ? lineEnd = -1 : lineEnd = crIndex : lfIndex !== -1 && (lineEnd = lfIndex), lineEnd === -1)
        break;
      parseLine(chunk, searchIndex, lineEnd), searchIndex = lineEnd + 1, chunk.charCodeAt(searchIndex - 1) === CR && chunk.charCodeAt(searchIndex) === LF && searchIndex++;
    }
    return chunk.slice(searchIndex);
  }
  function parseLine(chunk, start, end) {
    if (start === end) {
      dispatchEvent();
      return;
    }
    const firstCharCode = chunk.charCodeAt(start);
    if (isDataPrefix(chunk, start, firstCharCode)) {
      const valueStart = chunk.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, value2 = chunk.slice(valueStart, end);
      data = dataLines === 0 ? value2 : `${data}
${value2}`, dataLines++;
      return;
    }
    if (isEventPrefix(chunk, start, firstCharCode)) {
      eventType = chunk.slice(chunk.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end) || void 0;
      return;
    }
    if (firstCharCode === 105 && chunk.charCodeAt(start + 1) === 100 && chunk.charCodeAt(start + 2) === 58) {
      const value2 = chunk.slice(chunk.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end);
      value2.includes("\0") || (id = value2);
      return;
    }
    if (firstCharCode === 58) {
      if (onComment) {
        const line2 = chunk.slice(start, end);
        onComment(line2.slice(chunk.charCodeAt(start + 1) === SPACE ? 2 : 1));
      }
      return;
    }
    const line = chunk.slice(start, end), fieldSeparatorIndex = line.indexOf(":");
    if (fieldSeparatorIndex === -1) {
      processField(line, "", line);
      return;
    }
    const field = line.slice(0, fieldSeparatorIndex), offset = line.charCodeAt(fieldSeparatorIndex + 1) === SPACE ? 2 : 1, value = line.slice(fieldSeparatorIndex + offset);
    processField(field, value, line);
  }
  function processField(field, value, line) {
    switch (field) {
      case "event":
        eventType = value || void 0;
        break;
      case "data":
        data = dataLines === 0 ? value : `${data}
${value}`, dataLines++;
        break;
      case "id":
        value.includes("\0") || (id = value);
        break;
      case "retry":
        /^\d+$/.test(value) ? onRetry(parseInt(value, 10)) : onError(
          new ParseError(`Invalid \`retry\` value: "${value}"`, {
            type: "invalid-retry",
            value,
            line
          })
        );
        break;
      default:
        onError(
          new ParseError(
            `Unknown field "${field.length > 20 ? `${field.slice(0, 20)}\u2026` : field}"`,
            { type: "unknown-field", field, value, line }
          )
        );
        break;
    }
  }
  function dispatchEvent() {
    dataLines > 0 && onEvent({
      id,
      event: eventType,
      data
    }), id = void 0, data = "", dataLines = 0, eventType = void 0;
  }
  function reset(options = {}) {
    if (options.consume && pendingFragments.length > 0) {
      const incompleteLine = pendingFragments.join("");
      parseLine(incompleteLine, 0, incompleteLine.length);
    }
    isFirstChunk = true, id = void 0, data = "", dataLines = 0, eventType = void 0, pendingFragments.length = 0, pendingFragmentsLength = 0, terminated = false;
  }
  return { feed, reset };
}
function isDataPrefix(chunk, i, firstCharCode) {
  return firstCharCode === 100 && chunk.charCodeAt(i + 1) === 97 && chunk.charCodeAt(i + 2) === 116 && chunk.charCodeAt(i + 3) === 97 && chunk.charCodeAt(i + 4) === 58;
}
function isEventPrefix(chunk, i, firstCharCode) {
  return firstCharCode === 101 && chunk.charCodeAt(i + 1) === 118 && chunk.charCodeAt(i + 2) === 101 && chunk.charCodeAt(i + 3) === 110 && chunk.charCodeAt(i + 4) === 116 && chunk.charCodeAt(i + 5) === 58;
}

// src/guard/backend/remote.ts
var BODY_TIMEOUT_MS = 3e5;
var MAX_STREAM_RETRY_MS = 3e4;
var RemoteError = class extends Error {
  status;
  constructor(message, status) {
    super(message);
    this.name = "RemoteError";
    this.status = status;
  }
};
var RemoteConnection = class {
  onmessage;
  onclose;
  onerror;
  #name;
  #url;
  #headers;
  #o;
  #agent;
  #request;
  #sessionId;
  #protocolVersion;
  /** Ids of `initialize` requests in flight: their response carries the protocol version. */
  #initIds = /* @__PURE__ */ new Set();
  /** Requests whose answer is still streaming, aborted when the connection ends. */
  #open = /* @__PURE__ */ new Set();
  #stream;
  #streamTimer;
  #ended = false;
  /** Settles once the last notification or answer sent has been accepted (see `send`). */
  #barrier = Promise.resolve();
  constructor(server, options) {
    if (!server.url) throw new Error(`server ${server.name}: a remote backend needs a url`);
    this.#name = server.name;
    this.#url = new URL(server.url);
    this.#headers = { ...server.headers };
    this.#o = options;
    const https = this.#url.protocol === "https:";
    this.#agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.#request = https ? httpsRequest : httpRequest;
  }
  /** The session id the server issued, once it has. */
  get sessionId() {
    return this.#sessionId;
  }
  /** Nothing is sent before the first message: a server that is not there yet fails that message. */
  async start() {
  }
  /**
   * Sends one message as a POST. Messages keep their order where it matters: a notification (or an
   * answer) is accepted by the server before anything sent after it goes out, so the requests that
   * follow `notifications/initialized` never overtake it; requests run concurrently.
   */
  send(message) {
    const before = this.#barrier;
    if (isRequest(message)) return before.then(() => this.#post(message));
    const sent = before.then(() => this.#post(message));
    this.#barrier = sent.catch(() => {
    });
    return sent;
  }
  async #post(message) {
    if (this.#ended) throw new RemoteError("the connection is closed");
    if (isNotification(message) && message.method === "notifications/initialized") {
      await this.#openStream();
      if (this.#ended) throw new RemoteError("the connection is closed");
    }
    if (isRequest(message) && message.method === "initialize") this.#initIds.add(message.id);
    const body = JSON.stringify(message);
    const res = await this.#exchange("POST", body, {
      "content-type": "application/json",
      accept: "application/json, text/event-stream"
    });
    const sid = res.headers["mcp-session-id"];
    if (typeof sid === "string" && sid !== "") this.#sessionId = sid;
    const status = res.statusCode ?? 0;
    if (status === 202 || status >= 200 && status < 300 && !isRequest(message)) {
      res.resume();
      return;
    }
    if (status < 200 || status >= 300) {
      const text2 = await readText(res, 4096).catch(() => "");
      if (status === 404 && this.#sessionId !== void 0) this.#lost("session expired (HTTP 404)");
      throw new RemoteError(`HTTP ${status}${text2 ? `: ${text2.slice(0, 300)}` : ""}`, status);
    }
    const type = String(res.headers["content-type"] ?? "");
    if (type.includes("text/event-stream")) {
      void this.#readEvents(res, false);
      return;
    }
    let text;
    try {
      text = await readText(res, this.#o.maxMessageBytes);
    } catch (error) {
      this.#lost(error.message);
      throw error;
    }
    if (text.trim() === "") return;
    this.#deliver(text);
  }
  /** One HTTP exchange with the server's URL, resolved with its response headers. */
  #exchange(method, body, extra = {}, retried = false) {
    const headers = { ...this.#headers, ...extra };
    if (this.#sessionId !== void 0) headers["mcp-session-id"] = this.#sessionId;
    if (this.#protocolVersion !== void 0) headers["mcp-protocol-version"] = this.#protocolVersion;
    if (body !== void 0) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      let responded;
      const req = this.#request(this.#url, { method, headers, agent: this.#agent }, (res) => {
        responded = res;
        this.#open.add(req);
        res.once("close", () => this.#open.delete(req));
        resolve(res);
      });
      if (method !== "GET") {
        const ms = this.#o.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
        req.setTimeout(ms, () => {
          const silent = new RemoteError(`no answer for ${ms} ms`);
          if (responded) responded.destroy(silent);
          else req.destroy(silent);
        });
      }
      req.on("error", (error) => {
        if (responded) return;
        if (req.reusedSocket && error.code === "ECONNRESET" && !retried && !this.#ended) {
          this.#exchange(method, body, extra, true).then(resolve, reject);
          return;
        }
        const reason = `connection failed (${error.code ?? error.message})`;
        if (method === "POST") this.#lost(reason);
        reject(new RemoteError(reason));
      });
      req.end(body);
    });
  }
  /**
   * Reads an SSE body, delivering each event's message. A POST answer that breaks off, or any event
   * over the size limit, ends the connection; the GET stream that breaks off is resumed instead.
   */
  #readEvents(res, get) {
    const max = this.#o.maxMessageBytes;
    let size = 0;
    let newline = false;
    let over = false;
    const parser = createParser({
      onEvent: (event) => {
        if (get && event.id !== void 0 && this.#stream) this.#stream.lastEventId = event.id;
        if ((event.event === void 0 || event.event === "message") && event.data.trim() !== "")
          this.#deliver(event.data);
      },
      onRetry: (ms) => {
        if (this.#stream) this.#stream.retryMs = ms;
      }
    });
    res.setEncoding("utf8");
    return new Promise((resolve) => {
      res.on("data", (chunk) => {
        if (over) return;
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk.charCodeAt(i);
          if (++size > max) over = true;
          if (c === 13) continue;
          if (c === 10) {
            if (newline) size = 0;
            newline = true;
          } else newline = false;
        }
        if (over) {
          this.#lost(`sent a message larger than ${max} bytes`);
          res.destroy();
          resolve();
          return;
        }
        parser.feed(chunk);
      });
      let failure;
      res.on("error", (error) => {
        failure = error;
      });
      res.once("close", () => {
        resolve();
        if (over || this.#ended) return;
        const broken = !res.complete;
        if (get) this.#streamDropped(broken ? `${failure?.message ?? "aborted"}` : "the server ended it");
        else if (broken) this.#lost(`connection lost (${failure?.message ?? "aborted"})`);
      });
    });
  }
  #deliver(text) {
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.#o.log(`[${this.#name}] guard: ignored a message that is not JSON: ${error.message}`);
      return;
    }
    const checked = validateMessage(value, { maxDepth: this.#o.maxDepth ?? DEFAULT_MAX_DEPTH });
    if (!checked.ok) {
      this.#o.log(`[${this.#name}] guard: ignored an invalid message: ${checked.error}`);
      return;
    }
    const message = checked.message;
    if (isResponse(message) && message.id !== null && this.#initIds.delete(message.id)) {
      const version = message.result?.protocolVersion;
      if (typeof version === "string") this.#protocolVersion = version;
    }
    this.onmessage?.(message);
  }
  /** Opens the GET stream (once); resolves when the server has answered it, or after `streamOpenMs`. */
  #openStream() {
    if (this.#stream) return this.#stream.opened;
    const stream = {
      retryMs: this.#o.streamRetryMs ?? 1e3,
      opened: Promise.resolve()
    };
    this.#stream = stream;
    stream.opened = this.#connectStream(stream);
    return stream.opened;
  }
  async #connectStream(stream) {
    const extra = { accept: "text/event-stream" };
    if (stream.lastEventId !== void 0) extra["last-event-id"] = stream.lastEventId;
    let timer;
    const waited = new Promise((resolve) => {
      timer = setTimeout(() => resolve(), this.#o.streamOpenMs ?? 5e3);
      timer.unref();
    });
    const answered = this.#exchange("GET", void 0, extra).then(
      (res) => this.#streamAnswered(stream, res),
      (error) => {
        if (!this.#ended) this.#streamDropped(error.message);
      }
    );
    await Promise.race([answered, waited]);
    clearTimeout(timer);
  }
  #streamAnswered(stream, res) {
    const status = res.statusCode ?? 0;
    if (this.#ended || this.#stream !== stream) {
      res.destroy();
      return;
    }
    if (status === 200) {
      stream.response = res;
      void this.#readEvents(res, true);
      return;
    }
    res.resume();
    if (status === 405) return;
    if (status === 404 && this.#sessionId !== void 0) {
      this.#lost("session expired (HTTP 404)");
      return;
    }
    this.#streamDropped(`HTTP ${status}`);
  }
  /** The GET stream broke off or could not be opened: try again later, resuming after the last event. */
  #streamDropped(why) {
    const stream = this.#stream;
    if (this.#ended || stream === void 0 || this.#streamTimer !== void 0) return;
    const delay = stream.retryMs;
    this.#o.log(
      `[${this.#name}] guard: the GET stream dropped (${why}); resuming in ${delay} ms${stream.lastEventId === void 0 ? "" : ` after event ${stream.lastEventId}`}`
    );
    stream.retryMs = Math.min(MAX_STREAM_RETRY_MS, delay * 2);
    this.#streamTimer = setTimeout(() => {
      this.#streamTimer = void 0;
      if (this.#ended || this.#stream !== stream) return;
      stream.opened = this.#connectStream(stream).then(() => {
        if (stream.response !== void 0 && !stream.response.destroyed)
          stream.retryMs = this.#o.streamRetryMs ?? 1e3;
      });
    }, delay);
    this.#streamTimer.unref();
  }
  /** The connection is over on the server's side: everything is dropped and the supervisor told. */
  #lost(reason) {
    if (this.#ended) return;
    this.abort();
    this.onclose?.(`backend ${this.#name} ${reason}`);
  }
  abort() {
    this.#ended = true;
    if (this.#streamTimer !== void 0) clearTimeout(this.#streamTimer);
    this.#streamTimer = void 0;
    for (const req of this.#open) req.destroy();
    this.#open.clear();
    this.#stream?.response?.destroy();
    this.#agent.destroy();
  }
  /** Ends the remote session with DELETE (bounded by the grace period), then drops everything. */
  async close() {
    if (this.#ended) return;
    if (this.#sessionId !== void 0) {
      let timer;
      try {
        const deleted = this.#exchange("DELETE").then((res) => void res.resume());
        await Promise.race([
          deleted,
          new Promise((resolve) => {
            timer = setTimeout(resolve, this.#o.shutdownGraceMs ?? 2e3);
          })
        ]);
      } catch (error) {
        this.#o.log(`[${this.#name}] guard: could not end the remote session: ${error.message}`);
      } finally {
        clearTimeout(timer);
      }
    }
    this.abort();
  }
};
function readText(res, max) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    res.on("data", (chunk) => {
      size += chunk.length;
      if (size > max) {
        res.destroy();
        reject(new RemoteError(`sent a message larger than ${max} bytes`));
        return;
      }
      parts.push(chunk);
    });
    let failure;
    res.on("error", (error) => {
      failure = error;
    });
    res.once("close", () => {
      if (res.complete) resolve(Buffer.concat(parts).toString("utf8"));
      else reject(new RemoteError(`connection lost (${failure?.message ?? "aborted"})`));
    });
  });
}

// src/guard/transport/correlator.ts
var minted = 0;
function mintId() {
  return `mcp-guard-${++minted}`;
}
function mintToken() {
  return `mcp-guard-progress-${++minted}`;
}
var Correlator = class {
  #o;
  #byId = /* @__PURE__ */ new Map();
  #byToken = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#o = options;
  }
  /** Requests in flight. */
  get size() {
    return this.#byId.size;
  }
  /** Progress tokens in flight. */
  get tokens() {
    return this.#byToken.size;
  }
  /**
   * Sends `request` and resolves with its response (the requester's id restored), with the error a
   * timeout, a failed send or the connection's failure gives, or with undefined when the request was
   * cancelled (nothing is to be answered). Never rejects.
   */
  request(request, options) {
    const kept = options.keepId === true;
    const id = kept ? request.id : mintId();
    if (this.#byId.has(id)) {
      return Promise.resolve(
        errorResponse(
          request.id,
          CODES.invalidRequest,
          `request id ${JSON.stringify(request.id)} is already in flight`
        )
      );
    }
    const meta = request.params?._meta;
    const originalToken = meta?.progressToken;
    const asked = typeof originalToken === "string" || typeof originalToken === "number";
    const token = asked ? kept ? originalToken : mintToken() : void 0;
    let out = request;
    if (!kept) {
      out = { ...request, id };
      if (asked) out.params = { ...request.params, _meta: { ...meta, progressToken: token } };
    }
    return new Promise((resolve) => {
      let done = false;
      const entry = {
        id,
        original: request.id,
        method: request.method,
        owner: options.owner,
        token,
        originalToken,
        kept,
        onprogress: options.onprogress,
        timer: void 0,
        settle: (response) => {
          if (done) return;
          done = true;
          if (entry.timer !== void 0) clearTimeout(entry.timer);
          this.#byId.delete(id);
          if (token !== void 0 && this.#byToken.get(token) === entry) this.#byToken.delete(token);
          resolve(response);
        }
      };
      const ms = options.timeoutMs ?? 0;
      if (ms > 0) entry.timer = setTimeout(() => this.#timeout(entry, ms), ms);
      this.#byId.set(id, entry);
      if (token !== void 0) this.#byToken.set(token, entry);
      this.#o.send(out, options.duringStart).catch((error) => {
        entry.settle(
          this.#o.unsent?.(entry, error) ?? errorResponse(entry.original, CODES.internal, error.message)
        );
      });
    });
  }
  /** A response from the peer: settles its request. False when no request of that id is in flight. */
  receive(response) {
    const entry = response.id === null ? void 0 : this.#byId.get(response.id);
    if (entry === void 0) return false;
    entry.settle(entry.kept ? response : { ...response, id: entry.original });
    return true;
  }
  /**
   * A progress notification from the peer: restarts its request's timer and hands it to the request's
   * `onprogress` with the requester's token. False when its token belongs to no request in flight.
   */
  progress(notification) {
    const token = notification.params?.progressToken;
    const entry = typeof token === "string" || typeof token === "number" ? this.#byToken.get(token) : void 0;
    if (entry === void 0) return false;
    entry.timer?.refresh();
    entry.onprogress?.(
      entry.kept ? notification : { ...notification, params: { ...notification.params, progressToken: entry.originalToken } }
    );
    return true;
  }
  /**
   * The requester cancels its request `original` (of `owner`, when given): the peer is told (under the
   * id it knows) and the request ends without an answer. Returns how many requests were cancelled.
   */
  cancel(original, reason, owner) {
    let n = 0;
    for (const entry of this.#byId.values()) {
      if (entry.original !== original || owner !== void 0 && entry.owner !== owner) continue;
      this.#tellCancelled(entry, reason);
      entry.settle(void 0);
      n++;
    }
    return n;
  }
  /**
   * Ends every request of `owner` (every request when undefined) without an answer; the peer is told
   * to cancel them when `tellPeer` is set (it is still there: a session ended, not the connection).
   */
  abandon(owner, reason, tellPeer) {
    for (const entry of [...this.#byId.values()]) {
      if (owner !== void 0 && entry.owner !== owner) continue;
      if (tellPeer) this.#tellCancelled(entry, reason);
      entry.settle(void 0);
    }
  }
  /**
   * Answers every request of `owner` (every request when undefined) with a -32603 error: the connection
   * failed or is closing. The peer is not told (it is gone, or going).
   */
  fail(owner, message, data) {
    for (const entry of [...this.#byId.values()]) {
      if (owner !== void 0 && entry.owner !== owner) continue;
      entry.settle(errorResponse(entry.original, CODES.internal, message, data));
    }
  }
  /** Whether a request the peer knows as `id` is in flight. */
  has(id) {
    return this.#byId.has(id);
  }
  /** The request sent last and still in flight (a server request is about the newest call). */
  newest() {
    let last;
    for (const entry of this.#byId.values()) last = entry;
    return last;
  }
  /** The requests in flight (of `owner`, when given). */
  pending(owner) {
    const out = [];
    for (const entry of this.#byId.values())
      if (owner === void 0 || entry.owner === owner) out.push(entry);
    return out;
  }
  #timeout(entry, ms) {
    this.#tellCancelled(entry, "timed out in mcp-guard");
    entry.settle(
      this.#o.timedOut?.(entry, ms) ?? errorResponse(entry.original, CODES.internal, `no answer to ${entry.method} within ${ms} ms`)
    );
  }
  #tellCancelled(entry, reason) {
    this.#o.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: entry.id, reason } }).catch(() => {
    });
  }
};

// src/guard/backend/types.ts
function timeoutMessage(backend, method, ms) {
  if (method !== "initialize") return `backend ${backend.name} did not answer in time`;
  const tail = backend.stderrTail?.() ?? [];
  const said = tail.length ? `; its last stderr lines: ${tail.map((l) => JSON.stringify(l)).join(" / ")}` : backend.stderrTail ? "; it wrote nothing to stderr" : "";
  return `backend ${backend.name} did not answer initialize within ${ms} ms (limits.initialize_timeout_ms)${said}`;
}

// src/guard/backend/supervisor.ts
var Supervisor = class {
  name;
  /**
   * The requests sent over the connection and not yet answered, by owner: this supervisor for its own
   * session, each view for the sessions of a shared backend (`SharedBackend`).
   */
  requests;
  onmessage;
  oncrash;
  onstart;
  #connect;
  #log;
  #initialBackoffMs;
  #maxBackoffMs;
  #stableAfterMs;
  #verb;
  #connection;
  #state = "down";
  #failures = 0;
  #starts = 0;
  #upSince = 0;
  #restartAt = 0;
  #timer;
  #tail = [];
  constructor(name, connect, options) {
    this.name = name;
    this.#connect = connect;
    this.#log = options.log;
    this.#initialBackoffMs = options.initialBackoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 3e4;
    this.#stableAfterMs = options.stableAfterMs ?? 1e4;
    this.#verb = options.remote ? "reconnecting" : "restarting";
    const data = { backend: name };
    this.requests = new Correlator({
      send: (message, duringStart) => this.send(message, duringStart),
      timedOut: (request, ms) => {
        const message = timeoutMessage(this, request.method, ms);
        this.#log(`guard: ${request.method} (id ${JSON.stringify(request.original)}): ${message}`);
        return errorResponse(request.original, CODES.internal, message, data);
      },
      unsent: (request, error) => errorResponse(request.original, CODES.internal, `backend ${name}: ${error.message}`, data)
    });
  }
  get state() {
    return this.#state;
  }
  get restarts() {
    return Math.max(0, this.#starts - 1);
  }
  get retryInMs() {
    return this.#state === "down" ? Math.max(0, this.#restartAt - Date.now()) : 0;
  }
  /** The live connection (for tests and diagnostics). */
  get connection() {
    return this.#connection;
  }
  stderrTail() {
    return this.#connection?.stderrTail?.() ?? this.#tail;
  }
  /**
   * Opens the first connection and resolves once it is up. Rejects when there was nothing to connect
   * to (no such program, out of file descriptors): the caller's session fails, not the guard, and a
   * retry is still scheduled, as after a crash.
   */
  async start() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = void 0;
    const failure = await this.#open();
    if (failure) throw failure;
  }
  /** One session's backend: its ids are unique here, so they go to the server as they are. */
  request(request, options = {}) {
    return this.requests.request(request, { ...options, owner: this, keepId: true });
  }
  cancel(id, reason) {
    return this.requests.cancel(id, reason, this) > 0;
  }
  failPending(message) {
    this.requests.fail(this, message);
  }
  async send(message, duringStart = false) {
    const connection = this.#connection;
    const ok = this.#state === "up" || duringStart && this.#state === "starting";
    if (!ok || connection === void 0) throw new Error(`backend ${this.name} is ${this.#state}`);
    await connection.send(message);
  }
  async #open() {
    const restart = this.#starts > 0;
    this.#starts++;
    this.#state = "starting";
    let connection;
    try {
      connection = await this.#connect();
    } catch (error) {
      this.#log(`[${this.name}] guard: ${error.message}`);
      if (!this.#stopped()) {
        this.#state = "down";
        this.#schedule();
      }
      return error;
    }
    if (this.#stopped()) {
      await connection.close();
      return void 0;
    }
    this.#connection = connection;
    connection.onmessage = (m) => this.#received(m);
    connection.onclose = (reason) => this.#lost(connection, reason ?? `backend ${this.name} closed its connection`);
    connection.onerror = (error) => this.#log(`[${this.name}] guard: ${error.message}`);
    await connection.start();
    try {
      await this.onstart?.(restart);
    } catch (error) {
      this.#log(`[${this.name}] guard: initialization failed: ${error.message}`);
      this.#lost(connection, `backend ${this.name} could not be re-initialized`);
      return void 0;
    }
    if (this.#connection === connection && this.#state === "starting") {
      this.#state = "up";
      this.#upSince = Date.now();
    }
    return void 0;
  }
  /** Whether `stop` was called (read through a method: it changes while `#open` awaits). */
  #stopped() {
    return this.#state === "stopped";
  }
  /** Responses and the progress of requests in flight are the correlator's; the rest goes to the relay. */
  #received(message) {
    if (isResponse(message)) {
      if (!this.requests.receive(message))
        this.#log(`[${this.name}] guard: response with unknown id ${JSON.stringify(message.id)} ignored`);
      return;
    }
    if (isNotification(message) && message.method === "notifications/progress" && this.requests.progress(message))
      return;
    this.onmessage?.(message);
  }
  /** The connection failed: pending requests get the reason, the sessions are told, a restart is scheduled. */
  #lost(connection, reason) {
    if (connection !== this.#connection || this.#state === "stopped") return;
    this.#connection = void 0;
    this.#tail = connection.stderrTail?.() ?? [];
    connection.abort();
    this.#log(`[${this.name}] guard: ${reason}`);
    this.#state = "down";
    this.requests.fail(void 0, `${reason} while handling this request`, { backend: this.name });
    this.oncrash?.(reason);
    if (this.#upSince > 0 && Date.now() - this.#upSince >= this.#stableAfterMs) this.#failures = 0;
    this.#upSince = 0;
    this.#schedule();
  }
  /** The next attempt, after the backoff (doubling per consecutive failure). */
  #schedule() {
    const delay = Math.min(this.#maxBackoffMs, this.#initialBackoffMs * 2 ** this.#failures);
    this.#failures++;
    this.#restartAt = Date.now() + delay;
    this.#log(`[${this.name}] guard: ${this.#verb} in ${delay} ms`);
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      if (this.#state === "down") void this.#open();
    }, delay);
  }
  /** Stops for good: pending requests are answered, the connection closed politely. */
  async stop() {
    this.#state = "stopped";
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = void 0;
    const connection = this.#connection;
    this.#connection = void 0;
    await connection?.close();
  }
};

// src/guard/backend/index.ts
function createBackend(server, options) {
  if (server.url) {
    const remote = server;
    return new Supervisor(server.name, async () => new RemoteConnection(remote, options), {
      ...options,
      remote: true
    });
  }
  if (!server.command) throw new Error(`server ${server.name}: needs a command (local) or a url (remote)`);
  return new Supervisor(server.name, () => ProcessConnection.spawn(server, options), options);
}

// src/guard/pipeline.ts
import { randomBytes } from "node:crypto";

// src/guard/compose.ts
function compose(steps, onError) {
  const n = steps.length;
  return (ctx) => {
    let index = -1;
    const dispatch = (i) => {
      if (i <= index) return Promise.reject(new Error("next() called more than once"));
      index = i;
      if (i === n) return Promise.reject(new Error("the last step called next(): nothing answers after it"));
      let inner;
      let calls2 = 0;
      let answer;
      try {
        answer = steps[i](ctx, () => {
          const next = dispatch(i + 1);
          inner = ++calls2 === 1 && i + 1 < n ? next : void 0;
          return next;
        });
      } catch (error) {
        return Promise.resolve(onError(error, ctx));
      }
      if (answer === inner) return answer;
      return answer.then(void 0, (error) => onError(error, ctx));
    };
    return dispatch(0);
  };
}

// src/guard/policies/approval/index.ts
function approvalPolicy(options) {
  const now = options.now ?? Date.now;
  const { store, desk } = options;
  const mode = options.approvals?.mode ?? "error";
  const waitMs = (options.approvals?.waitSec ?? 300) * 1e3;
  if (mode === "wait" && !desk) throw new Error("approvals.mode wait needs the approval desk");
  const command = (id) => `mcp-guard guard approvals approve ${id} --config ${options.configFile}`;
  const denied = (a) => new PolicyError(
    CODES.heldForApproval,
    `denied by ${a.decidedBy ?? "an operator"}${a.reason ? `: ${a.reason}` : ""} (approval ${a.id})`,
    { approval_id: a.id, status: "denied", reason: a.reason ?? null }
  );
  const held = (a, threshold, amount, waitedMs) => {
    const links = desk?.links(a.id);
    const waited = waitedMs === void 0 ? "" : ` no decision after ${Math.round(waitedMs / 1e3)} s;`;
    return new PolicyError(
      CODES.heldForApproval,
      `held for approval: ${amount} is above require_approval_above (${threshold});${waited} approve with \`${command(a.id)}\`${links ? ` or at ${links.console}` : ""}, then retry the same call`,
      {
        approval_id: a.id,
        status: "pending",
        expires_at: new Date(a.expiresAt).toISOString(),
        approve: command(a.id),
        ...links ? { console: links.console } : {},
        ...waitedMs === void 0 ? {} : { waited_ms: waitedMs }
      },
      "held"
    );
  };
  async function ask(ctx, agent) {
    const at = now();
    const args = options.recordArguments && ctx.args ? redact(ctx.args, options.recordArguments.redact) : void 0;
    const a = await store.requestApproval({
      agent,
      tool: ctx.tool,
      argsHash: ctx.argsHash,
      amount: ctx.amount,
      summary: `${agent} calls ${ctx.tool} for ${ctx.amount}`,
      ttlSec: options.policies.approvalTtlSec,
      now: at,
      backend: ctx.backend ?? options.backendOf?.(ctx),
      ...args ? { args: canonicalJson(args) } : {}
    });
    if (a.createdAt === at) desk?.notify("approval.held", a);
    return a;
  }
  async function wait(ctx, agent, threshold, started) {
    const hub = desk.hub;
    let announced = false;
    let lastProgress = -1;
    const token = ctx.request.params?._meta?.progressToken;
    for (; ; ) {
      const ticket = await hub.open();
      let progress;
      try {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        if (!announced) await options.onHeld?.(ctx, a);
        announced = true;
        const left = Math.min(started + waitMs, a.expiresAt) - now();
        if (token !== void 0 && ctx.notify) {
          const tell = () => {
            lastProgress = Math.max(lastProgress + 1, Math.round((now() - started) / 1e3));
            ctx.notify({
              jsonrpc: "2.0",
              method: "notifications/progress",
              params: {
                progressToken: token,
                progress: lastProgress,
                total: Math.round(waitMs / 1e3),
                message: `held for approval ${a.id}: waiting for a human (${command(a.id)})`
              }
            });
          };
          tell();
          progress = setInterval(tell, options.progressMs ?? 1e4);
        }
        const outcome = await ticket.wait(a.id, left, ctx.signal);
        switch (outcome.status) {
          case "approved":
            return outcome.approval;
          case "denied":
            ctx.approval = { id: a.id, by: outcome.approval.decidedBy };
            throw denied(outcome.approval);
          case "aborted":
            await store.decideApproval(a.id, "withdrawn", agent, "the request was cancelled", now()).then((w) => desk.notify("approval.withdrawn", w)).catch(() => {
            });
            throw new PolicyError(
              CODES.internal,
              `approval ${a.id} withdrawn: the request was cancelled while held`,
              void 0,
              "error"
            );
          case "timeout":
          case "shutdown":
            throw held(a, threshold, ctx.amount, now() - started);
        }
        if (now() - started >= waitMs) throw held(a, threshold, ctx.amount, now() - started);
      } finally {
        clearInterval(progress);
        ticket.close();
      }
    }
  }
  return function approval(ctx, next) {
    const own = ctx.agent === void 0 ? void 0 : options.policies.agents?.[ctx.agent];
    const threshold = own?.requireApprovalAbove ?? options.policies.requireApprovalAbove;
    if (threshold === void 0 || ctx.amount === void 0 || ctx.amount <= threshold) return next();
    return decide(ctx, next, own, threshold);
  };
  async function decide(ctx, next, own, threshold) {
    const agent = ctx.agent ?? "anonymous";
    if (own?.approvals === false) {
      throw new PolicyError(
        CODES.toolBlocked,
        `refused: ${ctx.amount} is above require_approval_above (${threshold}) and agent ${agent} may not use approvals`,
        { tool: ctx.tool, amount: ctx.amount, limit: threshold }
      );
    }
    const started = now();
    for (; ; ) {
      const found = await store.findApproval(agent, ctx.tool, ctx.argsHash, now());
      if (found?.status === "approved" && await store.consumeApproval(found.id, now())) {
        ctx.note = `approved by ${found.decidedBy ?? "unknown"} (approval ${found.id})`;
        ctx.approval = { id: found.id, by: found.decidedBy };
        return next();
      }
      if (found?.status === "denied") {
        ctx.approval = { id: found.id, by: found.decidedBy };
        throw denied(found);
      }
      if (mode === "error") {
        const a = await ask(ctx, agent);
        ctx.approval = { id: a.id };
        throw held(a, threshold, ctx.amount);
      }
      const approved = await wait(ctx, agent, threshold, started);
      if (await store.consumeApproval(approved.id, now())) {
        ctx.note = `approved by ${approved.decidedBy ?? "unknown"} (approval ${approved.id})`;
        ctx.approval = { id: approved.id, by: approved.decidedBy };
        return next();
      }
    }
  }
}

// src/guard/auth/principal.ts
function bindOAuthScopes(session, scopes) {
  session.scopes = [...scopes];
}
function bindPrincipal(session, principal) {
  session.agent = principal.agent;
  session.peer = principal.address;
  if (principal.scopes) bindOAuthScopes(session, principal.scopes);
}

// src/guard/policies/auth/index.ts
var HOW = "pass a credential in _meta.api_key, _meta.token or _meta.authorization of the request (or of initialize), or set MCP_GUARD_API_KEY / MCP_GUARD_TOKEN in the guard environment";
function authPolicy(options) {
  const resource = options.resource ?? (options.http ? canonicalResource(options.http) : void 0);
  const verify = makeVerifier(options.auth, resource, options.store);
  const oauth = options.auth.mode === "oauth" ? options.auth : void 0;
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const tokenMode = options.auth.mode === "jwt" || options.auth.mode === "oauth";
  const fromEnv = tokenMode ? env.MCP_GUARD_TOKEN : env.MCP_GUARD_API_KEY;
  const failLimit = options.failuresPerMinute ?? 60;
  async function refuse(ctx, reason) {
    const { allowed, retryAfterMs } = await options.store.hit(`auth-fail:${ctx.session.peer}`, failLimit, now()).catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!allowed) {
      throw new PolicyError(CODES.rateLimited, "too many failed authentications; slow down", {
        retry_after_ms: retryAfterMs
      });
    }
    throw new PolicyError(CODES.unauthenticated, `unauthenticated: ${reason}`);
  }
  function scoped(ctx, next, scopes) {
    if (oauth === void 0) return next();
    const granted = scopes ?? [];
    if (ctx.method === "tools/call" && ctx.tool !== void 0) {
      const missing = missingScopes(granted, requiredScopes(oauth, ctx.tool));
      if (missing.length > 0) {
        throw new PolicyError(
          CODES.toolBlocked,
          `insufficient scope for tool ${ctx.tool}: needs ${missing.join(" ")}`,
          {
            error: "insufficient_scope",
            tool: ctx.tool,
            missing_scopes: missing
          }
        );
      }
      return next();
    }
    if (ctx.method !== "tools/list") return next();
    return next().then((response) => {
      if (Array.isArray(response.result?.tools)) {
        const tools = response.result.tools;
        response.result.tools = tools.filter(
          (t) => typeof t.name === "string" && missingScopes(granted, requiredScopes(oauth, t.name)).length === 0
        );
      }
      return response;
    });
  }
  async function authenticate(ctx, next) {
    let agent;
    let scopes;
    if (ctx.credential !== void 0) {
      try {
        ({ agent, scopes } = await verify(ctx.credential));
      } catch (error) {
        return refuse(ctx, error.message);
      }
      if (ctx.session.agent !== void 0 && ctx.session.agent !== agent) {
        return refuse(ctx, `this session belongs to agent ${ctx.session.agent}, not ${agent}`);
      }
    } else if (fromEnv !== void 0 && fromEnv !== "") {
      try {
        ({ agent, scopes } = await verify(fromEnv));
      } catch (error) {
        const name = tokenMode ? "MCP_GUARD_TOKEN" : "MCP_GUARD_API_KEY";
        return refuse(ctx, `${name}: ${error.message}`);
      }
    } else {
      return refuse(ctx, `no credential; ${HOW}`);
    }
    if (ctx.session.agent === void 0) {
      ctx.session.agent = agent;
      if (scopes !== void 0) ctx.session.scopes = scopes;
    }
    ctx.agent = agent;
    return scoped(ctx, next, scopes);
  }
  return plainPolicy(function auth(ctx, next) {
    if (options.auth.mode === "none") {
      ctx.agent = ctx.session.agent ?? "anonymous";
      return next();
    }
    const agent = ctx.session.agent;
    if (ctx.credential !== void 0 || agent === void 0) return authenticate(ctx, next);
    ctx.agent = agent;
    return scoped(ctx, next, ctx.session.scopes);
  });
}

// src/guard/policies/pinning/index.ts
import { createHash } from "node:crypto";
var PINNED_FIELDS = ["name", "title", "description", "inputSchema", "outputSchema", "annotations"];
var PIN_CACHE_MS = 1e3;
var PIN_CACHE_MAX = 4096;
function pinnedDefinition(tool, name = tool.name) {
  const out = {};
  for (const field of PINNED_FIELDS) if (tool[field] !== void 0) out[field] = tool[field];
  out.name = name;
  return out;
}
function hashToolDefinition(tool, name = tool.name) {
  const definition = canonicalJson(pinnedDefinition(tool, name));
  return { definition, hash: createHash("sha256").update(definition).digest("hex") };
}
function approveHint(server, tool) {
  return `mcp-guard guard pins approve ${server}/${tool}`;
}
function describe(pin) {
  const name = `${pin.server}/${pin.tool}`;
  return pin.status === "new" ? `new tool ${name} (sha256 ${pin.pendingHash?.slice(0, 12)})` : `tool ${name} changed since it was pinned (sha256 ${pin.hash?.slice(0, 12)} -> ${pin.pendingHash?.slice(0, 12)})`;
}
function addNote(ctx, note) {
  ctx.note = ctx.note ? `${ctx.note}; ${note}` : note;
}
function pinningPolicy(options) {
  const mode = options.mode ?? "warn";
  const { store, router } = options;
  const now = options.now ?? Date.now;
  const locate = options.locate ?? ((ctx, name) => {
    const server = ctx.backend ?? router(ctx.method, name);
    return server === void 0 ? void 0 : { server, tool: name };
  });
  const baselining = /* @__PURE__ */ new Set();
  const cacheMs = options.cacheMs ?? PIN_CACHE_MS;
  const cache = /* @__PURE__ */ new Map();
  const cacheMax = Math.max(1, options.cacheMax ?? PIN_CACHE_MAX);
  const cacheKey = (at) => `${at.server}\0${at.tool}`;
  function remember(at, pin, until) {
    const key = cacheKey(at);
    cache.delete(key);
    if (cache.size >= cacheMax) cache.delete(cache.keys().next().value);
    cache.set(key, { pin, until });
  }
  let generation = 0;
  async function lookup(at) {
    const t = now();
    const hit = cache.get(cacheKey(at));
    if (hit && t < hit.until) return hit.pin;
    const seen = generation;
    const pin = await store.getPin(at.server, at.tool);
    if (cacheMs > 0 && seen === generation) remember(at, pin, t + cacheMs);
    return pin;
  }
  async function checkCall(ctx, name) {
    const at = locate(ctx, name);
    if (!at) return;
    verdict(ctx, name, at, await lookup(at));
  }
  function verdict(ctx, name, at, pin) {
    if (!pin || pin.status === "pinned") return;
    if (mode === "block") {
      throw new PolicyError(
        CODES.toolBlocked,
        `${describe(pin)} and is blocked until a human approves it: ${approveHint(at.server, at.tool)}`,
        { tool: name, server: at.server, pin: pin.status, pendingHash: pin.pendingHash }
      );
    }
    addNote(ctx, `pinning: ${describe(pin)}, not approved`);
  }
  async function checkList(ctx, tools, hasMore) {
    const cursor = ctx.request.params?.cursor !== void 0;
    cache.clear();
    generation++;
    const trustBy = /* @__PURE__ */ new Map();
    const flagged = [];
    const kept = [];
    for (const tool of tools) {
      const t = tool;
      const at = t && typeof t === "object" && typeof t.name === "string" ? locate(ctx, t.name) : void 0;
      if (!at) {
        kept.push(tool);
        continue;
      }
      let trust = trustBy.get(at.server);
      if (trust === void 0) {
        trust = cursor && baselining.has(at.server) || (await store.listPins({ server: at.server })).length === 0;
        trustBy.set(at.server, trust);
      }
      const { definition, hash } = hashToolDefinition(t, at.tool);
      const seenAt = now();
      const pin = await store.putPin({ ...at, hash, definition, trust, now: seenAt });
      if (cacheMs > 0) remember(at, pin, seenAt + cacheMs);
      if (pin.status === "pinned") kept.push(tool);
      else {
        flagged.push(pin);
        if (mode !== "block") kept.push(tool);
      }
    }
    for (const [server, trusted] of trustBy) {
      if (trusted && hasMore) baselining.add(server);
      else baselining.delete(server);
    }
    if (flagged.length > 0) {
      const what = mode === "block" ? flagged.map((p) => `${describe(p)}: approve with ${approveHint(p.server, p.tool)}`) : flagged.map(describe);
      addNote(
        ctx,
        mode === "block" ? `pinning: hidden until approved: ${what.join("; ")}` : `pinning: ${what.join("; ")}; not approved yet (see mcp-guard guard pins diff)`
      );
    }
    return kept;
  }
  function unchecked(ctx, error) {
    if (mode === "block" || !(error instanceof StoreUnavailableError)) throw error;
    addNote(ctx, "pinning: not checked, the state store is unavailable");
  }
  function cachedCheck(ctx, name) {
    const at = locate(ctx, name);
    if (!at) return true;
    const hit = cache.get(cacheKey(at));
    if (hit === void 0 || now() >= hit.until) return false;
    verdict(ctx, name, at, hit.pin);
    return true;
  }
  let checking;
  return function pinning(ctx, next) {
    if (mode === "off") return next();
    const name = ctx.request.params?.name;
    if (ctx.method === "tools/call") {
      if (typeof name !== "string") return next();
      try {
        if (checking === void 0 && cachedCheck(ctx, name)) return next();
      } catch (error) {
        return Promise.reject(error);
      }
      const check = (checking ?? Promise.resolve()).then(() => checkCall(ctx, name));
      const passed = check.catch((error) => unchecked(ctx, error));
      checking = passed.then(
        () => {
        },
        () => {
        }
      );
      const mine = checking;
      return passed.then(() => {
        if (checking === mine) checking = void 0;
        return next();
      });
    }
    if (ctx.method !== "tools/list") return next();
    return listed(ctx, next);
  };
  async function listed(ctx, next) {
    const response = await next();
    const tools = response.result?.tools;
    if (ctx.method === "tools/list" && Array.isArray(tools)) {
      const hasMore = response.result?.nextCursor !== void 0;
      const listed2 = tools;
      response.result.tools = await checkList(ctx, listed2, hasMore).catch((error) => {
        unchecked(ctx, error);
        return listed2;
      });
    }
    return response;
  }
}

// src/guard/policies/rate-limit/lease.ts
var LEASE_TTL_MS = 1e3;
var SWEEP_ABOVE = 1024;
var TokenLeases = class {
  #store;
  #ttlMs;
  #leases = /* @__PURE__ */ new Map();
  constructor(store, ttlMs = LEASE_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }
  /**
   * Admits one call for `key` from the lease in hand, without I/O, when it has a token left: true. False
   * means nothing was taken, and `acquire` decides (asking the store when needed).
   */
  tryAcquire(key, limitPerMinute, now) {
    const lease = this.#leases.get(key);
    if (lease === void 0 || lease.limit !== limitPerMinute || lease.tokens <= 0 || now >= lease.expiresAt)
      return false;
    lease.tokens--;
    return true;
  }
  /** Admits one call for `key` under `limitPerMinute` at `now`, or says when to retry. */
  async acquire(key, limitPerMinute, now) {
    let lease = this.#leases.get(key);
    if (lease === void 0 || lease.limit !== limitPerMinute) {
      const refund = lease && !lease.pending ? lease.tokens : 0;
      lease = { limit: limitPerMinute, tokens: refund, takenAt: -Infinity, expiresAt: now, size: 1 };
      this.#leases.set(key, lease);
    }
    for (; ; ) {
      if (lease.tokens > 0 && now < lease.expiresAt) {
        lease.tokens--;
        return { allowed: true, retryAfterMs: 0 };
      }
      if (!lease.pending) {
        const pending = this.#take(key, lease, now);
        lease.pending = pending;
        pending.then(
          () => this.#settled(lease, pending),
          () => this.#settled(lease, pending)
        );
      }
      const result = await lease.pending;
      if (lease.tokens > 0 && now < lease.expiresAt) continue;
      if (result.granted < result.want) return { allowed: false, retryAfterMs: result.retryAfterMs };
    }
  }
  /** Clears the in-flight marker (before any waiter resumes: it was registered first). */
  #settled(lease, pending) {
    if (lease.pending === pending) lease.pending = void 0;
  }
  /** Takes the next lease for `key` (giving back an expired one's leftovers) and adapts its size. */
  async #take(key, lease, now) {
    const max = Math.max(1, Math.floor(lease.limit / 10));
    if (lease.tokens === 0 && now - lease.takenAt < this.#ttlMs) lease.size = Math.min(max, lease.size * 2);
    else if (lease.tokens > 0) lease.size = Math.max(1, Math.floor(lease.size / 2));
    lease.size = Math.min(lease.size, max);
    const refund = lease.tokens;
    lease.tokens = 0;
    if (this.#leases.size > SWEEP_ABOVE) this.#sweep(key, now);
    const want = lease.size;
    const { granted, retryAfterMs } = await this.#store.take(key, lease.limit, want, now, refund);
    lease.tokens = granted;
    lease.takenAt = now;
    lease.expiresAt = now + this.#ttlMs;
    return { want, granted, retryAfterMs };
  }
  /** Forgets idle keys (memory stays bounded with many agents). */
  #sweep(current, now) {
    for (const [key, lease] of this.#leases) {
      if (key !== current && !lease.pending && lease.expiresAt + this.#ttlMs <= now) this.#leases.delete(key);
    }
  }
  /** Unused tokens held for `key` (tests and diagnostics). */
  held(key) {
    return this.#leases.get(key)?.tokens ?? 0;
  }
};
var shared = /* @__PURE__ */ new WeakMap();
function leasesFor(store) {
  let leases = shared.get(store);
  if (!leases) {
    leases = new TokenLeases(store);
    shared.set(store, leases);
  }
  return leases;
}

// src/guard/policies/rate-limit/index.ts
function rateLimitPolicy(options) {
  const check = (limit, where) => {
    if (limit !== void 0 && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error(`${where}requests_per_minute must be a positive integer, not ${limit}`);
    }
  };
  check(options.requestsPerMinute, "");
  for (const [id, a] of Object.entries(options.agents ?? {})) check(a.requestsPerMinute, `agents.${id}.`);
  const now = options.now ?? Date.now;
  const leases = leasesFor(options.store);
  return function rateLimit(ctx, next) {
    const own = ctx.agent === void 0 ? void 0 : options.agents?.[ctx.agent];
    const limit = own?.requestsPerMinute ?? options.requestsPerMinute;
    if (limit === void 0) return next();
    const key = `agent:${ctx.agent}`;
    const at = now();
    if (leases.tryAcquire(key, limit, at)) return next();
    return acquire(ctx, next, key, limit, at);
  };
  async function acquire(ctx, next, key, limit, at) {
    const { allowed, retryAfterMs } = await leases.acquire(key, limit, at);
    if (!allowed) {
      throw new PolicyError(
        CODES.rateLimited,
        `rate limited: ${limit} requests per minute for agent ${ctx.agent}; retry in ${retryAfterMs} ms`,
        { retry_after_ms: retryAfterMs }
      );
    }
    return next();
  }
}

// src/guard/policies/tool-policy/index.ts
var import_picomatch = __toESM(require_picomatch(), 1);
function matcher(globs) {
  if (!globs || globs.length === 0) return void 0;
  const m = (0, import_picomatch.default)(globs, { dot: true });
  return (name) => m(name);
}
function serverAllowed(policies, agent, server) {
  const servers = agent === void 0 ? void 0 : policies.agents[agent]?.servers;
  return servers === void 0 || servers.includes(server);
}
function toolPredicate(policies) {
  const globalAllow = matcher(policies.toolAllowlist);
  const globalDeny = matcher(policies.toolDenylist);
  const perAgent = new Map(
    Object.entries(policies.agents).map(([agent, p]) => [
      agent,
      { allow: matcher(p.toolAllowlist), deny: matcher(p.toolDenylist) }
    ])
  );
  return (agent, tool, ref) => {
    if (ref && !serverAllowed(policies, agent, ref.server)) return false;
    const names = ref ? [tool, ref.name, `${ref.server}__${ref.name}`] : [tool];
    const any = (m) => names.some((n) => m(n));
    const own = agent === void 0 ? void 0 : perAgent.get(agent);
    if (globalDeny && any(globalDeny) || own?.deny && any(own.deny)) return false;
    if (globalAllow && !any(globalAllow)) return false;
    if (own?.allow && !any(own.allow)) return false;
    return true;
  };
}
function toolPolicy(policies) {
  const allowed = toolPredicate(policies);
  return plainPolicy(check);
  function check(ctx, next) {
    if (ctx.backend !== void 0 && ctx.backend !== "*" && !serverAllowed(policies, ctx.agent, ctx.backend)) {
      throw new PolicyError(
        CODES.toolBlocked,
        `server ${ctx.backend} is not allowed for agent ${ctx.agent}`,
        {
          server: ctx.backend
        }
      );
    }
    if (ctx.method === "tools/call") {
      const params = ctx.request.params ?? {};
      if (typeof params.name !== "string" || params.name === "") {
        throw new PolicyError(CODES.invalidParams, "invalid params: tools/call needs params.name (a string)");
      }
      if (params.arguments !== void 0 && (typeof params.arguments !== "object" || params.arguments === null || Array.isArray(params.arguments))) {
        throw new PolicyError(
          CODES.invalidParams,
          "invalid params: tools/call params.arguments must be an object"
        );
      }
      if (!allowed(ctx.agent, params.name, ctx.resolveTool?.(params.name))) {
        throw new PolicyError(
          CODES.toolBlocked,
          `tool ${params.name} is not allowed for agent ${ctx.agent}`,
          {
            tool: params.name
          }
        );
      }
      return next();
    }
    if (ctx.method !== "tools/list") return next();
    return next().then((response) => {
      if (Array.isArray(response.result?.tools)) {
        const tools = response.result.tools;
        response.result.tools = tools.filter(
          (t) => typeof t.name === "string" && allowed(ctx.agent, t.name, ctx.resolveTool?.(t.name))
        );
      }
      return response;
    });
  }
}

// src/guard/pipeline.ts
function storeUnavailable() {
  return new PolicyError(
    CODES.internal,
    "refused: the state store is unavailable, so limits cannot be checked; the call was not forwarded, retry later",
    { store: "unavailable" },
    "error"
  );
}
function auditUnavailable(error) {
  return new PolicyError(
    CODES.internal,
    `audit log unavailable (${error.message}); the request was refused, not run`,
    void 0,
    "error"
  );
}
var CALL_PREFIX = randomBytes(6).toString("hex");
var calls = 0;
function callId() {
  return `${CALL_PREFIX}${(++calls).toString(16).padStart(4, "0")}`;
}
function asRefusal(thrown) {
  if (thrown instanceof PolicyError) return thrown;
  if (thrown instanceof StoreUnavailableError) return storeUnavailable();
  return new PolicyError(CODES.internal, `internal error: ${thrown.message}`, void 0, "error");
}
function buildPipeline(config, deps) {
  const { store, audit, router } = deps;
  const now = deps.now ?? Date.now;
  const p = config.policies;
  const record = (entry) => audit.appendBatched ? audit.appendBatched(entry) : audit.append(entry);
  const base = (ctx, started) => ({
    agent: ctx.agent,
    session: ctx.session.id,
    method: ctx.method,
    tool: ctx.tool,
    id: ctx.request.id,
    amount: ctx.amount,
    backend: ctx.backend,
    argsHash: ctx.argsHash,
    // The audit log keeps only the hash unless audit.record_arguments is on.
    args: ctx.args,
    approval: ctx.approval?.id,
    by: ctx.approval?.by,
    latencyMs: Math.round(performance.now() - started),
    call: ctx.call
  });
  const steps = [
    authPolicy({
      auth: config.auth,
      http: config.http,
      store,
      failuresPerMinute: p.requestsPerMinute,
      env: deps.env,
      now
    }),
    rateLimitPolicy({ requestsPerMinute: p.requestsPerMinute, agents: p.agents, store, now }),
    ...deps.resolve ? [deps.resolve] : [],
    toolPolicy(p),
    // Inside the tool policy: pins cover every tool a backend offers, then the ACL filters the list.
    pinningPolicy({
      mode: p.pinning,
      store,
      router,
      now,
      // Several backends: routing knows each (prefixed) name's backend and original name.
      locate: deps.resolve ? (ctx, name) => {
        const at = ctx.resolveTool?.(name);
        return at ? { server: at.server, tool: at.name } : void 0;
      } : void 0
    }),
    spendPolicy({ policies: p, store, now, warn: deps.log, owner: deps.owner }),
    approvalPolicy({
      policies: p,
      store,
      configFile: config.file,
      approvals: config.approvals,
      desk: deps.desk,
      recordArguments: config.audit.recordArguments ? { redact: config.audit.redact } : void 0,
      backendOf: (ctx) => router(ctx.method, ctx.tool),
      // A waiting call is in the log as held from the start, then once more with its outcome.
      onHeld: (ctx, a) => record({
        ...base(ctx, performance.now()),
        decision: "held",
        code: CODES.heldForApproval,
        reason: `waiting for approval ${a.id} (up to ${config.approvals.waitSec} s)`,
        // Not an answer: the request's latency is in its outcome's record, and it is counted there.
        latencyMs: void 0,
        waiting: true
      }),
      now
    }),
    async function route(ctx) {
      const backend = ctx.backend ?? router(ctx.method, ctx.tool);
      if (backend === void 0) {
        throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
      }
      ctx.backend = backend;
      if (ctx.method === "tools/call") await ahead(ctx);
      return deps.forward(ctx);
    }
  ];
  const run = compose(steps, (thrown, ctx) => {
    const refusal = asRefusal(thrown);
    ctx.refusal = refusal;
    return errorResponse(ctx.request.id, refusal.code, refusal.message, refusal.data);
  });
  async function ahead(ctx) {
    ctx.call = callId();
    try {
      await record({
        ...base(ctx, performance.now()),
        latencyMs: void 0,
        decision: "forward",
        reservation: ctx.reservation,
        lease: ctx.lease === void 0 ? void 0 : true
      });
    } catch (error) {
      ctx.call = void 0;
      throw auditUnavailable(error);
    }
    if (ctx.reservation !== void 0) {
      try {
        await (ctx.lease ? ctx.lease.forwarded() : store.forwarded(ctx.reservation));
      } catch (error) {
        throw error instanceof StoreUnavailableError ? storeUnavailable() : error;
      }
    }
  }
  function outcome(ctx, response, started) {
    const entry = verdict(ctx, response, started);
    if (ctx.released) entry.released = true;
    return entry;
  }
  function verdict(ctx, response, started) {
    if (ctx.cancelled) {
      const why = ctx.cancelReason ?? "cancelled by the client";
      const reason = ctx.refusal ? `${why} (${ctx.refusal.message})` : why;
      return { ...base(ctx, started), decision: "error", code: CANCELLED, reason };
    }
    const refusal = ctx.refusal;
    if (refusal !== void 0)
      return {
        ...base(ctx, started),
        decision: refusal.decision,
        code: refusal.code,
        reason: refusal.message
      };
    const error = response.error;
    return {
      ...base(ctx, started),
      decision: error ? "error" : "allow",
      code: error?.code,
      reason: error ? error.message : ctx.note
    };
  }
  return async function handle(ctx) {
    const started = performance.now();
    const response = await run(ctx);
    try {
      await record(outcome(ctx, response, started));
    } catch (error) {
      deps.log?.(`guard: cannot write the audit log: ${error.message}`);
      if (ctx.call !== void 0) return response;
      const refusal = auditUnavailable(error);
      return errorResponse(ctx.request.id, refusal.code, refusal.message);
    }
    return response;
  };
}

// src/guard/relay.ts
import { randomUUID } from "node:crypto";

// src/guard/router.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
var ALL_BACKENDS = "*";
function makeRouter(routes, backends, options = {}) {
  const usable = routes.filter((r) => backends.includes(r.target));
  if (usable.length === 0) {
    if (backends.length === 1) return () => backends[0];
    if (options.aggregate) return () => void 0;
    throw new Error(
      `several servers (${backends.join(", ")}) but no routes: add routes or pass --server NAME`
    );
  }
  const compiled = usable.map((r) => ({
    ...r,
    tool: r.toolName ? (0, import_picomatch2.default)(r.toolName, { dot: true }) : void 0
  }));
  return (method, tool) => {
    for (const r of compiled) {
      if (r.mode === "default") return r.target;
      if (r.mode === "method" && r.methodPrefix !== void 0 && method.startsWith(r.methodPrefix))
        return r.target;
      if (r.mode === "tool" && method === "tools/call" && tool !== void 0 && r.tool?.(tool))
        return r.target;
    }
    return void 0;
  };
}

// src/guard/aggregate/naming.ts
import { createHash as createHash2 } from "node:crypto";
var SEPARATOR = "__";
var MAX_NAME = 64;
var CHARSET = /^[A-Za-z0-9_.-]+$/;
var HASH_LENGTH = 8;
function isSafeName(name) {
  return name.length >= 1 && name.length <= MAX_NAME && CHARSET.test(name);
}
function prefixedName(server, name) {
  const plain = `${server}${SEPARATOR}${name}`;
  if (isSafeName(plain)) return plain;
  const hash = createHash2("sha256").update(`${server}\0${name}`).digest("hex").slice(0, HASH_LENGTH);
  const cleaned = plain.replace(/[^A-Za-z0-9_.-]/g, "_");
  return `${cleaned.slice(0, MAX_NAME - HASH_LENGTH - 1)}_${hash}`;
}
function splitPrefixed(exposed, servers) {
  const sorted = [...servers].sort((x, y) => y.length - x.length);
  for (const server of sorted) {
    const head = `${server}${SEPARATOR}`;
    if (exposed.startsWith(head) && exposed.length > head.length) {
      const name = exposed.slice(head.length);
      if (prefixedName(server, name) === exposed) return { server, name };
    }
  }
  return void 0;
}

// src/guard/aggregate/catalog.ts
var LIST_METHODS = {
  "tools/list": { key: "tools", capability: "tools" },
  "prompts/list": { key: "prompts", capability: "prompts" },
  "resources/list": { key: "resources", capability: "resources" },
  "resources/templates/list": { key: "resourceTemplates", capability: "resources" }
};
var CollisionError = class extends Error {
  constructor(what, name, first, second) {
    super(
      `${what} "${name}" is offered by both server ${first} and server ${second}; set namespacing: prefix (or rename one) in the guard config`
    );
    this.name = "CollisionError";
  }
};
var Catalog = class {
  namespacing;
  tools = /* @__PURE__ */ new Map();
  prompts = /* @__PURE__ */ new Map();
  /** Resource URI -> backend. URIs are never renamed: they are addresses, not labels. */
  resources = /* @__PURE__ */ new Map();
  /** URI template -> backend; a URI is matched against the literal part before the first `{`. */
  templates = /* @__PURE__ */ new Map();
  constructor(namespacing) {
    this.namespacing = namespacing;
  }
  /** The exposed name of a tool or prompt of `server`. */
  expose(server, name) {
    return this.namespacing === "prefix" ? prefixedName(server, name) : name;
  }
  /**
   * Takes one page of `server`'s list, renames its items for the client and records them. `first`:
   * this is the first page, so what the backend offered before is forgotten (it may have changed).
   */
  absorb(kind, server, items, first) {
    const byName = kind.key === "tools" ? this.tools : kind.key === "prompts" ? this.prompts : void 0;
    if (byName) {
      if (first) {
        for (const [k, ref] of byName) if (ref.server === server) byName.delete(k);
      }
      const what = kind.key === "tools" ? "tool" : "prompt";
      return items.filter((item) => typeof item.name === "string").map((item) => {
        const name = item.name;
        const exposed = this.expose(server, name);
        const seen = byName.get(exposed);
        if (seen && seen.server !== server) throw new CollisionError(what, exposed, seen.server, server);
        byName.set(exposed, { server, name });
        return exposed === name ? item : { ...item, name: exposed };
      });
    }
    const field = kind.key === "resources" ? "uri" : "uriTemplate";
    const map = kind.key === "resources" ? this.resources : this.templates;
    if (first) {
      for (const [k, owner] of map) if (owner === server) map.delete(k);
    }
    for (const item of items) {
      const uri = item[field];
      if (typeof uri !== "string") continue;
      const seen = map.get(uri);
      if (seen !== void 0 && seen !== server) {
        throw new CollisionError(
          kind.key === "resources" ? "resource" : "resource template",
          uri,
          seen,
          server
        );
      }
      map.set(uri, server);
    }
    return items;
  }
  /** The backend of a resource URI: listed resources first, then the longest matching template. */
  resourceServer(uri) {
    const listed = this.resources.get(uri);
    if (listed !== void 0) return listed;
    let best;
    for (const [template, server] of this.templates) {
      const brace = template.indexOf("{");
      const literal = brace < 0 ? template : template.slice(0, brace);
      if (literal !== "" && uri.startsWith(literal) && (!best || literal.length > best.length)) {
        best = { server, length: literal.length };
      }
    }
    return best?.server;
  }
};

// src/guard/aggregate/cursor.ts
var PREFIX = "mcpg1.";
function encodeCursor(cursors) {
  if (Object.keys(cursors).length === 0) return void 0;
  return PREFIX + Buffer.from(JSON.stringify(cursors), "utf8").toString("base64url");
}
function decodeCursor(cursor, backends) {
  if (typeof cursor !== "string" || !cursor.startsWith(PREFIX)) throw new Error("unknown cursor");
  let value;
  try {
    value = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw new Error("unreadable cursor");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error("unreadable cursor");
  const out = {};
  for (const [backend, c] of Object.entries(value)) {
    if (!backends.includes(backend) || typeof c !== "string")
      throw new Error(`cursor names unknown server ${backend}`);
    out[backend] = c;
  }
  if (Object.keys(out).length === 0) throw new Error("empty cursor");
  return out;
}

// src/guard/aggregate/initialize.ts
function oldestVersion(hellos) {
  const versions = hellos.map((h) => h.result.protocolVersion).filter((v) => typeof v === "string").sort();
  return versions[0];
}
function mergeCapabilities(hellos) {
  const out = {};
  for (const { result } of hellos) {
    const caps = result.capabilities ?? {};
    for (const [key, value] of Object.entries(caps)) {
      if (key === "tasks" || value === null || typeof value !== "object") continue;
      const merged = out[key] ?? {};
      out[key] = merged;
      for (const [flag, v] of Object.entries(value)) {
        if (typeof v === "boolean") merged[flag] = merged[flag] === true || v;
        else if (merged[flag] === void 0) merged[flag] = v;
      }
    }
  }
  return out;
}
function mergeInitialize(hellos) {
  const instructions = hellos.filter((h) => typeof h.result.instructions === "string" && h.result.instructions !== "").map((h) => `[${h.server}]
${h.result.instructions}`);
  const result = {
    protocolVersion: oldestVersion(hellos),
    capabilities: mergeCapabilities(hellos),
    serverInfo: { name: "mcp-guard", version: VERSION }
  };
  if (instructions.length) result.instructions = instructions.join("\n\n");
  return result;
}
var SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
function commonVersions(hellos) {
  const lists = hellos.map(
    (h) => Array.isArray(h.result.supportedVersions) ? h.result.supportedVersions.filter((v) => typeof v === "string") : []
  );
  const [first = [], ...rest] = lists;
  return first.filter((v) => rest.every((list) => list.includes(v)));
}
function mergeDiscover(hellos) {
  const merged = mergeInitialize(hellos);
  const ttls = hellos.map((h) => h.result.ttlMs).filter((t) => typeof t === "number" && t >= 0);
  const result = {
    resultType: "complete",
    supportedVersions: commonVersions(hellos),
    capabilities: merged.capabilities,
    ttlMs: ttls.length === hellos.length ? Math.min(...ttls) : 0,
    cacheScope: hellos.every((h) => h.result.cacheScope === "public") ? "public" : "private",
    _meta: { [SERVER_INFO_KEY]: merged.serverInfo }
  };
  if (merged.instructions !== void 0) result.instructions = merged.instructions;
  return result;
}

// src/guard/aggregate/aggregator.ts
var TARGET_KEY = "target_server";
var FAN_OUT = /* @__PURE__ */ new Set([
  "initialize",
  "server/discover",
  "ping",
  "logging/setLevel",
  ...Object.keys(LIST_METHODS)
]);
var MAX_PAGES = 100;
var UNSUPPORTED_VERSION = -32022;
var VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
var MODERN_ERA = "2026-07-28";
var Aggregator = class {
  catalog;
  #o;
  #names;
  /** Server capabilities per backend, from its `initialize` answer. */
  #caps = /* @__PURE__ */ new Map();
  /** Subscribed resource URI -> backend, replayed when that backend restarts. */
  #subscriptions = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#o = options;
    this.#names = [...options.backends.keys()];
    this.catalog = new Catalog(options.config.namespacing);
  }
  /** Records a backend's `initialize` answer (also after a restart). */
  noteHello(server, result) {
    if (result && typeof result.capabilities === "object" && result.capabilities !== null)
      this.#caps.set(server, result.capabilities);
  }
  /** Resource URIs this session subscribed to on `server`. */
  subscriptionsOf(server) {
    return [...this.#subscriptions].filter(([, s]) => s === server).map(([uri]) => uri);
  }
  /** Where a tool name as the client uses it lives, from the catalogue or the plain prefix form. */
  toolRef = (name) => this.#lookup(this.catalog.tools, name);
  #lookup(map, name) {
    const known = map.get(name);
    if (known) return known;
    return this.catalog.namespacing === "prefix" ? splitPrefixed(name, this.#names) : void 0;
  }
  /** The routing policy: sets `ctx.backend` (a server, or `*` for the methods the guard fans out). */
  resolve = async (ctx, next) => {
    const params = ctx.request.params;
    const meta = params?._meta;
    ctx.resolveTool = this.toolRef;
    if (meta !== void 0 && Object.hasOwn(meta, TARGET_KEY)) {
      const target = meta[TARGET_KEY];
      const { [TARGET_KEY]: _, ...rest } = meta;
      ctx.request = { ...ctx.request, params: { ...params, _meta: rest } };
      if (FAN_OUT.has(ctx.method) && !LIST_METHODS[ctx.method]) {
        ctx.backend = ALL_BACKENDS;
        return next();
      }
      if (typeof target !== "string" || !this.#o.backends.has(target)) {
        throw new PolicyError(
          CODES.noRoute,
          `_meta.${TARGET_KEY}: no server named ${JSON.stringify(target)}`
        );
      }
      if (!serverAllowed(this.#o.config.policies, ctx.agent, target)) {
        throw new PolicyError(CODES.toolBlocked, `server ${target} is not allowed for agent ${ctx.agent}`, {
          server: target
        });
      }
      ctx.backend = target;
      if (ctx.method === "tools/call" && ctx.tool !== void 0) {
        const tool = ctx.tool;
        const ref = this.toolRef(tool);
        const pinned = ref?.server === target ? ref : { server: target, name: tool };
        ctx.resolveTool = (name) => name === tool ? pinned : this.toolRef(name);
      }
      return next();
    }
    if (FAN_OUT.has(ctx.method)) {
      ctx.backend = ALL_BACKENDS;
      return next();
    }
    const backend = await this.#route(ctx);
    if (backend === void 0) {
      throw new PolicyError(CODES.noRoute, `no route for ${ctx.tool ? `tool ${ctx.tool}` : ctx.method}`);
    }
    ctx.backend = backend;
    return next();
  };
  async #route(ctx) {
    const params = ctx.request.params ?? {};
    const { router } = this.#o;
    const name = typeof params.name === "string" ? params.name : void 0;
    const byName = async (listMethod, map) => {
      if (name === void 0) return void 0;
      let ref = this.#lookup(map, name);
      if (!ref) {
        await this.#refresh([listMethod]);
        ref = this.#lookup(map, name);
      }
      return ref?.server;
    };
    const byUri = async (uri) => {
      if (typeof uri !== "string") return void 0;
      let server = this.catalog.resourceServer(uri);
      if (server === void 0) {
        await this.#refresh(["resources/list", "resources/templates/list"]);
        server = this.catalog.resourceServer(uri);
      }
      return server;
    };
    let found;
    switch (ctx.method) {
      case "tools/call":
        found = await byName("tools/list", this.catalog.tools);
        break;
      case "prompts/get":
        found = await byName("prompts/list", this.catalog.prompts);
        break;
      case "resources/read":
      case "resources/subscribe":
      case "resources/unsubscribe":
        found = await byUri(params.uri);
        break;
      case "completion/complete": {
        const ref = params.ref ?? {};
        if (ref.type === "ref/prompt" && typeof ref.name === "string") {
          let prompt = this.#lookup(this.catalog.prompts, ref.name);
          if (!prompt) {
            await this.#refresh(["prompts/list"]);
            prompt = this.#lookup(this.catalog.prompts, ref.name);
          }
          found = prompt?.server;
        } else if (ref.type === "ref/resource") found = await byUri(ref.uri);
        break;
      }
    }
    return found ?? router(ctx.method, ctx.tool);
  }
  /** Lists every page of the given lists from every backend that has them, to fill the catalogue. */
  async #refresh(methods) {
    for (const method of methods) {
      const kind = LIST_METHODS[method];
      for (const server of this.#eligible(kind, void 0)) {
        let cursor;
        for (let page = 0; page < MAX_PAGES; page++) {
          const response = await this.#o.send(
            server,
            { jsonrpc: "2.0", id: mintId(), method, params: cursor === void 0 ? {} : { cursor } },
            true
          );
          const result = response.result;
          if (!result || !Array.isArray(result[kind.key])) break;
          try {
            this.catalog.absorb(kind, server, result[kind.key], page === 0);
          } catch (error) {
            if (error instanceof CollisionError) throw new PolicyError(CODES.internal, error.message);
            throw error;
          }
          if (typeof result.nextCursor !== "string") break;
          cursor = result.nextCursor;
        }
      }
    }
  }
  /** Backends that are up, offer `kind` (when known), and that `agent` may reach. */
  #eligible(kind, agent) {
    return this.#names.filter((name) => {
      if (this.#o.backends.get(name)?.state !== "up") return false;
      if (!serverAllowed(this.#o.config.policies, agent, name)) return false;
      const caps = this.#caps.get(name);
      return !kind || !caps || caps[kind.capability] !== void 0;
    });
  }
  /** Forwards a request that passed the pipeline: fanned out (`ctx.backend` is `*`) or to one backend. */
  async handle(ctx) {
    const request = ctx.request;
    const kind = LIST_METHODS[ctx.method];
    if (ctx.backend === ALL_BACKENDS) {
      if (ctx.method === "initialize") return this.#initialize(request);
      if (ctx.method === "server/discover") return this.#discover(request);
      if (ctx.method === "ping") return { jsonrpc: "2.0", id: request.id, result: eraResult(request, {}) };
      if (kind) return this.#list(ctx, kind, this.#eligible(kind, ctx.agent));
      return this.#broadcast(request, this.#eligible(void 0, ctx.agent));
    }
    const backend = ctx.backend;
    if (kind) return this.#list(ctx, kind, [backend]);
    const response = await this.#o.send(backend, this.#restoreNames(ctx, backend), false);
    const uri = request.params?.uri;
    if (!response.error && typeof uri === "string") {
      if (ctx.method === "resources/subscribe") this.#subscriptions.set(uri, backend);
      if (ctx.method === "resources/unsubscribe") this.#subscriptions.delete(uri);
    }
    return response;
  }
  /** The request as the backend knows it: exposed tool and prompt names back to the originals. */
  #restoreNames(ctx, backend) {
    const request = ctx.request;
    const params = request.params ?? {};
    const original = (map, name) => {
      if (typeof name !== "string") return void 0;
      const ref = map === this.catalog.tools ? ctx.resolveTool?.(name) : this.#lookup(map, name);
      return ref?.server === backend ? ref.name : void 0;
    };
    if (ctx.method === "tools/call") {
      const name = original(this.catalog.tools, params.name);
      if (name !== void 0) return { ...request, params: { ...params, name } };
    } else if (ctx.method === "prompts/get") {
      const name = original(this.catalog.prompts, params.name);
      if (name !== void 0) return { ...request, params: { ...params, name } };
    } else if (ctx.method === "completion/complete") {
      const ref = params.ref ?? {};
      const name = ref.type === "ref/prompt" ? original(this.catalog.prompts, ref.name) : void 0;
      if (name !== void 0) return { ...request, params: { ...params, ref: { ...ref, name } } };
    }
    return request;
  }
  async #initialize(request) {
    const servers = this.#eligible(void 0, void 0);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const hellos = [];
    answers.forEach((answer, i) => {
      if (answer.result) {
        hellos.push({ server: servers[i], result: answer.result });
        this.noteHello(servers[i], answer.result);
      } else this.#o.log(`[${servers[i]}] guard: initialize failed: ${answer.error?.message}`);
    });
    if (hellos.length === 0) {
      return answers[0] ?? errorResponse(request.id, CODES.internal, "no backend is up");
    }
    const versions = new Set(hellos.map((h) => h.result.protocolVersion));
    if (versions.size > 1) {
      this.#o.log(
        `guard: backends answered different protocol versions (${hellos.map((h) => `${h.server} ${h.result.protocolVersion}`).join(", ")}); the client gets the oldest`
      );
    }
    return { jsonrpc: "2.0", id: request.id, result: mergeInitialize(hellos) };
  }
  /**
   * `server/discover` (modern era) asked of every backend and answered by the guard. A backend that
   * cannot answer it (a legacy-only server's `-32601`) makes the whole answer that error, so the client
   * falls back to the legacy era, where `initialize` is merged; backends with no version in common
   * get `-32022` listing none, which sends the client to the legacy era too.
   */
  async #discover(request) {
    const servers = this.#eligible(void 0, void 0);
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const failed = answers.findIndex((a) => !a.result);
    if (failed >= 0) {
      this.#o.log(
        `[${servers[failed]}] guard: server/discover failed (${answers[failed].error?.message}); the client gets its error`
      );
      return answers[failed];
    }
    if (answers.length === 0) return noBackend(request);
    const hellos = answers.map((a, i) => ({ server: servers[i], result: a.result }));
    for (const h of hellos) this.noteHello(h.server, h.result);
    const merged = mergeDiscover(hellos);
    const common = merged.supportedVersions;
    if (common.length === 0) {
      const offered = hellos.map((h) => `${h.server} ${JSON.stringify(h.result.supportedVersions)}`).join(", ");
      this.#o.log(
        `guard: the servers have no protocol version in common (${offered}); the client must use the legacy era`
      );
      const requested = request.params?._meta?.[VERSION_KEY];
      return errorResponse(
        request.id,
        UNSUPPORTED_VERSION,
        `no protocol version every server supports (${offered})`,
        {
          supported: [],
          ...typeof requested === "string" ? { requested } : {}
        }
      );
    }
    return { jsonrpc: "2.0", id: request.id, result: merged };
  }
  async #broadcast(request, servers) {
    const answers = await Promise.all(servers.map((s) => this.#o.send(s, request, false)));
    const ok = answers.find((a) => !a.error);
    return ok ? { jsonrpc: "2.0", id: request.id, result: eraResult(request, {}) } : answers[0] ?? noBackend(request);
  }
  async #list(ctx, kind, servers) {
    const request = ctx.request;
    const params = request.params ?? {};
    let pages;
    if (params.cursor !== void 0) {
      try {
        pages = decodeCursor(params.cursor, this.#names);
      } catch (error) {
        return errorResponse(request.id, CODES.invalidParams, `invalid params: ${error.message}`);
      }
      for (const s of Object.keys(pages)) if (!servers.includes(s)) delete pages[s];
    } else pages = Object.fromEntries(servers.map((s) => [s, void 0]));
    const targets = Object.keys(pages);
    const answers = await Promise.all(
      targets.map((s) => {
        const { cursor: _, ...rest } = params;
        const cursor2 = pages[s];
        return this.#o.send(
          s,
          { ...request, params: cursor2 === void 0 ? rest : { ...rest, cursor: cursor2 } },
          false
        );
      })
    );
    if (ctx.cancelled) return answers[0] ?? noBackend(request);
    const items = [];
    const next = {};
    let failures = 0;
    for (const [i, answer] of answers.entries()) {
      const server = targets[i];
      const list = answer.result?.[kind.key];
      if (!Array.isArray(list)) {
        failures++;
        this.#o.log(`[${server}] guard: ${request.method} failed: ${answer.error?.message ?? "no list"}`);
        continue;
      }
      try {
        items.push(...this.catalog.absorb(kind, server, list, pages[server] === void 0));
      } catch (error) {
        if (!(error instanceof CollisionError)) throw error;
        this.#o.log(`guard: ${error.message}`);
        return errorResponse(request.id, CODES.internal, error.message);
      }
      if (typeof answer.result?.nextCursor === "string") next[server] = answer.result.nextCursor;
    }
    if (targets.length > 0 && failures === targets.length) return answers[0];
    const result = eraResult(request, { [kind.key]: items });
    if (result.resultType !== void 0) {
      const ttls = answers.map((a) => a.result?.ttlMs).filter((t) => typeof t === "number" && t >= 0);
      result.ttlMs = ttls.length === answers.length && ttls.length > 0 ? Math.min(...ttls) : 0;
      result.cacheScope = "private";
    }
    const cursor = encodeCursor(next);
    if (cursor !== void 0) result.nextCursor = cursor;
    return { jsonrpc: "2.0", id: request.id, result };
  }
};
function eraResult(request, result) {
  const version = request.params?._meta?.[VERSION_KEY];
  return typeof version === "string" && version >= MODERN_ERA ? { resultType: "complete", ...result } : result;
}
function noBackend(request) {
  return errorResponse(request.id, CODES.internal, "no backend is up");
}

// src/guard/relay.ts
var Relay = class {
  session = { id: randomUUID(), peer: "stdio" };
  pipeline;
  /** Set when there are several backends: merges lists and routes names (its `resolve` is a policy). */
  aggregator;
  #o;
  /** Requests the backends sent to the client, waiting for its answer (owner: the backend that asked). */
  #toClient;
  /** Client requests not yet answered, by the client's id: a cancellation finds them here. */
  #active = /* @__PURE__ */ new Map();
  /** The client transport minted its request ids (HTTP calls): no backend needs to mint others. */
  #minted;
  /** Answers still being handed to backends (awaited at close). */
  #answering = /* @__PURE__ */ new Set();
  #notify;
  #initialize;
  #initialized = false;
  #closing = false;
  /** The client's input has ended: nothing it could answer will come. */
  #inputEnded = false;
  /** Client requests not yet answered (in the pipeline or at a backend); `drain` waits for 0. */
  #inflight = 0;
  /** Set by `drain` while it waits: called when `#inflight` comes down to 0. */
  #drained;
  constructor(options) {
    this.#o = options;
    const client = options.client;
    this.#minted = client.mintsIds === true;
    this.#notify = (n) => void this.#toClientSend(n);
    this.#toClient = new Correlator({
      send: (m) => client.send(m),
      timedOut: (r) => errorResponse(r.original, CODES.internal, "the client did not answer in time")
    });
    for (const backend of options.backends.values()) {
      backend.onmessage = (m) => this.#fromBackend(backend, m);
      backend.oncrash = (reason) => this.#toClient.abandon(backend, reason, true);
      backend.onstart = (restart) => this.#reinitialize(backend, restart);
    }
    this.aggregator = options.backends.size > 1 ? new Aggregator({
      config: options.config,
      backends: options.backends,
      router: options.router ?? (() => void 0),
      send: (name, request, internal) => this.#send(name, request, internal),
      log: options.log
    }) : void 0;
    client.onmessage = (m) => this.#fromClient(m);
    client.oninvalid = (reply, reason) => {
      this.#o.log(`guard: invalid message from the client: ${reason}`);
      this.#record({
        decision: "deny",
        session: this.session.id,
        method: "(invalid)",
        id: reply?.id ?? null,
        code: reply?.error?.code,
        reason,
        latencyMs: 0
      });
      if (reply) void this.#toClientSend(reply);
    };
  }
  /** Forwards a request that passed the pipeline to `ctx.backend`; resolves with its response. */
  forward = async (ctx) => {
    if (this.aggregator) {
      if (ctx.method === "initialize") this.#initialize = ctx.request;
      return this.aggregator.handle(ctx);
    }
    const backend = this.#o.backends.get(ctx.backend);
    if (ctx.method === "initialize") {
      this.#initialize = ctx.request;
      for (const other of this.#o.backends.values()) {
        if (other !== backend && other.state === "up") void this.#call(other, ctx.request, false);
      }
    }
    if (backend.state !== "up") {
      return errorResponse(
        ctx.request.id,
        CODES.internal,
        `backend ${backend.name} is ${backend.state}${backend.retryInMs ? `; restarting in ${backend.retryInMs} ms` : ""}`,
        { backend: backend.name }
      );
    }
    return this.#call(backend, ctx.request, false);
  };
  /** The aggregator's way to a backend: a client request, or one of the guard's own (`internal`). */
  #send(name, request, internal) {
    const backend = this.#o.backends.get(name);
    if (backend.state !== "up") {
      return Promise.resolve(
        errorResponse(request.id, CODES.internal, `backend ${name} is ${backend.state}`, { backend: name })
      );
    }
    return this.#call(backend, request, internal);
  }
  /** Sends a request to a backend and waits for its answer; a cancelled one gets a placeholder nobody sees. */
  async #call(backend, request, internal) {
    const { initializeTimeoutMs, requestTimeoutMs } = this.#o.config.limits;
    const response = await backend.request(request, {
      // A backend that never answers `initialize` is stuck starting (a download behind a proxy, a
      // prompt for input): it gets a shorter limit, and the error quotes what it last said.
      timeoutMs: request.method === "initialize" ? initializeTimeoutMs : requestTimeoutMs,
      minted: internal || this.#minted,
      onprogress: this.#notify
    });
    return response ?? errorResponse(request.id, CODES.internal, "cancelled");
  }
  async #toClientSend(message) {
    try {
      await this.#o.client.send(message);
    } catch (error) {
      this.#o.log(`guard: cannot write to the client: ${error.message}`);
    }
  }
  /** An audit record the relay writes itself (invalid input, dropped notifications); never throws. */
  #record(entry) {
    try {
      this.#o.audit.append(entry);
    } catch (error) {
      this.#o.log(`guard: cannot write the audit log: ${error.message}`);
    }
  }
  /**
   * Every message from the client lands here. Nothing a message holds may throw past this point: a
   * throw would end the session (over stdio, the guard) with nobody answered.
   */
  #fromClient(message) {
    try {
      if (this.#closing) {
        if (isRequest(message))
          void this.#toClientSend(errorResponse(message.id, CODES.internal, "guard is shutting down"));
        return;
      }
      if (isRequest(message)) void this.#clientRequest(message);
      else if (isNotification(message)) this.#clientNotification(message);
      else if (!this.#toClient.receive(message))
        this.#o.log(`guard: response from the client with unknown id ${JSON.stringify(message.id)} ignored`);
    } catch (error) {
      this.#o.log(`guard: internal error on a client message: ${error.stack ?? error}`);
      if (isRequest(message))
        void this.#toClientSend(errorResponse(message.id, CODES.internal, "internal error in mcp-guard"));
    }
  }
  async #clientRequest(message) {
    const id = message.id;
    let ctx;
    this.#inflight++;
    try {
      let response;
      try {
        ctx = createContext(this.session, message, this.#notify);
        this.#active.set(id, ctx);
        response = await this.pipeline(ctx);
      } catch (error) {
        this.#o.log(`guard: internal error on ${message.method}: ${error.stack ?? error}`);
        response = errorResponse(id, CODES.internal, "internal error in mcp-guard");
      }
      if (message.method !== "tools/call") forgetRaw(response);
      if (!ctx?.cancelled) await this.#toClientSend(response);
    } finally {
      if (ctx !== void 0 && this.#active.get(id) === ctx) this.#active.delete(id);
      if (--this.#inflight === 0) this.#drained?.();
    }
  }
  #clientNotification(message) {
    const { params } = takeCredential(message.params);
    let note = message;
    if (params !== message.params) {
      note = { ...message };
      if (params === void 0) delete note.params;
      else note.params = params;
    }
    if (this.#o.config.auth.mode !== "none" && this.session.agent === void 0) {
      this.#record({
        decision: "deny",
        session: this.session.id,
        method: message.method,
        code: CODES.unauthenticated,
        reason: "notification from an unauthenticated session dropped",
        latencyMs: 0
      });
      return;
    }
    if (message.method === "notifications/cancelled") {
      const requestId = params?.requestId;
      const reason = typeof params?.reason === "string" ? params.reason : "cancelled by the client";
      if (requestId !== void 0) this.#active.get(requestId)?.cancel();
      for (const backend of this.#o.backends.values()) backend.cancel(requestId, reason);
      return;
    }
    if (message.method === "notifications/initialized") this.#initialized = true;
    for (const backend of this.#o.backends.values()) {
      if (backend.state === "up") void backend.send(note).catch(() => {
      });
    }
  }
  /** Every message from a backend lands here; like the client's, nothing in it may throw past this point. */
  #fromBackend(backend, message) {
    try {
      if (isRequest(message)) this.#serverRequest(backend, message);
      else if (isNotification(message)) this.#serverNotification(backend, message);
    } catch (error) {
      this.#o.log(`[${backend.name}] guard: internal error on a backend message: ${error.stack}`);
    }
  }
  /** A server-to-client request: to the client under an id of the guard's (backends share its id space). */
  #serverRequest(backend, message) {
    if (this.#inputEnded) {
      void backend.send(errorResponse(message.id, CODES.internal, "the client has closed its input")).catch(() => {
      });
      return;
    }
    const answered = this.#toClient.request(message, { owner: backend, timeoutMs: this.#o.config.limits.requestTimeoutMs }).then(async (response) => {
      if (response === void 0) return;
      await backend.send(response).catch((error) => {
        this.#o.log(`guard: cannot relay a response to ${backend.name}: ${error.message}`);
      });
    }).finally(() => this.#answering.delete(answered));
    this.#answering.add(answered);
  }
  #serverNotification(backend, message) {
    if (message.method === "notifications/cancelled") {
      const requestId = message.params?.requestId;
      const reason = typeof message.params?.reason === "string" ? message.params.reason : "cancelled by the server";
      if (this.#toClient.cancel(requestId, reason, backend) > 0) return;
    } else if (message.method === "notifications/progress" && this.aggregator) {
      return;
    }
    void this.#toClientSend(message);
  }
  /** After a restart, replays the client's `initialize` (and `initialized`) so the new process has a session. */
  async #reinitialize(backend, restart) {
    if (!restart || !this.#initialize) return;
    const timeoutMs = this.#o.config.limits.initializeTimeoutMs;
    const response = await backend.request(
      { ...this.#initialize, id: mintId() },
      { duringStart: true, minted: true, timeoutMs }
    );
    if (response?.error || response === void 0)
      throw new Error(`initialize: ${response?.error?.message ?? "cancelled"}`);
    this.aggregator?.noteHello(backend.name, response.result);
    if (this.#initialized) await backend.send({ jsonrpc: "2.0", method: "notifications/initialized" }, true);
    for (const uri of this.aggregator?.subscriptionsOf(backend.name) ?? []) {
      void backend.request(
        { jsonrpc: "2.0", id: mintId(), method: "resources/subscribe", params: { uri } },
        { duringStart: true, minted: true, timeoutMs: this.#o.config.limits.requestTimeoutMs }
      );
    }
    this.#o.log(`[${backend.name}] guard: restarted and re-initialized`);
  }
  /**
   * The client's input has ended: lets every request already received finish and its answer be written.
   * Requests the backends send to the client from now on are answered with an error at once (the client
   * can no longer reply), and so are those already waiting for it.
   */
  async drain() {
    this.#inputEnded = true;
    this.#toClient.fail(void 0, "the client has closed its input");
    if (this.#inflight > 0)
      await new Promise((resolve) => {
        this.#drained = resolve;
      });
  }
  /** Ends every pending request in both directions and stops accepting new ones. */
  async close() {
    this.#closing = true;
    for (const ctx of this.#active.values()) ctx.cancel("the session closed");
    for (const backend of this.#o.backends.values()) backend.failPending("guard is shutting down");
    this.#toClient.fail(void 0, "the client went away");
    await Promise.all([...this.#answering]);
  }
};

// src/guard/guard.ts
function backendOptions(config, log, env, timings = {}) {
  return {
    maxMessageBytes: config.limits.maxMessageBytes,
    maxDepth: config.limits.maxDepth,
    log,
    parentEnv: env,
    ...timings
  };
}
function createGuard(config, deps) {
  const missing = ["store", "audit", "clientTransport"].filter((k) => !deps?.[k]);
  if (missing.length > 0)
    throw new TypeError(
      `createGuard: deps.${missing.join(", deps.")} missing; startGuard(config) opens the config's store and audit log and serves stdio or HTTP for you`
    );
  const log = deps.log ?? ((line) => process.stderr.write(`${line}
`));
  const env = deps.env ?? process.env;
  let names = Object.keys(config.servers);
  if (deps.server !== void 0) {
    if (!config.servers[deps.server]) {
      throw new Error(
        `--server ${deps.server}: no such server in ${config.file} (have: ${names.join(", ")})`
      );
    }
    names = [deps.server];
  }
  if (names.length === 0) throw new Error(`${config.file}: no servers to guard`);
  const backends = /* @__PURE__ */ new Map();
  for (const name of names) {
    const server = config.servers[name];
    backends.set(
      name,
      deps.makeBackend?.(server) ?? createBackend(server, backendOptions(config, log, env, deps.backend))
    );
  }
  const router = makeRouter(deps.server === void 0 ? config.routes : [], names, {
    aggregate: names.length > 1
  });
  const relay = new Relay({ config, client: deps.clientTransport, backends, audit: deps.audit, log, router });
  deps.session?.(relay.session);
  const desk = deps.desk ?? new ApprovalDesk({ store: deps.store, config, log });
  relay.pipeline = buildPipeline(config, {
    desk,
    store: deps.store,
    audit: deps.audit,
    router,
    forward: relay.forward,
    resolve: relay.aggregator?.resolve,
    env,
    owner: deps.owner,
    log
  });
  let resolveClosed;
  const closed = new Promise((resolve) => {
    resolveClosed = resolve;
  });
  let closing;
  const close = () => {
    closing ??= (async () => {
      if (!deps.desk) desk.close();
      await relay.close();
      await closeSessionLeases(deps.store, relay.session.id);
      await Promise.all([...backends.values()].map((b) => b.stop()));
      await deps.clientTransport.close().catch(() => {
      });
      resolveClosed();
    })();
    return closing;
  };
  deps.clientTransport.onclose = () => void close();
  deps.clientTransport.onend = () => void relay.drain().then(close);
  deps.clientTransport.onerror = (error) => log(`guard: client stream error: ${error.message}`);
  return {
    backends,
    closed,
    close,
    async start() {
      await Promise.all([...backends.values()].map((b) => b.start()));
      await deps.clientTransport.start();
    }
  };
}

export {
  mintId,
  Correlator,
  createBackend,
  bindPrincipal,
  backendOptions,
  createGuard
};
