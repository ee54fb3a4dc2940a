import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-Z3H2VSPE.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
