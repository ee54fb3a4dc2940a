// The tool-pin rules both stores share, so SQLite and memory cannot drift apart: what an observation
// does to a pin (trust on first use, a pending version, a revert), what approval does, and how a
// pin's status follows from its hashes.
import { type PinObservation, type PinTarget, StoreError, type ToolPin } from './types.ts';

/** A pin as stored: the hashes and definitions, without the derived status. */
export type PinRecord = Omit<ToolPin, 'status'>;

/** `pinned`, `changed` or `new`, from which hashes a pin holds. */
export function pinStatus(p: PinRecord): ToolPin['status'] {
  if (p.hash === undefined) return 'new';
  return p.pendingHash === undefined ? 'pinned' : 'changed';
}

/** A stored record with its status. */
export function withStatus(p: PinRecord): ToolPin {
  return { ...p, status: pinStatus(p) };
}

/** The record after `o` is observed (see `Store.putPin`); `undefined` in means no pin yet. */
export function observe(existing: PinRecord | undefined, o: PinObservation): PinRecord {
  if (!existing) {
    return o.trust
      ? { server: o.server, tool: o.tool, hash: o.hash, definition: o.definition, pinnedAt: o.now }
      : {
          server: o.server,
          tool: o.tool,
          pendingHash: o.hash,
          pendingDefinition: o.definition,
          changedAt: o.now,
        };
  }
  if (existing.hash === o.hash) {
    // The common case (nothing changed) returns the same object, so the store need not write.
    if (existing.pendingHash === undefined) return existing;
    const { pendingHash: _h, pendingDefinition: _d, changedAt: _c, ...rest } = existing;
    return rest;
  }
  if (existing.pendingHash === o.hash) return existing;
  return { ...existing, pendingHash: o.hash, pendingDefinition: o.definition, changedAt: o.now };
}

/** The record after a human approves its pending version; throws a `StoreError` when that is not possible. */
export function approve(
  existing: PinRecord | undefined,
  server: string,
  tool: string,
  by: string,
  now: number,
  expectHash?: string,
): PinRecord {
  const name = `${server}/${tool}`;
  if (!existing) throw new StoreError(`no pin for ${name}; \`guard pins list\` shows the pinned tools`);
  if (existing.pendingHash === undefined || existing.pendingDefinition === undefined)
    throw new StoreError(`${name} has no pending change to approve (its pin is current)`);
  if (expectHash !== undefined && !existing.pendingHash.startsWith(expectHash.toLowerCase()))
    throw new StoreError(
      `${name}: the pending version is now ${existing.pendingHash.slice(0, 12)}, not ${expectHash}; look at \`guard pins diff ${name}\` again`,
    );
  return {
    server,
    tool,
    hash: existing.pendingHash,
    definition: existing.pendingDefinition,
    pinnedAt: now,
    approvedBy: by,
  };
}

/** Whether a pin is within a target (an empty target covers every pin). */
export function inTarget(p: { server: string; tool: string }, t: PinTarget = {}): boolean {
  return (t.server === undefined || p.server === t.server) && (t.tool === undefined || p.tool === t.tool);
}

/** Sort order of pin lists: by server, then tool. */
export function comparePins(a: PinRecord, b: PinRecord): number {
  return a.server === b.server
    ? a.tool < b.tool
      ? -1
      : a.tool > b.tool
        ? 1
        : 0
    : a.server < b.server
      ? -1
      : 1;
}
