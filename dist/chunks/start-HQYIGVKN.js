import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-E37WLQMU.js";
import "./chunk-G32OPNXA.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
