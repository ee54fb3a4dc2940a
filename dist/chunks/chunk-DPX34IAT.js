import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  StoreError
} from "./chunk-2A7OQJ75.js";

// src/guard/store/rules.ts
import { randomBytes } from "node:crypto";
var WINDOW_MS = 6e4;
var HOUR_MS = 36e5;
var SESSION_IDLE_MS = 24 * HOUR_MS;
var APPROVAL_KEEP_MS = 7 * 24 * HOUR_MS;
var TOKEN = 6e4;
var MICROS = 1e6;
function checkTake(limitPerMinute, want, refund) {
  if (!(limitPerMinute > 0)) throw new RangeError("limitPerMinute must be positive");
  if (!Number.isInteger(want) || want < 1 || !Number.isInteger(refund) || refund < 0)
    throw new RangeError("want must be a positive integer and refund a non-negative one");
}
function checkAmount(amount) {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError("amount must be finite and non-negative");
}
var toMicros = (x) => Math.round(x * MICROS);
function newApprovalId() {
  return randomBytes(8).toString("hex");
}
function statusAt(a, now) {
  return (a.status === "pending" || a.status === "approved") && a.expiresAt <= now ? "expired" : a.status;
}
function approvalPrefix(prefix) {
  const p = prefix.trim().toLowerCase();
  if (p === "")
    throw new StoreError("empty approval id; give the id (or a unique prefix) shown by `approvals list`");
  if (!/^[0-9a-f]+$/.test(p)) throw new StoreError(`"${prefix}" is not an approval id (ids are hexadecimal)`);
  return p;
}
function pickApprovalId(p, matches) {
  if (matches.length === 0) throw new StoreError(`no approval id starts with "${p}"`);
  if (matches.includes(p)) return p;
  if (matches.length > 1) {
    throw new StoreError(
      `"${p}" is ambiguous: ${matches.slice(0, 5).join(", ")}${matches.length > 5 ? ", ..." : ""}; give more characters`
    );
  }
  return matches[0];
}

// src/guard/store/pins.ts
function pinStatus(p) {
  if (p.hash === void 0) return "new";
  return p.pendingHash === void 0 ? "pinned" : "changed";
}
function withStatus(p) {
  return { ...p, status: pinStatus(p) };
}
function observe(existing, o) {
  if (!existing) {
    return o.trust ? { server: o.server, tool: o.tool, hash: o.hash, definition: o.definition, pinnedAt: o.now } : {
      server: o.server,
      tool: o.tool,
      pendingHash: o.hash,
      pendingDefinition: o.definition,
      changedAt: o.now
    };
  }
  if (existing.hash === o.hash) {
    if (existing.pendingHash === void 0) return existing;
    const { pendingHash: _h, pendingDefinition: _d, changedAt: _c, ...rest } = existing;
    return rest;
  }
  if (existing.pendingHash === o.hash) return existing;
  return { ...existing, pendingHash: o.hash, pendingDefinition: o.definition, changedAt: o.now };
}
function approve(existing, server, tool, by, now, expectHash) {
  const name = `${server}/${tool}`;
  if (!existing) throw new StoreError(`no pin for ${name}; \`guard pins list\` shows the pinned tools`);
  if (existing.pendingHash === void 0 || existing.pendingDefinition === void 0)
    throw new StoreError(`${name} has no pending change to approve (its pin is current)`);
  if (expectHash !== void 0 && !existing.pendingHash.startsWith(expectHash.toLowerCase()))
    throw new StoreError(
      `${name}: the pending version is now ${existing.pendingHash.slice(0, 12)}, not ${expectHash}; look at \`guard pins diff ${name}\` again`
    );
  return {
    server,
    tool,
    hash: existing.pendingHash,
    definition: existing.pendingDefinition,
    pinnedAt: now,
    approvedBy: by
  };
}
function inTarget(p, t = {}) {
  return (t.server === void 0 || p.server === t.server) && (t.tool === void 0 || p.tool === t.tool);
}
function comparePins(a, b) {
  return a.server === b.server ? a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0 : a.server < b.server ? -1 : 1;
}

export {
  WINDOW_MS,
  HOUR_MS,
  SESSION_IDLE_MS,
  APPROVAL_KEEP_MS,
  TOKEN,
  MICROS,
  checkTake,
  checkAmount,
  toMicros,
  newApprovalId,
  statusAt,
  approvalPrefix,
  pickApprovalId,
  withStatus,
  observe,
  approve,
  inTarget,
  comparePins
};
