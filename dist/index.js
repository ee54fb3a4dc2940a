import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-2SR3OIEU.js";
import "./chunks/chunk-76OGET5N.js";
import "./chunks/chunk-WPGMC7MP.js";
import {
  RULES,
  scan
} from "./chunks/chunk-V5ZULXBM.js";
import "./chunks/chunk-2PIKMBR2.js";
import "./chunks/chunk-UAZV4FOR.js";
import {
  loadGuardConfig
} from "./chunks/chunk-TXVXHWXO.js";
import "./chunks/chunk-6MOS6RNO.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
import "./chunks/chunk-3FEQ3C2E.js";

// src/index.ts
function scan2(options = {}) {
  return scan({ ...options, rules: options.rules ?? RULES });
}
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan2 as scan
};
