import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-3A7AZ5BI.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
