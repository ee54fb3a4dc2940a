import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-V4QGWTAD.js";
import "./chunks/chunk-76OGET5N.js";
import {
  loadGuardConfig
} from "./chunks/chunk-TFAWKVLB.js";
import "./chunks/chunk-NSL6TPKO.js";
import {
  RULES,
  scan
} from "./chunks/chunk-C2YNBSSM.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-UOCYWBAK.js";
import "./chunks/chunk-FY4PTLU6.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan
};
