import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-ITMGAU4H.js";
import "./chunk-CGKOU7XJ.js";
import "./chunk-YJ42EYLH.js";
import "./chunk-TU4FYB7A.js";
import "./chunk-QW46R6U7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
