import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-TBL4E4VZ.js";
import "./chunk-R6LV4NCB.js";
import "./chunk-YY4NUHN7.js";
import "./chunk-DCG4RF5V.js";
import "./chunk-QW46R6U7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
