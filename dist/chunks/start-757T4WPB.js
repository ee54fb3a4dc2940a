import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-M3OANQNK.js";
import "./chunk-IM7GSJNZ.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
