import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GENESIS,
  hashArgs,
  recordHash,
  redact
} from "./chunk-FY4PTLU6.js";

// src/guard/audit/log.ts
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync
} from "node:fs";
import { dirname } from "node:path";
function lastLine(fd) {
  const size = fstatSync(fd).size;
  let chunk = 4096;
  while (true) {
    const start = Math.max(0, size - chunk);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString("utf8").replace(/\n+$/, "");
    const nl = text.lastIndexOf("\n");
    if (nl >= 0 || start === 0) return text.slice(nl + 1) || void 0;
    chunk *= 4;
  }
}
var AuditLog = class _AuditLog {
  path;
  fd;
  seq;
  prev;
  options;
  constructor(path, fd, seq, prev, options) {
    this.path = path;
    this.fd = fd;
    this.seq = seq;
    this.prev = prev;
    this.options = options;
  }
  /**
   * Opens (creating with mode 0600) the log at `path` and resumes its chain from the last record.
   * Refuses a file whose last line is not a record: chaining onto it would hide the damage.
   */
  static async open(path, options = {}) {
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 448 });
    const fd = openSync(path, "a+", 384);
    const last = lastLine(fd);
    if (last === void 0) return new _AuditLog(path, fd, 0, GENESIS, options);
    let record;
    try {
      record = JSON.parse(last);
    } catch {
      closeSync(fd);
      throw new Error(
        `${path}: the last line is not a JSON record; run \`mcp-guard guard audit verify ${path}\``
      );
    }
    if (!Number.isInteger(record.seq) || typeof record.hash !== "string" || recordHash(record) !== record.hash) {
      closeSync(fd);
      throw new Error(
        `${path}: the last record does not match its hash; run \`mcp-guard guard audit verify ${path}\``
      );
    }
    return new _AuditLog(path, fd, record.seq, record.hash, options);
  }
  /** Appends one record (redacted, arguments hashed unless recorded) and returns it as written. */
  append(entry) {
    if (this.fd < 0) throw new Error("audit log is closed");
    const { args, time, ...rest } = entry;
    const body = {
      ...redact(rest, this.options.redact),
      time: time ?? (/* @__PURE__ */ new Date()).toISOString(),
      seq: this.seq + 1,
      prev: this.prev
    };
    if (args !== void 0) {
      body.argsHash ??= hashArgs(args);
      if (this.options.recordArguments) body.args = redact(args, this.options.redact);
    }
    const record = { ...body, hash: recordHash(body) };
    const line = Buffer.from(`${JSON.stringify(record)}
`, "utf8");
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written);
    this.seq = record.seq;
    this.prev = record.hash;
    return record;
  }
  /** Forces appended records to the disk. */
  async flush() {
    if (this.fd >= 0) fsyncSync(this.fd);
  }
  /** Flushes and closes the file. */
  close() {
    if (this.fd < 0) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
  }
};

export {
  AuditLog
};
