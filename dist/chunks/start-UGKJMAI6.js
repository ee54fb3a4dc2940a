import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-2ZV7UIWL.js";
import "./chunk-PELRSRKV.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
