import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-WKWAFIA2.js";
import "./chunk-7FZL4AJE.js";
import "./chunk-2X33VQ7E.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
