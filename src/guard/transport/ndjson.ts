// Newline-delimited JSON over a pair of streams, in the MCP SDK's `Transport` shape. Used for both
// sides of the guard: its own stdin/stdout (the client) and a child's stdio (a backend). Framing,
// the per-message size cap, UTF-8 and JSON checks live here; the relay only ever sees valid messages.
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CODES } from '../errors.ts';
import {
  cannotNestDeeper,
  DEFAULT_MAX_DEPTH,
  errorResponse,
  type RpcMessage,
  type RpcResponse,
  validateMessage,
} from '../jsonrpc.ts';
import { rawOf, rememberRaw } from './raw.ts';
import { sniffId } from './sniff.ts';
import type { MessageTransport } from './types.ts';

/** Options of an NDJSON transport. */
export interface NdjsonOptions {
  /** Largest accepted line in bytes (default 4 MiB); longer lines are discarded as they stream by. */
  maxMessageBytes?: number;
  /** Deepest nesting of arrays and objects accepted (default `DEFAULT_MAX_DEPTH`, `limits.max_depth`). */
  maxDepth?: number;
  /**
   * Write a message that another NDJSON transport received, and nobody changed since, as the text it
   * came as (raw.ts). For the guard's stdout to its client only; default off.
   */
  sendRaw?: boolean;
}

const DEFAULT_MAX = 4 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
/**
 * Lines at least this long are remembered for raw forwarding (raw.ts). Measured on Node 24: serializing
 * a message again costs about 2 µs per KiB, remembering and finding its text about 0.2 µs whatever its
 * size, plus the garbage collector's work on weak entries, which made it a loss for small messages.
 */
export const RAW_MIN_BYTES = 1024;
/**
 * One strict decoder for every line: constructing a TextDecoder per line was a visible share of the
 * guard's CPU under load. Without `stream: true` a decode keeps no state between calls, so sharing is safe.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Validation without the depth walk (see `cannotNestDeeper`). */
const NO_DEPTH = {};

/** NDJSON transport over a readable (incoming) and a writable (outgoing) stream. */
export class NdjsonTransport implements MessageTransport {
  onmessage?: (message: RpcMessage) => void;
  onclose?: () => void;
  onend?: () => void;
  onerror?: (error: Error) => void;
  oninvalid?: (reply: RpcResponse | undefined, reason: string) => void;

  readonly #in: Readable;
  readonly #out: Writable;
  readonly #max: number;
  readonly #validate: { maxDepth: number };
  readonly #sendRaw: boolean;
  #parts: Buffer[] = [];
  #length = 0;
  #discarding = false;
  #closed = false;
  readonly #onData = (chunk: Buffer | string) =>
    this.#read(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  readonly #onEnd = () => this.#finish();
  readonly #onError = (error: Error) => this.onerror?.(error);
  /** A line already went out at once in this tick (or a burst is being gathered): the next ones wait (see `send`). */
  #turn = false;
  /** Lines sent since then, in order: they leave together in one write at the end of the turn. */
  #pending = '';
  /** Settles once the pending lines are handed to the stream: true while it has room (`write`'s verdict). */
  #flushed: Promise<boolean> | undefined;
  #settleFlushed: { resolve: (room: boolean) => void; reject: (error: Error) => void } | undefined;
  /**
   * After the first line of a turn, once the current callbacks and microtasks are done: nothing else
   * was sent (one message at a time) and the next line may go out at once again; or more lines wait
   * (a burst), and they leave together at the end of the event-loop turn, with whatever joins them.
   */
  readonly #endTick = (): void => {
    if (this.#settleFlushed === undefined) this.#turn = false;
    else setImmediate(this.#flush);
  };
  /** Ends the turn: writes the pending lines, if any (also called before the stream ends). */
  readonly #flush = (): void => {
    this.#turn = false;
    const settle = this.#settleFlushed;
    if (settle === undefined) return;
    const text = this.#pending;
    this.#pending = '';
    this.#flushed = undefined;
    this.#settleFlushed = undefined;
    if (this.#out.destroyed || this.#out.writableEnded) {
      settle.reject(new Error('transport is closed'));
      return;
    }
    try {
      settle.resolve(this.#out.write(text));
    } catch (error) {
      settle.reject(error as Error);
    }
  };

  constructor(input: Readable, output: Writable, options: NdjsonOptions = {}) {
    this.#in = input;
    this.#out = output;
    this.#max = options.maxMessageBytes ?? DEFAULT_MAX;
    this.#validate = { maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH };
    this.#sendRaw = options.sendRaw === true;
  }

  /** Starts reading. Install the callbacks first. */
  async start(): Promise<void> {
    this.#in.on('data', this.#onData);
    this.#in.on('end', this.#onEnd);
    this.#in.on('close', this.#onEnd);
    this.#in.on('error', this.#onError);
    this.#out.on('error', this.#onError);
  }

  /**
   * Writes one message as one line; waits for the stream to drain so a slow peer cannot grow memory.
   * A line goes out at once when none went out since the last tick (one message at a time, sequential
   * load, waits for nothing and costs no more than that); the lines sent after it leave together in one
   * write, in the check phase (`setImmediate`) that ends the event-loop turn, so a burst of pipelined
   * messages costs two or three system calls instead of one each (for a pipe, each wakes the reader).
   * `send` resolves only once its line is in the stream.
   */
  async send(message: RpcMessage): Promise<void> {
    if (this.#closed || this.#out.destroyed || this.#out.writableEnded) {
      throw new Error('transport is closed');
    }
    const raw = this.#sendRaw ? rawOf(message) : undefined;
    const line = `${raw ?? JSON.stringify(message)}\n`;
    let room: boolean;
    if (!this.#turn) {
      this.#turn = true;
      process.nextTick(this.#endTick);
      room = this.#out.write(line);
    } else {
      this.#pending += line;
      if (this.#flushed === undefined) {
        this.#flushed = new Promise<boolean>((resolve, reject) => {
          this.#settleFlushed = { resolve, reject };
        });
      }
      room = await this.#flushed;
    }
    if (!room && this.#out.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#out.off('drain', done);
          this.#out.off('close', done);
          resolve();
        };
        this.#out.on('drain', done);
        this.#out.on('close', done);
      });
    }
  }

  /** Stops reading and ends the outgoing stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#detach();
    // A paused stream no longer holds the event loop open (the guard's own stdin, at shutdown).
    this.#in.pause();
    // Lines already sent leave before the end.
    this.#flush();
    if (!this.#out.writableEnded && !this.#out.destroyed) this.#out.end();
    this.#closed = true;
    this.onclose?.();
  }

  #detach(): void {
    this.#in.off('data', this.#onData);
    this.#in.off('end', this.#onEnd);
    this.#in.off('close', this.#onEnd);
  }

  #finish(): void {
    if (this.#closed) return;
    if (this.#length > 0 && !this.#discarding) this.#line(Buffer.concat(this.#parts));
    this.#parts = [];
    this.#length = 0;
    this.#detach();
    // A piped one-shot request (`echo '{...}' | mcp-guard guard serve`) ends its input at once: the
    // owner decides when to close, once the answers are out.
    if (this.onend) {
      this.onend();
      return;
    }
    this.#closed = true;
    this.onclose?.();
  }

  #read(chunk: Buffer): void {
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
  #overflow(piece: Buffer): void {
    const head = Buffer.concat([...this.#parts, piece]).subarray(0, SNIFF_BYTES);
    const id = sniffId(new StringDecoder('utf8').write(head));
    this.#parts = [];
    this.#length = 0;
    this.#discarding = true;
    const reason = `message larger than the limit of ${this.#max} bytes (limits.maxMessageBytes)`;
    this.oninvalid?.(errorResponse(id ?? null, CODES.invalidRequest, reason), reason);
  }

  #line(bytes: Buffer): void {
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      const reason = 'parse error: the line is not valid UTF-8';
      this.oninvalid?.(errorResponse(null, CODES.parseError, reason), reason);
      return;
    }
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = `parse error: ${(error as Error).message}`;
      this.oninvalid?.(errorResponse(null, CODES.parseError, reason), reason);
      return;
    }
    // A line with no more brackets than the depth limit cannot nest deeper: the walk is skipped.
    const checked = validateMessage(
      value,
      cannotNestDeeper(text, this.#validate.maxDepth) ? NO_DEPTH : this.#validate,
    );
    if (!checked.ok) {
      const reason =
        checked.code === CODES.invalidParams ? checked.error : `invalid request: ${checked.error}`;
      // An invalid notification is reported but never answered (a notification gets no response).
      const reply = checked.notification ? undefined : errorResponse(checked.id, checked.code, reason);
      this.oninvalid?.(reply, reason);
      return;
    }
    // What this transport sends raw comes from the others; its own messages are never sent back raw.
    // Below RAW_MIN_BYTES serializing again costs less than remembering (a weak map entry per message).
    if (!this.#sendRaw && bytes.length >= RAW_MIN_BYTES) rememberRaw(checked.message, text);
    this.onmessage?.(checked.message);
  }
}
