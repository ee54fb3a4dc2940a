// The append-only audit log: one JSONL line per decision, chained by hash. Each append is a
// synchronous write to a file opened in append mode, so once `append` returns the record is in the
// operating system and survives a crash of the guard; `flush` fsyncs it to the disk.
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { type AuditRecord, GENESIS, hashArgs, recordHash, redact } from './record.ts';

/** What callers give; the log adds time, seq, prev and hash. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'prev' | 'hash' | 'time'> & { time?: string };

/** Options for {@link AuditLog.open}. */
export interface AuditOptions {
  /** Keep `args` in records (redacted); otherwise they are replaced by `argsHash`. */
  recordArguments?: boolean;
  /** Extra field names to redact. */
  redact?: string[];
}

/** Reads the last non-empty line of an open file without reading the whole file. */
function lastLine(fd: number): string | undefined {
  const size = fstatSync(fd).size;
  let chunk = 4096;
  while (true) {
    const start = Math.max(0, size - chunk);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString('utf8').replace(/\n+$/, '');
    const nl = text.lastIndexOf('\n');
    if (nl >= 0 || start === 0) return text.slice(nl + 1) || undefined;
    chunk *= 4;
  }
}

/** An open audit log. */
export class AuditLog {
  readonly path: string;
  private fd: number;
  private seq: number;
  private prev: string;
  private readonly options: AuditOptions;

  private constructor(path: string, fd: number, seq: number, prev: string, options: AuditOptions) {
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
  static async open(path: string, options: AuditOptions = {}): Promise<AuditLog> {
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(path, 'a+', 0o600);
    const last = lastLine(fd);
    if (last === undefined) return new AuditLog(path, fd, 0, GENESIS, options);
    let record: AuditRecord;
    try {
      record = JSON.parse(last);
    } catch {
      closeSync(fd);
      throw new Error(
        `${path}: the last line is not a JSON record; run \`mcp-guard guard audit verify ${path}\``,
      );
    }
    if (
      !Number.isInteger(record.seq) ||
      typeof record.hash !== 'string' ||
      recordHash(record) !== record.hash
    ) {
      closeSync(fd);
      throw new Error(
        `${path}: the last record does not match its hash; run \`mcp-guard guard audit verify ${path}\``,
      );
    }
    return new AuditLog(path, fd, record.seq, record.hash, options);
  }

  /** Appends one record (redacted, arguments hashed unless recorded) and returns it as written. */
  append(entry: AuditEntry): AuditRecord {
    if (this.fd < 0) throw new Error('audit log is closed');
    const { args, time, ...rest } = entry;
    const body: Omit<AuditRecord, 'hash'> = {
      ...redact(rest, this.options.redact),
      time: time ?? new Date().toISOString(),
      seq: this.seq + 1,
      prev: this.prev,
    };
    if (args !== undefined) {
      body.argsHash ??= hashArgs(args);
      if (this.options.recordArguments) body.args = redact(args, this.options.redact);
    }
    const record: AuditRecord = { ...body, hash: recordHash(body) };
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written);
    this.seq = record.seq;
    this.prev = record.hash;
    return record;
  }

  /** Forces appended records to the disk. */
  async flush(): Promise<void> {
    if (this.fd >= 0) fsyncSync(this.fd);
  }

  /** Flushes and closes the file. */
  close(): void {
    if (this.fd < 0) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
  }
}
