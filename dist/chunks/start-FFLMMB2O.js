import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-DJII3IHK.js";
import "./chunk-H3GJDHQZ.js";
import "./chunk-2X33VQ7E.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
