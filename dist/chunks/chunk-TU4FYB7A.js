import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  redisAddress
} from "./chunk-QW46R6U7.js";

// src/guard/store/index.ts
async function openStore(config, options = {}) {
  if (config.type === "redis") {
    const { RedisStore } = await import("./redis-CAMIEVRG.js");
    return RedisStore.open(config, options);
  }
  const { SqliteStore } = await import("./sqlite-3MDINTNM.js");
  return SqliteStore.open(config.path);
}
function describeStore(config) {
  if (config.type === "sqlite") return `sqlite ${config.path}`;
  return `redis ${redisAddress(config)} (keys ${config.keyPrefix}*)`;
}

export {
  openStore,
  describeStore
};
