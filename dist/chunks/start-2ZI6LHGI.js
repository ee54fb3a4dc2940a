import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-6E6IFBCG.js";
import "./chunk-7GQKP76L.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
