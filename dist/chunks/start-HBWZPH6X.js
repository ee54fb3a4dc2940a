import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-D73XU52D.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-I2NKF37Q.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
