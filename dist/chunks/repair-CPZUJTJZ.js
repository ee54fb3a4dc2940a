import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-42ZA5WAO.js";
import "./chunk-E7MUAGPL.js";
import "./chunk-7IRYU4PT.js";
import "./chunk-GHLVZI3A.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
