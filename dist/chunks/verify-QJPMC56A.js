import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-RQ2VNGAO.js";
import "./chunk-LRZGNOIT.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
