import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-GGYXDM5S.js";
import "./chunk-SVSYHHXB.js";
import "./chunk-E5YXLGHA.js";
import "./chunk-NPU2CCGS.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
