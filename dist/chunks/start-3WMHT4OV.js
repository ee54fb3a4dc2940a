import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-2D62JU7C.js";
import "./chunk-AZA7RF5M.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
