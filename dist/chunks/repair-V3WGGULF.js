import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-67WYVQ3P.js";
import "./chunk-75TLNUCV.js";
import "./chunk-EGMZYHT4.js";
import "./chunk-NXYKEGLX.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
