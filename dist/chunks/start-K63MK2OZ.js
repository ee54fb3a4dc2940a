import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-QSSFY2UH.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-5P246TGH.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
