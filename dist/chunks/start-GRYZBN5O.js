import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-BADC7M7X.js";
import "./chunk-VWPGPIYQ.js";
import "./chunk-CGKOU7XJ.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
