import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-BXGSCQ57.js";
import "./chunk-FCKO7X2W.js";
import "./chunk-BNXRC74E.js";
import "./chunk-UYLFND74.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
