import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-UIWY3GGX.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-34OFH2VL.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
