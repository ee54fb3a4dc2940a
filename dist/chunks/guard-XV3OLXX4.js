import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-V4QGWTAD.js";
import "./chunk-76OGET5N.js";
import "./chunk-NSL6TPKO.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-UOCYWBAK.js";
import "./chunk-FY4PTLU6.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
