// A cap on the connections one client address holds open at once. Each connection is a file
// descriptor; without a cap one address could open enough idle or trickling connections to starve the
// guard (and the backends it starts) of descriptors. Past the cap a new connection gets a 429 and is
// closed at once, before any of its bytes are read.
import type { Socket } from 'node:net';

const BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: null,
  error: { code: -32029, message: 'too many connections from this address; retry' },
});
/** The answer to a connection over the cap, written raw: no request has been parsed yet. */
const TOO_MANY = `HTTP/1.1 429 Too Many Requests\r\nconnection: close\r\ncontent-type: application/json\r\nretry-after: 1\r\ncontent-length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;

/** Counts open connections per remote address and refuses those over `max`. */
export class ConnectionCap {
  readonly #max: number;
  readonly #open = new Map<string, number>();

  constructor(max: number) {
    this.#max = max;
  }

  /** Open connections from `address` (tests and diagnostics). */
  count(address: string): number {
    return this.#open.get(address) ?? 0;
  }

  /** Called for each new connection: counts it until it closes, or refuses it when over the cap. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const n = this.#open.get(address) ?? 0;
    if (n >= this.#max) {
      socket.on('error', () => {});
      socket.end(TOO_MANY);
      return;
    }
    this.#open.set(address, n + 1);
    socket.once('close', () => {
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left <= 0) this.#open.delete(address);
      else this.#open.set(address, left);
    });
  }
}
