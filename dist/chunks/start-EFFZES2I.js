import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-XAFW3FFB.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-26AX7FCF.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
