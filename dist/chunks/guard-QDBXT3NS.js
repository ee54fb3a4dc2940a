import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-JPQXLGBS.js";
import "./chunk-76OGET5N.js";
import "./chunk-HCMUO4LB.js";
import "./chunk-BSAEGRHY.js";
import "./chunk-6MOS6RNO.js";
import "./chunk-RES7X5TR.js";
import "./chunk-67WYVQ3P.js";
import "./chunk-75TLNUCV.js";
import "./chunk-EGMZYHT4.js";
import "./chunk-NXYKEGLX.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
