import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-UUKPSF4J.js";
import "./chunk-6WXXMZ7E.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
