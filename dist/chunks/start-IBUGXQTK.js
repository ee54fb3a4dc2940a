import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunk-7O4J5CDU.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-JFS4Q3CR.js";
import "./chunk-3FEQ3C2E.js";
export {
  GuardStartError,
  startGuard
};
