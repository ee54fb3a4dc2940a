import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/state.ts
import { dirname, join, resolve } from "node:path";
function auditPathFor(config) {
  if (config.audit.path !== void 0) return config.audit.path;
  const dir = config.store.type === "sqlite" ? dirname(config.store.path) : resolve(dirname(config.file), ".mcp-guard");
  return join(dir, "audit.jsonl");
}
async function openGuardState(config, log) {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import("./store-75AOVXN6.js"),
    import("./audit-5PJKCCNE.js")
  ]);
  const auditPath = auditPathFor(config);
  const store = await openStore(config.store, { requireReady: false, log });
  const audit = await AuditLog.open(auditPath, {
    recordArguments: config.audit.recordArguments,
    redact: config.audit.redact
  }).catch(async (error) => {
    await store.close();
    throw error;
  });
  return {
    store,
    audit,
    auditPath,
    async close() {
      audit.close();
      await store.close();
    }
  };
}

export {
  auditPathFor,
  openGuardState
};
