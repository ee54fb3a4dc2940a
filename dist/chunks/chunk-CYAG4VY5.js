import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  lockWriter
} from "./chunk-GVOOQYRM.js";
import {
  AuditLog
} from "./chunk-2TU7KOET.js";

// src/guard/audit/repair.ts
import { createHash } from "node:crypto";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
async function repairAuditLog(path, now = /* @__PURE__ */ new Date()) {
  const lock = lockWriter(path);
  if (!lock) throw new Error(`${path}: a guard is writing this log; stop it first`);
  try {
    const buf = readFileSync(path);
    const cut = buf.lastIndexOf(10) + 1;
    const torn = buf.subarray(cut);
    if (torn.length === 0)
      throw new Error(
        `${path}: the last line is whole; nothing to repair (see \`mcp-guard guard audit verify\`)`
      );
    const aside = `${path}.torn-${now.toISOString().replace(/[:.]/g, "-")}`;
    writeFileSync(aside, torn, { mode: 384, flag: "wx" });
    truncateSync(path, cut);
    const log = await AuditLog.open(path);
    try {
      const record = log.append({
        decision: "repair",
        reason: `a torn last line (${torn.length} bytes, an interrupted write) was set aside in ${aside}`,
        tornSha256: createHash("sha256").update(torn).digest("hex")
      });
      return { aside, bytes: torn.length, seq: record.seq };
    } finally {
      log.close();
    }
  } finally {
    lock.close();
  }
}

export {
  repairAuditLog
};
