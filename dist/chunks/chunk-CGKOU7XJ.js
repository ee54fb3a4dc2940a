import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/state.ts
import { dirname, join, resolve } from "node:path";
function auditPathFor(config) {
  if (config.audit.path !== void 0) return config.audit.path;
  const dir = config.store.type === "sqlite" ? dirname(config.store.path) : resolve(dirname(config.file), ".mcp-guard");
  return join(dir, "audit.jsonl");
}
async function openGuardState(config, log) {
  const [{ openStore }, { openWriter, recordUnfinished }] = await Promise.all([
    import("./store-EYBBWJSE.js"),
    import("./writers-WBR263TQ.js")
  ]);
  const store = await openStore(config.store, { requireReady: false, log });
  let writer;
  try {
    writer = await openWriter(auditPathFor(config), {
      recordArguments: config.audit.recordArguments,
      redact: config.audit.redact,
      replica: config.replica
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const released = await store.releaseUnforwarded(writer.id).catch((error) => {
    log?.(`mcp-guard: cannot release the spend of calls never forwarded yet: ${error.message}`);
    return [];
  });
  const unsent = new Set(released);
  for (const lease of writer.leases) {
    if (!lease.complete || unsent.has(lease.reservation)) continue;
    try {
      await store.settle(lease.reservation, lease.amount);
    } catch (error) {
      log?.(`mcp-guard: cannot settle a spend lease of the previous run: ${error.message}`);
    }
  }
  const left = recordUnfinished(writer.log, writer.unfinished, unsent);
  const notes = [
    left.unknown ? `${left.unknown} call(s) forwarded before a crash recorded as unknown` : "",
    left.unsent ? `${left.unsent} call(s) recorded before a crash but never sent recorded as errors` : "",
    released.length ? `${released.length} spend reservation(s) of calls never forwarded released` : ""
  ].filter(Boolean);
  return {
    store,
    audit: writer.log,
    auditPath: writer.path,
    writer: writer.id,
    recovered: notes.join("; "),
    async close() {
      writer.close();
      await store.close();
    }
  };
}

export {
  auditPathFor,
  openGuardState
};
