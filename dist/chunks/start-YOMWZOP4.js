import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-W3OFFHRN.js";
import "./chunk-2X33VQ7E.js";
import "./chunk-OKDBJFD7.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
