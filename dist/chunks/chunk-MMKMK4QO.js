import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/state.ts
import { dirname, join } from "node:path";
function auditPathFor(config) {
  return config.audit.path ?? join(dirname(config.store.path), "audit.jsonl");
}
async function openGuardState(config) {
  const [{ openStore }, { AuditLog }] = await Promise.all([
    import("./store-GMEDX66K.js"),
    import("./audit-5PJKCCNE.js")
  ]);
  const auditPath = auditPathFor(config);
  const store = await openStore(config.store);
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
