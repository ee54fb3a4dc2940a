import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-SSAPPKXO.js";
import "./chunk-666LM267.js";
import "./chunk-AAOBOPLT.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
