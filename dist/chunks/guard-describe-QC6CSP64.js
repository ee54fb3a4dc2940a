import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-3CYU27AM.js";
import "./chunk-3W7JU7BJ.js";
import "./chunk-HMFXZKU6.js";
import "./chunk-NPU2CCGS.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
