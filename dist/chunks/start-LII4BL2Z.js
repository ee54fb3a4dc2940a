import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-NF4APLY2.js";
import "./chunk-JMETNRFH.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
