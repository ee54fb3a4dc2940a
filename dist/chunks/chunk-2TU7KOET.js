import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GENESIS,
  RECORD_ORDER,
  REDACTED,
  hashArgs,
  recordHash,
  redactor,
  sealRecord
} from "./chunk-R4QOK6IO.js";

// src/guard/audit/log.ts
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync
} from "node:fs";
import { dirname } from "node:path";
var isoMs = Number.NaN;
var isoText = "";
function isoNow() {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}
var AuditLogError = class extends Error {
  path;
  reason;
  constructor(path, reason, message) {
    super(message);
    this.name = "AuditLogError";
    this.path = path;
    this.reason = reason;
  }
};
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
function endsWithNewline(fd, size) {
  const buf = Buffer.alloc(1);
  readSync(fd, buf, 0, 1, size - 1);
  return buf[0] === 10;
}
var AuditLog = class _AuditLog {
  path;
  fd;
  seq;
  prev;
  options;
  /** `redact` with this log's extra names, prepared once rather than per record. */
  redact;
  /** Records chained but not yet written (see `appendBatched`), and the chain position before them. */
  batch;
  batchDone;
  /** A record already went straight to the file in this tick: the next ones are batched. */
  busy = false;
  idle = () => {
    this.busy = false;
  };
  /** Bytes of whole records in the file: a failed write is cut back to this. */
  size;
  /** The last write failed (and nothing has been written since): why. */
  failure;
  constructor(path, fd, seq, prev, options) {
    this.path = path;
    this.fd = fd;
    this.seq = seq;
    this.prev = prev;
    this.options = options;
    this.redact = redactor(options.redact);
    this.size = fstatSync(fd).size;
  }
  /** Why the last write failed, while nothing has been written since; undefined when writing works. */
  get failing() {
    return this.failure;
  }
  /**
   * Undefined when records can be written. While the last write failed, tries again with a record of the
   * outage (so a guard drained by its load balancer finds out when the disk has room again) and returns
   * why writing still fails, if it does.
   */
  async health() {
    if (this.fd < 0) return "the audit log is closed";
    const failed = this.failure;
    if (failed === void 0) return void 0;
    try {
      this.append({
        decision: "resume",
        reason: `the audit log is writable again (after: ${failed.message})`
      });
      return void 0;
    } catch (error) {
      return `audit log ${this.path}: ${error.message}`;
    }
  }
  /**
   * Opens (creating with mode 0600) the log at `path` and resumes its chain from the last record.
   * Refuses a file whose last line is not a record: chaining onto it would hide the damage.
   */
  static async open(path, options = {}) {
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 448 });
    const fd = openSync(path, "a+", 384);
    const size = fstatSync(fd).size;
    const last = lastLine(fd);
    if (last === void 0) return new _AuditLog(path, fd, 0, GENESIS, options);
    let record;
    try {
      record = JSON.parse(last);
    } catch {
      record = void 0;
    }
    if (record === void 0) {
      const whole = endsWithNewline(fd, size);
      closeSync(fd);
      if (whole)
        throw new AuditLogError(
          path,
          "edited",
          `${path}: the last line is not a JSON record; run \`mcp-guard guard audit verify ${path}\``
        );
      throw new AuditLogError(
        path,
        "torn",
        `${path}: the last line is torn (a write was interrupted); run \`mcp-guard guard audit repair ${path}\` to set it aside and continue the chain`
      );
    }
    if (!Number.isInteger(record.seq) || typeof record.hash !== "string" || recordHash(record) !== record.hash) {
      closeSync(fd);
      throw new AuditLogError(
        path,
        "edited",
        `${path}: the last record does not match its hash; run \`mcp-guard guard audit verify ${path}\``
      );
    }
    if (!endsWithNewline(fd, size)) writeSync(fd, "\n");
    return new _AuditLog(path, fd, record.seq, record.hash, options);
  }
  /** Appends one record (redacted, arguments hashed unless recorded) and returns it as written. */
  append(entry) {
    if (this.fd < 0) throw new Error("audit log is closed");
    this.writeBatch();
    const { record, line } = this.build(entry);
    this.write(line);
    this.seq = record.seq;
    this.prev = record.hash;
    return record;
  }
  /**
   * Like `append`, but the line is written together with the other records of this tick, in one write
   * (one system call for a burst of pipelined requests instead of one each). The record is chained at
   * once; the promise resolves once it is in the file (as `append` returns), or rejects if the write
   * failed, in which case the chain goes back to the last record written.
   */
  appendBatched(entry) {
    if (this.fd < 0) return Promise.reject(new Error("audit log is closed"));
    if (!this.busy && !this.batch) {
      this.busy = true;
      process.nextTick(this.idle);
      try {
        return Promise.resolve(this.append(entry));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const { record, line } = this.build(entry);
    if (!this.batch) {
      const { seq, prev } = this;
      this.batchDone = new Promise((resolve, reject) => {
        this.batch = { lines: [], seq, prev, resolve, reject };
      });
      process.nextTick(() => {
        try {
          this.writeBatch();
        } catch {
        }
      });
    }
    this.batch.lines.push(line);
    this.seq = record.seq;
    this.prev = record.hash;
    return this.batchDone.then(() => record);
  }
  /** Writes the pending batch, if any, and settles its waiters. */
  writeBatch() {
    const batch = this.batch;
    if (!batch) return;
    this.batch = void 0;
    this.batchDone = void 0;
    try {
      this.write(batch.lines.join(""));
    } catch (error) {
      this.seq = batch.seq;
      this.prev = batch.prev;
      batch.reject(error);
      throw error;
    }
    batch.resolve();
  }
  write(text) {
    const line = Buffer.from(text, "utf8");
    let written = 0;
    try {
      while (written < line.length) written += writeSync(this.fd, line, written);
    } catch (error) {
      if (written > 0) {
        try {
          ftruncateSync(this.fd, this.size);
        } catch {
        }
      }
      this.failure = error;
      throw error;
    }
    this.size += line.length;
    this.failure = void 0;
  }
  /**
   * The record for `entry` built straight in canonical order (no sort, no second copy): the hot path's.
   * Undefined when the entry has a field RECORD_ORDER does not know, a value that is an object, or
   * arguments to record (then `build` does it the general way).
   */
  buildInOrder(entry) {
    const e = entry;
    let own = 0;
    for (const k in e) {
      if (k === "args" || k === "time") continue;
      const v = e[k];
      if (v === void 0) continue;
      if (v !== null && typeof v === "object") return void 0;
      own++;
    }
    const args = entry.args;
    if (args !== void 0 && this.options.recordArguments) return void 0;
    const out = {};
    let matched = 0;
    for (const k of RECORD_ORDER) {
      let v;
      switch (k) {
        case "args":
          continue;
        case "time":
          v = entry.time ?? isoNow();
          break;
        case "seq":
          v = this.seq + 1;
          break;
        case "prev":
          v = this.prev;
          break;
        case "replica":
          if (e.replica !== void 0) matched++;
          v = this.options.replica ?? e.replica;
          break;
        case "argsHash":
          if (e.argsHash !== void 0) matched++;
          v = e.argsHash ?? (args === void 0 ? void 0 : hashArgs(args));
          break;
        default:
          v = e[k];
          if (v !== void 0) {
            matched++;
            if (this.redact.secret(k)) v = REDACTED;
          }
      }
      if (v !== void 0) out[k] = v;
    }
    if (matched !== own) return void 0;
    return sealRecord(out, true);
  }
  /** The next record for `entry`, chained after the current last one (not yet written), and its line. */
  build(entry) {
    const inOrder = this.buildInOrder(entry);
    if (inOrder !== void 0) return inOrder;
    const fields = {};
    for (const k in entry) {
      if (k === "args" || k === "time") continue;
      const v = entry[k];
      if (v === void 0) continue;
      fields[k] = this.redact.secret(k) ? REDACTED : v !== null && typeof v === "object" ? this.redact(v) : v;
    }
    const { args, time } = entry;
    const body = fields;
    body.time = time ?? isoNow();
    body.seq = this.seq + 1;
    body.prev = this.prev;
    if (this.options.replica !== void 0) body.replica = this.options.replica;
    if (args !== void 0) {
      body.argsHash ??= hashArgs(args);
      if (this.options.recordArguments) body.args = this.redact(args);
    }
    return sealRecord(body);
  }
  /** Forces appended records to the disk. */
  async flush() {
    if (this.fd < 0) return;
    this.writeBatch();
    this.sync();
  }
  /** fsync, except where the log is not a file that can be synced (a device such as /dev/full: EINVAL). */
  sync() {
    try {
      fsyncSync(this.fd);
    } catch (error) {
      if (error.code !== "EINVAL") throw error;
    }
  }
  /** Flushes and closes the file. */
  close() {
    if (this.fd < 0) return;
    try {
      this.writeBatch();
    } finally {
      try {
        this.sync();
      } finally {
        closeSync(this.fd);
        this.fd = -1;
      }
    }
  }
};

export {
  AuditLogError,
  AuditLog
};
