import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  StoreError
} from "./chunk-HZMRL6GN.js";
import "./chunk-3FEQ3C2E.js";

// src/guard/store/index.ts
async function openStore(config) {
  const { SqliteStore } = await import("./sqlite-DNRHEULL.js");
  return SqliteStore.open(config.path);
}
export {
  StoreError,
  openStore
};
