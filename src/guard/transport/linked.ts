// Two transports joined in memory, as the MCP SDK's `InMemoryTransport.createLinkedPair`: what one
// side sends, the other receives on the next microtask (never synchronously, as over a real pipe).
// Unit tests put the relay, a correlator or a backend between such a pair and a scripted peer.
import type { RpcMessage } from '../jsonrpc.ts';
import type { MessageTransport } from './types.ts';

/** One end of a linked pair. */
export class LinkedTransport implements MessageTransport {
  onmessage?: (message: RpcMessage) => void;
  onclose?: (reason?: string) => void;
  onerror?: (error: Error) => void;
  /** Every message this end has sent, in order (for assertions). */
  readonly sent: RpcMessage[] = [];
  #other: LinkedTransport | undefined;
  #started = false;
  /** Messages that arrived before `start`, delivered once it is called. */
  #early: RpcMessage[] = [];
  #closed = false;

  /** Two ends: what `a` sends, `b` receives, and the other way round. */
  static pair(): [LinkedTransport, LinkedTransport] {
    const a = new LinkedTransport();
    const b = new LinkedTransport();
    a.#other = b;
    b.#other = a;
    return [a, b];
  }

  get closed(): boolean {
    return this.#closed;
  }

  async start(): Promise<void> {
    this.#started = true;
    for (const m of this.#early.splice(0)) this.onmessage?.(m);
  }

  async send(message: RpcMessage): Promise<void> {
    if (this.#closed) throw new Error('transport is closed');
    this.sent.push(message);
    const other = this.#other!;
    queueMicrotask(() => other.#deliver(message));
  }

  /** Closes both ends (each side's `onclose` runs once; the far side's is given `reason`). */
  async close(reason?: string): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.();
    const other = this.#other;
    if (other !== undefined) other.#hangUp(reason);
  }

  /** Drops the connection at once (a `Connection` for a supervisor in unit tests). */
  abort(): void {
    void this.close();
  }

  #hangUp(reason: string | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.(reason);
  }

  #deliver(message: RpcMessage): void {
    if (this.#closed) return;
    if (!this.#started) this.#early.push(message);
    else this.onmessage?.(message);
  }
}
