import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-46JD7BNZ.js";
import "./chunk-H3GJDHQZ.js";
import "./chunk-B33TW6PS.js";
import "./chunk-QW46R6U7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
