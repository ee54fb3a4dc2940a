// The events a Streamable HTTP session has sent on its SSE streams, kept so a client whose stream
// dropped can resume it with `Last-Event-ID` (the MCP SDK's `EventStore` interface). Bounded per
// session, oldest first out: a client that stays away too long resumes with a gap rather than the
// guard keeping every event of every session for ever.
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Events kept per session, at most. */
export const MAX_EVENTS = 256;
/** Bytes of events kept per session, at most. */
export const MAX_EVENT_BYTES = 1024 * 1024;

interface Stored {
  stream: string;
  seq: number;
  message: JSONRPCMessage;
  bytes: number;
}

/** One session's recent SSE events, by event id. */
export class SessionEventStore implements EventStore {
  /** Event id -> event, oldest first (Map keeps insertion order). */
  readonly #events = new Map<string, Stored>();
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #seq = 0;
  #bytes = 0;

  constructor(maxEvents = MAX_EVENTS, maxBytes = MAX_EVENT_BYTES) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  /** Events kept right now. */
  get size(): number {
    return this.#events.size;
  }

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const seq = ++this.#seq;
    const id = `${seq}`;
    const bytes = JSON.stringify(message).length;
    this.#events.set(id, { stream: streamId, seq, message, bytes });
    this.#bytes += bytes;
    for (const [oldest, event] of this.#events) {
      if (this.#events.size <= this.#maxEvents && this.#bytes <= this.#maxBytes) break;
      this.#events.delete(oldest);
      this.#bytes -= event.bytes;
    }
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.#events.get(eventId)?.stream;
  }

  /** Sends the events of `lastEventId`'s stream that came after it; returns that stream's id. */
  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const last = this.#events.get(lastEventId);
    if (last === undefined) throw new Error(`unknown event id ${lastEventId}`);
    for (const [id, event] of this.#events) {
      // Priming events carry no message: nothing to replay.
      if (event.seq > last.seq && event.stream === last.stream && 'jsonrpc' in event.message)
        await send(id, event.message);
    }
    return last.stream;
  }
}
