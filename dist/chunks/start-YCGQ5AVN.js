import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-3T6WRCMV.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-CSPWI7IH.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
