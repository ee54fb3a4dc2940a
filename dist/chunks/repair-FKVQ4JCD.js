import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-R6HYTADJ.js";
import "./chunk-GTMIEZLY.js";
import "./chunk-ISYRB2GD.js";
import "./chunk-LRZGNOIT.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
