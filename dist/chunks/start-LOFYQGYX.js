import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-UGIR6PWT.js";
import "./chunk-R6LV4NCB.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
