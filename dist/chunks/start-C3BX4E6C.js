import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-OADFA3AO.js";
import "./chunk-5RWDKV37.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
