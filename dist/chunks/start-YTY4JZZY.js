import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-GFDHAS4E.js";
import "./chunk-TEFBO2II.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
