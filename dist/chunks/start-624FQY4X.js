import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-CXWEEZ5U.js";
import "./chunk-UNDICQAT.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
