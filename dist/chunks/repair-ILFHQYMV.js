import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-SZFVYLYK.js";
import "./chunk-22SMCWJD.js";
import "./chunk-TO5GWUCK.js";
import "./chunk-UYLFND74.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
