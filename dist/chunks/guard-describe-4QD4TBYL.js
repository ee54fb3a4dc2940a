import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
} from "./chunk-R5U6NFXR.js";
import "./chunk-7GQKP76L.js";
import "./chunk-J6PVKBXU.js";
import "./chunk-NPU2CCGS.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  describeGuardConfig,
  formatApprovalLine,
  formatAuditLine
};
