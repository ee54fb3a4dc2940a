import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-JPQXLGBS.js";
import "./chunks/chunk-76OGET5N.js";
import "./chunks/chunk-HCMUO4LB.js";
import {
  loadGuardConfig
} from "./chunks/chunk-OYGGPVVV.js";
import {
  RULES,
  scan
} from "./chunks/chunk-FKYO7YCB.js";
import "./chunks/chunk-BSAEGRHY.js";
import "./chunks/chunk-A3EN2S4S.js";
import "./chunks/chunk-W2ULTYWY.js";
import "./chunks/chunk-6MOS6RNO.js";
import "./chunks/chunk-IZ36T4J7.js";
import "./chunks/chunk-RES7X5TR.js";
import "./chunks/chunk-67WYVQ3P.js";
import "./chunks/chunk-75TLNUCV.js";
import "./chunks/chunk-EGMZYHT4.js";
import "./chunks/chunk-NXYKEGLX.js";
import "./chunks/chunk-JFVBWFS7.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan
};
