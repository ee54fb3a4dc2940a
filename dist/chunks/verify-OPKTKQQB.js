import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-M6V24A5U.js";
import "./chunk-UYLFND74.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
