// The Redis store's tool pins: one JSON string per (server, tool), written only if unchanged since it
// was read (another replica may be writing too), and a sorted set of `server\0tool` members as their
// index, so a server's pins are a range and nothing is listed with KEYS or SCAN. Split from redis.ts,
// which wraps each call so that a failure to reach Redis becomes a `StoreUnavailableError`.
import { approve, comparePins, inTarget, observe, type PinRecord, withStatus } from './pins.ts';
import type { KeyOf, RedisClient } from './redis-client.ts';
import type { PinObservation, PinTarget, ToolPin } from './types.ts';

/** `server\0tool` back to its parts. */
export function split(member: string): { server: string; tool: string } {
  const at = member.indexOf('\u0000');
  return { server: member.slice(0, at), tool: member.slice(at + 1) };
}

/** The index members (`server\0tool`) of the pins a target covers, from the pins' index `index`. */
export async function pinMembers(client: RedisClient, index: string, target: PinTarget): Promise<string[]> {
  if (target.server === undefined)
    return (await client.zrange(index, 0, -1)).filter((m) => inTarget(split(m), target));
  const prefix = `${target.server}\u0000`;
  return client.zrangebylex(
    index,
    `[${prefix}${target.tool ?? ''}`,
    target.tool === undefined ? `(${target.server}\u0001` : `[${prefix}${target.tool}`,
  );
}

/** The tool pins over one Redis client and key scheme. */
export class RedisPins {
  readonly #client: RedisClient;
  readonly #key: KeyOf;

  constructor(client: RedisClient, key: KeyOf) {
    this.#client = client;
    this.#key = key;
  }

  #pinKey(server: string, tool: string): string {
    return this.#key('pin', server, tool);
  }

  async #read(server: string, tool: string): Promise<{ json: string; pin: PinRecord | undefined }> {
    const json = (await this.#client.get(this.#pinKey(server, tool))) ?? '';
    return { json, pin: json === '' ? undefined : (JSON.parse(json) as PinRecord) };
  }

  /** Writes `change(current)` unless the pin changed since it was read (another replica): then reads again. */
  async #update(
    server: string,
    tool: string,
    change: (current: PinRecord | undefined) => PinRecord,
  ): Promise<ToolPin> {
    for (;;) {
      const { json, pin } = await this.#read(server, tool);
      const next = change(pin);
      if (next === pin) return withStatus(next);
      const written = await this.#client.mgPutPin(
        this.#pinKey(server, tool),
        this.#key('pins'),
        json,
        JSON.stringify(next),
        `${server}\u0000${tool}`,
      );
      if (written === 1) return withStatus(next);
    }
  }

  /** `Store.getPin`. */
  async get(server: string, tool: string): Promise<ToolPin | undefined> {
    const { pin } = await this.#read(server, tool);
    return pin && withStatus(pin);
  }

  /** `Store.putPin`: records what a backend offers for a tool (see `observe` in pins.ts). */
  async put(o: PinObservation): Promise<ToolPin> {
    return this.#update(o.server, o.tool, (current) => observe(current, o));
  }

  /** `Store.listPins`: the pins a target covers, sorted. */
  async list(target: PinTarget): Promise<ToolPin[]> {
    const members = await pinMembers(this.#client, this.#key('pins'), target);
    if (members.length === 0) return [];
    const values = await this.#client.mget(members.map((m) => this.#key('pin', m)));
    return values
      .filter((v): v is string => v !== null)
      .map((v) => JSON.parse(v) as PinRecord)
      .filter((p) => inTarget(p, target))
      .sort(comparePins)
      .map(withStatus);
  }

  /** `Store.approvePin` (see `approve` in pins.ts). */
  async approve(
    server: string,
    tool: string,
    by: string,
    now: number,
    expectHash?: string,
  ): Promise<ToolPin> {
    return this.#update(server, tool, (current) => approve(current, server, tool, by, now, expectHash));
  }

  /** `Store.resetPins`: deletes the pins a target covers, with their index entries; returns how many. */
  async reset(target: PinTarget): Promise<number> {
    const members = await pinMembers(this.#client, this.#key('pins'), target);
    if (members.length === 0) return 0;
    return this.#client.mgResetPins(
      members.length + 1,
      this.#key('pins'),
      ...members.map((m) => this.#key('pin', m)),
      ...members,
    );
  }
}
