// The records of the in-memory store (`Store.putRecord` and its neighbours): a map per kind, with the
// lookup and group indexes beside it. Expired records read as absent and go at the next `evict`.
import type { RecordWrite, StoredRecord } from './types.ts';

interface Entry extends RecordWrite {
  id: string;
  consumedAt?: number;
}

const live = (e: Entry | undefined, now: number): e is Entry =>
  e !== undefined && (e.expiresAt === undefined || e.expiresAt > now);

const read = (e: Entry): StoredRecord =>
  e.consumedAt === undefined
    ? { id: e.id, value: e.value }
    : { id: e.id, value: e.value, consumedAt: e.consumedAt };

/** The records of one process (memory store). */
export class MemoryRecords {
  /** kind -> id -> entry. */
  readonly #kinds = new Map<string, Map<string, Entry>>();

  #kind(kind: string): Map<string, Entry> {
    let m = this.#kinds.get(kind);
    if (!m) {
      m = new Map();
      this.#kinds.set(kind, m);
    }
    return m;
  }

  put(kind: string, id: string, write: RecordWrite, now: number, ifAbsent = false): boolean {
    const m = this.#kind(kind);
    if (ifAbsent && live(m.get(id), now)) return false;
    m.delete(id); // re-inserted last: lookups prefer the newest
    m.set(id, { ...write, id });
    return true;
  }

  get(kind: string, id: string, now: number): StoredRecord | undefined {
    const e = this.#kinds.get(kind)?.get(id);
    return live(e, now) ? read(e) : undefined;
  }

  find(kind: string, lookup: string, now: number): StoredRecord | undefined {
    let found: Entry | undefined;
    for (const e of this.#kinds.get(kind)?.values() ?? []) if (e.lookup === lookup && live(e, now)) found = e;
    return found && read(found);
  }

  consume(kind: string, id: string, now: number): void {
    const e = this.#kinds.get(kind)?.get(id);
    if (live(e, now)) e.consumedAt = now;
  }

  delete(kind: string, id: string): void {
    this.#kinds.get(kind)?.delete(id);
  }

  deleteGroup(kind: string, group: string): void {
    const m = this.#kinds.get(kind);
    for (const [id, e] of m ?? []) if (e.group === group) m?.delete(id);
  }

  /** Drops expired records. */
  evict(now: number): void {
    for (const m of this.#kinds.values()) for (const [id, e] of m) if (!live(e, now)) m.delete(id);
  }

  /** Records held, expired ones not yet evicted included. */
  get size(): number {
    let n = 0;
    for (const m of this.#kinds.values()) n += m.size;
    return n;
  }
}
