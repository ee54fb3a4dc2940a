import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-RXMHZBZL.js";
import "./chunk-N6UU7ADQ.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
