import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import "./chunk-3FEQ3C2E.js";

// src/guard/store/evict.ts
var EVICT_EVERY_MS = 6e4;
function startEviction(store, options = {}) {
  const now = options.now ?? Date.now;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    store.evictIdle(now()).catch((error) => options.onerror?.(error)).finally(() => {
      running = false;
    });
  }, options.everyMs ?? EVICT_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
export {
  EVICT_EVERY_MS,
  startEviction
};
