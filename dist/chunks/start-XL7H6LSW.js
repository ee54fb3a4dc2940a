import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-PIDTRBAL.js";
import "./chunk-VWPGPIYQ.js";
import "./chunk-JFS4Q3CR.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
